"""The national and region pages, their grade chart and the navigation, from small hand-made data,
read as the reader's HTML; and the same files whether one process makes them or two."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ruamel.yaml import YAML

from generator.build import render_files
from generator.chart_cache import ChartCache
from generator.model import Dataset, Region
from generator.render.charts import DARK, LIGHT
from generator.render.grade_chart import grade_chart_spec
from generator.render.overview import chart_segments, overview_page
from generator.site_config import build_config, read_settings
from tests.conftest import ROOT
from tests.factories import authority, dataset, event, html, inspection, section, table_rows, timeline, words


def _england() -> Dataset:
    """Two regions' authorities, with movement, intervention, an old-scale grade and a former authority."""
    return dataset(
        timeline(authority("bolton", "north_west", neighbours=["bury", "wigan"]),
                 inspection("a", "2019-01-07", "inadequate", end="2019-01-18"),
                 inspection("b", "2023-09-11", "good", end="2023-09-15")),
        timeline(authority("wigan", "north_west"), inspection("a", "2018-05", "good"),
                 inspection("b", "2024-03-04", "outstanding", end="2024-03-15")),
        timeline(authority("bury", "north_west"), inspection("a", "2021-10-25", "inadequate", end="2021-11-05"),
                 event("notice", "intervention", "2022-01", action="improvement_notice_issued"),
                 inspection("b", "2026-06-08", None, end="2026-06-19", origin="import:ofsted-scrape")),
        timeline(authority("cumberland", "north_west")),
        timeline(authority("durham", "north_east"), inspection("a", "unknown", None, framework=None,
                                                               published="2012-03-01",
                                                               judgements={"overall_effectiveness": "adequate"}),
                 inspection("b", "2019-06", "requires_improvement")),
        timeline(authority("cumbria", "north_west", abolished="2023-04-01", successors=["cumberland"]),
                 inspection("a", "2022-09-12", "inadequate", end="2022-09-21"),
                 event("notice", "intervention", "2022-11-01", action="improvement_notice_issued")),
    )


NONE = "No grade in these data"
NOT_JUDGED = "Not judged at its latest inspection"


def test_the_national_page_counts_current_grades_by_region_in_each_judgement() -> None:
    page = html(overview_page(_england(), None))
    rows = table_rows(page, "grades-overall-effectiveness")
    assert rows[0] == ["North East", "0", "0", "1", "0", "0", "0", "1"]
    assert rows[1] == ["North West", "1", "1", "0", "0", "1", "1", "4"]  # Bury's latest inspection gives none
    assert rows[2:9] == [[r.label, "0", "0", "0", "0", "0", "0", "0"] for r in list(Region)[2:]]
    assert rows[9] == ["England", "1", "1", "1", "0", "1", "1", "5"]  # Cumbria, abolished, counts nowhere
    table = page.find(id="grades-overall-effectiveness").find_next("table")
    header = [th.get_text() for th in table.select("thead th")]
    assert header[1:] == ["Outstanding", "Good", "Requires improvement to be good", "Inadequate", NOT_JUDGED, NONE,
                          "Current authorities"]
    assert table.find("a")["href"] == "../regions/north-east/index.md"
    text = section(page, "grades-overall-effectiveness")
    assert ("This count no longer covers 1 of the 5 current authorities of England: their latest full inspection made "
            "no overall effectiveness judgement.") in text
    assert ("England: 1 outstanding, 1 good, 1 requires improvement to be good, 1 not judged at its latest inspection, "
            "1 no grade in these data, of 5 current authorities.") in text
    # Judged apart from care leavers only since January 2023: Durham's inspection of 2019 made no such judgement.
    assert table_rows(page, "grades-children-in-care")[0] == ["North East", "0", "0", "0", "0", "1", "0", "1"]
    assert [words(h) for h in page.find(id="grades").find_all_next("h3", limit=5)] == [
        "Overall effectiveness", "Impact of leaders on social work practice", "Children who need help and protection",
        "Children in care", "Care leavers"]
    assert [img["src"] for img in page.select("img.it-chart")] == ["grades-light.svg#only-light",
                                                                   "grades-dark.svg#only-dark"]


