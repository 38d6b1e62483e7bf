"""The national and region pages, their grade chart and the navigation, from small hand-made data,
read as the reader's HTML; and the same files whether one process makes them or two."""

from __future__ import annotations

import json
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
from tests.factories import authority, dataset, event, html, inspection, section, table_rows, timeline


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


def test_the_national_page_counts_current_grades_by_region() -> None:
    page = html(overview_page(_england(), None))
    rows = table_rows(page, "grades")
    assert rows[0] == ["North East", "0", "0", "1", "0", "0", "1"]
    assert rows[1] == ["North West", "1", "1", "0", "1", "1", "4"]
    assert rows[2:9] == [[r.label, "0", "0", "0", "0", "0", "0"] for r in list(Region)[2:]]
    assert rows[9] == ["England", "1", "1", "1", "1", "1", "5"]  # Cumbria, abolished, counts nowhere
    header = [th.get_text() for th in page.find(id="grades").find_next("table").select("thead th")]
    assert header[1:] == ["Outstanding", "Good", "Requires improvement to be good", "Inadequate",
                          "No overall grade in these data", "Current authorities"]
    assert page.find(id="grades").find_next("table").find("a")["href"] == "../regions/north-east/index.md"
    assert "England: 1 outstanding, 1 good, 1 requires improvement to be good, 1 inadequate, 1 with no overall " \
           "grade in these data, of 5 current authorities." in section(page, "grades")
    assert [img["src"] for img in page.select("img.it-chart")] == ["grades-light.svg#only-light",
                                                                   "grades-dark.svg#only-dark"]


def test_the_grade_chart_draws_the_counts_of_the_table() -> None:
    data = _england()
    light, dark = (grade_chart_spec(chart_segments(data, None), palette) for palette in (LIGHT, DARK))
    bars = light["layer"][0]
    drawn = {(v["group"], v["grade"]): v["count"] for v in bars["data"]["values"]}
    assert drawn == {("North East", "Requires improvement to be good"): 1,
                     ("North West", "Outstanding"): 1, ("North West", "Good"): 1, ("North West", "Inadequate"): 1,
                     ("North West", "No overall grade in these data"): 1,
                     ("England", "Outstanding"): 1, ("England", "Good"): 1,
                     ("England", "Requires improvement to be good"): 1, ("England", "Inadequate"): 1,
                     ("England", "No overall grade in these data"): 1}
    assert bars["encoding"]["y"]["sort"] == ["North East", "North West", "England"]
    assert [v["end"] for v in bars["data"]["values"] if v["group"] == "North West"] == [0.25, 0.5, 0.75, 1.0]
    colours = [spec["layer"][0]["encoding"]["color"]["scale"]["range"] for spec in (light, dark)]
    assert colours[0] != colours[1] and len(colours[0]) == 5
    assert json.dumps(light) != json.dumps(dark)


def test_the_old_scale_is_counted_apart() -> None:
    data = dataset(timeline(authority("durham", "north_east"),
                            inspection("a", "unknown", None, framework=None, published="2012-03-01",
                                       judgements={"overall_effectiveness": "adequate"})))
    page = html(overview_page(data, None))
    header = [th.get_text() for th in page.find(id="grades").find_next("table").select("thead th")]
    assert "Adequate (old scale)" in header
    assert table_rows(page, "grades")[-1] == ["England", "0", "0", "1", "0", "0", "1"]


def test_movement_is_a_cross_table_with_each_authoritys_two_grades() -> None:
    page = html(overview_page(_england(), None))
    assert section(page, "movement").startswith(
        "How grades moved Between each current authority's last two full inspections that gave an overall grade: "
        "3 of 5 authorities have two in these data. 2 moved up, 0 moved down and 1 stayed at the same grade. "
        "Moving between adequate (old scale) and requires improvement to be good counts as staying in the same place")
    tables = page.find(id="movement").find_all_next("table", limit=2)
    header = [th.get_text() for th in tables[0].select("thead th")]
    assert header == ["Earlier grade ↓, later grade →", "Outstanding", "Good", "Adequate (old scale)",
                      "Requires improvement to be good", "Inadequate", "Authorities"]
    assert table_rows(page, "movement") == [
        ["From Outstanding", "0", "0", "0", "0", "0", "0"], ["From Good", "1", "0", "0", "0", "0", "1"],
        ["From Adequate (old scale)", "0", "0", "0", "1", "0", "1"],
        ["From Requires improvement to be good", "0", "0", "0", "0", "0", "0"],
        ["From Inadequate", "0", "1", "0", "0", "0", "1"]]
    listed = [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in tables[1].select("tbody tr")]
    assert listed == [
        ["Bolton", "North West", "Inadequate 7–18 January 2019", "Good 11–15 September 2023", "Up 2 grades"],
        ["Durham", "North East", "Adequate (old scale) Published 1 March 2012", "Requires improvement to be good June 2019",
         "Same place on each scale"],
        ["Wigan", "North West", "Good May 2018", "Outstanding 4–15 March 2024", "Up 1 grade"]]


