"""Running text from a PDF's lines, as the letters' and reports' readers quote it.

pypdf gives Ofsted's typography back as it is printed: curly quotation marks, en and em dashes,
non-breaking spaces, bullets in Ofsted's square or in the private-use symbols of Symbol and
Wingdings, a word split at a line's end, and now and then a space before a closing bracket or a
comma. The readers match their patterns against plain characters, and quote text as a reader
of the PDF would copy it, so both come through these functions.
"""

from __future__ import annotations

import calendar
import re

#: Curly quotation marks, dashes and no-break spaces as plain characters; and the long stroke that
#: one report's sub-points are marked with (Cornwall, 2019), a combining character of its own, as a dash.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "─": "-", "\u00a0": " ",
                        "\u0336": "-"})
#: Bullets as pypdf reads them: Ofsted's square, and the private-use symbols of Symbol and Wingdings.
BULLETS = "[◼■▪•●\ue000-\uf8ff]"
BULLET = re.compile(rf"^{BULLETS}\s*")
#: Month names and their abbreviations, casefolded, to their numbers; and a pattern of them, longest
#: first ("September" before "Sep").
MONTHS = {name.casefold(): number for names in (calendar.month_name, calendar.month_abbr)
          for number, name in enumerate(names) if name}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: A word of a person's name as Ofsted prints it (capitalised, hyphenated parts), and a name: two
#: to four such words.
NAME = r"[A-ZÀ-Ý][a-zà-ÿ'A-Z]*(?:-[A-Za-zà-ÿ']+)*"
PERSON = re.compile(rf"\b{NAME}(?:\s+{NAME}){{1,3}}\b")
#: How many opening sentences a document is quoted by, and the shortest that stands alone.
QUOTES, QUOTE_SHORTEST = 2, 40
#: A sentence's end: not the full stop of "St", "Mr", "Mrs", "Dr" or "No", and before a capital or
#: a quotation mark.
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)'])(?<!\bSt)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bNo)[.!?](?=\s+[A-Z'\"])")
_SPACE_BEFORE = re.compile(r"(?<=\w) +(?=[),;])")
_SPLIT_WORD = re.compile(r"(?<=[a-z])- (?=[a-z])")


def clean(line: str) -> str:
    """A line with plain quotation marks and dashes, its whitespace collapsed, and no space
    before a closing bracket, comma or semicolon ("paragraph 31 )" is "paragraph 31)")."""
    return _SPACE_BEFORE.sub("", " ".join(line.translate(_PLAIN).split()))


def flat(lines: list[str]) -> str:
    """Clean lines as running text, with words split at a line's end joined again ("decision-
    making" stays hyphenated, a hyphen pypdf left before a space goes)."""
    return _SPLIT_WORD.sub("-", " ".join(line for line in lines if line))


def sentences(text: str) -> list[str]:
    """Running text split into its sentences, each keeping its closing mark."""
    return [s.strip() for s in _SENTENCE_END.sub(r"\g<0>\n", text).split("\n")]


def ends_a_sentence(text: str) -> bool:
    """Whether a sentence ends within ``text`` (before more text)."""
    return _SENTENCE_END.search(text) is not None


def kept_whole(items: list[str], limit: int, problems: list[str], what: str) -> list[str]:
    """Items gathered from lines as points to show: as running text, each opening with a capital,
    empty ones dropped; one longer than ``limit`` is left out, never cut, and said in ``problems``
    (``what`` names one item)."""
    kept = []
    for item in (flat([i]).strip() for i in items):
        if not item:
            continue
        item = item[:1].upper() + item[1:]
        if len(item) > limit:
            problems.append(f"{what} is longer than {limit} characters; left out ({short(item)})")
            continue
        kept.append(item)
    return kept


def short(text: str, limit: int = 80) -> str:
    """Text cut to ``limit`` characters for a message of the import's report, marked where cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
