"""Ofsted's reports of full inspections, read from their PDFs: one observation per report, its
report as its source, to join the full-inspection event the releases and the scrape give.

The reports sit in folders named for the authority's Ofsted URN (``80573_trafford/``), each named
for its publication date as Ofsted's report site lists it ("children's services inspection - 03
august 2026.pdf"). The scrape's history table lists each file (its ``pdf_filename``) with Ofsted's
own address of it, which becomes the source's link; a report an editor adds under the same
names, with no row there, links to the authority's page on Ofsted's report site.

A report is the inspection's own document, so it outranks the tables about it: where its dates,
judgements or lead inspector differ from a release's or the scrape's, the event follows the
report (``combine``). Reading is honest: a file that is not a readable PDF, or that is filed under
no authority, is reported and not imported; a report read in part is imported with what was read,
and each field not read is reported. Reports are read in two processes, with progress.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from generator.importer.authorities import Authorities
from generator.importer.csvfile import read_csv
from generator.importer.documents import PROVIDER_PAGE, Document, Log, find_documents, read_documents, read_in_part
from generator.importer.inspection_report import ReportFacts, read_report, report_lines
from generator.importer.observations import Observation
from generator.importer.report import Report
from generator.importer.scrape import RUNS_TO as SCRAPE_RUNS_TO
from generator.model import REPORTS_ORIGIN, Kind

#: Under the shared data folder: the reports' folders, and the scrape's table that lists them.
FOLDER = "raw/jt39_ofsted_ilacs/inspection_reports"
LISTING = "raw/jt39_ofsted_ilacs/ofsted_csc_ilacs_history.csv"
LISTING_COLUMNS = ("urn", "inspection_link", "pdf_filename")
#: The reports were copied at the scrape's commit: no report published after its date is here.
RUNS_TO = SCRAPE_RUNS_TO
#: The start of every report source's note, by which the import tells its sources from an editor's.
NOTE_START = "Ofsted's report, read by the importer"
_FILE_NAME = re.compile(r"(?:children's services inspection|single inspection of la children's services)"
                        r"[^-]*- (?P<date>[0-9]{1,2} [a-z]+ 20[0-9]{2})\.pdf", re.IGNORECASE)


def find_reports(shared: Path, report: Report) -> list[Document]:
    """Every report under the reports' folder, with Ofsted's address where the listing has it."""
    listing = read_csv(shared / LISTING, LISTING_COLUMNS, keep_default_na=False)
    urls = {(row.urn, row.pdf_filename): row.inspection_link for row in listing.itertuples(index=False)
            if row.inspection_link.startswith("https://")}
    found = find_documents(shared / FOLDER, "*/*.pdf", _FILE_NAME, "reports",
                           "children's services inspection - D month YYYY.pdf", report)
    return [replace(file, url=urls.get((file.urn, file.path.name))) for file in found]


def read_reports(files: list[Document], authorities: Authorities, report: Report,
                 log: Log) -> Iterator[Observation]:
    """One observation per report that could be read, each report not imported reported as
    skipped and each field not read as not used; progress every 50 reports."""
    return read_documents(files, _facts, partial(_observation, authorities=authorities, report=report), "reports",
                          50, log)


def _facts(path: Path) -> ReportFacts:
    """The facts of a report's PDF (run in a worker process; ``Unreadable`` if it has no text)."""
    return read_report(report_lines(path))


def summary(files: list[Document], observations: list[Observation], report: Report) -> str:
    """How many reports gave dates, a lead inspector, judgements, points to improve and a quotation,
    and how many were not imported or were read in part (the import's report lists each)."""
    kinds = Counter(o.framework or "no kind" for o in observations)
    return (f"{len(files)} reports: {len(observations)} read ("
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) + "), "
            f"{sum(o.end is not None for o in observations)} with both dates, "
            f"{sum(bool(o.people) for o in observations)} with the lead inspector, "
            f"{sum(bool(o.judgements) for o in observations)} with judgements, "
            f"{sum(bool(o.to_improve) for o in observations)} with points to improve, "
            f"{sum(bool(o.quotes) for o in observations)} with a quotation; "
            f"{len(files) - len(observations)} not imported, {read_in_part(files, report)} read in part")


def _observation(file: Document, facts: ReportFacts | str, authorities: Authorities,
                 report: Report) -> Observation | None:
    identity = authorities.by_urn.get(file.urn)
    if isinstance(facts, str):
        report.skip(file.where, f"unreadable: {facts}")
        return None
    if identity is None:
        report.skip(file.where, f"no authority has Ofsted URN {file.urn}")
        return None
    if facts.kind is None:  # a review of a safeguarding board alone, or a report of no known layout
        report.skip(file.where, "; ".join(p for p in facts.problems if p.startswith("kind:")))
        return None
    for problem in facts.problems:
        report.unused(file.where, problem)
    judgements = {}
    for judgement in facts.judgements:
        if judgement.area is None or judgement.grade is None:
            what = "no judgement area the frameworks know" if judgement.area is None else "not a grade"
            report.unused(file.where, f"judgement '{judgement.printed}: {judgement.grade_printed}': {what}; left out")
        else:
            judgements[judgement.area] = judgement.grade
    published = facts.published or file.published
    by = f"Ofsted, inspection report ({published.day} {published:%B %Y})"
    return Observation(
        identity.dfe_code, Kind.FULL_INSPECTION, _source(file, facts, published), file.where,
        date=facts.start, end=facts.end if facts.end != facts.start else None, published=published,
        framework=facts.kind, judgements=judgements,
        people=[{"name": facts.lead_inspector, "role": "lead_inspector"}] if facts.lead_inspector else [],
        priority_actions=facts.priority_actions, to_improve=facts.to_improve or None,
        quotes=[{"text": text, "by": by} for text in facts.summary] or None, origin=REPORTS_ORIGIN)


def _source(file: Document, facts: ReportFacts, published: dt.date) -> dict[str, str]:
    """The report as a source: Ofsted's own address of it where the listing gives one, else the
    authority's page on Ofsted's report site, which lists it."""
    note = f"{NOTE_START} (file '{file.path.name}'). "
    if file.url:
        note += "The link is Ofsted's copy, as the Data to Insight ILACS scrape tool lists it."
    else:
        note += "The link is the authority's page on Ofsted's report site, which lists the report."
    # Without a title that could be read, the file's name, as Ofsted's report site lists it.
    return {"title": facts.title or file.path.stem, "publisher": "Ofsted",
            "date": published.isoformat(), "url": file.url or PROVIDER_PAGE + file.urn, "type": "report",
            "note": note}
