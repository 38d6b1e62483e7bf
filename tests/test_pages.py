"""Authority pages for situations the shipped data do not show, read as the reader's HTML."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from generator.durations import counted_to
from generator.model import DataCurrency, Dataset, Event, PartialDate, Timeline
from generator.render import context
from generator.render.charts import chart_rows
from generator.render.overview import overview_page
from generator.render.pages import authority_page
from generator.chart_cache import ChartCache, digest
from generator.render.site import authority_files, page_files, page_inputs
from generator.site_config import SiteSettings
from generator.standing import tallies, views
from generator.validate import load_dataset
from tests.conftest import ROOT
from tests.factories import AS_OF, authority, dataset, event, html, inspection, section, table_rows, timeline, words

AUTHORITY = authority("testshire", name="Testshire")
SETTINGS = SiteSettings("https://example.org/", "https://github.com/example/timelines", {})


def page_of(one: Timeline, data: Dataset) -> BeautifulSoup:
    return html(authority_page(one, data, chart_rows(one, AS_OF), SETTINGS))


def render(*events: Event) -> tuple[BeautifulSoup, BeautifulSoup]:
    """The authority page and the national page of a dataset of one authority."""
    one = timeline(AUTHORITY, *events)
    data = dataset(one)
    return page_of(one, data), html(overview_page(data, None))


def admonitions(page: BeautifulSoup) -> dict[str, str]:
    """Each admonition's title and the text of its body, whether open or folded."""
    boxes = {}
    for div in page.select("div.admonition, details.warning"):
        title = div.find(class_="admonition-title") or div.find("summary")
        body = " ".join(child.get_text() for child in div.find_all(recursive=False) if child is not title)
        boxes[title.get_text()] = " ".join(body.split())
    return boxes


def test_open_intervention_and_old_judgement_are_labelled() -> None:
    page, index = render(
        event("ilacs", "full_inspection", "2019-03-04", end="2019-03-15", framework="ilacs_standard",
              judgements={"overall_effectiveness": "inadequate"}),
        event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"),
    )
    boxes = admonitions(page)
    assert "This inspection was made more than 3 years before 23 November 2026" in boxes[
        "Inspected more than 3 years ago"]
    # The summary says what is open before any caveat, and that the sources seldom give an end.
    assert ("DfE intervention with no recorded end: Improvement notice from 23 May 2019. No source in these data "
            "gives its end; the sources list few lifting dates, so it may have ended.") in section(page, "latest")
    # Judged before 2023, it made one judgement of children in care and care leavers, not two.
    assert table_rows(index, "all")[0][1:] == [
        "South West", "Inadequate", "No grade in these data", "No grade in these data",
        "Not judged at its latest inspection", "Not judged at its latest inspection", "4–15 March 2019",
        "Improvement notice from 23 May 2019"]


def test_a_recent_judgement_and_an_ended_intervention_carry_no_warning() -> None:
    page, index = render(
        event("ilacs", "full_inspection", "2025-01-13", end="2025-01-24", framework="ilacs_standard",
              judgements={"overall_effectiveness": "good", "children_in_care": "good", "care_leavers": "outstanding"}),
        event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"),
        event("lifted", "intervention", "2021", action="improvement_notice_lifted"),
    )
    assert set(admonitions(page)) == {"What these data hold"}
    assert "DfE intervention with no recorded end: none in these data." in section(page, "latest")
    cell = page.find(id="full-inspections").find_next("table").select("tbody td")[3]
    lines = [BeautifulSoup(part, "html.parser").get_text() for part in cell.decode_contents().split("<br/>")]
    assert lines == ["Impact of leaders on social work practice: not given in these sources",
                     "Children who need help and protection: not given in these sources",
                     "Children in care: Good", "Care leavers: Outstanding"]
    assert table_rows(index, "all")[0][8] == "None in these data"


def test_people_of_other_roles_are_described_by_their_title() -> None:
    page, _ = render(event("letter", "ministerial_letter", "2018-08-28", people=[
        {"name": "A. Minister", "role": "minister", "title": "Parliamentary Under-Secretary"},
        {"name": "B. Copied", "role": "other", "title": "Sent a copy"},
        {"name": "C. Named", "role": "other"}]))
    people = [li.get_text() for li in page.find("strong", string="People named").find_next("ul").find_all("li")]
    assert people == ["A. Minister (Minister: Parliamentary Under-Secretary)", "B. Copied (Sent a copy)", "C. Named"]