def test_recent_inspections_and_intervention_with_no_recorded_end() -> None:
    page = html(overview_page(_england(), None))
    assert table_rows(page, "recent") == [
        ["Bury", "North West", "8–19 June 2026", "ILACS standard inspection",
         "not graded under this framework community scrape, not yet official"],
        ["Wigan", "North West", "4–15 March 2024", "ILACS standard inspection", "Outstanding"],
        ["Bolton", "North West", "11–15 September 2023", "ILACS standard inspection", "Good"],
        ["Durham", "North East", "June 2019", "ILACS standard inspection", "Requires improvement to be good"]]
    assert table_rows(page, "intervention") == [
        ["Bury", "North West", "Improvement notice", "January 2022", "Inadequate 25 October – 5 November 2021"]]
    assert page.find(id="intervention").find_next("table").find_all("a")[1]["href"] == "bury.md#event-notice"


def test_the_table_of_every_authority_carries_values_to_sort_and_filter_by() -> None:
    page = html(overview_page(_england(), None))
    table = page.find(id="all").find_next("table")
    assert table.find_parent("div")["class"] == ["it-sortable"]
    rows = table.select("tbody tr")
    assert [r.find("td").get_text(" ", strip=True) for r in rows] == ["Bolton", "Bury", "Cumberland", "Durham", "Wigan"]
    cells = [[(c.find("data") or c.find("time") or c).attrs for c in r.find_all("td")[1:4]] for r in rows]
    assert cells == [
        [{"value": "01"}, {"value": "01"}, {"datetime": "2023-09-11"}],
        [{"value": "01"}, {"value": "04"}, {"datetime": "2026-06-08"}],
        [{"value": "01"}, {"value": "05"}, {}],
        [{"value": "00"}, {"value": "03"}, {"datetime": "2019-06"}],
        [{"value": "01"}, {"value": "00"}, {"datetime": "2024-03-04"}]]
    assert [words for words in (" ".join(td.get_text(" ").split()) for td in rows[2].find_all("td"))] == [
        "Cumberland", "North West", "No overall grade in these data", "None dated in these data", "None in these data"]


def test_a_region_page_shows_its_own_authorities_and_its_former_ones_apart() -> None:
    page = html(overview_page(_england(), Region.NORTH_WEST))
    assert page.find("h1").get_text().startswith("North West")
    assert table_rows(page, "grades") == [["North West", "1", "1", "0", "1", "1", "4"],
                                          ["England", "1", "1", "1", "1", "1", "5"]]
    assert [r[0] for r in table_rows(page, "all")] == ["Bolton", "Bury", "Cumberland", "Wigan"]
    assert len(table_rows(page, "all")[0]) == 4  # no region column
    assert table_rows(page, "former") == [
        ["Cumbria", "1 April 2023", "Cumberland", "Inadequate 12–21 September 2022"]]
    assert table_rows(page, "intervention") == [  # not Cumbria's
        ["Bury", "Improvement notice", "January 2022", "Inadequate 25 October – 5 November 2021"]]
    empty = html(overview_page(_england(), Region.LONDON))
    assert "No current authority here is in these data." in section(empty, "all")
    assert empty.find(id="former") is None
    assert len(empty.select("img.it-chart")) == 2  # England's bar; London, with no authority, has none


def test_the_navigation_puts_each_region_page_first_then_current_then_former_authorities() -> None:
    config = YAML(typ="safe", pure=True).load(build_config(read_settings(ROOT / "mkdocs.yml"), _england()))
    sections = next(item["Authorities"] for item in config["nav"] if "Authorities" in item)
    assert sections[0] == "authorities/index.md"
    regions = {title: pages for entry in sections[1:] for title, pages in entry.items()}
    assert list(regions) == [r.label for r in Region]
    assert regions["North West"] == ["regions/north-west/index.md", {"Bolton": "authorities/bolton.md"},
                                     {"Bury": "authorities/bury.md"}, {"Cumberland": "authorities/cumberland.md"},
                                     {"Wigan": "authorities/wigan.md"}, {"Cumbria (former)": "authorities/cumbria.md"}]
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
    assert {k for k in warm if warm[k] != cold.get(k)} >= {"authorities/bury.md", "authorities/bury/timeline.vl.json"}
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


def test_grades_older_than_a_later_ungraded_inspection_are_said_to_be() -> None:
    text = section(html(overview_page(_england(), None)), "grades")
    assert ("1 of these authorities has had a later full inspection with no overall grade in these data (ILACS "
            "inspections that began from 1 April 2026 give no overall effectiveness grade); the table of every "
            "authority shows both.") in text
