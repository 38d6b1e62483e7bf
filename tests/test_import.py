"""The importer: combining releases, merging with editors' work, and the real import end to end.

The unit tests type in a few real rows (Trafford's ILACS inspection of March 2019 as the 2025
release, the 2023 table and the scrape give it; Northamptonshire's 2011 SLAC inspection). The
end-to-end tests read ../shared/data and skip elsewhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer.combine import combine
from generator.importer.merge import merge_events
from generator.importer.observations import Observation
from generator.importer.official import grade
from generator.importer.report import Report
from generator.importer.run import run_import
from generator.importer.write import dump
from generator.load import load_document
from generator.model import SCRAPE_ORIGIN, Framework, Grade, JudgementArea, Kind
from generator.validate import load_dataset
from tests.conftest import ROOT, SHARED, copy_project, shared_file

RUNS_TO = dt.date(2025, 3, 31)
G = JudgementArea


def official(where: str, **fields: object) -> Observation:
    source = {"title": where.split(",")[0], "publisher": "Ofsted", "note": "Official statistics: {where}."}
    return Observation("358", Kind.FULL_INSPECTION, source, where, **fields)  # type: ignore[arg-type]


def scraped(where: str, **fields: object) -> Observation:
    source = {"title": "Scrape", "publisher": "Data to Insight", "url": "https://files.ofsted.gov.uk/v1/file/50074947",
              "note": "Row: {where}."}
    return Observation("358", Kind.FULL_INSPECTION, source, where, origin=SCRAPE_ORIGIN, **fields)  # type: ignore[arg-type]


TRAFFORD_2025 = dict(date=dt.date(2019, 3, 4), published=dt.date(2019, 5, 8), framework=Framework.ILACS_SHORT,
                     judgements={G.OVERALL_EFFECTIVENESS: Grade.INADEQUATE, G.IMPACT_OF_LEADERS: Grade.INADEQUATE})
TRAFFORD_2023 = dict(published=dt.date(2019, 5, 8), framework=Framework.ILACS_SHORT,
                     judgements={G.OVERALL_EFFECTIVENESS: Grade.INADEQUATE, G.IMPACT_OF_LEADERS: Grade.REQUIRES_IMPROVEMENT})
TRAFFORD_SCRAPE = dict(date=dt.date(2019, 3, 4), end=dt.date(2019, 3, 8), published=dt.date(2019, 5, 8),
                       framework=Framework.ILACS_SHORT, judgements={G.OVERALL_EFFECTIVENESS: Grade.INADEQUATE},
                       people=[{"name": "A Lead", "role": "lead_inspector"}])


def test_one_event_from_every_release_and_the_scrape_newest_release_wins() -> None:
    report = Report()
    events = combine([official("R2025, row 243", **TRAFFORD_2025), official("R2023, row 139", **TRAFFORD_2023),
                      scraped("scrape.csv, row 463", **TRAFFORD_SCRAPE)], RUNS_TO, report)["358"]
    assert len(events) == 1
    event = events[0]
    assert (event["id"], event["date"], event["end"], event["published"]) == (
        "ilacs-short-2019-03-04", "2019-03-04", "2019-03-08", "2019-05-08")
    assert event["judgements"] == {"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"}
    assert [s["title"] for s in event["sources"]] == ["R2025", "R2023", "Scrape"]
    assert event["sources"][0]["note"] == "Official statistics: R2025, row 243."
    assert event["people"] == [{"name": "A Lead", "role": "lead_inspector"}]
    assert "R2023, row 139" in event["notes"] and "which is shown" in event["notes"]
    assert [(e.kind, e.where) for e in report.entries] == [("disagreement", "R2023, row 139")]


def test_scrape_adds_reports_only_after_the_official_statistics() -> None:
    report = Report()
    later = scraped("scrape.csv, row 459", date=dt.date(2026, 6, 8), published=dt.date(2026, 8, 3),
                    framework=Framework.ILACS_STANDARD, judgements={G.CHILDREN_IN_CARE: Grade.GOOD})
    unlisted = scraped("scrape.csv, row 115", date=dt.date(2017, 11, 9), published=dt.date(2018, 1, 19))
    events = combine([later, unlisted], RUNS_TO, report)["358"]
    assert [(e["id"], e["origin"]) for e in events] == [("ilacs-standard-2026-06-08", SCRAPE_ORIGIN)]
    assert [(e.kind, e.where) for e in report.entries] == [("skipped", "scrape.csv, row 115")]


def test_old_frameworks_adequate_is_read_back_from_todays_words() -> None:
    report = Report()
    assert grade("Requires improvement to be good", Framework.SLAC, "R2023", "x", report) is Grade.ADEQUATE
    assert grade("Requires improvement to be good", Framework.SIF, "R2023", "x", report) is Grade.REQUIRES_IMPROVEMENT
    assert grade("Not a grade", Framework.SIF, "R2023, row 9", "x", report) is None
    assert [(e.kind, e.where) for e in report.entries] == [("not used", "R2023, row 9")]


HAND = {"id": "full-inspection-2019", "kind": "full_inspection", "date": "2019", "published": "2019-05-08",
        "judgements": {"overall_effectiveness": "inadequate"}, "notes": "From the news.",
        "sources": [{"title": "Community Care", "publisher": "Community Care"}]}


def imported_trafford() -> dict:
    return combine([official("R2025, row 243", **TRAFFORD_2025)], RUNS_TO, Report())["358"][0]


def test_a_hand_event_is_kept_and_only_completed_by_the_import() -> None:
    merged = merge_events([HAND], [imported_trafford()], {"R2025"}, "f", Report())
    assert len(merged) == 1
    event = merged[0]
    assert (event["id"], event.get("origin", "hand"), event["notes"]) == ("full-inspection-2019", "hand", "From the news.")
    assert event["date"] == "2019-03-04"  # more precise, and inside the editor's "2019"
    assert event["framework"] == "ilacs_short"
    assert event["judgements"] == {"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"}
    assert [s["title"] for s in event["sources"]] == ["Community Care", "R2025"]
    assert merge_events(merged, [imported_trafford()], {"R2025"}, "f", Report()) == merged


def test_an_editors_correction_and_additions_survive_a_reimport() -> None:
    first = merge_events([], [imported_trafford()], {"R2025"}, "f", Report())
    edited = dict(first[0], framework="ilacs_standard", summary="Our words.",
                  corrected=[{"field": "framework", "reason": "The report says standard."}],
                  sources=first[0]["sources"] + [{"title": "Council paper", "publisher": "Trafford Council"}])
    again = merge_events([edited], [imported_trafford()], {"R2025"}, "f", Report())
    assert again == [edited]


def test_an_imported_event_no_source_gives_any_more_is_kept_and_reported() -> None:
    report = Report()
    old = dict(imported_trafford(), id="ilacs-short-2019-03-04")
    assert merge_events([old], [], {"R2025"}, "data/events/trafford.yaml", report) == [old]
    assert [(e.kind, e.where) for e in report.entries] == [("disagreement", "data/events/trafford.yaml")]


def test_written_files_read_back_as_written(tmp_path: Path) -> None:
    data = {"authority": "trafford", "updated": "2026-11-23", "events": [
        dict(imported_trafford(), notes="Colons: and # hashes, 'quotes' and \"more\"; 908; 2019-05"),
        {"id": "x", "kind": "news", "date": "unknown", "sources": [{"title": "- dash", "publisher": "@at"}]}]}
    path = tmp_path / "trafford.yaml"
    path.write_text(dump(data, "Header"), encoding="utf-8")
    doc, problems = load_document(path, "trafford.yaml")
    assert problems == [] and doc is not None and doc.data == data
    assert "date: 2019-03-04\n" in path.read_text("utf-8")  # dates plain, as editors write them


# ---------------------------------------------------------------------------------------------
# The real import (CI has ../shared beside the clone)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    shared_file("data/raw/ofsted_official/LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    root = copy_project(tmp_path_factory.mktemp("import")).root
    result = run_import(root, SHARED / "data", dt.date(2026, 11, 23), log=lambda _: None)
    return root, result


def test_the_shipped_data_are_what_the_import_makes(imported: tuple[Path, list[str]]) -> None:
    root, result = imported
    assert result == []
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        assert (root / "data" / path.relative_to(ROOT / "data")).read_bytes() == path.read_bytes()


def test_counts_match_the_sources(imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    dataset = load_dataset(root / "data", root)
    current = [t for t in dataset.timelines if t.authority.abolished is None]
    assert len(current) == 153
    assert {t.authority.slug for t in dataset.timelines} - {t.authority.slug for t in current} == {
        "bournemouth", "poole", "dorset-county-council", "northamptonshire", "cumbria"}
    history = [e for t in dataset.timelines for e in t.events
               if any("sheet ILACS_inspection_history" in (s.note or "") for s in e.sources)]
    assert len(history) == 271
    assert {e.framework for e in history} == {Framework.ILACS_STANDARD, Framework.ILACS_SHORT}


def test_spot_checks_of_histories(imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    dataset = load_dataset(root / "data", root)

    def events(slug: str) -> dict[str, object]:
        return {e.id: e for e in dataset.timeline(slug).events}

    trafford = events("trafford")
    assert str(trafford["full-inspection-2019"].date) == "2019-03-04"  # type: ignore[attr-defined]
    assert trafford["full-inspection-2019"].origin == "hand"  # type: ignore[attr-defined]
    assert trafford["ilacs-standard-2026-06-08"].origin == SCRAPE_ORIGIN  # type: ignore[attr-defined]
    assert G.OVERALL_EFFECTIVENESS not in trafford["ilacs-standard-2026-06-08"].judgements  # type: ignore[attr-defined]
    northants = events("northamptonshire")
    slac = northants["slac-published-2011-05-06"]
    assert slac.judgements[G.SAFEGUARDING_OVERALL] is Grade.ADEQUATE  # type: ignore[attr-defined]
    assert str(northants["ilacs-standard-2019-06-17"].published) == "2019-07-29"  # type: ignore[attr-defined]
    cumbria = dataset.timeline("cumbria").authority
    assert (str(cumbria.abolished), cumbria.successors) == ("2023-04-01", ("cumberland", "westmorland-and-furness"))
    barnsley = dataset.timeline("barnsley").authority
    assert (barnsley.ons_code, barnsley.former_ons_codes) == ("E08000038", ("E08000016",))
    hull = dataset.timeline("kingston-upon-hull").authority
    assert "Hull" in hull.aliases and hull.neighbours[:1] and hull.dfe_code == "810"


def test_every_hand_event_survives_the_import(imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    for path in sorted((ROOT / "data" / "events").glob("*.yaml")):
        before = load_document(path, path.name)[0].data  # type: ignore[union-attr]
        after = load_document(root / "data" / "events" / path.name, path.name)[0].data  # type: ignore[union-attr]
        kept = {e["id"]: e for e in after["events"]}
        for event in before["events"]:
            if event.get("origin", "hand") == "hand":
                assert {k: v for k, v in event.items() if k not in ("date", "sources")}.items() <= kept[event["id"]].items()


def test_a_failed_import_changes_nothing(tmp_path: Path) -> None:
    shared_file("data/raw/ofsted_official/LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    root = copy_project(tmp_path).root
    register = root / "data" / "authorities.yaml"
    register.write_text(register.read_text("utf-8").replace("as_of: 2026-11-23", "as_of: 2026-01-01"), "utf-8")
    before = {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}
    with pytest.raises(Exception, match="problem"):
        run_import(root, SHARED / "data", dt.date(2026, 11, 23), log=lambda _: None)
    assert {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()} == before
