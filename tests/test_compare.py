"""The compare page: its data and its page as built, then the page in headless Chromium, where its
script draws the chosen authorities' timelines with Vega-Lite from the site's own files."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import altair as alt
import pytest
import vl_convert
from bs4 import BeautifulSoup

from generator.build import Project
from generator.durations import counted_to
from generator.model import Dataset
from generator.render import grades
from generator.render.charts import DARK, LIGHT, chart_rows
from generator.render.compare import MOST, NEEDS_SCRIPT
from generator.render.compare_chart import bands, vega_bundle
from generator.render.charts import framework_changes, grade_domain, grade_line
from generator.standing import views
from generator.timeline import Standing, standing
from tests.chromium import Site, Tab
from tests.conftest import ROOT, html

SHARED = ["kingston-upon-hull", "trafford", "west-sussex"]
NAMES = ["Kingston upon Hull", "Trafford", "West Sussex"]


def _index(project: Project) -> dict[str, Any]:
    return json.loads((project.build / "site/compare/authorities.json").read_text("utf-8"))


def _records(index: dict[str, Any], authority: dict[str, Any]) -> list[dict[str, Any]]:
    """An authority's rows as the script reads them: named by the columns, empty cells left out."""
    return [{c: v for c, v in zip(index["columns"], row) if v is not None} for row in authority["rows"]]


def _served(project: Project, page: str, address: str) -> Path:
    """The built file an address on a page leads to (pages are folders with an index.html)."""
    path = posixpath.normpath(posixpath.join(page, urlsplit(address).path))
    return project.build / "site" / path / ("index.html" if address.endswith("/") else "")


def test_the_data_give_every_authority_its_grade_page_and_chart_rows(built: Project, dataset: Dataset) -> None:
    index = _index(built)
    assert index["views"] == [area.label for area in views(dataset)]
    domain = grade_domain((e for t in dataset.timelines for e in t.events), dataset.frameworks)
    assert [a["slug"] for a in index["authorities"]] == [t.authority.slug for t in dataset.timelines]
    for timeline, authority in zip(dataset.timelines, index["authorities"]):
        page = _served(built, "compare", authority["page"])
        assert page.is_file(), authority["page"]
        ids = {tag["id"] for tag in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("[id]")}
        inspected = authority["inspected"] or {}
        found = [standing(timeline.events, area, dataset.as_of) for area in views(dataset)]
        assert [(g["label"], g.get("tone")) for g in authority["grades"]] == [
            (grades.label(f.grade), f.grade.tone.value) if isinstance(f, Standing) else (grades.gap_words(f), None)
            for f in found]
        assert {inspected.get("anchor")} - {None} <= ids
        assert authority["former"] is (timeline.authority.abolished is not None)
        records = _records(index, authority)
        events = [r for r in records if r["mark"] not in ("step", "change")]
        rows = chart_rows(timeline, counted_to(timeline, dataset.as_of))
        assert [(r["start"], r["what"], r["when"], r.get("grade")) for r in events] == [
            (r.start, r.what, r.when, r.grade) for r in rows]
        assert {r["anchor"] for r in events} <= ids  # the events table links each to its place on the page
        assert all(r["band"] in bands(domain) for r in records if r["mark"] != "change")
        until = counted_to(timeline, dataset.as_of)
        steps = [(r["band"], r["start"], r["segment"], r.get("note")) for r in records if r["mark"] == "step"]
        assert steps == [(g["grade"], g["date"], g["segment"], g.get("note")) for g in grade_line(rows, until)]
        assert [r["start"] for r in records if r["mark"] == "change"] == [c.date for c in framework_changes(timeline)]


