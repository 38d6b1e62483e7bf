"""The text of an Ofsted PDF, as lines: a letter's without the letterhead that repeats on its pages,
a report's pages one at a time, each read only when asked for, without its running header and
footnotes.

pypdf reads the text layer; what it cannot read (a damaged file, an encrypted one, a scan with
no text) raises ``Unreadable`` with the reason, so that the document is reported rather than
half-read. The letterhead (Ofsted's address, telephone and web address) opens the first page and
some later ones, sometimes in the middle of a sentence that runs across the page break, and page
numbers stand on lines of their own: both are taken out so that sentences join up again. A
report's pages after the first open with a running header (its title, the inspection's dates and
the page number: "Inspection of Trafford local authority children's services" / "8 June to 19
June 26 2"), and some end with footnotes: taken out for the same reason, the page number kept.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from generator.importer.text import MONTH

#: The line that ends the letterhead.
_LETTERHEAD_END = re.compile(r"www\.gov\.uk/ofsted", re.IGNORECASE)
#: The lines of Ofsted's letterhead before it (all of the letters come from its Manchester office;
#: pypdf sometimes splits a line, so its pieces are here too), a few lines at most.
_LETTERHEAD = re.compile(r"|Ofsted|Piccadilly Gate|Store Street|Manchester|M1 2WD|Manchester M1 2WD|"
                         r"T 0300 123 1231|Textphone 0161 618( 8524)?|8524|enquiries@ofsted\.gov\.uk")
_LETTERHEAD_LINES = 14
_PAGE_NUMBER = re.compile(r"[0-9]{1,2}")
#: A PDF's signature, which the file format allows anywhere in the first kilobyte.
_PDF_SIGNATURE = b"%PDF-"
_PDF_END = b"%%EOF"
_HTML = re.compile(rb"\s*(?:<!doctype html|<html)", re.IGNORECASE)
#: What pypdf raises on a damaged file, beyond its own errors (caught only around pypdf's calls, so
#: that a bug of the readers' own is not taken for a damaged file).
_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError,
           ZeroDivisionError, OSError)
#: A report's running header: its title ("Inspection of … children's services", after the council's
#: name in the older reports), the inspection's dates and the page number, in its first few lines.
_RUNNING_TITLE = re.compile(r"(?:.*\s)?(?:Re-?)?Inspection of .*(?:children['’]s (?:social care )?services|"
                            r"looked after children(?: services)?|protection of children)\b.*", re.IGNORECASE)
_RUNNING_DATES = re.compile(rf"(?:\(?(?:[0-9]{{1,4}}|{MONTH}|to|and|[-–—])\)?[\s,]*)+", re.IGNORECASE)
_HEADER_LINES = 4
_REPORT_PAGE_NUMBER = re.compile(r"[0-9]{1,3}")
#: A footnote at a page's foot, after a blank line (or a rule of underscores): its number, then its text.
_FOOTNOTE = re.compile(r"[0-9]{1,2}\s+[A-Z'‘\"“(].*")
_RULE = re.compile(r"_*")
# pypdf logs (rather than raises) what it recovers from; a document it recovers is still read.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Unreadable(Exception):
    """The file has no text that could be read, with the reason."""


class PdfPages:
    """A PDF's pages, each page's text extracted only when asked for: extraction is most of
    pypdf's time, and a reader that needs a few pages of a long report need not pay for all."""

    def __init__(self, path: Path) -> None:
        try:
            self._reader = PdfReader(path)
            if self._reader.is_encrypted:
                raise Unreadable("the PDF is encrypted")
            self._count = len(self._reader.pages)
        except _ERRORS as error:
            raise Unreadable(f"pypdf cannot read it ({type(error).__name__}: {error})") from error

    def __len__(self) -> int:
        return self._count

    def lines(self, number: int) -> list[str]:
        """The stripped lines of one page's text (0 is the first page), blank lines kept."""
        try:
            text = self._reader.pages[number].extract_text() or ""
        except _ERRORS as error:
            raise Unreadable(f"pypdf cannot read it ({type(error).__name__}: {error})") from error
        return [line.strip() for line in text.splitlines()]


