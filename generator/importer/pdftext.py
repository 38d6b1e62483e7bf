"""The text of an Ofsted letter's PDF, as lines, without the letterhead that repeats on its pages.

pypdf reads the text layer; what it cannot read (a damaged file, an encrypted one, a scan with
no text) raises ``Unreadable`` with the reason, so that the letter is reported rather than
half-read. The letterhead (Ofsted's address, telephone and web address) opens the first page and
some later ones, sometimes in the middle of a sentence that runs across the page break, and page
numbers stand on lines of their own: both are taken out so that sentences join up again.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

#: The line that ends the letterhead.
_LETTERHEAD_END = re.compile(r"www\.gov\.uk/ofsted", re.IGNORECASE)
#: The lines of Ofsted's letterhead before it (all of the letters come from its Manchester office;
#: pypdf sometimes splits a line, so its pieces are here too), a few lines at most.
_LETTERHEAD = re.compile(r"|Ofsted|Piccadilly Gate|Store Street|Manchester|M1 2WD|Manchester M1 2WD|"
                         r"T 0300 123 1231|Textphone 0161 618( 8524)?|8524|enquiries@ofsted\.gov\.uk")
_LETTERHEAD_LINES = 14
_PAGE_NUMBER = re.compile(r"[0-9]{1,2}")
# pypdf logs (rather than raises) what it recovers from; a letter it recovers is still read.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Unreadable(Exception):
    """The file has no text that could be read, with the reason."""


def letter_lines(path: Path) -> list[str]:
    """The letter's lines of text, stripped, letterheads and page numbers out; blank lines kept
    (they separate paragraphs and headings)."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise Unreadable("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise Unreadable(f"pypdf cannot read it ({type(error).__name__}: {error})") from error
    lines: list[str] = []
    for page in pages:
        lines += _without_letterhead([line.strip() for line in page.splitlines()])
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