def test_the_spec_draws_chosen_authorities_one_above_the_other_in_each_palette(built: Project) -> None:
    index = _index(built)
    chosen = [a for a in index["authorities"] if a["slug"] in SHARED]
    order = SHARED[::-1]  # not the order of their names, which the panels must not fall back on
    for palette in (LIGHT, DARK):
        spec = index["specs"][palette.name]
        assert spec["$schema"].endswith(f"/vega-lite/{alt.SCHEMA_VERSION}.json")
        values = [{**r, "name": a["name"], "order": order.index(a["slug"])} for a in chosen for r in _records(index, a)]
        drawn = vl_convert.vegalite_to_svg({**spec, "datasets": {spec["data"]["name"]: values}})
        places = [drawn.index(f">{name}</text>") for name in NAMES[::-1]]
        assert places == sorted(places)
        assert f'fill="{palette.text}"' in drawn and f'fill="{palette.grades[-1]}"' in drawn  # Hull: inadequate


def test_without_javascript_the_page_lists_every_authority_and_says_the_chart_needs_it(
        built: Project, dataset: Dataset) -> None:
    page = html(built, "compare")
    place = page.find(id="it-compare")
    assert place.get_text(" ", strip=True) == NEEDS_SCRIPT
    assert _served(built, "compare", place["data-index"]).is_file()
    assert _served(built, "compare", place["data-vega"]).read_text("utf-8") == vega_bundle()
    assert int(place["data-most"]) == MOST
    script = place.find_next_sibling("script")
    assert _served(built, "compare", script["src"]).read_bytes() == (ROOT / "docs/javascripts/compare.js").read_bytes()
    rows = page.select("#all ~ div.it-sortable table tbody tr")
    assert [r.td.get_text(strip=True).removesuffix(" (former)") for r in rows] == [t.authority.name for t in dataset.timelines]
    assert all(_served(built, "compare", r.td.a["href"]).is_file() for r in rows)
    assert page.select_one("nav a[href='./']").get_text(strip=True) == "Compare authorities"


def test_only_the_compare_page_loads_its_script_and_vega(built: Project) -> None:
    for path in (built.build / "site").rglob("*.html"):
        sources = [s.get("src", "") for s in BeautifulSoup(path.read_text("utf-8"), "html.parser").find_all("script")]
        loads = any(s.endswith(("compare.js", "vega-embed.js")) for s in sources)
        assert loads is (path.relative_to(built.build / "site").as_posix() == "compare/index.html"), path


# ---------------------------------------------------------------------------------------------
# In the browser

HEADINGS = "() => Array.from(document.querySelectorAll('#it-compare svg .role-title-text text'), t => t.textContent)"
MARKS = "() => document.querySelectorAll('#it-compare svg .role-mark path, #it-compare svg .role-mark text').length"
# The first table under the chart (the theme may have wrapped it, as it does the tables it finds).
COMPARED = "() => Array.from(document.querySelector('.it-compare__tables table').tBodies[0].rows, r => r.cells[0].textContent)"


def _drawn(page: Any, names: list[str]) -> None:
    """Wait until the chart shows exactly ``names``, in order."""
    page.wait_for_function(f"names => JSON.stringify(({HEADINGS})()) === JSON.stringify(names)", arg=names)


