"""The importer: combining releases, merging with editors' work, and the real import end to end.

The unit tests type in a few real rows (Trafford's ILACS inspection of March 2019 as the 2025
release, the 2023 table and the scrape give it; Northamptonshire's 2011 SLAC inspection). The
end-to-end tests read ../shared/data and skip elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.importer.authorities import Authorities, Identity, other_names
from generator.importer.combine import combine
from generator.importer.letters import NOTE_START as LETTER_NOTE
from generator.importer.merge import merge_events
from generator.importer.observations import Observation
from generator.importer.official import grade
from generator.importer.report import Report
from generator.importer.run import is_imported_source, run_import
from generator.importer.scrape import read_scrape
from generator.importer.sheets import Row
from generator.importer.write import dump
from generator.load import load_document
from generator.model import REPORTS_ORIGIN, SCRAPE_ORIGIN, Kind, OfstedRegion, Region
from generator.validate import load_dataset
from tests.conftest import ROOT, SHARED, copy_project, shared_file
from tests.factories import FRAMEWORKS

RUNS_TO = dt.date(2025, 3, 31)


def official(where: str, kind: Kind = Kind.FULL_INSPECTION, **fields: object) -> Observation:
    source = {"title": where.split(",")[0], "publisher": "Ofsted", "note": "Official statistics: {where}."}
    return Observation("358", kind, source, where, **fields)  # type: ignore[arg-type]


def scraped(where: str, **fields: object) -> Observation:
    source = {"title": "Scrape", "publisher": "Data to Insight", "url": "https://files.ofsted.gov.uk/v1/file/50074947",
              "note": "Row: {where}."}
    return Observation("358", Kind.FULL_INSPECTION, source, where, origin=SCRAPE_ORIGIN, **fields)  # type: ignore[arg-type]


TRAFFORD_2025 = dict(date=dt.date(2019, 3, 4), published=dt.date(2019, 5, 8), framework="ilacs_short",
                     judgements={"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"})
TRAFFORD_2023 = dict(published=dt.date(2019, 5, 8), framework="ilacs_short",
                     judgements={"overall_effectiveness": "inadequate", "impact_of_leaders": "requires_improvement"})
TRAFFORD_SCRAPE = dict(date=dt.date(2019, 3, 4), end=dt.date(2019, 3, 8), published=dt.date(2019, 5, 8),
                       framework="ilacs_short", judgements={"overall_effectiveness": "inadequate"},
                       people=[{"name": "A Lead", "role": "lead_inspector"}])


def test_one_event_from_every_release_and_the_scrape_newest_release_wins() -> None:
    report = Report()
    events = combine([official("R2025, row 243", **TRAFFORD_2025), official("R2023, row 139", **TRAFFORD_2023),
                      scraped("scrape.csv, row 463", **TRAFFORD_SCRAPE)], RUNS_TO, FRAMEWORKS, report)["358"]
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


def test_scrape_adds_reports_only_where_the_official_statistics_could_not_list_them() -> None:
    report = Report()
    last_listed = official("R2025, row 40", date=dt.date(2025, 1, 27), published=dt.date(2025, 5, 14))
    later = scraped("scrape.csv, row 459", date=dt.date(2026, 6, 8), published=dt.date(2026, 8, 3),
                    framework="ilacs_standard", judgements={"children_in_care": "good"})
    # Wakefield: inspected within the releases' year, but published after the last report they list.
    published_later = scraped("scrape.csv, row 83", date=dt.date(2025, 3, 24), published=dt.date(2025, 7, 18))
    unlisted = scraped("scrape.csv, row 443", published=dt.date(2015, 8, 3))
    events = combine([last_listed, later, published_later, unlisted], RUNS_TO, FRAMEWORKS, report)["358"]
    assert [(e["id"], e["origin"]) for e in events] == [
        ("full-inspection-2025-01-27", "import:ofsted"), ("ilacs-standard-2026-06-08", SCRAPE_ORIGIN),
        ("full-inspection-2025-03-24", SCRAPE_ORIGIN)]
    assert [(e.kind, e.where) for e in report.entries] == [("skipped", "scrape.csv, row 443")]


def test_a_report_known_only_by_its_publication_takes_the_scrapes_dates() -> None:
    # Doncaster's SIF re-inspection: the 2009-2023 table gives only the publication date.
    table = official("R2023, row 40", published=dt.date(2018, 1, 19), framework="sif_reinspection",
                     judgements={"overall_effectiveness": "good"})
    report = scraped("scrape.csv, row 115", date=dt.date(2017, 11, 9), end=dt.date(2017, 11, 24),
                     published=dt.date(2018, 1, 19))
    [event] = combine([table, report], RUNS_TO, FRAMEWORKS, Report())["358"]
    assert (event["date"], event["end"], event["framework"]) == ("2017-11-09", "2017-11-24", "sif_reinspection")
    assert [s["title"] for s in event["sources"]] == ["R2023", "Scrape"]


def report_of(where: str, **fields: object) -> Observation:
    source = {"title": "Report", "publisher": "Ofsted", "type": "report", "note": "Read: {where}."}
    return Observation("358", Kind.FULL_INSPECTION, source, where, origin=REPORTS_ORIGIN, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("report_first", [False, True])
def test_a_report_joins_the_inspection_a_release_dates_otherwise_in_either_order(report_first: bool) -> None:
    # A release whose start is ten days off the report's (more than a week: only the publication joins them).
    release = official("R2025, row 90", date=dt.date(2023, 7, 1), published=dt.date(2023, 9, 1),
                       framework="ilacs_short", judgements={"overall_effectiveness": "good"})
    read = report_of("scilly.pdf", date=dt.date(2023, 7, 11), end=dt.date(2023, 7, 13), published=dt.date(2023, 9, 1),
                     framework="ilacs", judgements={"overall_effectiveness": "good"})
    report = Report()
    [event] = combine([read, release] if report_first else [release, read], RUNS_TO, FRAMEWORKS, report)["358"]
    assert (event["date"], event["end"], event["framework"]) == ("2023-07-11", "2023-07-13", "ilacs_short")
    assert [(e.kind, e.where) for e in report.entries] == [("disagreement", "R2025, row 90")]


def test_a_grade_off_the_frameworks_scale_is_left_out_and_reported_not_written() -> None:
    # "Adequate" is a grade of the frameworks before 2013, not of ILACS.
    report = Report()
    [event] = combine([official("R2025, row 243", date=dt.date(2019, 3, 4), framework="ilacs_short",
                                judgements={"overall_effectiveness": "adequate", "impact_of_leaders": "inadequate"})],
                      RUNS_TO, FRAMEWORKS, report)["358"]
    assert event["judgements"] == {"impact_of_leaders": "inadequate"}
    assert [(e.kind, e.where, e.detail) for e in report.entries] == [
        ("not used", "R2025, row 243", "Overall effectiveness: Adequate (old scale) is not a grade of this framework's "
                                       "scale at this date; left out")]


def test_releases_that_differ_on_a_date_make_one_inspection_and_say_so() -> None:
    # Cumbria's 2022 inspection: the 2025 release says 20 September, the 2023 one 21 September.
    report = Report()
    events = combine([official("R2025, row 59", date=dt.date(2022, 9, 20), framework="ilacs_standard"),
                      official("R2023, row 21", date=dt.date(2022, 9, 21), framework="ilacs_standard")],
                     RUNS_TO, FRAMEWORKS, report)["358"]
    assert [e["date"] for e in events] == ["2022-09-20"]
    assert "21 September 2022 (R2023, row 21) against 20 September 2022" in events[0]["notes"]
    assert [(e.kind, e.where) for e in report.entries] == [("disagreement", "R2023, row 21")]
    # Nottingham's 2022 report: the 2009-2023 table misdates its publication by two months.
    report = Report()
    events = combine([official("R2025, row 172", date=dt.date(2022, 7, 11), published=dt.date(2022, 9, 5),
                               framework="ilacs_standard", judgements={"overall_effectiveness": "inadequate"}),
                      official("R2023, row 97", published=dt.date(2022, 11, 5), framework="ilacs_standard",
                               judgements={"overall_effectiveness": "inadequate"})], RUNS_TO, FRAMEWORKS, report)["358"]
    assert [(e["date"], e["published"]) for e in events] == [("2022-07-11", "2022-09-05")]
    assert [(e.kind, e.where) for e in report.entries] == [("disagreement", "R2023, row 97")]
    # Nothing else may differ: another grade, 93 days, 8 days between starts, no framework.
    dated = dict(date=dt.date(2022, 7, 11), published=dt.date(2022, 9, 5), framework="ilacs_standard",
                 judgements={"overall_effectiveness": "inadequate"})
    for other in (dict(published=dt.date(2022, 11, 5), framework="ilacs_standard",
                       judgements={"overall_effectiveness": "requires_improvement"}),
                  dict(published=dt.date(2022, 12, 7), framework="ilacs_standard",
                       judgements={"overall_effectiveness": "inadequate"}),
                  dict(date=dt.date(2022, 7, 19), framework="ilacs_standard"),
                  dict(published=dt.date(2022, 11, 5), judgements={"overall_effectiveness": "inadequate"})):
        assert len(combine([official("R2025", **dated), official("R2023", **other)], RUNS_TO, FRAMEWORKS, Report())["358"]) == 2
    visits = combine([official("R2025, row 9", kind=Kind.FOCUSED_VISIT, date=dt.date(2022, 9, 20)),
                      official("R2023, row 8", kind=Kind.FOCUSED_VISIT, date=dt.date(2022, 9, 21))], RUNS_TO, FRAMEWORKS, Report())
    assert len(visits["358"]) == 2  # visits are matched on the day


def test_a_row_is_its_named_authority_whatever_its_link_says() -> None:
    # The 2021-22 sheet links "North Somerset" to North Northamptonshire's page (DfE code 940).
    authorities = Authorities([
        Identity("940", "North Northamptonshire", ["E06000061"], Region.EAST_MIDLANDS, OfstedRegion.EAST_MIDLANDS, True),
        Identity("802", "North Somerset", ["E06000024"], Region.SOUTH_WEST, OfstedRegion.SOUTH_WEST, True,
                 urn="80477")])
    report = Report()
    row = Row(85, {"Local authority name": "North Somerset"}, "https://reports.ofsted.gov.uk/provider/44/940")
    identity = authorities.resolve(row, report, "R2022")
    assert identity is not None and identity.dfe_code == "802"
    assert authorities.link_of(row, identity, report, "R2022") is None
    own = Row(86, {"Local authority name": "North Somerset"}, "https://reports.ofsted.gov.uk/provider/44/80477")
    assert authorities.link_of(own, identity, report, "R2022") == own.link
    unnamed = Row(87, {}, "https://reports.ofsted.gov.uk/provider/44/940")
    assert authorities.resolve(unnamed, report, "R2022").dfe_code == "940"  # type: ignore[union-attr]
    assert [(e.kind, e.where) for e in report.entries] == [("not used", "R2022, row 85"), ("not used", "R2022, row 87")]


SCRAPE_HEADER = ("urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,"
                 "inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,"
                 "help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version")


def test_the_scrape_gives_dates_grades_and_lead_but_not_the_framework_its_tool_works_out(tmp_path: Path) -> None:
    path = tmp_path / "scrape.csv"
    path.write_text("\n".join([SCRAPE_HEADER,
        "80451,wakefield,https://files.ofsted.gov.uk/v1/file/50282475,report.pdf,18/07/25,short,Christine Kennet,"
        "24/03/2025,28/03/2025,good,good,good,outstanding,requires improvement,1",
        "80451,wakefield,https://files.ofsted.gov.uk/v1/file/50000268,report.pdf,19/01/18,standard,,"
        "09/11/2017,24/11/2017,,,,,,1"]), encoding="utf-8")
    wakefield = Identity("384", "Wakefield", ["E08000036"], Region.YORKSHIRE, OfstedRegion.NORTH_EAST_YORKSHIRE,
                         True, urn="80451")
    report = Report()
    recent, old = read_scrape(path, Authorities([wakefield]), report)
    assert (recent.framework, recent.date, recent.judgements["care_leavers"]) == (
        None, dt.date(2025, 3, 24), "requires_improvement")
    assert recent.people == [{"name": "Christine Kennet", "role": "lead_inspector"}]
    assert (old.framework, old.date, old.published) == (None, dt.date(2017, 11, 9), dt.date(2018, 1, 19))
    assert report.entries == []
    assert report.figures == ["The scrape's framework ('standard' or 'short'), which its tool works out from how long "
                              "each inspection lasted and no report states, is not used: 2 rows give one."]


def test_a_comma_inside_a_name_does_not_split_it_into_aliases() -> None:
    assert other_names("[BCP, Bournemouth, Christchurch & Poole]", "Bournemouth, Christchurch and Poole") == ["BCP"]
    assert other_names("[Kingston Upon Hull, Hull]", "Kingston upon Hull") == ["Kingston Upon Hull", "Hull"]


def test_old_frameworks_adequate_is_read_back_from_todays_words() -> None:
    report = Report()
    assert grade("Requires improvement to be good", "slac", FRAMEWORKS, "R2023", "x", report) == "adequate"
    assert grade("Requires improvement to be good", "sif", FRAMEWORKS, "R2023", "x", report) == "requires_improvement"
    assert grade("Not a grade", "sif", FRAMEWORKS, "R2023, row 9", "x", report) is None
    assert [(e.kind, e.where) for e in report.entries] == [("not used", "R2023, row 9")]


def from_release(source: dict) -> bool:
    return source.get("title") == "R2025"


HAND = {"id": "full-inspection-2019", "kind": "full_inspection", "date": "2019", "published": "2019-05-08",
        "judgements": {"overall_effectiveness": "inadequate"}, "notes": "From the news.",
        "sources": [{"title": "Community Care", "publisher": "Community Care"}]}


def imported_trafford() -> dict:
    return combine([official("R2025, row 243", **TRAFFORD_2025)], RUNS_TO, FRAMEWORKS, Report())["358"][0]


def test_a_hand_event_is_kept_and_only_completed_by_the_import() -> None:
    merged = merge_events([HAND], [imported_trafford()], from_release, "f", Report())
    assert len(merged) == 1
    event = merged[0]
    assert (event["id"], event.get("origin", "hand"), event["notes"]) == ("full-inspection-2019", "hand", "From the news.")
    assert event["date"] == "2019-03-04"  # more precise, and inside the editor's "2019"
    assert event["framework"] == "ilacs_short"
    assert event["judgements"] == {"overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate"}
    assert [s["title"] for s in event["sources"]] == ["Community Care", "R2025"]
    assert merge_events(merged, [imported_trafford()], from_release, "f", Report()) == merged


def test_a_hand_event_an_editor_dates_takes_over_its_imported_twin_in_one_run() -> None:
    before = merge_events([], [imported_trafford()], from_release, "f", Report())
    dated = dict(HAND, date="2019-03-04")
    report = Report()
    merged = merge_events(before + [dated], [imported_trafford()], from_release, "f", report)
    assert [e["id"] for e in merged] == ["full-inspection-2019"]
    assert merge_events(merged, [imported_trafford()], from_release, "f", Report()) == merged
    assert [e.kind for e in report.entries] == ["removed"]


def test_an_editors_correction_and_additions_survive_a_reimport() -> None:
    first = merge_events([], [imported_trafford()], from_release, "f", Report())
    edited = dict(first[0], framework="ilacs_standard", summary="Our words.",
                  corrected=[{"field": "framework", "reason": "The report says standard."}],
                  sources=first[0]["sources"] + [{"title": "Council paper", "publisher": "Trafford Council"}])
    again = merge_events([edited], [imported_trafford()], from_release, "f", Report())
    assert again == [edited]


def test_an_imported_event_no_source_gives_any_more_goes_unless_an_editor_worked_on_it() -> None:
    report = Report()
    old = dict(imported_trafford(), id="ilacs-short-2019-03-04")
    assert merge_events([old], [], from_release, "data/events/trafford.yaml", report) == []
    with_source = dict(old, sources=old["sources"] + [{"title": "Council paper", "publisher": "Trafford Council"}])
    with_findings = dict(old, findings={"strengths": ["Stable workforce"]})
    for edited in (with_source, with_findings):
        assert merge_events([edited], [], from_release, "data/events/trafford.yaml", report) == [edited]
    news = {"id": "news", "kind": "news", "date": "2019-05", "about": old["id"], "sources": HAND["sources"]}
    assert merge_events([old, news], [], from_release, "f", report) == [old, news]  # "about" keeps it
    assert [e.kind for e in report.entries] == ["removed", "disagreement", "disagreement", "disagreement"]


def test_an_edited_import_that_a_hand_event_now_takes_over_is_kept_and_said_to_be_the_same() -> None:
    corrected = dict(imported_trafford(), summary="Ours.", corrected=[{"field": "summary", "reason": "Ours."}])
    report = Report()
    merged = merge_events([corrected, dict(HAND, date="2019-03-04")], [imported_trafford()], from_release, "f", report)
    assert sorted(e["id"] for e in merged) == ["full-inspection-2019", "ilacs-short-2019-03-04"]
    assert [e.kind for e in report.entries] == ["disagreement"]
    assert "hand event full-inspection-2019 is the same event" in report.entries[0].detail


def test_sources_of_the_import_are_told_from_an_editors() -> None:
    table_row = {"title": "Improvement notice: Trafford", "publisher": "DfE",
                 "note": "Listed in the project's curated table of DfE interventions (interventions.csv, row 9)."}
    assert is_imported_source(table_row)
    assert is_imported_source({"title": "Local authority inspection outcomes as at 31 March 2025"})
    assert not is_imported_source({"title": "Council paper", "note": "Found by an editor."})


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


def test_every_report_is_read_or_said_why_not_and_joins_its_inspection(imported: tuple[Path, list[str]]) -> None:
    """The import's report of Ofsted's reports: each of the 497 read, but the four web pages saved
    under a .pdf name and the review of a safeguarding board alone, each listed with the reason; all
    those read joined to the inspection the releases or the scrape give; and the disagreements with
    them counted by whose account and by what."""
    root, _ = imported
    report = (root / "build" / "import-report.md").read_text("utf-8")
    figures = re.search(r"^- Ofsted's reports of full inspections: (.*)$", report, re.M)
    assert figures is not None
    read, joined = re.search(r"497 reports: ([0-9]+) read", figures.group(1)), re.search(
        r"joined to the event that the releases or the scrape give: ([0-9]+) of ([0-9]+)", report)
    assert read is not None and joined is not None
    assert int(read.group(1)) == int(joined.group(2)) == int(joined.group(1)) >= 480
    skipped = [line for line in report.splitlines() if line.startswith("- ") and "children's services inspection" in line
               and (": unreadable: " in line or ": kind: " in line)]
    assert len(skipped) == 497 - int(read.group(1))
    assert sum("not a PDF but an HTML page" in line for line in skipped) == 4
    against = re.search(r"^- Disagreements with Ofsted's reports, whose account is used: the releases, ([0-9]+) "
                        r"\(.*\); the scrape, ([0-9]+) \(.*lead inspector\)", report, re.M)
    assert against is not None and int(against.group(1)) >= 1 and int(against.group(2)) >= 1
    # Bury's report of 2021 (checked by hand): help and protection inadequate, children in care and
    # care leavers requires improvement; the 2022 release gives the two the other way round.
    dataset = load_dataset(root / "data", root)
    bury = next(e for e in dataset.timeline("bury").events if str(e.date) == "2021-10-25")
    assert {a.value: g.value for a, g in bury.judgements.items()} == {
        "overall_effectiveness": "inadequate", "impact_of_leaders": "inadequate", "help_and_protection": "inadequate",
        "children_in_care_and_care_leavers": "requires_improvement"}
    assert "which is shown" in (bury.notes or "") and bury.sources[0].type.value == "report"  # type: ignore[union-attr]


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
    assert {e.framework.value for e in history if e.framework} == {"ilacs_standard", "ilacs_short"}


def test_spot_checks_of_histories(imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    dataset = load_dataset(root / "data", root)

    def events(slug: str) -> dict[str, object]:
        return {e.id: e for e in dataset.timeline(slug).events}

    trafford = events("trafford")
    assert str(trafford["full-inspection-2019"].date) == "2019-03-04"  # type: ignore[attr-defined]
    assert trafford["full-inspection-2019"].origin == "hand"  # type: ignore[attr-defined]
    revised = trafford["ilacs-standard-2026-06-08"]
    assert (revised.origin, revised.framework.value, str(revised.end)) == (  # type: ignore[attr-defined]
        REPORTS_ORIGIN, "ilacs", "2026-06-19")  # the report does not say standard or short
    assert {a.value: g.value for a, g in revised.judgements.items()} == {  # type: ignore[attr-defined]
        "impact_of_leaders": "inadequate", "help_and_protection": "inadequate", "children_in_care": "good",
        "care_leavers": "requires_improvement"}
    assert revised.people[0].name == "Leanne Cooper"  # type: ignore[attr-defined]
    northants = events("northamptonshire")
    slac = northants["slac-published-2011-05-06"]
    assert {a.value: g.value for a, g in slac.judgements.items()}["safeguarding_overall"] == "adequate"  # type: ignore[attr-defined]
    assert str(northants["ilacs-standard-2019-06-17"].published) == "2019-07-29"  # type: ignore[attr-defined]
    cumbria = dataset.timeline("cumbria").authority
    assert (str(cumbria.abolished), cumbria.successors) == ("2023-04-01", ("cumberland", "westmorland-and-furness"))
    barnsley = dataset.timeline("barnsley").authority
    assert (barnsley.ons_code, barnsley.former_ons_codes) == ("E08000038", ("E08000016",))
    hull = dataset.timeline("kingston-upon-hull").authority
    assert "Hull" in hull.aliases and hull.neighbours[:1] and hull.dfe_code == "810"


def test_each_row_is_on_its_named_authority_and_each_inspection_is_there_once(
        imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    dataset = load_dataset(root / "data", root)

    def on(slug: str) -> dict[str, tuple[str, str, str | None]]:
        return {e.id: (e.kind.value, str(e.date), e.origin) for e in dataset.timeline(slug).events}

    # The 2021-22 sheet links these rows to the authority before them in the alphabet.
    northants = on("north-northamptonshire")
    assert {"monitoring-visit-2021-07-28", "monitoring-visit-2021-11-02"} <= set(northants)
    assert "focused-visit-2021-12-07" not in northants
    assert "monitoring-visit-2021-11-02" not in on("north-yorkshire")
    assert "2022-01-31" not in {date for _, date, _ in on("rochdale").values()}
    assert "focused-visit-2021-06-15" in on("rochdale")
    assert ("full_inspection", "2022-01-31", "import:ofsted") in on("richmond-upon-thames").values()
    # Releases a day apart on the start of one inspection.
    assert [d for k, d, _ in on("cumbria").values() if k == "full_inspection" and d.startswith("2022")] == ["2022-09-20"]
    assert [d for k, d, _ in on("isles-of-scilly").values() if k == "full_inspection" and d.startswith("2023")] == [
        "2023-07-11"]
    assert [d for k, d, _ in on("nottingham").values() if k == "full_inspection" and d.startswith("2022")] == [
        "2022-07-11"]
    # Known to the 2009-2023 table by publication only; the scrape gives its dates.
    assert on("doncaster")["sif-reinspection-published-2018-01-19"][1] == "2017-11-09"
    # Inspected in March 2025, published after the last report the 2025 release lists: its report gives it.
    assert on("wakefield")["ilacs-short-2025-03-24"][2] == REPORTS_ORIGIN
    # No source links to another authority's Ofsted page.
    owners = {code: t.authority.slug for t in dataset.timelines
              for code in (t.authority.dfe_code, t.authority.ofsted_urn) if code}
    for timeline in dataset.timelines:
        for event in timeline.events:
            for source in event.sources:
                number = re.search(r"/provider/44/([0-9]+)$", source.url or "")
                if number and number.group(1) in owners:
                    assert owners[number.group(1)] == timeline.authority.slug, (timeline.authority.slug, event.id)


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
    register.write_text(re.sub(r"^as_of: .*$", "as_of: 2026-01-01", register.read_text("utf-8"), flags=re.M), "utf-8")
    before = {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}
    with pytest.raises(Exception, match="problem"):
        run_import(root, SHARED / "data", dt.date(2026, 11, 23), log=lambda _: None)
    assert {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()} == before


def test_every_letter_is_dated_and_themed_and_the_report_says_what_was_not_read(
        imported: tuple[Path, list[str]]) -> None:
    root, _ = imported
    report = (root / "build" / "import-report.md").read_text("utf-8").splitlines()
    assert ("- Ofsted's visit letters: 197 letters: 197 dated, 197 with a theme (32 of them the pandemic paragraph), "
            "12 with areas for priority action; 0 not imported, 4 read in part.") in report
    partial = [line for line in report if line.startswith("- focused_visit_letters_")]
    assert len({line.split(": ")[0] for line in partial}) == 4
    assert all("longer than 450 characters; left out" in line for line in partial)
    dataset = load_dataset(root / "data", root)
    from_letters = [e for t in dataset.timelines for e in t.events
                    if any((s.note or "").startswith(LETTER_NOTE) for s in e.sources)]
    assert len(from_letters) == 197 and all(e.date is not None and e.theme for e in from_letters)
    both = [e for e in from_letters if any((s.note or "").startswith("Official statistics") for s in e.sources)]
    assert len(both) == 18  # visits of April to June 2021 and March 2025 that the releases list too