def test_an_inspection_with_no_overall_grade_says_so_and_an_older_grade_is_only_history() -> None:
    page, index = render(
        inspection("ilacs-2022", "2022-11-21", "requires_improvement", end="2022-12-02"),
        inspection("ilacs-2026", "2026-06-08", None, end="2026-06-19", origin="import:ofsted-scrape",
                   judgements={"help_and_protection": "good"}),
    )
    assert section(page, "latest").startswith(
        "Where it stands Latest full inspection: the full inspection of 8–19 June 2026, ILACS standard inspection (ILACS "
        "as revised in April 2026). Impact of leaders on social work practice: not given in these sources Children who need help and "
        "protection: Good Children in care: not given in these sources Care leavers: not given in these sources It "
        "gave no overall effectiveness grade: no such judgement is made under ILACS as revised in April 2026. The "
        "last overall grade in these data is "
        "history, not a current grade: Requires improvement to be good, at the full inspection of 21 November – 2 "
        "December 2022, made under ILACS standard inspection (ILACS as introduced in January 2018).")
    history = next(p for p in page.find(id="latest").find_all_next("p") if "is history" in p.get_text())
    assert not history.select(".it-grade")  # words only: no badge that could read as a current grade
    assert "Inspected more than 3 years ago" not in admonitions(page)  # the later inspection is in the data
    rows = table_rows(page, "full-inspections")
    assert [r[:3] for r in rows] == [
        ["21 November – 2 December 2022", "ILACS standard inspection (ILACS as introduced in January 2018)",
         "Requires improvement to be good"],
        ["8–19 June 2026 community scrape, not yet official",
         "ILACS standard inspection (ILACS as revised in April 2026)",
         "not graded under this framework"]]
    assert rows[1][3] == ("Impact of leaders on social work practice: not given in these sources Children who need "
                          "help and protection: Good Children in care: not given in these sources Care leavers: not "
                          "given in these sources")  # the combined judgement ended in 2023: not listed at all
    assert ("Community scrape, not yet official: From a community scrape of Ofsted's published reports; not yet in "
            "Ofsted's official statistics.") in section(page, "full-inspections")
    assert section(page, "event-ilacs-2026").endswith(
        "From a community scrape of Ofsted's published reports; not yet in Ofsted's official statistics.")
    # Counted, ranked and listed by what the latest inspection gave, never by the grade of 2022.
    assert table_rows(index, "all")[0][2:] == [
        "Not judged at its latest inspection", "No grade in these data", "Good", "No grade in these data",
        "No grade in these data", "8–19 June 2026", "None in these data"]
    assert ("This count no longer covers 1 of the 1 current authorities of England: their latest full inspection "
            "made no overall effectiveness judgement.") in section(index, "grades-overall-effectiveness")
    assert ("is counted apart. The counts by grade are on the South West region's page and England's. Overall "
            "effectiveness: not judged at its latest inspection, so it is not placed against others.") in section(
        page, "standing")


def test_the_old_scales_adequate_is_labelled_as_such() -> None:
    page, index = render(inspection("slac", "unknown", None, framework=None, published="2012-02-24",
                                    judgements={"overall_effectiveness": "adequate"}))
    assert section(page, "latest").startswith(
        "Where it stands Latest full inspection: the full inspection reported on 24 February 2012, Framework not "
        "stated. Overall effectiveness: Adequate (old scale)")
    assert [r[2] for r in table_rows(page, "full-inspections")] == ["Adequate (old scale)"]
    assert ("Since it ended: 5,386 days (about "
            "14.7 years), from the publication of its report on 24 February 2012 (the inspection itself ended "
            "earlier) to 23 November 2026, the date these data were compiled.") in section(page, "latest")
    undated, _ = render(inspection("ilacs", "unknown", "good"))
    assert section(undated, "latest").startswith(
        "Where it stands Latest full inspection: none dated in these data. Good Overall effectiveness at a full "
        "inspection that no source in these data dates (ILACS standard inspection).")
    assert "No full inspection in these data is dated, so the time since the last one cannot be counted." in section(
        undated, "latest")
    assert "Date not known" in admonitions(undated)
    assert table_rows(index, "grades-overall-effectiveness")[-1] == ["England", "0", "0", "1", "0", "0", "1"]


