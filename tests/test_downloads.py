"""The data to download: each authority's events as the page shows them, and the whole data set
as a Frictionless data package that validates, field by field, against its own description."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from frictionless import Package, system

from generator.build import Project
from generator.chart_cache import ChartCache
from generator.model import Dataset
from generator.render import grades
from generator.render.downloads import NEUTRALISED, authority_downloads, dataset_downloads
from generator.render.paths import anchor
from generator.validate import load_dataset
from tests.conftest import html
from tests.factories import FRAMEWORKS, authority, dataset, event, inspection, timeline


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_an_authoritys_events_one_row_each_with_their_judgements_and_sources() -> None:
    one = timeline(authority("bury", "north_west"),
                   inspection("ilacs", "2021-10-25", None, end="2021-11-05",
                              judgements={"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"}),
                   event("notice", "intervention", "2022-01", action="improvement_notice_issued",
                         sources=[{"title": "Notice", "publisher": "DfE", "url": "https://example.org/n"},
                                  {"title": "Paper", "publisher": "Bury Council"}]),
                   event("news", "news", "unknown", quotes=[{"text": "Words", "by": "A Reporter"}]),
                   event("visit", "focused_visit", "2023-05-09", findings={"to_improve": ["Plans", "Supervision"]},
                         people=[{"name": "A. Lead", "role": "lead_inspector"}, {"name": "B. Other", "role": "inspector"}],
                         sources=[{"title": "Letter", "publisher": "Ofsted", "url": "https://example.org/l",
                                   "type": "report"}]))
    files = authority_downloads(one, FRAMEWORKS)
    rows = _rows(files["authorities/bury/bury.csv"])
    assert [(r["id"], r["kind"], r["date"], r["end"]) for r in rows] == [
        ("ilacs", "full_inspection", "2021-10-25", "2021-11-05"), ("notice", "intervention", "2022-01", ""),
        ("news", "news", "unknown", ""), ("visit", "focused_visit", "2023-05-09", "")]
    assert (rows[3]["lead_inspector"], rows[3]["report_url"]) == ("A. Lead", "https://example.org/l")
    assert (rows[0]["overall_effectiveness"], rows[0]["impact_of_leaders"], rows[0]["help_and_protection"]) == (
        "inadequate", "inadequate", "")
    assert (rows[1]["action"], rows[1]["source_urls"]) == ("improvement_notice_issued", "https://example.org/n")
    document = json.loads(files["authorities/bury/bury.json"])
    assert document["authority"]["slug"] == "bury"
    assert [e["id"] for e in document["events"]] == ["ilacs", "notice", "news", "visit"]
    assert document["events"][2] == {"id": "news", "kind": "news", "date": "unknown", "origin": "hand",
                                     "quotes": [{"text": "Words", "by": "A Reporter"}],
                                     "sources": [{"title": "Source", "publisher": "Ofsted"}]}
    assert [s["title"] for s in document["events"][1]["sources"]] == ["Notice", "Paper"]


def test_the_whole_data_set_is_every_authoritys_rows_and_a_package_that_describes_each_column() -> None:
    data = dataset(timeline(authority("bury", "north_west"), inspection("a", "2021-10-25", "inadequate")),
                   timeline(authority("wigan", "north_west", neighbours=["bury"]), inspection("b", "2024-03", "good")))
    files = dataset_downloads(data, ChartCache(None))
    events = _rows(files["downloads/events.csv"])
    per_authority = [row for t in data.timelines for row in _rows(authority_downloads(t, FRAMEWORKS)[f"authorities/{t.authority.slug}/"
                                                                                        f"{t.authority.slug}.csv"])]
    assert events == per_authority
    package = json.loads(files["downloads/datapackage.json"])
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(files[f"downloads/{resource['path']}"])))
        described = resource["schema"]["fields"]
        assert header == [f["name"] for f in described]
        assert all(f["description"] for f in described)
    authorities = _rows(files["downloads/authorities.csv"])
    assert [(a["slug"], a["neighbours"]) for a in authorities] == [("bury", ""), ("wigan", "bury")]
    assert "Download the data" in files["downloads/index.md"]
    frameworks = _rows(files["downloads/frameworks.csv"])
    revised = next(r for r in frameworks if r["framework"] == "ilacs_standard" and r["begins"] == "2026-04")
    assert (revised["scale"], revised["judgements"]) == (
        "outstanding; good; requires_improvement; inadequate",
        "impact_of_leaders; help_and_protection; children_in_care; care_leavers")
    grade_column = next(f for r in package["resources"] if r["name"] == "events" for f in r["schema"]["fields"]
                        if f["name"] == "care_leavers")
    assert grade_column["constraints"]["enum"] == [g.value for g in FRAMEWORKS.grades]


def test_findings_are_one_row_each_with_their_section_and_place() -> None:
    data = dataset(timeline(authority("bury"), event("visit", "focused_visit", "2023-05-09", priority_actions=["Act"],
                                                     findings={"to_improve": ["Plans", "Supervision"]},
                                                     quotes=[{"text": "Words", "by": "Ofsted"}])))
    rows = _rows(dataset_downloads(data, ChartCache(None))["downloads/findings.csv"])
    assert [(r["section"], r["number"], r["text"], r["by"]) for r in rows] == [
        ("priority_action", "1", "Act", ""), ("to_improve", "1", "Plans", ""), ("to_improve", "2", "Supervision", ""),
        ("quote", "1", "Words", "Ofsted")]


def test_the_whole_data_set_is_put_together_from_each_authoritys_kept_share(tmp_path: Path) -> None:
    data = dataset(timeline(authority("bury", "north_west"), inspection("a", "2021-10-25", "inadequate")),
                   timeline(authority("wigan", "north_west"), inspection("b", "2024-03", "good")))
    fresh = dataset_downloads(data, ChartCache(None))
    everything = json.loads(fresh["downloads/inspection-timelines.json"])
    assert list(everything) == ["as_of", "coverage", "currency", "ofsted_checked", "frameworks", "authorities"]
    assert everything["ofsted_checked"] is None  # never checked against Ofsted's report site
    assert [f["id"] for f in everything["frameworks"]["frameworks"]][-3:] == ["ilacs_standard", "ilacs_short", "ilacs"]
    assert [(a["id"], a["covers"]) for a in everything["frameworks"]["areas"] if "covers" in a] == [
        ("children_in_care_and_care_leavers", ["children_in_care", "care_leavers"])]
    assert [(a["slug"], [e["id"] for e in a["events"]]) for a in everything["authorities"]] == [
        ("bury", ["a"]), ("wigan", ["b"])]
    cache = ChartCache(tmp_path)
    assert dataset_downloads(data, cache) == fresh
    assert cache.folder is not None and len(list(cache.folder.iterdir())) == 2  # a share for each authority
    assert dataset_downloads(data, ChartCache(tmp_path)) == fresh  # from the kept shares
    news = event("news", "news", "2026-07-01")
    changed = replace(data, timelines=(data.timelines[0], replace(data.timelines[1], events=(*data.timelines[1].events, news))))
    assert dataset_downloads(changed, ChartCache(tmp_path)) == dataset_downloads(changed, ChartCache(None))
    assert len(list(cache.folder.iterdir())) == 3  # Wigan's new share beside the kept ones


@pytest.fixture(scope="module")
def shipped(built: Project) -> Dataset:
    return load_dataset(built.data, built.root)


def test_the_data_package_of_the_site_is_valid(built: Project) -> None:
    """Frictionless checks every row against the schema: types, allowed values, keys and references."""
    with system.use_context(trusted=True):
        report = Package(str(built.build / "site" / "downloads" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_each_pages_download_holds_what_the_page_shows(built: Project, shipped: Dataset) -> None:
    site = built.build / "site"
    for timeline_ in shipped.timelines:
        slug = timeline_.authority.slug
        page = html(built, f"authorities/{slug}")
        links = {a.get_text(): a["href"] for a in page.find(string="Download").find_parent("p").find_all("a")}
        # The page's address is authorities/<slug>/, so its files are beside it there.
        assert (links["CSV"], links["JSON"], links["the whole data set"]) == (
            f"{slug}.csv", f"{slug}.json", "../../downloads/")
        rows = _rows((site / "authorities" / slug / links["CSV"]).read_text("utf-8"))
        assert [r["id"] for r in rows] == [e.id for e in timeline_.events]
        for row in rows:
            heading = page.find(id=anchor(row["id"]))
            assert heading is not None, f"{slug}: {row['id']} is not on the page"
            shown, text = [], ""
            for sibling in heading.find_next_siblings():
                if sibling.name in ("h2", "h3"):
                    break
                shown += [a["href"] for a in sibling.find_all("a", href=True) if a["href"].startswith("http")]
                text += " " + " ".join(sibling.get_text(" ").split())
            urls = [u for u in row["source_urls"].split("; ") if u]
            # Ofsted's own report is linked above the event's body as well as among its sources.
            assert [row["report_url"]] * bool(row["report_url"]) + urls == [u for u in shown if u in urls], \
                f"{slug}/{row['id']}"
            for area in shipped.frameworks.areas:
                if row[area.value]:
                    grade = shipped.frameworks.find("grade", row[area.value])
                    assert f"{area.label}: {grades.label(grade)}" in text, f"{slug}/{row['id']}"  # type: ignore[arg-type]
            if row["lead_inspector"]:
                assert f"Lead inspector: {row['lead_inspector']}" in text, f"{slug}/{row['id']}"
        document = json.loads((site / "authorities" / slug / f"{slug}.json").read_text("utf-8"))
        assert [e["id"] for e in document["events"]] == [r["id"] for r in rows]


def test_a_source_saying_there_were_no_priority_actions_is_kept_apart_from_one_saying_nothing() -> None:
    one = timeline(authority("bury"), event("said", "focused_visit", "2022-03", priority_actions=[]),
                   event("silent", "focused_visit", "2023-03"))
    said, silent = json.loads(authority_downloads(one, FRAMEWORKS)["authorities/bury/bury.json"])["events"]
    assert (said.get("priority_actions"), "priority_actions" in silent) == ([], False)


#: Free text that a spreadsheet would run as a formula (OWASP's examples of CSV injection).
FORMULAS = ['=HYPERLINK("https://example.org/","Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"]


def test_no_cell_of_any_csv_is_a_formula_and_the_json_keeps_the_text() -> None:
    """Each formula as a theme, a source's title and publisher, and a finding:
    in every CSV the site offers it begins with an apostrophe, and the data package and the page
    say so; the JSON holds it exactly."""
    events = [event(f"visit-{i}", "focused_visit", "2023-05-09", theme=text, findings={"to_improve": [text]},
                    sources=[{"title": text, "publisher": text}]) for i, text in enumerate(FORMULAS)]
    one = timeline(authority("bury", "north_west"), *events)
    files = {**authority_downloads(one, FRAMEWORKS), **dataset_downloads(dataset(one), ChartCache(None))}
    cells = [cell for path, text in files.items() if path.endswith(".csv") for row in csv.reader(io.StringIO(text))
             for cell in row]
    shown = {text: sum(cell == "'" + text for cell in cells) for text in FORMULAS}
    # The theme twice (the authority's CSV and events.csv), the title and the publisher (sources.csv)
    # and the finding (findings.csv).
    assert shown == {text: 5 for text in FORMULAS}
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    document = json.loads(files["authorities/bury/bury.json"])
    assert [e["theme"] for e in document["events"]] == FORMULAS
    package = json.loads(files["downloads/datapackage.json"])
    assert NEUTRALISED in package["description"]
    assert "begins with an apostrophe" in files["downloads/index.md"]
