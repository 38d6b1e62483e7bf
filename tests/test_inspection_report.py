"""Ofsted's reports of full inspections: real reports of each framework and layout read field by
field, reports made here for what the shared set lacks (a section with nothing in it, a point too
long to keep, a report with no dates, the older frameworks' other kinds), the pages read of a long
report, and files that are not PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importer.inspection_report import Judgement, ReportFacts, chosen_lines, read_report, report_lines
from generator.importer.pdftext import Unreadable, report_page
from tests.conftest import shared_file
from tests.pdf import write_pdf

REPORTS = "data/raw/jt39_ofsted_ilacs/inspection_reports"
D = dt.date

def _report(file: str) -> ReportFacts:
    return read_report(report_lines(shared_file(f"{REPORTS}/{file}")))


def _grades(facts: ReportFacts) -> list[tuple[str | None, str | None, str]]:
    return [(j.area, j.grade, j.grade_printed) for j in facts.judgements]


def test_an_ilacs_report_of_2018() -> None:
    facts = _report("80473_hartlepool/children's services inspection - 28 august 2018.pdf")
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "ilacs", D(2018, 7, 23), D(2018, 7, 27), None, "Tracey Metcalfe")
    assert facts.judgements == [
        Judgement("impact_of_leaders", "The impact of leaders on social work practice with children and families",
                  "good", "Good"),
        Judgement("help_and_protection", "The experiences and progress of children who need help and protection",
                  "good", "Good"),
        Judgement("children_in_care_and_care_leavers",
                  "The experiences and progress of children in care and care leavers", "outstanding", "Outstanding"),
        Judgement("overall_effectiveness", "Overall effectiveness", "good", "Good")]
    assert facts.summary == ["Since the last inspection, children have received more timely and proportionate help "
                             "when needs have arisen or risks have increased.",
                             "Multi-agency arrangements are stronger and highly effective."]
    assert facts.to_improve == [
        "The quality of assessments to fully explore the impact of children's experiences and to enable plans to be "
        "better targeted.",
        "The quality of recording of management oversight by frontline managers, how they challenge social work "
        "practice to improve and how they monitor progress and improvement.",
        "The quality and consistency of case audits.",
        "The way in which independent reviewing officers (IROs) evidence the impact of scrutiny of children's plans."]
    assert facts.priority_actions is None
    assert facts.title == "Hartlepool Borough Council Inspection of children's social care services"
    assert facts.problems == []


def test_an_ilacs_report_of_2025_judges_children_in_care_and_care_leavers_apart() -> None:
    facts = _report("2532283_dorset/children's services inspection - 09 may 2025.pdf")
    assert (facts.start, facts.end, facts.lead_inspector) == (D(2025, 3, 17), D(2025, 3, 21), "Sarah Canto")
    assert _grades(facts) == [("impact_of_leaders", "outstanding", "Outstanding"),
                              ("help_and_protection", "outstanding", "Outstanding"),
                              ("children_in_care", "outstanding", "Outstanding"),
                              ("care_leavers", "good", "Good"),
                              ("overall_effectiveness", "outstanding", "Outstanding")]
    assert facts.summary == [
        "Children in Dorset receive exceptional services that help meet their needs and reduce risks, supporting "
        "them to have better experiences and reach their potential.",
        "Since the previous inspection in 2021 when Dorset was judged to be good, senior leaders have continually "
        "and relentlessly strengthened and developed services for children."]
    assert facts.to_improve == ["The clarity and detail of the care leaver offer, including for care leavers who are "
                                "parents. (Outcome four, National Framework)"]


def test_a_report_of_the_2026_framework_has_no_overall_judgement_and_its_headers_and_footnote_are_left_out() -> None:
    lines = report_lines(shared_file(f"{REPORTS}/80573_trafford/children's services inspection - 03 august 2026.pdf"))
    facts = read_report(lines)
    assert (facts.start, facts.end, facts.lead_inspector) == (D(2026, 6, 8), D(2026, 6, 19), "Leanne Cooper")
    assert _grades(facts) == [("impact_of_leaders", "inadequate", "Inadequate"),
                              ("help_and_protection", "inadequate", "Inadequate"),
                              ("children_in_care", "good", "Good"),
                              ("care_leavers", "requires_improvement", "Requires improvement to be good")]
    # "What needs to improve?1": the footnote's marker is no obstacle, and its text no point.
    assert facts.to_improve[0] == ("Quality of contacts, timeliness and allocation response (outcome 2, national "
                                   "framework)")
    assert facts.to_improve[-1] == ("Quality of transitions and pathway planning for children leaving care (outcome 4, "
                                    "national framework)")
    assert len(facts.to_improve) == 9
    assert not any(line.startswith("Inspection of Trafford") for line in lines[2:])  # the running header
    assert "8 June to 19 June 26 2" not in lines
    assert not any("cross-referenced" in line for line in lines)  # the footnote
    # The first page's last line and the second's first, with the header between them gone.
    end = lines.index("frustration in the slow pace of change across parts of the service.")
    assert lines[end + 1] == "Throughout this report, care leavers are referred to as care-experienced young"


def test_an_inspection_in_two_parts_and_a_report_naming_no_lead_inspector() -> None:
    facts = _report("80461_devon/children's services inspection - 13 may 2025.pdf")
    assert (facts.start, facts.end, facts.lead_inspector) == (D(2024, 9, 30), D(2025, 1, 16), None)
    assert facts.problems == ["lead_inspector: no line naming the lead inspector"]


def test_a_what_needs_to_improve_section_of_one_paragraph_is_its_one_point() -> None:
    facts = _report("80527_north lincolnshire/children's services inspection - 25 november 2022.pdf")
    [point] = facts.to_improve
    assert point.startswith("There are an extremely small number of areas of variability in what is otherwise an "
                            "exceptional practice. Senior leaders have an accurate understanding")
    assert point.endswith("the relevant plans for addressing the issue of variability in practice across the service.")
    assert facts.problems == []


def test_a_report_without_a_what_needs_to_improve_section_is_said_to_have_none() -> None:
    facts = _report("80571_thurrock/children's services inspection - 29 october 2024.pdf")  # outstanding throughout
    assert facts.to_improve == []
    assert "to_improve: no heading 'What needs to improve?'" in facts.problems
    assert [j.grade for j in facts.judgements] == ["outstanding"] * 5


def test_a_judgement_table_with_a_misprinted_name_maps_by_the_name_the_report_uses_elsewhere() -> None:
    facts = _report("80449_bradford/children's services inspection - 21 may 2026.pdf")
    assert facts.judgements[3] == Judgement("care_leavers", "The experiences and progress of children care leavers",
                                            "good", "Good")
    assert (facts.start, facts.lead_inspector) == (D(2026, 1, 12), "Catherine Heron")  # a trust's report


def test_a_sif_report_of_2014_with_its_boards_judgement_on_the_first_page() -> None:
    facts = _report("80473_hartlepool/children's services inspection - 11 february 2014.pdf")
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "sif", D(2013, 11, 19), D(2013, 12, 11), None, "Lynn Radley")
    assert facts.judgements == [
        Judgement("overall_effectiveness", "The overall judgement", "good", "good"),
        Judgement("help_and_protection", "Children who need help and protection", "good", "Good"),
        Judgement("looked_after_and_permanence", "Children looked after and achieving permanence", "good", "Good"),
        Judgement("adoption", "Adoption performance", "good", "Good"),
        Judgement("care_leavers", "Experiences and progress of care leavers", "good", "Good"),
        Judgement("leadership_management_governance", "Leadership, management and governance", "good", "Good"),
        Judgement("lscb", "The judgement for the effectiveness of the Local Safeguarding Children Board (LSCB)",
                  "requires_improvement", "requires improvement")]
    # The summary's bullets follow "This Local Authority is good because".
    assert facts.summary == ["Children, young people and their families can easily access good early help in their "
                             "local community when difficulties begin to emerge.",
                             "This helps children and young people's circumstances improve."]
    assert facts.to_improve[0] == ("Social workers need to ensure that the rich knowledge of the children they work "
                                   "with is reflected in case records.")
    assert len(facts.to_improve) == 11  # two of them over 300 characters, within the limit of 450
    assert any(point.startswith("Ensure the 'Throughcare Team' develop more effective ways") and len(point) > 300
               for point in facts.to_improve)
    assert facts.priority_actions is None
    assert facts.problems == []


def test_a_sif_report_with_priority_actions_apart_from_its_areas_for_improvement() -> None:
    facts = _report("80419_isle of wight/children's services inspection - 19 november 2014.pdf")
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "sif", D(2014, 9, 16), D(2014, 10, 8), D(2014, 11, 19), "Jansy Kelly")
    assert facts.priority_actions == [
        "Ensure that service managers have sufficient capacity to undertake their full role, including supporting and "
        "monitoring the work of team managers.",
        "Ensure that the Children in Care Team has sufficient capacity, at both team manager and social work levels, "
        "to ensure that a consistent and good quality service is provided to children in care.",
        "Ensure that all missing episodes are systematically referred to National Youth Advocacy Service (NYAS) for "
        "return interviews to be completed within 72 hours.",
        "Ensure that all children looked after are registered with a dentist."]
    assert facts.to_improve[0] == ("Further improve the quality and consistency of social work assessment, analysis, "
                                   "direct work with children and young people, and recording.")
    assert len(facts.to_improve) == 17  # "Quality of practice" and the other headings over them are left out
    assert facts.judgements[0] == Judgement("overall_effectiveness",
                                            "The overall judgement is that children's services",
                                            "requires_improvement", "require improvement")
    assert facts.judgements[-1] == Judgement("lscb", "The Local Safeguarding Children Board", "requires_improvement",
                                             "requires improvement")


def test_a_sif_report_of_2016_read_through_its_contents_page() -> None:
    lines = report_lines(shared_file(f"{REPORTS}/80464_dudley/children's services inspection - 05 april 2016.pdf"))
    facts = read_report(lines)
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "sif", D(2016, 1, 11), D(2016, 2, 8), D(2016, 4, 5), "Peter McEntee")  # the team is on page 44 of 45
    assert facts.judgements[0] == Judgement("overall_effectiveness",
                                            "Children's services in Dudley Metropolitan Borough Council",
                                            "inadequate", "inadequate")
    assert _grades(facts)[1:] == [("help_and_protection", "inadequate", "Inadequate"),
                                  ("looked_after_and_permanence", "inadequate", "Inadequate"),
                                  ("adoption", "inadequate", "Inadequate"),
                                  ("care_leavers", "requires_improvement", "Requires improvement"),
                                  ("leadership_management_governance", "inadequate", "Inadequate"),
                                  ("lscb", "inadequate", "inadequate")]  # where the board's section begins
    assert facts.summary == [
        "There are serious and widespread failures in the services provided to children and young people who are in "
        "need of help and protection and who are looked after in Dudley.",
        "The local authority has been aware of the deficits for some time, but has not taken sufficiently swift or "
        "robust remedial action to ensure that the most vulnerable children and young people are protected."]
    assert facts.to_improve[0] == (
        "Urgently implement quality assurance processes so that senior leaders can be assured of the quality and "
        "effectiveness of the services that children and young people receive, including feedback from children, "
        "young people and their families (Page 33, paragraph 126).")
    assert len(facts.to_improve) == 22  # the board's recommendations are not the local authority's
    assert (facts.priority_actions, facts.problems) == (None, [])
    assert "Contents" not in lines


@pytest.mark.parametrize(("file", "lead"), [
    # "Re-inspection of services for children in need …" in its title.
    ("80572_torbay/children's services inspection - 24 august 2018.pdf", "Karen Wareing"),
    # Titled as an inspection, the summary opening "This is a re-inspection of children's services in Lambeth".
    ("80506_lambeth/children's services inspection - 09 may 2018.pdf", "Marcie Taylor"),
], ids=["title", "summary"])
def test_a_sif_reinspection_says_so(file: str, lead: str) -> None:
    facts = _report(file)
    assert (facts.kind, facts.lead_inspector) == ("sif_reinspection", lead)
    assert "lscb" not in [j.area for j in facts.judgements]  # re-inspections did not review the board


def test_an_inspection_of_looked_after_children_services_of_2013() -> None:
    facts = _report("80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf")
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "tlac", D(2013, 7, 8), D(2013, 7, 12), D(2013, 8, 16), "Gary Lamb")
    assert facts.judgements == [  # the record of main findings, on the last page
        Judgement("looked_after_overall", "Overall effectiveness", "inadequate", "Inadequate"),
        Judgement("looked_after_capacity", "Capacity to improve", "inadequate", "Inadequate"),
        Judgement("looked_after_outcomes", "Outcomes for looked after children and young people", "inadequate",
                  "Inadequate"),
        Judgement("looked_after_provision", "Quality of provision", "inadequate", "Inadequate"),
        Judgement("looked_after_leadership", "Leadership and management", "inadequate", "Inadequate")]
    assert facts.summary == ["The local authority is not carrying out its statutory responsibilities for looked after "
                             "children and care leavers in key areas of service operation.",
                             "The local authority's ambition for looked after children and care leavers has been set "
                             "too low."]
    # "Immediately:" are its priority actions; "Within three months:" and "Within six months:" the rest.
    assert facts.priority_actions[1] == (
        "Ensure all children and young people have a care plan which sets out their individual needs, how they will "
        "be met including any timescales for action and which is informed by their views, their social worker and, "
        "where appropriate, their parent/carer")
    assert (len(facts.priority_actions), len(facts.to_improve)) == (6, 10)
    assert facts.to_improve[-1] == (
        "Ensure children and young people know and understand the complaints and representation procedure, how to "
        "access independent advocacy and use the learning from these processes to inform service improvement.")


def test_an_error_page_saved_as_a_pdf_is_said_to_be_one() -> None:
    with pytest.raises(Unreadable, match=r"^the file is not a PDF but an HTML page \(a web page saved under a \.pdf "
                                         r"name\)$"):
        report_lines(shared_file(f"{REPORTS}/80429_birmingham/children's services inspection - 19 october 2012.pdf"))


def test_a_file_that_is_no_pdf_or_has_no_text_is_unreadable_with_the_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.pdf"
    page.write_bytes(b"\n  <!DOCTYPE html>\n<html lang='en'><head><title>Error</title></head></html>")
    with pytest.raises(Unreadable, match=r"^the file is not a PDF but an HTML page"):
        report_lines(page)
    other = tmp_path / "other.pdf"
    other.write_bytes(b"GIF89a")
    with pytest.raises(Unreadable, match=r"^the file is not a PDF \(it has no '%PDF-' signature in its first "
                                         r"kilobyte\)$"):
        report_lines(other)
    with pytest.raises(Unreadable, match=r"^the PDF has no text layer"):
        report_lines(write_pdf(tmp_path / "blank.pdf", [[], []]))


# ---------------------------------------------------------------- reports made here

COVER = ["Inspection of Anytown local authority", "children's services", "Inspection dates: 30 December to",
         "10 January 2025", "Lead inspector: Amy Stone, His Majesty's Inspector", "Judgement Grade",
         "The impact of leaders on social work", "practice with children and families", "Requires improvement",
         "to be good", "The experiences and progress of", "children who need help and protection", "Inadequate",
         "The experiences and progress of", "children in care", "Good", "The experiences and progress of care",
         "leavers", "Good", "Overall effectiveness Inadequate", "",
         "Children in Anytown do not get the help they need when they first need it. Too many wait.",
         "Leaders know this and have begun to act, although it is too soon to see the difference for children."]
HEADER = ["Inspection of Anytown local authority children\u2019s services", "30 December 2024 to 10 January 2025 2"]
LONG = "The quality of " + "assessments and plans, " * 20 + "for all children."


def test_a_report_made_here_over_two_pages(tmp_path: Path) -> None:
    """Its dates wrap and cross the new year; a bullet goes on over the page break, past a
    footnote and the next page's running header; another is too long to keep."""
    pages = [[*COVER, "What needs to improve?1", "\u2022 The timeliness of strategy meetings.",
              "\u2022 The response to children who go missing from", "", "",
              "1 The areas for improvement have been cross-referenced with the national framework."],
             [*HEADER, "home or care. (outcome 2, national framework)", f"\u2022 {LONG}",
              "The experiences and progress of children who need help and", "protection: inadequate",
              "1. Children wait too long for help."]]
    facts = read_report(report_lines(write_pdf(tmp_path / "report.pdf", pages)))
    assert (facts.start, facts.end, facts.lead_inspector) == (D(2024, 12, 30), D(2025, 1, 10), "Amy Stone")
    assert _grades(facts) == [("impact_of_leaders", "requires_improvement", "Requires improvement to be good"),
                              ("help_and_protection", "inadequate", "Inadequate"),
                              ("children_in_care", "good", "Good"), ("care_leavers", "good", "Good"),
                              ("overall_effectiveness", "inadequate", "Inadequate")]
    # The second sentence is too short to quote, but not the first: it stands alone.
    assert facts.summary == ["Children in Anytown do not get the help they need when they first need it."]
    assert facts.to_improve == ["The timeliness of strategy meetings.",
                                "The response to children who go missing from home or care. (outcome 2, national "
                                "framework)"]
    assert facts.problems == [f"to_improve: a point of what needs to improve is longer than 450 characters; left out "
                              f"({LONG[:79]}…)"]