def test_every_page_says_how_far_each_body_of_sources_reaches() -> None:
    one = timeline(AUTHORITY)
    reaches = (DataCurrency(source="Ofsted's official statistics", runs_to="2025-03-31"),
               DataCurrency(source="The community scrape", runs_to="2026-08-22", note="Full inspections only."))
    data = dataset(one, currency=reaches)
    expected = ("How far each body of sources reaches; nothing after these dates can be in them: Ofsted's official "
                "statistics: to 31 March 2025. The community scrape: to 22 August 2026. Full inspections only. "
                "These data were compiled on 23 November 2026.")
    for page in (page_of(one, data), html(overview_page(data, None)), html(overview_page(data, AUTHORITY.region))):
        assert expected in admonitions(page)["What these data hold"]


def _north_west() -> Dataset:
    """Four current authorities of the North West, one of the North East, and one abolished."""
    return dataset(
        timeline(authority("bolton", "north_west", neighbours=["wigan", "durham", "cumbria"],
                           ofsted_region="north_west", ons_code="E08000001", dfe_code="350", ofsted_urn="80447"),
                 inspection("ilacs", "2023-09-11", "good", end="2023-09-15")),
        timeline(authority("wigan", "north_west"), inspection("ilacs", "2024-03-04", "outstanding", end="2024-03-15")),
        timeline(authority("bury", "north_west"), inspection("ilacs", "2021-10-25", "inadequate", end="2021-11-05"),
                 event("notice", "intervention", "2022-01", action="improvement_notice_issued")),
        timeline(authority("cumberland", "north_west", former_ons_codes=["E06000063"])),
        timeline(authority("durham", "north_east"), inspection("ilacs", "2019-06", "good")),
        timeline(authority("cumbria", "north_west", abolished="2023-04-01", successors=["cumberland"]),
                 inspection("ilacs", "2022-09-12", "inadequate", end="2022-09-21")),
    )


def test_position_neighbours_and_days_since_the_last_inspection() -> None:
    data = _north_west()
    page = page_of(data.timeline("bolton"), data)
    assert words(page.find("h1").find_next("p")) == (
        "County council · ONS region: North West · Ofsted region: North West ONS code E08000001 · DfE code 350 · "
        "Ofsted URN 80447")
    assert page.find("h1").find_next("p").find("a")["href"] == "../../regions/north-west/index.md"
    assert (
        "Since it ended: 1,165 days (about 3.2 years), "
        "from its end (15 September 2023) to 23 November 2026, the date these data were compiled.") in section(
        page, "latest")
    text = section(page, "standing")
    assert ("Overall effectiveness: Good. In the North West region, 2 of 4 current authorities are graded good or "
            "outstanding; in England, 3 of 5.") in text
    assert ("Impact of leaders on social work practice: no grade in these data, so it is not placed against "
            "others.") in text
    assert [a["href"] for a in page.find(id="standing").find_next("p").find_all("a")] == [
        "../../regions/north-west/index.md#grades", "../index.md#grades"]
    none = ["No grade in these data"] * 4
    assert table_rows(page, "neighbours") == [
        ["1", "Wigan", "North West", "Outstanding", *none, "4–15 March 2024"],
        ["2", "Durham", "North East", "Good", "No grade in these data", "No grade in these data",
         "Not judged at its latest inspection", "Not judged at its latest inspection", "June 2019"],
        ["3", "Cumbria", "North West", *["Abolished 1 April 2023"] * 5, "12–21 September 2022"]]
    # The table is HTML, which MkDocs leaves alone: its links are the addresses MkDocs publishes.
    assert [a["href"] for a in page.find(id="neighbours").find_next("table").select("a")] == [
        "../wigan/", "../durham/", "../cumbria/"]


