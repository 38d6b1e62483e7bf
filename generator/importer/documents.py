"""Ofsted's documents as the shared folders hold them: found by their folders' and files' names,
read in worker processes with progress.

Reports and letters are filed alike: a folder named for the authority's Ofsted URN
(``80573_trafford/``) and a file named for the publication date as Ofsted's report site lists it
("children's services inspection - 03 august 2026.pdf"). A file named otherwise is reported as
skipped rather than guessed at. Reading a PDF is most of an import's time (pypdf takes a fifth of
a second a letter, more for a long report), so documents are read in two processes, in order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from generator.importer import PROVIDER_PATH, SITE
from generator.importer.observations import Observation, as_day
from generator.importer.pdftext import Unreadable
from generator.importer.report import Report

#: The authority's page on Ofsted's report site (its URN follows), which lists all its documents.
PROVIDER_PAGE = SITE + PROVIDER_PATH
WORKERS = 2
_FOLDER_NAME = re.compile(r"(?P<urn>[0-9]{5,8})_.+")

Log = Callable[[str], None]
Facts = TypeVar("Facts")


@dataclass(frozen=True)
class Document:
    """One document's file, and what its folder and name say of it."""

    path: Path
    where: str  # the path under the documents' folder, for the import's report and the source's note
    urn: str
    published: dt.date
    url: str | None = None  # where a listing gives the file's address


def find_documents(base: Path, pattern: str, file_name: re.Pattern[str], noun: str, example: str,
                   report: Report) -> list[Document]:
    """The PDFs matching ``pattern`` under ``base``, in order of path: ``file_name`` matches a
    file's name, its group ``date`` the publication date; a file named otherwise is reported with
    ``example``, a name as the ``noun`` (documents of the kind) should have."""
    found = []
    for path in sorted(base.glob(pattern)):
        where = path.relative_to(base).as_posix()
        folder, name = _FOLDER_NAME.fullmatch(path.parent.name), file_name.fullmatch(path.name)
        published = as_day(name["date"]) if name else None
        if folder is None or published is None:
            report.skip(where, f"not named as the {noun} are: a folder 'URN_name' and a file \"{example}\" "
                               "(its publication date)")
            continue
        found.append(Document(path, where, folder["urn"], published))
    return found


def read_documents(documents: list[Document], read: Callable[[Path], Facts],
                   make: Callable[[Document, Facts | str], Observation | None], noun: str, every: int,
                   log: Log) -> Iterator[Observation]:
    """The observation ``make`` draws from each document: from what ``read`` (a module-level
    function, for the worker processes) made of it, or from why it could not be read. ``make``
    reports a document it does not import and returns None. Progress every ``every`` documents."""
    with ProcessPoolExecutor(WORKERS) as pool:
        results = pool.map(partial(_read_or_why, read), [d.path for d in documents], chunksize=4)
        for number, (document, facts) in enumerate(zip(documents, results), start=1):
            if number % every == 0 or number == len(documents):
                log(f"  {noun} read: {number} of {len(documents)}")
            observation = make(document, facts)
            if observation is not None:
                yield observation


def read_in_part(documents: list[Document], report: Report) -> int:
    """How many of the documents the report says were read in part (a field not used)."""
    wheres = {document.where for document in documents}
    return len({e.where for e in report.entries if e.kind == "not used" and e.where in wheres})


def _read_or_why(read: Callable[[Path], Facts], path: Path) -> Facts | str:
    try:
        return read(path)
    except Unreadable as error:
        return str(error)
