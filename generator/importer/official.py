"""Ofsted's official releases: every inspection and visit row, as observations.

The releases name each judgement in their own words, and those words changed over the years;
a header is read by the phrases it contains. Two honest-labelling rules live here: the 2009-2023
table prints the old frameworks' "adequate" grade in today's words ("Requires improvement to be
good"), which is read back as ``adequate``; and until January 2023 ILACS judged children in care
and care leavers together, which the 2025 release prints under today's "children in care".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importer.authorities import Authorities
from generator.importer.observations import GRADE_WORDS, Observation, as_day
from generator.importer.report import Report
from generator.importer.sheets import Row, read_tables
from generator.model import Frameworks, Kind

#: Where the official files were copied from (see shared/data/raw/ofsted_official/SOURCE.md).
CSC_REPOSITORY = "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers/blob/"


@dataclass(frozen=True)
class Release:
    """One official release: its file, its title as published, and where the file was copied from."""

    file: str
    title: str
    date: str | None
    file_url: str
    runs_to: str  # the last day its tables cover

    def source(self, link: str | None) -> dict[str, Any]:
        """The release as a source; ``link`` is the row's link to the authority's Ofsted page, if
        it is one (else the source links to the release file)."""
        source: dict[str, Any] = {"title": self.title, "publisher": "Ofsted", "type": "statistics"}
        if self.date:
            source["date"] = self.date
        if link and link.startswith(("http://", "https://")):
            source["url"] = link
            source["note"] = ("Official statistics: {where}. The link is the authority's page on Ofsted's site; "
                              f"the release file: {self.file_url}")
        else:
            source["url"] = self.file_url
            source["note"] = "Official statistics: {where}. The link is the release file."
        return source


RELEASES = {
    "2025": Release("LA_Inspection_Outcomes_as_at_31_March_2025.ods",
                    "Local authority inspection outcomes as at 31 March 2025", "2025-09-25",
                    CSC_REPOSITORY + "2f5d11a431050523dab58810083259d3313029ae/data-raw/"
                           "LA_Inspection_Outcomes_as_at_31_March_2025.ods", "2025-03-31"),
    "2024": Release("LA_Inspection_Outcomes_as_at_March_2024.ods",
                    "Local authority inspection outcomes as at 31 March 2024", "2024-08-30",
                    CSC_REPOSITORY + "1329930840af1494de032849c2f07a5d58e08f61/data-raw/"
                           "LA_Inspection_Outcomes_as_at_March_2024.ods", "2024-03-31"),
    "2023": Release("Childrens_social_care_in_England_2023_underlying_data.ods",
                    "Children's social care data in England 2023: underlying data", None,
                    CSC_REPOSITORY + "1329930840af1494de032849c2f07a5d58e08f61/data-raw/"
                           "Childrens_social_care_in_England_2023_underlying_data.ods", "2023-03-31"),
    "2022": Release("Childrens_social_care_in_England_2022_underlying_data.ods",
                    "Children's social care data in England 2022: underlying data", None,
                    "https://github.com/toluwaniosabiya/LIDA/blob/46fb9fb55793b67e8ffc63103dacefb20a7bbb42/data/"
                    "Childrens_social_care_in_England_2022_underlying_data.ods", "2022-03-31"),
}

#: The sheets of inspection and visit rows, one per row, newest release first (it wins).
ROW_SHEETS = [("2025", "ILACS_inspection_history"), ("2025", "In-year_inspections"),
              ("2024", "Inspections_in_year_2023-24"), ("2023", "LA_level_in_year_2022-23"),
              ("2022", "LA_level_in_year_2021-22")]
WIDE_SHEET = ("2023", "LA_inspections_2009-2023")

_TYPES = {
    "ilacs standard inspection": (Kind.FULL_INSPECTION, "ilacs_standard"),
    "ilacs short inspection": (Kind.FULL_INSPECTION, "ilacs_short"),
    "ilacs focused visit": (Kind.FOCUSED_VISIT, None),
    "la monitoring visit": (Kind.MONITORING_VISIT, None),
}


def _area(header: str, apart: bool) -> str | None:
    """The ILACS judgement a header names; ``apart`` says whether the inspection was made under a
    version of ILACS that judges children in care apart from care leavers."""
    text = header.casefold()
    if "overall" in text:
        return "overall_effectiveness"
    if "impact of leaders" in text:
        return "impact_of_leaders"
    if "help and protection" in text:
        return "help_and_protection"
    if "children in care and care leavers" in text:
        return "children_in_care_and_care_leavers"
    if "children in care" in text:
        # Releases from 2024 print the combined judgement of earlier inspections under today's words.
        return "children_in_care" if apart else "children_in_care_and_care_leavers"
    if "care leavers" in text:
        return "care_leavers"
    return None


def judged_apart(frameworks: Frameworks, framework: str | None, first: dt.date, last: dt.date) -> bool:
    """Whether an inspection of type ``framework`` begun between ``first`` and ``last`` may have been
    made under a version that judges children in care apart (data/frameworks.yaml says when)."""
    found = frameworks.find("framework", framework) if framework else None
    return found is None or any(any(a.value == "children_in_care" for a in v.areas)
                                for v in found.versions if v.could_cover(first, last))  # type: ignore[attr-defined]


def grade(value: str, framework: str | None, frameworks: Frameworks, where: str, what: str,
          report: Report) -> str | None:
    """A grade in a release's words. The old frameworks' scale had "adequate" where today's has
    "requires improvement to be good", and the 2009-2023 table prints it in today's words: on a
    framework whose scales (data/frameworks.yaml) have adequate and not today's grade, it is read back."""
    found = GRADE_WORDS.get(value.casefold())
    if found is None:
        report.unused(where, f"{what}: grade {value!r} is not a grade; left out")
        return None
    known = frameworks.find("framework", framework) if framework else None
    scales = {g.value for v in getattr(known, "versions", ()) if v.scale for g in v.scale.grades}
    if found == "requires_improvement" and scales and found not in scales and "adequate" in scales:
        return "adequate"
    return found


