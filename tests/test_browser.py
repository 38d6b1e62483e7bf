"""The built site in headless Chromium (Debian's), served from localhost under a sub-path, as
GitHub Pages serves it (the fixtures are in conftest.py and tests/chromium.py, shared with the
compare page's tests): charts, search, instant navigation, the tables' script, the map, downloads
and feeds, with no console errors and nothing loaded from elsewhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from generator.model import VISIT_KINDS, Dataset, Kind
from generator.render.dates import when
from generator.timeline import open_interventions
from tests.chromium import Site, Tab
from tests.conftest import SEED_AUTHORITIES

CHARTED = ["hartlepool", "kingston-upon-hull", "trafford", "west-sussex"]
#: The tab fixture's browser options for each palette.
SCHEMES = [pytest.param({"color_scheme": s}, id=s) for s in ("light", "dark")]

pytestmark = pytest.mark.browser


def chart_state(page: object, variant: str) -> dict[str, object]:
    """Whether the chart of a palette is shown, and loaded once scrolled to (it loads lazily, as
    the reader comes to it; the other palette's is never shown, nor fetched)."""
    return page.evaluate(  # type: ignore[attr-defined]
        """async variant => {
            const img = document.querySelector(`img.it-chart[src$="#only-${variant}"]`);
            const box = img.getBoundingClientRect();
            const shown = box.width > 300 && box.height > 100;
            if (shown) {
              img.scrollIntoView();
              await img.decode().catch(() => null);
            }
            return {loaded: img.complete && img.naturalWidth > 0, shown: shown};
        }""", variant)


@pytest.mark.parametrize("tab", SCHEMES, indirect=True)
@pytest.mark.parametrize("slug", CHARTED)
def test_chart_is_drawn_without_errors_or_outside_requests(tab: Tab, site_url: str, slug: str) -> None:
    page = tab.page
    scheme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"  # type: ignore[attr-defined]
    page.goto(f"{site_url}authorities/{slug}/", wait_until="networkidle")  # type: ignore[attr-defined]
    other = "light" if scheme == "dark" else "dark"
    assert chart_state(page, scheme) == {"loaded": True, "shown": True}
    assert chart_state(page, other)["shown"] is False
    assert tab.errors == []
    assert tab.requests and tab.foreign_requests() == []


@pytest.mark.parametrize(("query", "found"), [
    ("Hull", {"kingston-upon-hull"}),  # a common name in the lookup's "also known as"
    ("E06000010", {"kingston-upon-hull"}),  # the ONS code
    ("810", {"kingston-upon-hull"}),  # the DfE code
    ("Stoke", {"stoke-on-trent"}),  # common names from the map's labels
    ("Herts", {"hertfordshire"}),
    ("Northants", {"north-northamptonshire", "west-northamptonshire"}),
])
def test_search_finds_the_authority_first(tab: Tab, any_site: Site, query: str, found: set[str]) -> None:
    page, search = tab.page, any_site.search
    page.goto(any_site.url, wait_until="networkidle")  # type: ignore[attr-defined]
    if search.opener:
        page.click(search.opener)  # type: ignore[attr-defined]
    # The whole query at once: typed letter by letter, the first results may be a prefix's.
    page.fill(search.field, query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    first = page.wait_for_selector(search.result)  # type: ignore[attr-defined]
    assert urlsplit(first.get_attribute("href")).path.split("/authorities/")[-1].strip("/") in found
    assert tab.errors == [] and tab.foreign_requests() == []


def _months_on(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole months (to the month's last day where it is shorter)."""
    year, month = divmod(day.month - 1 + months, 12)
    last = calendar.monthrange(day.year + year, month + 1)[1]
    return dt.date(day.year + year, month + 1, min(day.day, last))


@pytest.mark.parametrize("slug", sorted(SEED_AUTHORITIES))
def test_each_seed_authority_s_summary_says_what_its_data_say(tab: Tab, site_url: str, dataset: Dataset,
                                                             slug: str) -> None:
    """The summary as a reader sees it, checked against the data read here directly: the latest
    dated full inspection and its grades, the days since it ended, the visits since, intervention
    with no recorded end, and the window the ILACS rhythm in data/frameworks.yaml gives."""
    page = tab.page
    page.goto(f"{site_url}authorities/{slug}/", wait_until="networkidle")  # type: ignore[attr-defined]
    shown = " ".join(page.evaluate(  # type: ignore[attr-defined]
        """() => { const parts = []; let node = document.getElementById('latest').nextElementSibling;
                   while (node && node.tagName !== 'H2' && node.tagName !== 'DETAILS') {
                     parts.push(node.innerText); node = node.nextElementSibling; }
                   return parts.join(' '); }""").split())
    timeline = dataset.timeline(slug)
    inspections = [e for e in timeline.events if e.kind is Kind.FULL_INSPECTION and e.date is not None]
    latest = max(inspections, key=lambda e: (e.date.first_day(), (e.end or e.date).last_day()))
    ended = (latest.end or latest.date).last_day()
    assert f"Latest full inspection: the full inspection of {when(latest)}" in shown
    for area, grade in latest.judgements.items():
        assert f"{area.label}: {grade.label}" in shown
    assert f"Since it ended: {(dataset.as_of.first_day() - ended).days:,} day" in shown
    visits = [e for e in timeline.events if e.kind in VISIT_KINDS and e.date is not None and e.date.first_day() > ended]
    assert (f"Visits since: {len(visits)}:" if visits else "Visits since: none in these data.") in shown
    open_periods = open_interventions(timeline.events)
    assert ("DfE intervention with no recorded end: none in these data." in shown) is (not open_periods)
    rhythm = latest.framework.rhythm if latest.framework else None
    grade = latest.judgements.get(rhythm.area) if rhythm else None
    rule = rhythm.after(grade) if rhythm and grade else None
    if rule and rule.months:
        earliest = _months_on((latest.end or latest.date).first_day(), rule.months[0])
        latest_day = _months_on(ended, rule.months[1])
        assert f"Next full inspection: between {earliest:%B %Y} and {latest_day:%B %Y}" in shown
    else:
        assert "Next full inspection: no window can be estimated" in shown
    assert page.get_by_role("link", name="How this is estimated").get_attribute("href").endswith(  # type: ignore[attr-defined]
        "next-inspection/")
    assert tab.errors == [] and tab.foreign_requests() == []


def test_the_front_page_s_button_opens_the_search_ready_to_type(tab: Tab, any_site: Site) -> None:
    from playwright.sync_api import expect

    page, search = tab.page, any_site.search
    page.goto(any_site.url, wait_until="networkidle")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Find an authority").click()  # type: ignore[attr-defined]
    field = page.locator(search.field)  # type: ignore[attr-defined]
    field.wait_for()
    assert field.evaluate("field => field.getRootNode().activeElement === field")  # focused, in its shadow root or not
    assert page.get_attribute(search.dialog, "aria-label") in ("Search the site", "Search")  # type: ignore[attr-defined]
    page.keyboard.type("Hull")  # type: ignore[attr-defined]
    # The first result becomes Hull's page as the letters come (its link may carry the query, ?h=Hull).
    expect(page.locator(search.result).first).to_have_attribute(  # type: ignore[attr-defined]
        "href", re.compile(r"/authorities/kingston-upon-hull/(\?[^#]*)?$"))
    assert tab.errors == [] and tab.foreign_requests() == []


def test_instant_navigation_from_index_draws_the_chart(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}authorities/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.stillTheSameDocument = true")  # type: ignore[attr-defined]
    page.click("div.it-sortable table a:text-is('Kingston upon Hull')")  # type: ignore[attr-defined]
    page.wait_for_url("**/authorities/kingston-upon-hull/")  # type: ignore[attr-defined]
    # The address changes before the page is swapped in: wait for the new page's chart, not any chart.
    page.wait_for_selector('img.it-chart[src*="timeline-light.svg"]', state="attached")  # type: ignore[attr-defined]
    assert page.evaluate("window.stillTheSameDocument") is True  # type: ignore[attr-defined]
    assert chart_state(page, "light") == {"loaded": True, "shown": True}
    assert tab.errors == [] and tab.foreign_requests() == []


ROWS = """() => Array.from(document.querySelector('div.it-sortable table').tBodies[0].rows).map(row => ({
    name: row.cells[0].querySelector('a').textContent, hidden: row.hidden,
    region: row.cells[1].textContent.trim(), grade: row.cells[2].querySelector('data').value,
    protection: row.cells[4].querySelector('data').value,
    date: row.cells[7].querySelector('time')?.dateTime ?? ''}))"""


def _status(page: object) -> str:
    return page.text_content("form.it-filters [role=status]")  # type: ignore[attr-defined]


def test_the_national_table_sorts_and_filters(tab: Tab, any_site: Site) -> None:
    page = tab.page
    page.goto(f"{any_site.url}authorities/", wait_until="networkidle")  # type: ignore[attr-defined]
    rows = page.evaluate(ROWS)  # type: ignore[attr-defined]
    assert rows and not any(r["hidden"] for r in rows)
    assert _status(page) == f"Showing {len(rows)} of {len(rows)} authorities."

    heading = page.locator("div.it-sortable th", has_text="Latest full inspection")  # type: ignore[attr-defined]
    heading.click()
    ascending = [r["date"] for r in page.evaluate(ROWS)]  # type: ignore[attr-defined]
    assert heading.get_attribute("aria-sort") == "ascending" and ascending == sorted(ascending)
    heading.click()
    descending = [r["date"] for r in page.evaluate(ROWS)]  # type: ignore[attr-defined]
    assert heading.get_attribute("aria-sort") == "descending" and descending == sorted(ascending, reverse=True)
    page.locator("div.it-sortable th", has_text="Overall effectiveness").click()  # type: ignore[attr-defined]
    assert [r["grade"] for r in page.evaluate(ROWS)] == sorted(r["grade"] for r in rows)  # type: ignore[attr-defined]

    region = max({r["region"] for r in rows}, key=lambda name: (sum(r["region"] == name for r in rows), name))
    page.get_by_label("Region", exact=True).select_option(label=f"{region} ({sum(r['region'] == region for r in rows)})")  # type: ignore[attr-defined]
    shown = [r for r in page.evaluate(ROWS) if not r["hidden"]]  # type: ignore[attr-defined]
    assert sorted(r["name"] for r in shown) == sorted(r["name"] for r in rows if r["region"] == region)
    grade = shown[0]["protection"]
    page.get_by_label("Children who need help and protection", exact=True).select_option(value=grade)  # type: ignore[attr-defined]
    shown = [r for r in page.evaluate(ROWS) if not r["hidden"]]  # type: ignore[attr-defined]
    expected = [r for r in rows if r["region"] == region and r["protection"] == grade]
    assert sorted(r["name"] for r in shown) == sorted(r["name"] for r in expected)
    assert _status(page) == f"Showing {len(expected)} of {len(rows)} authorities."

    page.click("form.it-filters button[type=reset]")  # type: ignore[attr-defined]
    year = max(r["date"][:4] for r in rows)
    page.get_by_label("Latest full inspection: from", exact=True).select_option(year)  # type: ignore[attr-defined]
    shown = [r for r in page.evaluate(ROWS) if not r["hidden"]]  # type: ignore[attr-defined]
    assert sorted(r["name"] for r in shown) == sorted(r["name"] for r in rows if r["date"][:4] == year)
    assert tab.errors == [] and tab.foreign_requests() == []


def test_instant_navigation_to_the_national_and_a_region_page_adds_the_filters_once(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url, wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.stillTheSameDocument = true")  # type: ignore[attr-defined]
    page.click("article a:text('All authorities in England')")  # type: ignore[attr-defined]
    page.wait_for_url("**/authorities/")  # type: ignore[attr-defined]
    page.wait_for_selector("form.it-filters")  # type: ignore[attr-defined]
    assert page.locator("form.it-filters").count() == 1  # type: ignore[attr-defined]
    page.click("article table a:text-is('North West')")  # type: ignore[attr-defined]
    page.wait_for_url("**/regions/north-west/")  # type: ignore[attr-defined]
    page.wait_for_selector("form.it-filters")  # type: ignore[attr-defined]
    assert page.locator("form.it-filters").count() == 1  # type: ignore[attr-defined]
    assert page.get_by_label("Region", exact=True).count() == 0  # type: ignore[attr-defined]  # one region only
    assert page.evaluate("window.stillTheSameDocument") is True  # type: ignore[attr-defined]
    assert tab.errors == [] and tab.foreign_requests() == []


def test_downloads_are_reached_from_an_authority_page_and_the_navigation(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}authorities/trafford/", wait_until="networkidle")  # type: ignore[attr-defined]

    def fetched(name: str) -> object:
        href = page.get_by_role("link", name=name, exact=True).evaluate("a => a.href")  # type: ignore[attr-defined]
        response = page.request.get(href)  # type: ignore[attr-defined]
        assert response.ok, href
        return response

    rows = fetched("CSV").text().splitlines()  # type: ignore[attr-defined]
    assert rows[0].startswith("authority,id,kind,date") and all(r.startswith("trafford,") for r in rows[1:])
    assert fetched("JSON").json()["authority"]["slug"] == "trafford"  # type: ignore[attr-defined]
    page.get_by_role("link", name="the whole data set").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{site_url}downloads/")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Download the data", level=1).wait_for()  # type: ignore[attr-defined]
    hrefs = page.eval_on_selector_all("article a[href$='.csv'], article a[href$='.json']",  # type: ignore[attr-defined]
                                      "links => links.map(a => a.href)")
    assert {h.rsplit("/", 1)[1] for h in hrefs} == {"authorities.csv", "events.csv", "sources.csv", "findings.csv",
                                                     "frameworks.csv", "inspection-timelines.json", "datapackage.json"}
    assert all(page.request.get(h).ok for h in hrefs)  # type: ignore[attr-defined]
    assert page.locator("nav a", has_text="Download the data").count() >= 1  # type: ignore[attr-defined]
    assert tab.errors == [] and tab.foreign_requests() == []


def test_feeds_are_announced_by_pages_and_served(tab: Tab, site_url: str) -> None:
    page = tab.page
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)  # type: ignore[attr-defined]
    page.goto(f"{site_url}authorities/trafford/", wait_until="networkidle")  # type: ignore[attr-defined]
    feeds = page.eval_on_selector_all("link[type='application/atom+xml']",  # type: ignore[attr-defined]
                                      "links => links.map(l => l.href)")
    assert feeds == [f"{site_url}feed.xml", f"{site_url}feed-trafford.xml"]
    for feed in feeds:
        body = page.request.get(feed).text()  # type: ignore[attr-defined]
        assert '<feed xmlns="http://www.w3.org/2005/Atom">' in body and f"<id>{feed}</id>" in body
    visible = page.get_by_role("link", name="Atom feed").evaluate("a => a.href")  # type: ignore[attr-defined]
    assert visible == feeds[1]
    assert failed == []  # the theme fetches sitemap.xml from beside each feed link: it must be there
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.parametrize("tab", SCHEMES, indirect=True)
def test_map_is_reached_from_the_navigation_and_drawn_in_the_palette(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url, wait_until="networkidle")  # type: ignore[attr-defined]
    scheme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"  # type: ignore[attr-defined]
    page.click("nav.md-nav--primary a[href$='map/']")  # type: ignore[attr-defined]
    page.wait_for_selector("h1:text('Map')")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    drawn = page.evaluate(  # type: ignore[attr-defined]
        """scheme => [...document.querySelectorAll('img.it-map')].map(img => ({
            src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
            shown: img.getBoundingClientRect().width > 300}))""", scheme)
    shown = [d["src"].split("#")[0].rsplit("/", 1)[-1] for d in drawn if d["shown"]]
    assert shown == [f"{view}-{scheme}.svg" for view in ("overall-effectiveness", "impact-of-leaders",
                                                          "help-and-protection", "children-in-care", "care-leavers",
                                                          "interventions")]
    # The drawings load as they come into view (loading=lazy): each is drawn once scrolled to.
    for image in page.locator("img.it-map").all():  # type: ignore[attr-defined]
        if image.is_visible():
            image.scroll_into_view_if_needed()
    page.wait_for_function("""() => [...document.querySelectorAll('img.it-map')]
        .filter(img => img.getBoundingClientRect().width > 300).every(img => img.complete && img.naturalWidth > 0)""")  # type: ignore[attr-defined]
    assert page.locator("#every-authority ~ .it-sortable table tbody tr").count() == 158  # type: ignore[attr-defined]
    assert tab.errors == [] and tab.foreign_requests() == []