def test_a_report_without_dates_a_lead_or_a_table_is_reported_not_guessed(tmp_path: Path) -> None:
    pages = [["Inspection of Anytown local authority", "children's services", "Inspection dates: in the spring",
              "Lead inspectors: Amy Stone and Ravi Patel", "Judgement Grade", "",
              "A summary sentence that is long enough to quote as it is here."]]
    facts = read_report(report_lines(write_pdf(tmp_path / "report.pdf", pages)))
    assert (facts.start, facts.end, facts.lead_inspector, facts.judgements) == (None, None, None, [])
    assert facts.problems == [
        "dates: 'in the spring' give no days",
        "lead_inspector: 'Amy Stone and Ravi Patel' is not one person's name",
        "judgements: the table has 0 judgements, not 4 or 5",
        "to_improve: no heading 'What needs to improve?'"]
    nothing = read_report(["A page of something else."])
    assert (nothing.kind, nothing.judgements) == (None, [])
    assert nothing.problems == ["kind: no title naming the inspection on its first page (A page of something else.)",
                                "dates: no line 'Inspection dates:' on the first page",
                                "lead_inspector: no line naming the lead inspector",
                                "judgements, summary, to_improve: not read, as the report's layout is not known"]


SIF_COVER = ["1", "Anytown Council", "Inspection of services for children in need of help and",
             "protection, children looked after and care leavers", "Inspection date: 3 - 26 March 2014",
             "Report published: 2 May 2014", "The overall judgement is requires improvement",
             "1. Children who need help and protection Requires improvement",
             "2. Children looked after and achieving", "permanence Good", "", "2.1 Adoption performance Good",
             "2.2 Experiences and progress of care leavers Good",
             "3. Leadership, management and governance Requires improvement"]