def read_official(base: Path, authorities: Authorities, frameworks: Frameworks,
                  report: Report) -> Iterator[Observation]:
    """Every observation in the official releases under ``base``, newest release first."""
    for key, sheet in ROW_SHEETS:
        release = RELEASES[key]
        where = f"{release.file}, sheet {sheet}"
        for table in read_tables(base / release.file, sheet):
            for row in table:
                yield from _row_observation(row, release, where, authorities, frameworks, report)
    key, sheet = WIDE_SHEET
    release = RELEASES[key]
    where = f"{release.file}, sheet {sheet}"
    for number, table in enumerate(read_tables(base / release.file, sheet)):
        for row in table:
            identity = authorities.resolve(row, report, where, former=number == 1)
            if identity is not None:
                source = release.source(authorities.link_of(row, identity, report, where))
                yield from _wide_observations(row, identity.dfe_code, source, where, frameworks, report)


def _row_observation(row: Row, release: Release, where: str, authorities: Authorities, frameworks: Frameworks,
                     report: Report) -> Iterator[Observation]:
    identity = authorities.resolve(row, report, where,
                                   former=row.text("Local authority status") == "No longer exists")
    if identity is None:
        return
    type_ = row.text("Inspection type") or row.text("Inspection/Visit type") or ""
    if type_.casefold() not in _TYPES:
        report.skip(f"{where}, row {row.number}", f"{identity.name}: type {type_!r} is not one the importer knows")
        return
    kind, framework = _TYPES[type_.casefold()]
    begun = as_day(row.cells.get("Inspection date") or row.cells.get("Inspection/Visit date"))
    if begun is None:
        report.skip(f"{where}, row {row.number}", f"{identity.name}: no inspection or visit date")
        return
    source = release.source(authorities.link_of(row, identity, report, where))
    observation = Observation(identity.dfe_code, kind, source, f"{where}, row {row.number}",
                              date=begun, published=as_day(row.cells.get("Publication date")),
                              framework=framework, theme=row.text("Visit Theme"))
    apart = judged_apart(frameworks, framework, begun, begun)
    for header, value in row.cells.items():
        area = _area(header, apart)
        if area is None or kind is not Kind.FULL_INSPECTION:
            continue
        found = grade(str(value).strip(), framework, frameworks, observation.where, f"{identity.name}, {header}",
                      report)
        if found is not None:
            observation.judgements[area] = found
    yield observation