def _values(spec: dict) -> list[dict]:
    """The rows a grade chart draws, wherever Vega-Lite keeps them."""
    return (spec.get("data") or spec["layer"][0]["data"])["values"]


def test_the_grade_chart_draws_the_counts_of_the_tables() -> None:
    data = _england()
    light, dark = (grade_chart_spec(chart_segments(data, None), palette) for palette in (LIGHT, DARK))
    drawn = {(v["view"], v["grade"]): v["count"] for v in _values(light) if v["view"] == "Overall effectiveness"}
    assert drawn == {("Overall effectiveness", "Outstanding"): 1, ("Overall effectiveness", "Good"): 1,
                     ("Overall effectiveness", "Requires improvement to be good"): 1,
                     ("Overall effectiveness", NOT_JUDGED): 1, ("Overall effectiveness", NONE): 1}
    assert {v["group"] for v in _values(light)} == {"England"}
    assert [v["end"] for v in _values(light) if v["view"] == "Overall effectiveness"] == [0.2, 0.4, 0.6, 0.8, 1.0]
    colours = [spec["layer"][0]["encoding"]["color"]["scale"]["range"] for spec in (light, dark)]
    assert colours[0] != colours[1] and len(colours[0]) == 5
    region = grade_chart_spec(chart_segments(data, Region.NORTH_WEST), LIGHT)
    assert {(v["view"], v["group"]) for v in region["data"]["values"]} >= {
        ("Overall effectiveness", "North West"), ("Overall effectiveness", "England")}
    assert region["facet"]["row"]["field"] == "view"


def test_the_old_scale_is_counted_apart() -> None:
    data = dataset(timeline(authority("durham", "north_east"),
                            inspection("a", "unknown", None, framework=None, published="2012-03-01",
                                       judgements={"overall_effectiveness": "adequate"})))
    page = html(overview_page(data, None))
    header = [th.get_text() for th in page.find(id="grades").find_next("table").select("thead th")]
    assert "Adequate (old scale)" in header
    assert table_rows(page, "grades-overall-effectiveness")[-1] == ["England", "0", "0", "1", "0", "0", "1"]


def test_movement_is_a_cross_table_with_each_authoritys_two_grades() -> None:
    page = html(overview_page(_england(), None))
    assert section(page, "movement-overall-effectiveness") == (
        "Overall effectiveness 3 of 5 authorities have two grades in it. 2 moved up, 0 moved down and 1 stayed at the "
        "same grade. Earlier grade ↓, later grade → Outstanding Good Adequate (old scale) Requires improvement to be "
        "good Inadequate Authorities From Outstanding 0 0 0 0 0 0 From Good 1 0 0 0 0 1 From Adequate (old scale) 0 0 "
        "0 1 0 1 From Requires improvement to be good 0 0 0 0 0 0 From Inadequate 0 1 0 0 0 1")
    assert ("Moving between grades at the same place on scales of the same length (Adequate (old scale) and Requires "
            "improvement to be good) counts as staying at the same grade.") in section(page, "movement")
    listing = page.find(id="movement").find_next("details").find("table")
    listed = [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in listing.select("tbody tr")]
    assert listed == [
        ["Bolton", "North West", "Inadequate → Good (up 2 grades)", "", "", "", ""],
        ["Durham", "North East", "Adequate (old scale) → Requires improvement to be good (same place on each scale)",
         "", "", "", ""],
        ["Wigan", "North West", "Good → Outstanding (up 1 grade)", "", "", "", ""]]  # Bury's latest gives none


def test_recent_inspections_and_intervention_with_no_recorded_end() -> None:
    page = html(overview_page(_england(), None))
    recent = table_rows(page, "recent")
    assert [r[:4] for r in recent] == [
        ["Bury", "North West", "8–19 June 2026",
         "ILACS standard inspection (ILACS as revised in April 2026)"],
        ["Wigan", "North West", "4–15 March 2024",
         "ILACS standard inspection (ILACS as revised in January 2023)"],
        ["Bolton", "North West", "11–15 September 2023",
         "ILACS standard inspection (ILACS as revised in January 2023)"],
        ["Durham", "North East", "June 2019", "ILACS standard inspection (ILACS as introduced in January 2018)"]]
    assert recent[0][4] == ("Impact of leaders on social work practice: not given in these sources Children who need "
                            "help and protection: not given in these sources Children in care: not given in these "
                            "sources Care leavers: not given in these sources community scrape, not yet official")
    assert recent[1][4].startswith("Overall effectiveness: Outstanding Impact of leaders")
    (bury,) = table_rows(page, "intervention")
    assert bury[:4] == ["Bury", "North West", "Improvement notice", "January 2022"]
    assert bury[4].startswith("8–19 June 2026 Impact of leaders on social work practice: not given")
    assert page.find(id="intervention").find_next("table").find_all("a")[1]["href"] == "bury/index.md#event-notice"