def test_a_section_of_priority_actions_that_has_none(tmp_path: Path) -> None:
    pages = [SIF_COVER,
             ["2", "Summary of findings", "Children's services in Anytown require improvement because:",
              "Quality of practice",
              "\u2022 Plans for children in need are not specific enough to show what must change.",
              "\u2022 Managers do not always see them.", "What does the local authority need to improve?",
              "Priority and immediate action",
              "There are no priority actions.", "Areas for improvement", "Quality of practice",
              "1. Ensure that plans for children in need say what must change, and by when.",
              "2. Ensure that managers oversee", "plans.", "The local authority's strengths",
              "3. Leaders know their services well.", "The inspection team", "Lead inspector: Ravi Patel"]]
    facts = read_report(report_lines(write_pdf(tmp_path / "sif.pdf", pages)))
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        "sif", D(2014, 3, 3), D(2014, 3, 26), D(2014, 5, 2), "Ravi Patel")
    assert facts.priority_actions == []
    assert facts.to_improve == ["Ensure that plans for children in need say what must change, and by when.",
                                "Ensure that managers oversee plans."]
    assert facts.summary == ["Plans for children in need are not specific enough to show what must change."]
    assert _grades(facts)[0] == ("overall_effectiveness", "requires_improvement", "requires improvement")
    assert len(facts.judgements) == 6 and facts.problems == []