def require_pdf(path: Path) -> None:
    """Raise ``Unreadable`` unless the file begins as a PDF does: a web page saved under a .pdf
    name (a download that got an error page) is said to be one, rather than left to pypdf's
    puzzled message about a stream that ended."""
    try:
        with path.open("rb") as file:
            start = file.read(1024)
    except OSError as error:
        raise Unreadable(f"the file cannot be opened ({error.strerror or error})") from error
    if is_pdf(start):
        return
    if is_web_page(start):
        raise Unreadable("the file is not a PDF but an HTML page (a web page saved under a .pdf name)")
    raise Unreadable(f"the file is not a PDF ({NO_SIGNATURE})")


#: Why a file whose first kilobyte is neither a PDF's nor a web page's is no PDF.
NO_SIGNATURE = "it has no '%PDF-' signature in its first kilobyte"


def is_pdf(start: bytes) -> bool:
    """Whether a file whose first kilobyte is ``start`` begins as a PDF does."""
    return _PDF_SIGNATURE in start[:1024]


def is_web_page(start: bytes) -> bool:
    """Whether a file whose first kilobyte is ``start`` is an HTML page (an error page, often)."""
    return _HTML.match(start) is not None


def cut_short(body: bytes) -> bool:
    """Whether a PDF's bytes end before its end-of-file marker: a download cut short."""
    return _PDF_END not in body[-1024:]


def letter_lines(path: Path) -> list[str]:
    """The letter's lines of text, stripped, letterheads and page numbers out; blank lines kept
    (they separate paragraphs and headings)."""
    pages = PdfPages(path)
    lines: list[str] = []
    for number in range(len(pages)):
        lines += _without_letterhead(pages.lines(number))
    if not any(lines):
        raise Unreadable("the PDF has no text layer (a scan, or an empty file)")
    return lines


def _without_letterhead(lines: list[str]) -> list[str]:
    kept = list(lines)
    for end in [i for i, line in enumerate(kept) if _LETTERHEAD_END.fullmatch(line)][::-1]:
        start = end
        while start > 0 and end - start < _LETTERHEAD_LINES and _LETTERHEAD.fullmatch(" ".join(kept[start - 1].split())):
            start -= 1
        del kept[start:end + 1]
    return [line for line in kept if not _PAGE_NUMBER.fullmatch(line)]


def report_page(lines: list[str], first: bool) -> tuple[int | None, list[str]]:
    """A report's page (its lines from ``PdfPages.lines``): its printed number, where its header
    gives one, and its lines without the running header (on all but the first page), the footnotes
    at its foot and the blank lines around them, whitespace within lines collapsed."""
    lines = [" ".join(line.split()) for line in lines]
    lines = ["" if _RULE.fullmatch(line) else line for line in lines]
    number = None
    if not first:
        kept: list[str] = []
        for seen, position in enumerate((n for n, line in enumerate(lines) if line), start=1):
            is_header, printed = _header_part(lines[position])
            if seen > _HEADER_LINES or not is_header:
                kept = lines[position:]
                break
            number = printed if printed is not None else number
        lines = kept
    return number, _trimmed(_without_footnotes(lines))


def _header_part(line: str) -> tuple[bool, int | None]:
    """Whether a line is part of a running header, and the page number it ends with, if any (a
    number after a date's four-digit year, or a line of its own)."""
    if _REPORT_PAGE_NUMBER.fullmatch(line):
        return True, int(line)
    if _RUNNING_TITLE.fullmatch(line) and len(line) < 160:
        return True, None
    if _RUNNING_DATES.fullmatch(line) and re.search(MONTH, line, re.IGNORECASE):
        tail = re.search(r"\b(?:19|20)[0-9]{2}\s+([0-9]{1,3})$", line)
        return True, int(tail[1]) if tail else None
    return False, None


def _without_footnotes(lines: list[str]) -> list[str]:
    """A page's lines without the footnotes at its foot: after a blank line, lines that begin with
    the footnote's number and run to the end of the page, one footnote after another."""
    end = len(lines)
    while True:
        while end and not lines[end - 1]:
            end -= 1
        start = next((n for n in range(end - 1, 0, -1) if not lines[n - 1] and _FOOTNOTE.fullmatch(lines[n])), None)
        if start is None or not all(lines[start:end]):
            return lines[:end]
        end = start


def _trimmed(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]