# The 2009-2023 table: each inspection is a group of columns, named by the phrases below.
# (framework, the phrase of its publication date column, {phrase of a grade column: area}).
_WIDE: list[tuple[str, str, dict[str, str]]] = [
    ("slac", "(slac) inspection publication date", {
        "slac safeguarding overall": "safeguarding_overall",
        "slac looked after children overall": "looked_after_overall"}),
    ("slac_reinspection", "re-inspection of safeguarding publication date", {
        "slac re-inspection safeguarding oe": "safeguarding_overall"}),
    ("slac_reinspection", "re-inspection of services for children looked after publication date", {
        "slac re-inspection of services children looked after oe": "looked_after_overall"}),
    ("cpi", "(cpi) publication date", {"cpi overall": "child_protection_overall"}),
    ("cpi_reinspection", "(cpri) publication date", {"cpri overall": "child_protection_overall"}),
    ("tlac", "(tlac) inspection publication date", {"tlac overall": "looked_after_overall"}),
    ("sif", "first sif publication date", {
        "first sif overall": "overall_effectiveness",
        "first sif children who need help": "help_and_protection",
        "first sif children looked after": "looked_after_and_permanence",
        "first sif cla sub: adoption": "adoption",
        "first sif cla sub: experiences and progress of care leavers": "care_leavers",
        "first sif leadership": "leadership_management_governance",
        "lscb overall": "lscb"}),
    ("sif_reinspection", "sif re-inspection publication date", {
        "sif re-inspection overall": "overall_effectiveness",
        "sif re-inspection children who need help": "help_and_protection",
        "sif re-inspection children looked after": "looked_after_and_permanence",
        "sif re-inspection cla sub: adoption": "adoption",
        "sif re-inspection cla sub: experiences and progress of care leavers": "care_leavers",
        "sif re-inspection leadership": "leadership_management_governance"}),
]
_ILACS_ROUNDS = ("first ilacs framework", "second ilacs framework", "ilacs framework")


def _wide_observations(row: Row, dfe: str, source: dict[str, Any], where: str, frameworks: Frameworks,
                       report: Report) -> Iterator[Observation]:
    cells = {header.casefold(): (header, value) for header, value in row.cells.items()}
    name = row.text("Local authority name")

    def observation(framework: str | None, published: dt.date) -> Observation:
        return Observation(dfe, Kind.FULL_INSPECTION, source, f"{where}, row {row.number}",
                           published=published, framework=framework)

    def add_grade(found: Observation, header: str, value: Any, area: str) -> None:
        text = str(value).strip()
        if text in ("-", ""):
            report.unused(f"{where}, row {row.number}", f"{name}, {header}: given as '-' (no grade); left out")
            return
        result = grade(text, found.framework, frameworks, found.where, f"{name}, {header}", report)
        if result is not None:
            found.judgements[area] = result
            if result == "adequate":
                note = ("The release prints this framework's grade 'adequate' in today's words, "
                        "'Requires improvement to be good'.")
                found.notes = [note]

    for framework, date_phrase, areas in _WIDE:
        date_header = next((h for h in cells if date_phrase in h), None)
        published = as_day(cells[date_header][1]) if date_header else None
        if published is None:
            continue
        found = observation(framework, published)
        for phrase, area in areas.items():
            header = next((h for h in cells if h.startswith(phrase) or phrase in h and "publication" not in h), None)
            if header is not None:
                add_grade(found, cells[header][0], cells[header][1], area)
        yield found
    for round_ in _ILACS_ROUNDS:
        keys = [h for h in cells if h.startswith(round_)]
        published = next((as_day(cells[h][1]) for h in keys if "publication date" in h), None)
        if published is None:
            continue
        type_ = next((str(cells[h][1]) for h in keys if "inspection type" in h), "")
        framework = _TYPES.get(type_.casefold(), (None, None))[1]
        found = observation(framework, published)
        # Only publication dates here: an inspection began before its report was published. (Both
        # types of ILACS inspection share their framework's versions.)
        apart = judged_apart(frameworks, framework or "ilacs_standard", dt.date.min, published)
        for h in keys:
            judged = _area(h.removeprefix(round_), apart)
            if judged is not None and "publication" not in h and "type" not in h:
                add_grade(found, cells[h][0], cells[h][1], judged)
        yield found