@pytest.mark.parametrize(("title", "kind", "sections", "areas"), [
    ("Inspection of safeguarding and looked after children services", "slac",
     ["Safeguarding services", "Overall effectiveness Adequate", "Capacity for improvement Good",
      "Services for looked after children", "Overall effectiveness Good"],
     [("safeguarding_overall", "adequate"), (None, "good"), ("looked_after_overall", "good")]),
    ("Inspection of local authority arrangements for the protection of children", "cpi",
     ["Overall effectiveness Inadequate"], [("child_protection_overall", "inadequate")]),
], ids=["slac", "cpi"])
def test_the_older_frameworks_other_kinds(tmp_path: Path, title: str, kind: str, sections: list[str],
                                          areas: list[tuple[str | None, str]]) -> None:
    """No report of these kinds has text in the shared set (its four of 2012 are error pages): these
    are made in the looked after children inspections' layout, of the same framework."""
    pages = [[title, "Anytown Council", "Inspection dates: 1 - 12 October 2012",
              "Reporting inspector Amy Stone HMI", "Published: 16 November 2012"],
             ["Anytown Council " + title, "2", "Record of main findings", *sections]]
    facts = read_report(report_lines(write_pdf(tmp_path / "old.pdf", pages)))
    assert (facts.kind, facts.start, facts.end, facts.published, facts.lead_inspector) == (
        kind, D(2012, 10, 1), D(2012, 10, 12), D(2012, 11, 16), "Amy Stone")
    assert [(j.area, j.grade) for j in facts.judgements] == areas
    assert facts.problems == ["summary: no section on overall effectiveness",
                              "to_improve: no heading 'Areas for improvement'"]