def test_an_abolished_authority_and_its_successor_link_to_each_other() -> None:
    data = _north_west()
    gone = page_of(data.timeline("cumbria"), data)
    assert admonitions(gone)["Abolished on 1 April 2023"] == (
        "Cumbria ceased to exist on 1 April 2023; its children's services passed to Cumberland. This page keeps its "
        "history. It has no current grade and counts in no current total.")
    assert gone.select_one("div.admonition a")["href"] == "../cumberland/index.md"
    assert gone.find(id="latest").get_text().startswith("Last full inspection")
    assert gone.find(id="standing") is None
    assert section(gone, "time-under").endswith(
        "From the full inspection of 12–21 September 2022 (ended 21 September 2022): no later full inspection is in "
        "these data, so it is counted to 1 April 2023, when Cumbria was abolished: 192 days.")
    successor = page_of(data.timeline("cumberland"), data)
    lines = words(successor.find("h1").find_next("p"))
    assert lines.endswith("Former ONS code: E06000063 Took over children's services from: Cumbria (abolished 1 April 2023)")
    assert successor.find("h1").find_next("p").find_all("a")[-1]["href"] == "../cumbria/index.md"
    assert "Overall effectiveness: no grade in these data, so it is not placed against others." in section(
        successor, "standing")


def test_a_neighbour_whose_latest_inspection_gave_no_overall_grade_is_not_shown_by_an_older_one() -> None:
    data = dataset(
        timeline(authority("bolton", "north_west", neighbours=["bury"])),
        timeline(authority("bury", "north_west"), inspection("a", "2021-10-25", "inadequate", end="2021-11-05"),
                 inspection("b", "2026-06-08", None, end="2026-06-19", judgements={"impact_of_leaders": "good"})))
    assert table_rows(page_of(data.timeline("bolton"), data), "neighbours") == [
        ["1", "Bury", "North West", "Not judged at its latest inspection", "Good", "No grade in these data",
         "No grade in these data", "No grade in these data", "8–19 June 2026"]]


@pytest.mark.parametrize(("begun", "words", "not_words"), [
    ("2026-06-08", "which gave no overall grade", "whose overall grade"),  # ILACS since April 2026 gives none
    ("2023-06-05", "whose overall grade these data do not give", "which gave no overall grade"),
])
def test_a_spell_judged_inadequate_says_why_the_inspection_that_ended_it_has_no_overall_grade(
        begun: str, words: str, not_words: str) -> None:
    data = dataset(timeline(authority("bury", "north_west"),
                            inspection("a", "2021-10-25", "inadequate", end="2021-11-05"),
                            inspection("b", begun, None, judgements={"impact_of_leaders": "good"})))
    text = section(page_of(data.timeline("bury"), data), "time-under")
    assert f", {words}:" in text and not_words not in text


def test_time_under_intervention_with_no_known_end_says_so_and_gives_no_length() -> None:
    data = _north_west()
    page = page_of(data.timeline("bury"), data)
    text = section(page, "time-under")
    assert ("From the full inspection of 25 October – 5 November 2021 (ended 5 November 2021): no later full "
            "inspection is in these data, so it is counted to 23 November 2026, the date these data were compiled: "
            "1,844 days (about 5.0 years).") in text
    assert text.endswith("Improvement notice: from January 2022; no source in these data gives its end, so how "
                         "long it lasted is not known.")


def test_an_abolished_authoritys_chart_runs_to_its_abolition() -> None:
    data = _north_west()
    files = authority_files(data.timeline("cumbria"), data, SETTINGS, ChartCache(None))
    spec = json.loads(files["authorities/cumbria/timeline.vl.json"])
    line = spec["datasets"][spec["vconcat"][0]["layer"][0]["data"]["name"]]
    assert line[-1] == {"date": "2023-04-01", "grade": "Inadequate", "note": "no later inspection in these data",
                        "segment": 0}
    assert spec["vconcat"][0]["layer"][0]["encoding"]["x"]["scale"]["domain"] == ["2022-01-01", "2024-01-01"]
    assert "The chart shows Cumbria's timeline from 2022 to its abolition on 1 April 2023." in section(
        html(files["authorities/cumbria/index.md"]), "timeline")


def test_where_each_event_came_from_is_said_in_words() -> None:
    page, _ = render(inspection("official", "2019-03-04", "good", origin="import:ofsted"),
                     event("notice", "intervention", "2019-05", action="improvement_notice_issued",
                           origin="import:dfe-interventions"),
                     inspection("scraped", "2026-06-08", None, origin="import:ofsted-scrape"),
                     event("news", "news", "2020", origin="hand"))
    assert "Imported from Ofsted's official statistics (see the sources above)." in section(page, "event-official")
    assert "Imported from a curated table of DfE interventions (see the sources above)." in section(
        page, "event-notice")
    assert "not yet in Ofsted's official statistics" in section(page, "event-scraped")
    assert "Entered by the site's editors" in section(page, "event-news")
    assert "import:" not in page.get_text()


