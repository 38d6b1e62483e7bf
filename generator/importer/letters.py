"""Ofsted's visit letters (PDFs) as observations, one per letter, each with the letter as its source.

The letters sit in folders named for the authority's Ofsted URN (``80473_hartlepool/``), each
named for its publication date as Ofsted's report site lists it ("children's services focused
visit - 27 march 2020.pdf"): the date the letter bears is sometimes mistyped, the file name's is
the publication date. ``focused_visit_letters_index.csv`` gives, for the letters it lists, where
each was copied from, which becomes the source's address; a letter an editor adds, saved under
the same names, needs no index row and links to the authority's page on Ofsted's site.

Reading is honest: a letter whose text cannot be read, whose authority is not the one its folder
names, or whose visit has no readable days is reported and not imported (an event needs a date
or a publication date, and a letter without its visit's days would be an event no one could
match or check); a letter read in part is imported with what was read, and the rest reported.
Letters are read in two processes (pypdf takes a fifth of a second a letter), with progress.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import quote

from generator.importer.authorities import Authorities, Identity, name_key
from generator.importer.csvfile import read_csv
from generator.importer.documents import PROVIDER_PAGE, Document, Log, find_documents, read_documents, read_in_part
from generator.importer.letter import PANDEMIC_NOTE, PANDEMIC_THEME, LetterFacts, read_letter
from generator.importer.observations import Observation
from generator.importer.pdftext import letter_lines
from generator.importer.report import Report
from generator.model import LETTERS_ORIGIN, Kind

#: Under the shared data folder: the letters' folders, and the index of those the scrape holds.
FOLDER = "raw/ofsted_official/unofficial_scrapes"
INDEX = f"{FOLDER}/focused_visit_letters_index.csv"
LETTER_FOLDERS = "focused_visit_letters_*"
INDEX_COLUMNS = ("repo_path", "local_copy")
REPOSITORY = ("https://github.com/data-to-insight/ofsted-focused-visit-scrape-tool/blob/"
              "c91dee0a148a59d1ed59222be7f201c13badb0b2/")
#: The date of that commit: no letter published later can be in the scrape.
RUNS_TO = "2026-02-03"
#: The start of every letter source's note, by which the import tells its sources from an editor's.
NOTE_START = "Ofsted's letter, read by the importer"
_FILE_NAME = re.compile(r"children's services (?:focused|monitoring) visit - "
                        r"(?P<date>[0-9]{1,2} [a-z]+ 20[0-9]{2})\.pdf", re.IGNORECASE)
#: Words of a letter's name for an authority that its register names leave out.
_COUNCIL_WORDS = re.compile(r"\b(?:london borough of|royal borough of|metropolitan|mbc|county|the|local authority|"
                            r"bcp|b and nes)\b")


def find_letters(shared: Path, report: Report) -> list[Document]:
    """Every letter under the letters' folders, with its copy's address where the index has it."""
    index = read_csv(shared / INDEX, INDEX_COLUMNS, keep_default_na=False)
    urls = {row.local_copy: REPOSITORY + quote(row.repo_path) for row in index.itertuples(index=False)
            if row.local_copy}
    found = find_documents(shared / FOLDER, f"{LETTER_FOLDERS}/*/*.pdf", _FILE_NAME, "letters",
                           "children's services focused visit - D month YYYY.pdf", report)
    return [replace(letter, url=urls.get(letter.where)) for letter in found]


def read_letters(letters: list[Document], authorities: Authorities, report: Report,
                 log: Log) -> Iterator[Observation]:
    """One observation per letter that names its visit, each letter not imported reported as
    skipped and each field not read as not used; progress every 25 letters."""
    return read_documents(letters, _facts, partial(_observation, authorities=authorities, report=report), "letters",
                          25, log)


def summary(letters: list[Document], observations: list[Observation], report: Report) -> str:
    """How many letters gave a date, a theme and priority actions, and how many were not imported
    or were read in part (the report lists each, with the reason)."""
    themed = [o for o in observations if o.theme]
    return (f"{len(letters)} letters: {len(observations)} dated, {len(themed)} with a theme "
            f"({sum(o.theme == PANDEMIC_THEME for o in themed)} of them the pandemic paragraph), "
            f"{sum(bool(o.priority_actions) for o in observations)} with areas for priority action; "
            f"{len(letters) - len(observations)} not imported, {read_in_part(letters, report)} read in part")


def _facts(path: Path) -> LetterFacts:
    """The facts of a letter's PDF (run in a worker process; ``Unreadable`` if it has no text)."""
    return read_letter(letter_lines(path))


def _observation(letter: Document, facts: LetterFacts | str, authorities: Authorities,
                 report: Report) -> Observation | None:
    identity = authorities.by_urn.get(letter.urn)
    if isinstance(facts, str):
        return _skipped(letter, f"unreadable: {facts}", report)
    if identity is None:
        return _skipped(letter, f"no authority has Ofsted URN {letter.urn}", report)
    if facts.authority is not None and not _names(facts.authority, identity):
        return _skipped(letter, f"the letter is to '{facts.authority}', not {identity.name} (URN {letter.urn}), "
                                "whose folder it is in", report)
    if facts.kind is None or facts.start is None:
        return _skipped(letter, "; ".join(facts.problems), report)
    for problem in facts.problems:
        report.unused(letter.where, problem)
    by = f"Ofsted, {facts.kind.label.lower()} letter ({letter.published.day} {letter.published:%B %Y})"
    people = [{"name": facts.lead, "role": "lead_inspector"}] if facts.lead else []
    people += [{"name": name, "role": "inspector"} for name in facts.inspectors if name != facts.lead]
    return Observation(identity.dfe_code, facts.kind, _source(letter, facts.kind, facts.authority or identity.name),
                       letter.where, date=facts.start, end=facts.end if facts.end != facts.start else None,
                       published=letter.published, theme=facts.theme, people=people,
                       notes=[PANDEMIC_NOTE] if facts.theme == PANDEMIC_THEME else [],
                       priority_actions=facts.priority_actions or None, to_improve=facts.to_improve or None,
                       quotes=[{"text": text, "by": by} for text in facts.quotes] or None, origin=LETTERS_ORIGIN)


def _skipped(letter: Document, why: str, report: Report) -> None:
    report.skip(letter.where, why)


def _source(letter: Document, kind: Kind, authority: str) -> dict[str, str]:
    """The letter as a source: its copy's address where the index gives it, else the authority's
    page on Ofsted's site, which lists the letter."""
    page = PROVIDER_PAGE + letter.urn
    note = f"{NOTE_START} (file '{letter.path.name}'). "
    if letter.url:
        note += ("The link is the copy kept by the Data to Insight focused-visit scrape tool; Ofsted's own copy is "
                 "listed on the authority's page of Ofsted's report site.")
    else:
        note += "The link is the authority's page on Ofsted's site, which lists the letter."
    return {"title": f"{kind.label} to {authority} children's services", "publisher": "Ofsted",
            "date": letter.published.isoformat(), "url": letter.url or page, "type": "report", "note": note}


def _names(written: str, identity: Identity) -> bool:
    """Whether a letter's name for an authority is one of its names ("Hartlepool Borough",
    "London Borough of Hackney", "Dudley MBC"), word for word once council words are left out."""
    def words(name: str) -> str:
        return " ".join(_COUNCIL_WORDS.sub(" ", name_key(name)).split())

    letter = words(written)
    for name in {identity.name, *identity.aliases}:
        known = words(name)
        if known and (f" {known} " in f" {letter} " or f" {letter} " in f" {known} "):
            return True
    return False
