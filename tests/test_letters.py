"""Ofsted's visit letters: real letters of each year and layout read field by field, letters made
here in the monitoring visits' layout and broken on purpose, and their events joined with the
releases' and an editor's (the whole run over every letter is in test_import.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer.authorities import Authorities, Identity
from generator.importer.combine import combine
from generator.importer.letter import PANDEMIC_THEME, read_letter
from generator.importer.letters import FOLDER, INDEX, find_letters, read_letters, summary
from generator.importer.merge import merge_events
from generator.importer.observations import Observation
from generator.importer.pdftext import Unreadable, letter_lines
from generator.importer.report import Report
from generator.importer.run import is_imported_source
from generator.model import LETTERS_ORIGIN, Kind, OfstedRegion, Region
from tests.conftest import shared_file
from tests.factories import FRAMEWORKS
from tests.pdf import write_pdf

EARLY = "data/raw/ofsted_official/unofficial_scrapes/focused_visit_letters_2018-04_to_2021-07"
LATE = "data/raw/ofsted_official/unofficial_scrapes/focused_visit_letters_2025-04_onwards"
D = dt.date

# (file, authority as the letter names it, first day, last day, theme, lead inspector)
REAL = [
    # The standard layout of 2018-20, two days in one month.
    (f"{EARLY}/80473_hartlepool/children's services focused visit - 27 march 2020.pdf", "Hartlepool Borough",
     D(2020, 3, 4), D(2020, 3, 5), "Children in need, and children subject to a child protection plan",
     "Lisa Summers"),
    # "on the 15 and 16 of May 2018".
    (f"{EARLY}/80491_camden/children's services focused visit - 08 june 2018.pdf", "Camden",
     D(2018, 5, 15), D(2018, 5, 16), "Children who need help and protection", "Andy Whippey"),
    # The pandemic layout: across two months, and no theme sentence.
    (f"{EARLY}/80443_bury/children's services focused visit - 13 november 2020.pdf", "Bury",
     D(2020, 9, 29), D(2020, 10, 1), PANDEMIC_THEME, "Lisa Summers"),
    # "between 3 and 5 November 2020".
    (f"{EARLY}/80451_wakefield/children's services focused visit - 18 december 2020.pdf", "Wakefield",
     D(2020, 11, 3), D(2020, 11, 5), PANDEMIC_THEME, "Nigel Parkes"),
    # The days before the authority: "a focused visit on 23 and 24 February 2021 to Doncaster …".
    (f"{EARLY}/80462_doncaster/children's services focused visit - 09 april 2021.pdf",
     "Doncaster Metropolitan Borough", D(2021, 2, 23), D(2021, 2, 24), PANDEMIC_THEME, "Matt Reed"),
    # The layout of 2025: "28 to 29 May 2025".
    (f"{LATE}/80432_bolton/children's services focused visit - 27 june 2025.pdf", "Bolton",
     D(2025, 5, 28), D(2025, 5, 29), "Children in need and child protection planning", "Gareth Dakin"),
    # "15, 16 and 21 July 2025", and a theme with a focus.
    (f"{LATE}/80477_kingston upon hull/children's services focused visit - 28 august 2025.pdf", "Kingston-upon-Hull",
     D(2025, 7, 15), D(2025, 7, 21),
     "Placement decision-making for older children, with a particular focus on children over 14 but not care leavers",
     "Christine Kennet"),
]


@pytest.mark.parametrize(("file", "authority", "start", "end", "theme", "lead"), REAL,
                         ids=[row[0].split("/")[-2] for row in REAL])
def test_a_real_letter_gives_its_visit(file: str, authority: str, start: dt.date, end: dt.date, theme: str,
                                       lead: str) -> None:
    facts = read_letter(letter_lines(shared_file(file)))
    assert (facts.kind, facts.authority, facts.start, facts.end, facts.theme, facts.lead) == (
        Kind.FOCUSED_VISIT, authority, start, end, theme, lead)
    assert facts.problems == []
    assert 1 <= len(facts.quotes) <= 2 and all(40 <= len(q) <= 250 and q.endswith(".") for q in facts.quotes)


def test_a_real_letters_inspectors_priority_actions_and_what_needs_to_improve() -> None:
    lines = letter_lines(shared_file(
        f"{EARLY}/80526_north east lincolnshire/children's services focused visit - 18 december 2019.pdf"))
    facts = read_letter(lines)
    assert facts.inspectors == ["Rachel Holden", "Jan Edwards"]
    assert facts.priority_actions == [
        "Visits to children proportionate to the level of risk and need.",
        "The quality of planning for children.",
        "The frequency and effectiveness of multi-agency reviews.",
        "Swift and effective remedial action following case file audit and child protection conference chair "
        "challenge.",
        "Timely escalation to pre-proceedings."]
    hartlepool = read_letter(letter_lines(shared_file(REAL[0][0])))
    assert hartlepool.priority_actions == []
    assert hartlepool.to_improve == [
        "The frequency of formal supervision to match the level of risk to children in line with the local "
        "authority's expected practice standards.",
        "The timeliness of escalation decisions into pre-proceedings."]
    assert hartlepool.inspectors == ["Lisa Summers", "Nick Stacey"]
    assert not any("Piccadilly" in line or "www.gov.uk/ofsted" in line for line in lines)  # the letterhead


LETTERHEAD = ["Ofsted", "Piccadilly Gate", "Store Street", "Manchester", "M1 2WD", "T 0300 123 1231",
              "Textphone 0161 618 8524", "enquiries@ofsted.gov.uk", "www.gov.uk/ofsted"]
#: A monitoring visit letter in Ofsted's published layout (the shared set holds none).
MONITORING = [
    [*LETTERHEAD, "12 April 2024", "Jo Bloggs", "Director of Children's Services", "Anytown Borough Council",
     "Dear Jo", "Monitoring visit to Anytown children's services",
     "This letter summarises the findings of the monitoring visit to Anytown children's services on 13 and",
     "14 March 2024. This visit was the third monitoring visit since the local authority was judged",
     "inadequate in July 2022. His Majesty's Inspectors Amy Stone and Ravi Patel carried out this visit.",
     "Areas covered by the visit",
     "Inspectors reviewed the progress made in the following areas of concern identified at the last inspection:",
     "\u2022 The quality and timeliness of assessments.",
     "\u2022 Management oversight of children's plans.",
     "Headline findings",
     "Leaders have made steady progress since the last monitoring visit in improving the quality of assessments.",
     "Caseloads are now manageable for most social workers."],
    [*LETTERHEAD, "2", "Areas for priority action",
     "\u2022 The timeliness of child protection enquiries when risk increases.",
     "What needs to improve",
     "\u2022 The recording of management decisions.",
     "Yours sincerely", "Amy Stone", "His Majesty's Inspector"],
]


def test_a_monitoring_visit_letter_in_its_published_layout(tmp_path: Path) -> None:
    facts = read_letter(letter_lines(write_pdf(tmp_path / "letter.pdf", MONITORING)))
    assert (facts.kind, facts.authority, facts.start, facts.end) == (
        Kind.MONITORING_VISIT, "Anytown", D(2024, 3, 13), D(2024, 3, 14))
    assert facts.theme == "The progress made in the following areas of concern identified at the last inspection"
    assert (facts.inspectors, facts.lead) == (["Amy Stone", "Ravi Patel"], "Amy Stone")
    assert facts.priority_actions == ["The timeliness of child protection enquiries when risk increases."]
    assert facts.to_improve == ["The recording of management decisions."]
    assert facts.quotes == [
        "Leaders have made steady progress since the last monitoring visit in improving the quality of assessments.",
        "Caseloads are now manageable for most social workers."]
    assert facts.problems == []


def test_a_bullet_goes_on_over_a_page_break_and_ends_at_a_footnote_or_the_closing_paragraph() -> None:
    opening = MONITORING[0][MONITORING[0].index("Dear Jo"):MONITORING[0].index("Headline findings")]
    facts = read_letter([*opening, "What needs to improve", "\u2022 The recording of", "", "", "management decisions.",
                         "\u2022 Supervision.", "Ofsted will take the findings from this visit into account.",
                         "Areas for priority action", "\u2022 Timely enquiries.", "",
                         "1 The areas for improvement have been cross-referenced with the national framework."])
    assert facts.to_improve == ["The recording of management decisions.", "Supervision."]
    assert facts.priority_actions == ["Timely enquiries."]


def test_letters_broken_on_purpose_are_reported_not_guessed(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(write_pdf(tmp_path / "whole.pdf", MONITORING).read_bytes()[:300])
    with pytest.raises(Unreadable, match="pypdf cannot read it|no text layer"):
        letter_lines(broken)
    with pytest.raises(Unreadable, match="no text layer"):
        letter_lines(write_pdf(tmp_path / "blank.pdf", [[]]))
    # The opening sentence damaged: no visit, no days, and nothing made up in their place.
    damaged = [[line.replace("13 and", "thirteenth and") if line.endswith("13 and") else line
                for line in MONITORING[0]], MONITORING[1]]
    facts = read_letter(letter_lines(write_pdf(tmp_path / "damaged.pdf", damaged)))
    assert (facts.kind, facts.start, facts.end) == (Kind.MONITORING_VISIT, None, None)
    assert facts.problems == ["no days of the visit in the opening sentence (to Anytown children's services on "
                              "thirteenth and 14 March 2024)"]
    nothing = read_letter(letter_lines(write_pdf(tmp_path / "other.pdf", [["Dear Jo", "A letter about nothing."]])))
    assert (nothing.kind, nothing.start, nothing.theme) == (None, None, None)
    assert nothing.problems == [
        "no sentence 'This letter summarises the findings of a … visit to … on …' in its text",
        "no sentence saying what inspectors looked at, and no pandemic paragraph"]


ANYTOWN = Identity("999", "Anytown", ["E06000999"], Region.NORTH_EAST, OfstedRegion.NORTH_EAST_YORKSHIRE, True,
                   urn="99999")


def _shared(tmp_path: Path, letters: dict[str, list[list[str]]], indexed: set[str]) -> Path:
    """A shared data folder holding these letters (by path under the letters' folder) and an index
    that lists those in ``indexed``."""
    rows = ["urn,date_in_filename,repo_path,local_copy"]
    for where, pages in letters.items():
        write_pdf(tmp_path / "data" / FOLDER / where, pages)
        if where in indexed:
            rows.append(f"99999,,export_data/inspection_reports/{where.split('/', 1)[1]},{where}")
    (tmp_path / "data" / INDEX).write_text("\n".join(rows) + "\n", "utf-8")
    return tmp_path / "data"


def test_the_importer_reports_each_letter_it_could_not_use(tmp_path: Path) -> None:
    folder = "focused_visit_letters_test/99999_anytown"
    shared = _shared(tmp_path, {
        f"{folder}/children's services focused visit - 12 april 2024.pdf": MONITORING,
        f"{folder}/children's services focused visit - 1 may 2024.pdf": [["Dear Jo", "Nothing here."]],
        f"{folder}/a letter.pdf": MONITORING,
        "focused_visit_letters_test/88888_elsewhere/children's services focused visit - 1 june 2024.pdf": MONITORING,
    }, indexed={f"{folder}/children's services focused visit - 12 april 2024.pdf"})
    report = Report()
    found = find_letters(shared, report)
    assert [entry.detail.split(":")[0] for entry in report.entries] == ["not named as the letters are"]
    progress: list[str] = []
    observations = list(read_letters(found, Authorities([ANYTOWN]), report, progress.append))
    assert progress == ["  letters read: 3 of 3"]
    assert [(o.kind, o.date, o.end, o.published, o.origin) for o in observations] == [
        (Kind.MONITORING_VISIT, D(2024, 3, 13), D(2024, 3, 14), D(2024, 4, 12), LETTERS_ORIGIN)]
    source = observations[0].source
    assert source["url"] == ("https://github.com/data-to-insight/ofsted-focused-visit-scrape-tool/blob/"
                             "c91dee0a148a59d1ed59222be7f201c13badb0b2/export_data/inspection_reports/99999_anytown/"
                             "children%27s%20services%20focused%20visit%20-%2012%20april%202024.pdf")
    assert (source["title"], source["date"], is_imported_source(source)) == (
        "Monitoring visit to Anytown children's services", "2024-04-12", True)
    assert {e.where: e.detail for e in report.entries if e.kind == "skipped"} == {
        f"{folder}/a letter.pdf": "not named as the letters are: a folder 'URN_name' and a file \"children's services "
                                  "focused visit - D month YYYY.pdf\" (its publication date)",
        f"{folder}/children's services focused visit - 1 may 2024.pdf":
            "no sentence 'This letter summarises the findings of a … visit to … on …' in its text; no sentence "
            "saying what inspectors looked at, and no pandemic paragraph",
        "focused_visit_letters_test/88888_elsewhere/children's services focused visit - 1 june 2024.pdf":
            "no authority has Ofsted URN 88888"}
    assert summary(found, observations, report) == (
        "3 letters: 1 dated, 1 with a theme (0 of them the pandemic paragraph), 1 with areas for priority action; "
        "2 not imported, 0 read in part")


def test_a_letter_no_index_lists_links_to_the_authoritys_page(tmp_path: Path) -> None:
    where = "focused_visit_letters_test/99999_anytown/children's services focused visit - 12 april 2024.pdf"
    shared = _shared(tmp_path, {where: MONITORING}, indexed=set())
    [observation] = read_letters(find_letters(shared, Report()), Authorities([ANYTOWN]), Report(), print)
    assert observation.source["url"] == "https://reports.ofsted.gov.uk/provider/44/99999"


def _letter_observation(**fields: object) -> Observation:
    observation = Observation("999", Kind.FOCUSED_VISIT, {"title": "Focused visit to Anytown children's services",
                                                          "publisher": "Ofsted", "date": "2021-06-18",
                                                          "note": "Ofsted's letter, read by the importer"},
                              "letters/anytown.pdf", date=D(2021, 5, 5), end=D(2021, 5, 6),
                              published=D(2021, 6, 18), theme=PANDEMIC_THEME, origin=LETTERS_ORIGIN,
                              people=[{"name": "Amy Stone", "role": "lead_inspector"}])
    observation.quotes = [{"text": "Leaders know their services well.", "by": "Ofsted, focused visit letter"}]
    for name, value in fields.items():
        setattr(observation, name, value)
    return observation


def test_a_visit_the_releases_list_is_one_event_with_both_sources_and_the_editors_work_kept() -> None:
    official = Observation("999", Kind.FOCUSED_VISIT, {"title": "Local authority inspection outcomes",
                                                       "publisher": "Ofsted", "note": "Official statistics: {where}"},
                           "release, row 7", date=D(2021, 5, 5), theme="Assurance visit")
    report = Report()
    [event] = combine([official, _letter_observation()], D(2025, 3, 31), FRAMEWORKS, report)["999"]
    assert (event["id"], event["date"], event["end"], event["published"], event["theme"], event["origin"]) == (
        "focused-visit-2021-05-05", "2021-05-05", "2021-05-06", "2021-06-18", "Assurance visit", "import:ofsted")
    assert [s["title"] for s in event["sources"]] == ["Local authority inspection outcomes",
                                                       "Focused visit to Anytown children's services"]
    assert event["people"] == [{"name": "Amy Stone", "role": "lead_inspector"}]
    assert report.entries == []  # the theme in other words is no disagreement
    # A letter's visit on another day is another visit.
    apart = combine([official, _letter_observation(date=D(2021, 6, 9), end=None)], D(2025, 3, 31), FRAMEWORKS, Report())["999"]
    assert [e["date"] for e in apart] == ["2021-05-05", "2021-06-09"]
    # An editor's event of the same visit keeps every field, and takes the letter's source.
    hand = {"id": "assurance-visit", "kind": "focused_visit", "date": "2021-05", "theme": "Assurance visit (remote)",
            "sources": [{"title": "Council minutes", "publisher": "Anytown Council"}]}
    [letter_only] = combine([_letter_observation()], D(2025, 3, 31), FRAMEWORKS, Report())["999"]
    [merged] = merge_events([hand], [letter_only], is_imported_source, "anytown.yaml", Report())
    assert {k: merged[k] for k in ("id", "theme")} == {"id": "assurance-visit", "theme": "Assurance visit (remote)"}
    assert (merged["date"], merged["end"], merged["quotes"][0]["text"]) == (
        "2021-05-05", "2021-05-06", "Leaders know their services well.")
    assert [s["title"] for s in merged["sources"]] == ["Council minutes", "Focused visit to Anytown children's services"]
    again = merge_events([merged], [letter_only], is_imported_source, "anytown.yaml", Report())
    assert again == [merged]  # running it twice changes nothing