class _CountingPages:
    """A long report's pages, remembering which were read."""

    def __init__(self, pages: list[list[str]]) -> None:
        self.pages, self.read = pages, []

    def __len__(self) -> int:
        return len(self.pages)

    def lines(self, number: int) -> list[str]:
        self.read.append(number)
        return self.pages[number]


@pytest.mark.parametrize("above_contents", [[], ["Anytown Council"]])
def test_of_a_long_report_only_the_pages_its_contents_page_points_to_are_read(above_contents: list[str]) -> None:
    pages = [[str(n + 1), f"Findings, page {n + 1}."] for n in range(40)]
    pages[0] = SIF_COVER
    pages[1] = ["2", "Executive summary", "The local authority has made progress since it was last inspected."]
    pages[2] = ["3", *above_contents, "Contents", "Executive summary 2", "Recommendations 7", "Summary for children and young people 9",
                "The Local Safeguarding Children Board (LSCB) 30", "Information about this inspection 39"]
    pages[6] = ["7", "Recommendations", "1. Ensure that plans for children say what must change.",
                "2. Ensure that managers oversee plans and"]
    pages[7] = ["8", "that they are recorded.", "Summary for children and young people", "Some children wait."]
    pages[29] = ["30", "The Local Safeguarding Children Board (LSCB)", "The Local Safeguarding Children Board is good"]
    pages[38] = ["39", "Information about this inspection", "Lead inspector: Ravi Patel"]
    reading = _CountingPages(pages)
    facts = read_report(chosen_lines(reading))
    assert reading.read == [0, 1, 2, 6, 7, 29, 38]
    assert facts.to_improve == ["Ensure that plans for children say what must change.",
                                "Ensure that managers oversee plans and that they are recorded."]
    assert (facts.lead_inspector, facts.judgements[-1]) == (
        "Ravi Patel", Judgement("lscb", "The Local Safeguarding Children Board", "good", "good"))


def test_a_running_header_gives_the_page_number_it_prints_and_no_other() -> None:
    title = "Inspection of Anytown local authority children's services"
    assert report_page([title, "Body text."], first=False) == (None, ["Body text."])
    assert report_page([title, "8 June to 19 June 2026 12", "Body text."], first=False) == (12, ["Body text."])
    assert report_page(["12", title, "Body text."], first=False) == (12, ["Body text."])
    # A year in two digits is no page number.
    assert report_page(["8 June to 19 June 26", "Body text."], first=False) == (None, ["Body text."])


def test_a_heading_that_pypdf_runs_onto_the_point_above_it_is_left_out() -> None:
    facts = _report("80444_calderdale/children's services inspection - 20 march 2015.pdf")
    assert facts.priority_actions[-1].endswith("when children are missing from home and care.")
    assert not any("Areas for improvement" in point for point in facts.priority_actions + facts.to_improve)