def _chosen(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("a", [])


@pytest.mark.browser
@pytest.mark.parametrize("tab", [pytest.param({"color_scheme": s}, id=s) for s in ("light", "dark")], indirect=True)
def test_a_shared_address_draws_those_authorities(tab: Tab, any_site: Site) -> None:
    page: Any = tab.page
    warnings: list[str] = []  # Vega-Embed warns when a spec's Vega-Lite version is not the bundle's
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(f"{any_site.url}compare/?a={SHARED[0]}&a={SHARED[1]},{SHARED[2]}", wait_until="networkidle")
    _drawn(page, NAMES)
    assert page.evaluate(MARKS) > 20
    assert page.evaluate(COMPARED) == NAMES
    assert page.locator("#it-compare details table tbody tr").count() > 20  # each one's events, as text
    # The chart is named as a whole (axe checks that its marks stay out of the accessibility tree).
    assert page.get_attribute(".it-compare__chart [role=graphics-document]", "aria-label") == (
        "Timelines of Kingston upon Hull, Trafford and West Sussex, one above the other on one time axis. "
        "The tables below the chart list the same events.")
    palette = DARK if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else LIGHT
    assert page.locator("#it-compare svg .role-axis-label text").first.get_attribute("fill") == palette.text
    assert "Comparing Kingston upon Hull, Trafford and West Sussex." in page.text_content("#it-compare [role=status]")
    assert page.url.endswith(f"compare/?a={SHARED[0]}&a={SHARED[1]},{SHARED[2]}")  # left as shared until changed
    assert tab.errors == [] and warnings == []
    assert tab.requests and tab.foreign_requests() == []


@pytest.mark.browser
def test_the_chart_follows_the_switch_between_light_and_dark(tab: Tab, site_url: str) -> None:
    page: Any = tab.page
    page.goto(f"{site_url}compare/?a={SHARED[0]}&a={SHARED[1]}", wait_until="networkidle")
    _drawn(page, NAMES[:2])
    label = "#it-compare svg .role-axis-label text"
    assert page.locator(label).first.get_attribute("fill") == LIGHT.text
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("([label, fill]) => document.querySelector(label)?.getAttribute('fill') === fill",
                           arg=[label, DARK.text])
    _drawn(page, NAMES[:2])
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.browser
def test_the_choice_goes_into_the_address_and_comes_back_from_it(tab: Tab, site_url: str) -> None:
    page: Any = tab.page
    page.goto(f"{site_url}compare/?a={SHARED[0]}&a={SHARED[1]}", wait_until="networkidle")
    _drawn(page, NAMES[:2])
    page.get_by_role("button", name=f"Remove {NAMES[0]}").click()
    _drawn(page, NAMES[1:2])
    assert _chosen(page.url) == SHARED[1:2]
    page.get_by_label("Add an authority").select_option(label="West Sussex")
    page.get_by_role("button", name="Add", exact=True).click()
    _drawn(page, NAMES[1:])
    assert _chosen(page.url) == SHARED[1:]
    page.reload(wait_until="networkidle")
    _drawn(page, NAMES[1:])
    assert page.locator("#it-compare select option:disabled").evaluate_all("options => options.map(o => o.value)") == SHARED[1:]
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.browser
def test_unknown_and_too_many_authorities_are_reported(tab: Tab, site_url: str) -> None:
    page: Any = tab.page
    page.goto(f"{site_url}compare/", wait_until="networkidle")
    options = page.locator("#it-compare select option[value]:not([value=''])")
    slugs = options.evaluate_all("options => options.map(o => o.value)")[:MOST + 1]
    names = options.evaluate_all("options => options.map(o => o.textContent)")[:MOST]
    page.goto(f"{site_url}compare/?a=nowhere&a=" + "&a=".join(slugs), wait_until="networkidle")
    _drawn(page, names)
    status = page.text_content("#it-compare [role=status]")
    assert "named “nowhere”" in status and f"the first {MOST} of the {MOST + 1}" in status
    assert page.get_by_role("button", name="Add", exact=True).is_disabled()
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.browser
def test_arriving_by_instant_navigation_then_leaving_and_coming_back(tab: Tab, site_url: str) -> None:
    page: Any = tab.page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.stillTheSameDocument = true")
    page.get_by_role("navigation").get_by_role("link", name="Compare authorities", exact=True).first.click()
    page.wait_for_url("**/compare/")
    page.locator("#it-compare select option[value=trafford]").wait_for(state="attached")
    assert "Choose at least two authorities" in page.text_content("#it-compare [role=status]")
    for name in NAMES[:2]:
        page.get_by_label("Add an authority").select_option(label=name)
        page.get_by_role("button", name="Add", exact=True).click()
    _drawn(page, NAMES[:2])
    assert _chosen(page.url) == SHARED[:2]
    page.get_by_role("navigation").get_by_role("link", name="Download the data", exact=True).first.click()
    page.wait_for_url("**/downloads/")
    page.go_back()
    page.wait_for_url(lambda url: _chosen(url) == SHARED[:2])
    _drawn(page, NAMES[:2])
    assert page.locator("#it-compare select").count() == 1  # the script set the page up once
    assert page.evaluate("window.stillTheSameDocument") is True
    assert sum(u.endswith("/javascripts/vega-embed.js") for u in tab.requests) == 1
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.browser
def test_an_address_may_name_an_authority_by_another_name(tab: Tab, site_url: str) -> None:
    page: Any = tab.page
    page.goto(f"{site_url}compare/?a=hull&a=Trafford", wait_until="networkidle")
    _drawn(page, NAMES[:2])
    assert "Comparing Kingston upon Hull and Trafford." in page.text_content("#it-compare [role=status]")
    assert tab.errors == [] and tab.foreign_requests() == []


#: The smallest size, in CSS pixels as drawn on the screen, of any text in the chart.
SMALLEST_TEXT = """() => {
  const svg = document.querySelector('.it-compare__chart svg');
  const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  return Math.min(...Array.from(svg.querySelectorAll('text'), t => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


@pytest.mark.browser
@pytest.mark.parametrize("tab", [pytest.param({"viewport": {"width": 375, "height": 812}, "is_mobile": True,
                                               "has_touch": True}, id="phone")], indirect=True)
def test_on_a_phone_an_authority_s_neighbours_link_opens_a_legible_comparison(tab: Tab, site_url: str,
                                                                            dataset: Dataset) -> None:
    hull = dataset.timeline("kingston-upon-hull")
    neighbours = [dataset.timeline(slug).authority.name for slug in hull.authority.neighbours][:MOST - 1]
    page: Any = tab.page
    page.goto(f"{site_url}authorities/kingston-upon-hull/", wait_until="networkidle")
    page.get_by_role("link", name="Compare it with its statistical neighbours").click()
    page.wait_for_url("**/compare/?neighbours=kingston-upon-hull")
    _drawn(page, ["Kingston upon Hull", *neighbours])
    status = page.text_content("#it-compare [role=status]")
    assert f"Kingston upon Hull and its statistical neighbours, closest first: the closest {MOST - 1} of the " \
           f"{len(hull.authority.neighbours)} the sources list." in status
    assert page.evaluate(SMALLEST_TEXT) >= 10
    # Drawn to the room there is: what overflows scrolls within the chart's box, not the page.
    room = page.evaluate("document.querySelector('.it-compare__chart').clientWidth")
    assert page.evaluate("document.querySelector('.it-compare__chart svg').getBoundingClientRect().width") < room * 1.25
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The address keeps the preset until the choice changes; then it lists the choice.
    page.reload(wait_until="networkidle")
    _drawn(page, ["Kingston upon Hull", *neighbours])
    page.get_by_role("button", name=f"Remove {neighbours[-1]}").click()
    _drawn(page, ["Kingston upon Hull", *neighbours[:-1]])
    assert _chosen(page.url) == [hull.authority.slug, *hull.authority.neighbours[:MOST - 2]]
    assert tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("tab", [pytest.param({"java_script_enabled": False}, id="no-javascript")], indirect=True)
def test_without_javascript_the_page_shows_the_table(tab: Tab, site_url: str, dataset: Dataset) -> None:
    page: Any = tab.page
    page.goto(f"{site_url}compare/?a={SHARED[0]}&a={SHARED[1]}", wait_until="networkidle")
    assert page.locator("#it-compare").inner_text().strip() == NEEDS_SCRIPT
    assert page.locator("#it-compare svg, #it-compare select").count() == 0
    rows = page.locator("div.it-sortable table tbody tr")
    assert rows.count() == len(dataset.timelines)
    assert rows.first.get_by_role("link").first.is_visible()
    assert tab.requests and tab.foreign_requests() == []
