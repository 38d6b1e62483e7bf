"""The community scrape of Ofsted's report site: one row per published full-inspection report.

It is not official statistics: rows are parsed from PDFs, so grades may be blank,
``data_unreadable`` or mis-parsed, and those published from April 2026 carry
``not_reported_post_reform`` for overall effectiveness (no such grade was given). Only grades
in Ofsted's words are used; every other value is reported and left out. Its "standard" and
"short" are not used either: its tool works them out from how long an inspection lasted (seven
days or fewer: short), and no report states them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.importer.authorities import Authorities
from generator.importer.csvfile import read_csv
from generator.importer.observations import GRADE_WORDS, Observation, as_day
from generator.importer.report import Report
from generator.model import SCRAPE_ORIGIN, Kind

TITLE = "Ofsted children's services inspection reports, scraped by the Data to Insight ILACS scrape tool"
REPOSITORY = ("https://github.com/JT-39/ofsted-ilacs-scrape-tool/blob/54af59bf7856a26530b1eeb45c1c1c146f34cb8a/"
              "ofsted_csc_ilacs_history.csv")
RUNS_TO = "2026-08-22"

_COLUMNS = {
    "overall_effectiveness_grade": "overall_effectiveness",
    "impact_of_leaders_grade": "impact_of_leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "children_in_care",
    "care_leavers_grade": "care_leavers",
}
#: The columns read, each of which the file must have.
COLUMNS = ("urn", "local_authority", "inspection_link", "pdf_filename", "publication_date", "inspection_framework",
           "inspector_name", "inspection_start_date", "inspection_end_date", *_COLUMNS)
#: Values that say a grade was not given or not read, rather than being a grade.
_NOT_GRADES = {"data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"}


def read_scrape(path: Path, authorities: Authorities, report: Report) -> Iterator[Observation]:
    """One observation per report row, its report PDF as the source."""
    where = f"{path.name}"
    table = read_csv(path, COLUMNS, keep_default_na=False)
    worked_out = sum(bool(value) for value in table["inspection_framework"])
    report.figures.append(f"The scrape's framework ('standard' or 'short'), which its tool works out from how long "
                          f"each inspection lasted and no report states, is not used: {worked_out} rows give one.")
    for number, entry in enumerate(table.itertuples(index=False), start=2):  # row 1 is the header
        identity = authorities.by_urn.get(entry.urn)
        if identity is None:
            report.skip(f"{where}, row {number}", f"no authority has Ofsted URN {entry.urn!r} ({entry.local_authority})")
            continue
        published = as_day(entry.publication_date)
        begun, ended = as_day(entry.inspection_start_date), as_day(entry.inspection_end_date)
        if published is None:
            report.skip(f"{where}, row {number}", f"{identity.name}: unreadable publication date {entry.publication_date!r}")
            continue
        if ended and begun and not 0 <= (ended - begun).days <= 31:
            report.unused(f"{where}, row {number}", f"{identity.name}: inspection dates {entry.inspection_start_date} to "
                                         f"{entry.inspection_end_date} are not a plausible span; left out")
            begun = ended = None
        source = {"title": TITLE, "publisher": "Data to Insight (from Ofsted's reports)",
                  "date": published.isoformat(), "type": "table",
                  "note": f"The report PDF ({entry.pdf_filename}), as listed in the scrape " + "({where}): " + REPOSITORY}
        if entry.inspection_link.startswith(("http://", "https://")):
            source["url"] = entry.inspection_link
        observation = Observation(identity.dfe_code, Kind.FULL_INSPECTION, source, f"{where}, row {number}",
                                  date=begun, end=ended, published=published, origin=SCRAPE_ORIGIN)
        if entry.inspector_name:
            observation.people.append({"name": entry.inspector_name, "role": "lead_inspector"})
        # The scrape marks care leavers "inspection_pre_dates_judgement" where one judgement covered both.
        combined = entry.care_leavers_grade == "inspection_pre_dates_judgement"
        for column, area in _COLUMNS.items():
            value = getattr(entry, column).strip()
            if not value or value in _NOT_GRADES:
                continue
            found = GRADE_WORDS.get(value.casefold())
            if found is None:
                report.unused(f"{where}, row {number}", f"{identity.name}, {column}: {value!r} is not a grade; left out")
                continue
            if area == "children_in_care" and combined:
                area = "children_in_care_and_care_leavers"
            observation.judgements[area] = found
        yield observation