def test_the_table_of_every_authority_carries_values_to_sort_and_filter_by() -> None:
    page = html(overview_page(_england(), None))
    table = page.find(id="all").find_next("table")
    assert table.find_parent("div")["class"] == ["it-sortable"]
    assert [th.get_text() for th in table.select("thead th")] == [
        "Authority", "Region", "Overall effectiveness", "Impact of leaders on social work practice",
        "Children who need help and protection", "Children in care", "Care leavers", "Latest full inspection",
        "DfE intervention, no recorded end"]
    rows = table.select("tbody tr")
    assert [r.find("td").a.get_text() for r in rows] == ["Bolton", "Bury", "Cumberland", "Durham", "Wigan"]
    # Grades sort best first, then not judged (05), then no grade (06).
    cells = [[(c.find("data") or c.find("time") or c).attrs for c in r.find_all("td")[1:4]] for r in rows]
    assert cells == [
        [{"value": "01"}, {"value": "01"}, {"value": "06"}],
        [{"value": "01"}, {"value": "05"}, {"value": "06"}],
        [{"value": "01"}, {"value": "06"}, {"value": "06"}],
        [{"value": "00"}, {"value": "03"}, {"value": "06"}],
        [{"value": "01"}, {"value": "00"}, {"value": "06"}]]
    assert [r.find_all("td")[7].find("time")["datetime"] for r in rows if r.find_all("td")[7].find("time")] == [
        "2023-09-11", "2026-06-08", "2019-06", "2024-03-04"]
    assert [words for words in (" ".join(td.get_text(" ").split()) for td in rows[2].find_all("td"))] == [
        "Cumberland estimated next: no window", "North West", *[NONE] * 5, "None dated in these data", "None in these data"]


def test_a_region_page_shows_its_own_authorities_and_its_former_ones_apart() -> None:
    page = html(overview_page(_england(), Region.NORTH_WEST))
    assert page.find("h1").get_text().startswith("North West")
    assert table_rows(page, "grades-overall-effectiveness") == [["North West", "1", "1", "0", "0", "1", "1", "4"],
                                                                ["England", "1", "1", "1", "0", "1", "1", "5"]]
    assert [r[0].split()[0] for r in table_rows(page, "all")] == ["Bolton", "Bury", "Cumberland", "Wigan"]
    assert len(table_rows(page, "all")[0]) == 8  # no region column
    (cumbria,) = table_rows(page, "former")
    assert cumbria[:3] == ["Cumbria", "1 April 2023", "Cumberland"]
    assert cumbria[3].startswith("12–21 September 2022 Overall effectiveness: Inadequate")
    assert [r[:3] for r in table_rows(page, "intervention")] == [  # not Cumbria's
        ["Bury", "Improvement notice", "January 2022"]]
    empty = html(overview_page(_england(), Region.LONDON))
    assert "No current authority here is in these data." in section(empty, "all")
    assert empty.find(id="former") is None
    assert len(empty.select("img.it-chart")) == 2  # England's bars; London, with no authority, has none


def test_the_navigation_puts_each_region_page_first_then_current_then_former_authorities() -> None:
    config = YAML(typ="safe", pure=True).load(build_config(read_settings(ROOT / "mkdocs.yml"), _england()))
    sections = next(item["Authorities"] for item in config["nav"] if "Authorities" in item)
    assert sections[0] == "authorities/index.md"
    regions = {title: pages for entry in sections[1:] for title, pages in entry.items()}
    assert list(regions) == [r.label for r in Region]
    assert regions["North West"] == [
        "regions/north-west/index.md", {"Bolton": "authorities/bolton/index.md"}, {"Bury": "authorities/bury/index.md"},
        {"Cumberland": "authorities/cumberland/index.md"}, {"Wigan": "authorities/wigan/index.md"},
        {"Cumbria (former)": "authorities/cumbria/index.md"}]
    assert regions["London"] == ["regions/london/index.md"]