def test_an_intervention_ended_on_no_known_date_is_said_to_have_ended() -> None:
    page, index = render(event("notice", "intervention", "2016", action="improvement_notice_issued"),
                         event("lifted", "intervention", "unknown", action="improvement_notice_lifted"))
    assert section(page, "time-under").endswith(
        "Improvement notice: from 2016 to its end, which no source in these data dates, so how long it lasted is "
        "not known.")
    assert page.find(id="time-under").find_next("a", string="its end")["href"] == "#event-lifted"
    assert "DfE intervention with no recorded end" not in admonitions(page)
    assert "None in England, as far as these data show." in section(index, "intervention")


def test_a_page_reads_nothing_of_the_data_but_what_it_is_kept_by(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page is kept by ``page_inputs`` and written again only when they change, so it must read
    nothing else. Each authority's page, downloads and feed are written again from the national
    data with every timeline but its own and its neighbours' stripped of its events, file and date
    (the counts by grade, which are among the inputs, stay as they were): they must not change."""
    data = load_dataset(ROOT / "data", ROOT)
    counts = {area: tallies(data, area) for area in views(data)}
    stripped = {t.authority.slug: replace(t, events=(), file="elsewhere.yaml", updated=PartialDate(1900))
                for t in data.timelines}
    for one in data.timelines:
        keep = {one.authority.slug, *one.authority.neighbours}
        bare = replace(data, cartogram=None, timelines=tuple(t if t.authority.slug in keep else stripped[t.authority.slug]
                                                             for t in data.timelines))
        own = {area: {group: found[group] for group in (one.authority.region, None)}  # another region's: a KeyError
               for area, found in counts.items()}
        monkeypatch.setattr(context, "tallies", lambda _, area: own[area])
        rows = chart_rows(one, counted_to(one, data.as_of))
        assert page_files(one, bare, rows, SETTINGS) == page_files(one, data, rows, SETTINGS), one.authority.slug


def test_a_page_is_kept_by_every_input_it_reads() -> None:
    """Each of the inputs changes the key by which a page is kept."""
    data = _north_west()
    bolton = data.timeline("bolton")
    key = digest("authority-page", page_inputs(bolton, data, SETTINGS))
    news = event("news", "news", "2026-07-01")
    other = SiteSettings("https://example.net/", SETTINGS.repository, {})
    changed = {
        "own events": replace(data, timelines=tuple(replace(t, events=(*t.events, news)) if t is bolton else t
                                                    for t in data.timelines)),
        "a neighbour's events": replace(data, timelines=tuple(replace(t, events=(*t.events, news))
                                                              if t.authority.slug == "wigan" else t
                                                              for t in data.timelines)),
        "another's record": replace(data, timelines=tuple(
            replace(t, authority=t.authority.model_copy(update={"name": "Bury Borough"}))
            if t.authority.slug == "bury" else t for t in data.timelines)),
        "a grade counted": replace(data, timelines=tuple(replace(t, events=(*t.events, inspection("z", "2026-05-04", "outstanding")))
                                                         if t.authority.slug == "bury" else t for t in data.timelines)),
        "the date": replace(data, as_of=PartialDate(2026, 11, 24)),
        "the coverage": replace(data, coverage=data.coverage + " More."),
        "the currency": replace(data, currency=(DataCurrency(source="Ofsted's official statistics", runs_to="2025-03-31"),)),
        "the frameworks": replace(data, frameworks=replace(data.frameworks, grades=tuple(
            replace(g, label=g.label.upper()) for g in data.frameworks.grades))),
    }
    assert "bury" not in bolton.authority.neighbours and "wigan" in bolton.authority.neighbours
    for what, other_data in changed.items():
        assert digest("authority-page", page_inputs(other_data.timeline("bolton"), other_data, SETTINGS)) != key, what
    assert digest("authority-page", page_inputs(bolton, data, other)) != key, "the settings"
    # Bury's news changes nothing Bolton shows.
    quiet = replace(data, timelines=tuple(replace(t, events=(*t.events, news)) if t.authority.slug == "bury" else t
                                          for t in data.timelines))
    assert digest("authority-page", page_inputs(quiet.timeline("bolton"), quiet, SETTINGS)) == key