def test_two_processes_make_the_same_files_as_one() -> None:
    settings = read_settings(ROOT / "mkdocs.yml")
    messages: list[str] = []
    one = render_files(_england(), settings, ChartCache(None), messages.append, workers=1)
    two = render_files(_england(), settings, ChartCache(None), messages.append, workers=2)
    assert one == two
    assert {"authorities/index.md", "authorities/grades-light.svg", "regions/london/index.md",
            "regions/north-west/grades-dark.svg", "authorities/bury/timeline-light.svg"} <= set(one)
    # 18 pages with the map and compare pages
    assert messages[-2:] == ["  pages and charts: 0 of 18 pages need no chart drawn; drawing the charts of 18 "
                             "(2 processes)", "  pages and charts: drawn 18 of 18"]


def test_charts_are_kept_by_content_and_drawn_again_only_where_their_data_change(tmp_path: Path) -> None:
    settings = read_settings(ROOT / "mkdocs.yml")
    messages: list[str] = []
    cold = render_files(_england(), settings, ChartCache(tmp_path), messages.append)
    # The map (these data have no layout) and London (no grades) have no chart.
    assert messages[0] == ("  pages and charts: 2 of 18 pages need no chart drawn; drawing the charts of 16 "
                           "(1 process)")
    messages.clear()
    assert render_files(_england(), settings, ChartCache(tmp_path), messages.append) == cold
    assert messages == ["  pages and charts: 18 of 18 pages need no chart drawn"]
    folder = ChartCache(tmp_path).folder
    assert folder is not None
    kept = {entry.name for entry in folder.iterdir()}

    # Bury's news changes its own chart only: the grades on the map and the grade charts stay.
    news = event("news", "news", "2026-07-01")
    changed = replace(_england(), timelines=tuple(replace(t, events=(*t.events, news)) if t.authority.slug == "bury"
                                                   else t for t in _england().timelines))
    messages.clear()
    cache = ChartCache(tmp_path)
    warm = render_files(changed, settings, cache, messages.append)
    assert messages[0] == ("  pages and charts: 17 of 18 pages need no chart drawn; drawing the charts of 1 "
                           "(1 process)")
    assert warm == render_files(changed, settings, ChartCache(None), lambda _: None)
    assert warm["authorities/bury/timeline-light.svg"] != cold["authorities/bury/timeline-light.svg"]
    assert {k for k in warm if warm[k] != cold.get(k)} >= {"authorities/bury/index.md", "authorities/bury/timeline.vl.json"}
    # Written again: Bury's chart, the pages of Bury and of those that name it (Bolton's
    # neighbours include Bury), and Bury's share of the whole data set's files; every other
    # page and share is as it was kept.
    namers = [t.authority.slug for t in changed.timelines if "bury" in t.authority.neighbours]
    assert namers == ["bolton"]
    made = {entry.name for entry in folder.iterdir()} - kept
    assert len(made) == 1 + 1 + len(namers) + 1

    # A broken entry (say, from a killed build) is drawn again; entries no build uses are pruned.
    assert cache.folder is not None
    entries = sorted(cache.folder.iterdir())
    for entry in entries:
        entry.write_text("{", "utf-8")
        os.utime(entry, (0, 0))  # as if written long before this build
    (tmp_path / "0123456789abcdef").mkdir()  # the cache of another version of the code
    (tmp_path / "0123456789abcdef" / "old.json").write_text("{}", "utf-8")
    messages.clear()
    cache = ChartCache(tmp_path)
    assert render_files(changed, settings, cache, messages.append) == warm
    assert messages[0].startswith("  pages and charts: 2 of 18 pages need no chart drawn; drawing the charts of 16")
    assert cache.prune() == 1 + len(made) and [p.name for p in tmp_path.iterdir()] == [cache.folder.name]
    assert len(list(cache.folder.iterdir())) == len(entries) - len(made)  # what Bury's change replaced went
