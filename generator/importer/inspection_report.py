"""What an Ofsted report of a full inspection of a council's children's services says, read from its
text: which inspection, when, by whom, its judgements, its opening summary and what must improve.

The reports come in three families, told apart by the title on their first page:

* ILACS (2018 on): "Inspection of Trafford local authority children's services", the dates and
  the lead inspector above a table "Judgement Grade", the summary below it, then "What needs to
  improve?" as bullets. No report says whether its inspection was a standard or a short one (the
  scrape tells them apart by how long they lasted, which is a guess): their kind is left open,
  and said to be.
* The single inspection framework (SIF, 2013-18): "Inspection (or Re-inspection) of services for
  children in need of help and protection, children looked after and care leavers", the overall
  judgement in a sentence ("Children's services in Dudley are inadequate"), numbered judgements,
  the Local Safeguarding Children Board's judgement in a sentence on the first page or where the
  board's section begins, recommendations (in 2014-15, priority actions and areas for
  improvement) and the inspection team near the end. A re-inspection says so in its title or in
  the opening of its summary ("This is a re-inspection of children's services in Lambeth").
* The older frameworks (2009-13): "Inspection of looked after children services" (or of
  safeguarding and looked after children services, or of local authority arrangements for the
  protection of children), the dates and the reporting inspector on the cover, areas for
  improvement by when ("Immediately:" are priority actions, "Within three months:" points to
  improve) and the judgements in a "Record of main findings" at the end.

``report_lines`` reads only the pages these are on (pypdf takes a thirtieth of a second a page,
and a SIF report runs to fifty): the front pages, then the sections the contents page points to.
Nothing is guessed: a field the text does not give is left empty and the reason kept in
``problems``; a quotation or point over the model's limits is left out, never cut, and said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.importer.pdftext import PdfPages, Unreadable, report_page, require_pdf
from generator.importer.observations import GRADE_WORDS
from generator.importer.text import (
    BULLET,
    MONTH,
    MONTHS,
    PERSON,
    QUOTE_SHORTEST,
    QUOTES,
    clean,
    ends_a_sentence,
    flat,
    kept_whole,
    sentences,
    short,
)
from generator.model import FINDING_LIMIT as POINT_LIMIT
from generator.model import QUOTE_LIMIT
from generator.model import TEXT_LIMIT as TITLE_LIMIT

SIF, SIF_REINSPECTION = "sif", "sif_reinspection"
SLAC, SLAC_REINSPECTION = "slac", "slac_reinspection"
CPI, CPI_REINSPECTION = "cpi", "cpi_reinspection"
TLAC = "tlac"

#: The longest inspection a report may state, in days: SIF inspections ran four weeks, and a few
#: ILACS inspections were split around a holiday; anything longer is a misreading.
LONGEST_INSPECTION = 70
#: The longest pause between the two parts of an inspection ("… and 13 to 16 January 2025").
LONGEST_PAUSE = 183

_NUMBERED = re.compile(r"^[0-9]{1,3}\.\s+(?=\S)")

# The grades, longest first so that "requires improvement to be good" is not read as "requires improvement".
_GRADE = r"requires? improvement(?: to be good)?|outstanding|inadequate|adequate|good"

# ---------------------------------------------------------------- the title: which framework, which kind
_TITLES = [
    (re.compile(r"\bRe-?inspection of services for children in need of help and protection", re.I), SIF_REINSPECTION),
    (re.compile(r"\bInspection of services for children in need of help and protection", re.I), SIF),
    (re.compile(r"\bRe-?inspection of safeguarding and looked after children services", re.I), SLAC_REINSPECTION),
    (re.compile(r"\bInspection of safeguarding and looked after children services", re.I), SLAC),
    (re.compile(r"\bRe-?inspection of local authority arrangements for the protection of children", re.I),
     CPI_REINSPECTION),
    (re.compile(r"\bInspection of local authority arrangements for the protection of children", re.I), CPI),
    (re.compile(r"\bInspection of looked after children services", re.I), TLAC),
]
_ILACS_TITLE = re.compile(r"\bInspection of .{0,120}?(?:children's (?:social care )?services|Trust)\b", re.I)
_ILACS_TABLE = re.compile(r"Judgement\s+Grade", re.I)
#: A SIF report whose title does not say so may say it was a re-inspection where its summary begins.
_REINSPECTION_SAID = re.compile(r"\bThis (?:is|was) a re-\s?inspection\b|\bThis re-\s?inspection\b", re.I)
#: The review of a Local Safeguarding Children Board, with a SIF inspection or (once) alone.
_BOARD_REVIEW = re.compile(r"(?:.*?Safeguarding Children Board )?Review of the effectiveness of the Local "
                           r"Safeguarding Children Board", re.I)
_OLD_KINDS = {TLAC, SLAC, SLAC_REINSPECTION, CPI, CPI_REINSPECTION}
_SIF_KINDS = {SIF, SIF_REINSPECTION}
_ILACS = "ilacs"  # the family of an ILACS report's layout
#: The kind of an ILACS report: data/frameworks.yaml's type of ILACS inspection whose standard or
#: short no source states, as no report says which it was.
ILACS = "ilacs"

# ---------------------------------------------------------------- the cover: dates, publication, lead
_DATES_LINE = re.compile(r"Inspection dates?\s*:?\s*(?P<rest>.*)", re.I)
_PUBLISHED_LINE = re.compile(r"(?:Report )?published\s*:?\s*(?P<rest>.+)", re.I)
_LEAD_LINE = re.compile(r"(?:Lead|Reporting) inspector(?P<many>s)?(?: on site)?\s*:?\s*(?P<rest>.*)", re.I)
#: Where a cover's title ends: at its first field, or where its judgements begin.
_TITLE_END = re.compile(r"Inspection dates?|(?:Lead|Reporting) inspector|(?:Report )?published|Age group|"
                        r"Judgement\s+Grade|The overall judgement", re.I)
_REPORT_PAGE = re.compile(r"[0-9]{1,3}")
_FIELD_START = re.compile(r"(?:Lead|Reporting) inspectors?|Report published|Published|Judgement\s+Grade|"
                          r"Age group|The overall judgement|Children's services", re.I)
_TITLE_WORDS = re.compile(r",?\s*\(?(?:(?:Her|His) Majesty's Inspector|(?:Senior )?HMI)\b.*$", re.I)
_NUMERIC_DATE = re.compile(r"\b([0-9]{1,2})/([0-9]{1,2})/((?:20)?[0-9]{2})\b")
_DATE_TOKEN = re.compile(rf"\b(?:(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?|(?P<month>{MONTH})|"
                         rf"(?P<year>(?:19|20)[0-9]{{2}}))\b", re.IGNORECASE)

# ---------------------------------------------------------------- headings
_HEADING_END = r"[0-9]?"  # a footnote marker may follow a heading ("What needs to improve?1")
_IMPROVE_ILACS = re.compile(rf"What needs to improve[?:]?{_HEADING_END}", re.I)
_IMPROVE_SIF = re.compile(rf"(?:What does the local authority need to improve\??|Recommendations:?){_HEADING_END}",
                          re.I)
_PRIORITY = re.compile(rf"Priority and immediate actions?:?{_HEADING_END}|Priority actions:?{_HEADING_END}|"
                       rf"Immediately:?", re.I)
_AREAS = re.compile(rf"Areas for improvement:?{_HEADING_END}|Within (?:one|two|three|four|six|twelve) months:?", re.I)
_NO_PRIORITY = re.compile(r"(?:[0-9]+\.\s+)?(?:There (?:are|were) no|The inspection did not (?:find|identify) any) "
                          r"(?:areas? (?:of|for) )?(?:priority|immediate)(?: (?:or|and) immediate)?(?: actions?)?\.?",
                          re.I)
#: Headings of the sections that follow the improvements in a SIF or an old report: they end the list.
_AFTER_IMPROVE = re.compile(
    rf"(?:The local authority's strengths|The local authority has the following strengths|"
    rf"Information about this (?:inspection|local authority area)|Summary for children and young people|"
    rf"Progress since the last inspection|Inspection judgements? about the local authority|"
    rf"Summary for children(?: and young people)?|"
    rf"The Local Safeguarding Children Board.*|Section 2\b.*|The experiences and progress of .*|"
    rf"Outcomes for looked after children.*|"
    rf"What does the LSCB need to improve\??|Contents){_HEADING_END}", re.I)
_FINDINGS_HEADING = re.compile(rf"The (?:experiences and progress of (?:children who need help and protection|"
                               rf"children in care(?: and care leavers)?|care leavers)|impact of leaders on social "
                               rf"work practice with children and families)\s*(?:is|are)?:?\s*(?:{_GRADE})\.?", re.I)
_EXECUTIVE_SUMMARY = re.compile(rf"(?:Section 1: the local authority - )?(?:Executive summary|Summary of (?:key )?"
                                rf"findings){_HEADING_END}", re.I)
_OLD_OVERALL = re.compile(r"Overall effectiveness of (?:services|the council|the local authority).*", re.I)
_OLD_GRADE_LINE = re.compile(r"Grade [1-4](?: \(\w+\))?", re.I)
_RECORD = re.compile(rf"Record of main findings{_HEADING_END}", re.I)
_LSCB_SECTION = re.compile(r"(?:Section 2:? )?(?:The )?(?:effectiveness of the )?Local Safeguarding Children Board"
                           r"(?: \(LSCB\))?", re.I)

# ---------------------------------------------------------------- judgements
_SIF_OVERALL = re.compile(rf"(?P<printed>The overall judgement(?: is that children's services?)?|"
                          rf"Children's services(?: in (?:(?!\b(?:are|is|require)\b).)+?)?)"
                          rf"\s+(?:is|are)?\s*(?P<grade>{_GRADE})\b", re.I)
_LSCB = re.compile(rf"(?P<printed>(?i:(?:The judgement for )?(?:the effectiveness of )?(?:the |an? )?)"
                   rf"(?:[A-Z][\w'&-]* )*?(?:(?:Local )?Safeguarding Children(?:'s)?(?: Board)?(?: \([A-Z]*\))?|LSCB))"
                   rf"\s+(?:is|are)?\s*(?P<grade>(?i:{_GRADE}))\b")
_ROW = re.compile(rf"(?:[0-9](?:\.[0-9])?\.?\s+)?(?P<name>[A-Za-z(].*?)\s+(?P<grade>{_GRADE}|not judged)"
                  rf"(?:\s+Grade\s+[1-4])?\.?", re.I)
_ROW_STARTS = {_ILACS: re.compile(r"The impact of leaders\b|The experiences and progress\b|Overall effectiveness\b",
                                 re.I),
               SIF: re.compile(r"[0-9](?:\.[0-9])?\.?\s")}
#: A sentence, not a row: its name ends in a verb.
_PROSE = re.compile(r"\b(?:is|are|was|were|remains?)$", re.I)
_ROW_LINES = 4  # a row's name wraps over three lines at most, and its grade over one more
_FOOTNOTE_MARK = re.compile(rf"(?<=[a-z])\s*[0-9](?=\s+(?:{_GRADE})\b)", re.I)
_SIF_FIRST_ROW = re.compile(r"1\.?\s+Children who need help", re.I)
_OLD_SECTIONS = {"safeguarding services": "safeguarding", "services for looked after children": "looked_after"}
_AREAS_BY_NAME = {
    "overall effectiveness": "overall_effectiveness",
    "the impact of leaders on social work practice with children and families": "impact_of_leaders",
    "the experiences and progress of children who need help and protection": "help_and_protection",
    "the experiences and progress of children in care and care leavers": "children_in_care_and_care_leavers",
    "the experiences and progress of children in care": "children_in_care",
    "the experiences and progress of care leavers": "care_leavers",
    "children who need help and protection": "help_and_protection",
    "children looked after and achieving permanence": "looked_after_and_permanence",
    "adoption performance": "adoption",
    "experiences and progress of care leavers": "care_leavers",
    "leadership, management and governance": "leadership_management_governance",
    # Printed so in the tables of a few reports of 2025-26, whose sections' headings name the judgements as usual.
    "the experiences and progress of children care leavers": "care_leavers",
    "the impact of leaders on practice with children and families": "impact_of_leaders",
}
_OLD_OVERALL_AREAS = {"looked_after": "looked_after_overall", "safeguarding": "safeguarding_overall"}
#: The other judgements of the record of main findings of an inspection of looked after children services.
_TLAC_AREAS = {"capacity to improve": "looked_after_capacity",
               "outcomes for looked after children and young people": "looked_after_outcomes",
               "quality of provision": "looked_after_provision",
               "leadership and management": "looked_after_leadership"}
_SIF_ROWS = 5  # help and protection, looked after, adoption, care leavers, leadership
_ILACS_ROWS = {4, 5}  # 4 before 2023 and from April 2026 (without overall effectiveness), 5 from 2023


@dataclass
class Judgement:
    """One judgement as the report prints it, with the project's ids where it maps to them."""

    area: str | None  # the project's id of the judgement area, None when it maps to none
    printed: str  # the judgement's name as printed (for a judgement stated in a sentence, its subject)
    grade: str | None  # the project's grade id, None when the words are not a grade
    grade_printed: str


#: Why a report is not of an inspection of children's services: a review of the safeguarding
#: board alone, which Ofsted's site lists under the inspection's name.
BOARD_REVIEW = ("kind: the report is a review of the Local Safeguarding Children Board alone, not an inspection of "
                "children's services")


@dataclass
class ReportFacts:
    """What one report gives; ``None`` (or empty) where it gives nothing readable, with the
    reasons in ``problems``."""

    kind: str | None = None
    title: str | None = None  # the title on its first page, as printed
    start: dt.date | None = None
    end: dt.date | None = None
    published: dt.date | None = None  # only if the report states it
    lead_inspector: str | None = None
    judgements: list[Judgement] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    to_improve: list[str] = field(default_factory=list)
    priority_actions: list[str] | None = None  # None when the report has no such section
    problems: list[str] = field(default_factory=list)


class Pages(Protocol):
    """A document's pages, read one at a time (``pdftext.PdfPages``)."""

    def __len__(self) -> int: ...

    def lines(self, number: int) -> list[str]: ...


# ================================================================ reading the pages that matter

#: How far into a report its front matter may run: an ILACS report's list of what needs to improve
#: ends by its third page, and a SIF report's contents page is at most its fourth.
_FRONT_PAGES = 5
#: The last pages searched for the inspection team when the contents page does not say where it is.
_TEAM_PAGES = 3
#: A section's heading that pypdf ran onto the end of the point above it, as well as giving it a
#: line of its own (Calderdale, 2015: "… missing from home and care. Areas for improvement").
_HEADING_AT_END = re.compile(r"(?<=[.!?])\s+(?:Areas for improvement|Priority and immediate actions?|Priority actions)$",
                             re.I)
#: The most pages read for one section found through the contents page.
_SECTION_PAGES = 4
_CONTENTS = re.compile(r"Contents", re.I)
_CONTENTS_ENTRY = re.compile(r"(?P<title>\D.*?)\s+(?P<page>[0-9]{1,3})")
#: The contents' entries whose pages are read.
_SUMMARY_ENTRY = re.compile(r"Executive summary|.*Summary of (?:key )?findings|Overall effectiveness.*", re.I)
_IMPROVE_ENTRY = re.compile(r"What does the local authority need to improve\??|Recommendations|Capacity to improve",
                            re.I)
_BOARD_ENTRY = re.compile(r"(?:Section 2: )?(?:The )?(?:effectiveness of the )?Local Safeguarding Children Board.*|"
                          r"Inspection judgement about the LSCB", re.I)
_TEAM_ENTRY = re.compile(r"Information about (?:this|the) (?:local authority )?inspection.*", re.I)
_WANTED = [_SUMMARY_ENTRY, _IMPROVE_ENTRY, _BOARD_ENTRY, _TEAM_ENTRY, re.compile(r"Record of main findings", re.I)]
#: Where the contents page lists no recommendations before the board's section, they are looked
#: for in the pages after it, at most this many.
_IMPROVE_PAGES = 8
#: Entries for parts of a section ("What does the local authority need to improve?" has two).
_SUBSECTION_ENTRY = re.compile(r"Areas for improvement|Priority and immediate action", re.I)


def report_lines(path: Path) -> list[str]:
    """The lines of the pages of a report's PDF that its facts are on, running headers, page
    numbers and footnotes out, blank lines kept; ``Unreadable`` with the reason if there are none."""
    require_pdf(path)
    lines = chosen_lines(PdfPages(path))
    if not any(lines):
        raise Unreadable("the PDF has no text layer (a scan, or an empty file)")
    return lines


def chosen_lines(pages: Pages) -> list[str]:
    """The front pages up to the contents page (or, where there is none, up to where the findings
    begin), then the pages of the sections the contents page lists that hold facts, in order; a
    blank line stands for the pages left out between."""
    reading = _Reading(pages)
    contents = None
    for number in range(min(len(pages), _FRONT_PAGES)):
        lines = reading.page(number)
        if number and any(_CONTENTS.fullmatch(line) for line in lines[:4]):
            contents = reading.contents = number
            break
        if number and _findings_begin(lines):
            break
    if contents is not None:
        _read_sections(reading, contents)
        _find_recommendations(reading, contents)
        _read_team(reading)
    return reading.lines()


class _Reading:
    """The pages of one report read so far, each without its running header and footnotes; the
    contents page is left out of their lines, as its entries would read as headings."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.read: dict[int, list[str]] = {}
        self.printed: dict[int, int | None] = {}
        self.contents: int | None = None

    def page(self, number: int) -> list[str]:
        if number not in self.read:
            self.printed[number], lines = report_page(self.pages.lines(number), first=number == 0)
            self.read[number] = [clean(line) for line in lines]
        return self.read[number]

    def has(self, pattern: re.Pattern[str]) -> bool:
        return any(pattern.fullmatch(line) for line in self.lines())

    def lines(self) -> list[str]:
        lines: list[str] = []
        numbers = sorted(set(self.read) - {self.contents})
        for previous, number in zip([None, *numbers], numbers):
            if lines and previous != number - 1:
                lines.append("")
            lines += self.read[number]
        return lines


def _read_sections(reading: _Reading, contents: int) -> None:
    """The pages of the contents' wanted sections (the first entry of each kind: the board's
    section has a summary and recommendations of its own), each from the page it begins on until
    the next entry's title is seen (a section may end part way down a page). The contents page's
    own printed number gives how printed numbers map to pages; a page whose header says otherwise
    moves the mapping to match."""
    entries = _contents_entries(reading.page(contents))
    printed = reading.printed.get(contents)
    offset = contents - (printed if printed is not None else _first_entry_page(entries, contents))
    unmet = list(_WANTED)
    for position, (title, first) in enumerate(entries):
        pattern = next((p for p in unmet if p.fullmatch(title)), None)
        if pattern is None:
            continue
        unmet.remove(pattern)
        if pattern is _BOARD_ENTRY:  # what follows it is the board's
            unmet = [p for p in unmet if p not in (_SUMMARY_ENTRY, _IMPROVE_ENTRY)]
        start = _located(reading, first, offset)
        if start is None:
            continue
        offset = start - first
        following = next(((name, page) for name, page in entries[position + 1:]
                          if page >= first and not _SUBSECTION_ENTRY.fullmatch(name)), None)
        if pattern is _TEAM_ENTRY:
            _read_on(reading, start, start + 1, lambda lines: any(_LEAD_LINE.fullmatch(line) for line in lines))
        elif pattern is _BOARD_ENTRY:  # its judgement opens the section
            continue
        elif following is not None:
            heading = following[0].casefold()
            _read_on(reading, start, min(following[1] + offset, start + _SECTION_PAGES - 1),
                     lambda lines: any(line.casefold().startswith(heading) for line in lines))
        else:
            _read_on(reading, start, start + 1, lambda lines: False)


def _read_on(reading: _Reading, start: int, last: int, done: Callable[[list[str]], bool]) -> None:
    """Pages from ``start`` up to ``last`` (within the document), stopping at the first that is ``done``."""
    for number in range(start, min(last, len(reading.pages) - 1) + 1):
        if done(reading.page(number)):
            return


def _find_recommendations(reading: _Reading, contents: int) -> None:
    """Where the contents page did not lead to the local authority's recommendations, the pages
    after it, until they are found and a heading after them is, at most ``_IMPROVE_PAGES``."""
    if reading.has(_IMPROVE_SIF) or reading.has(_PRIORITY):
        return
    found = False
    for number in range(contents + 1, min(contents + 1 + _IMPROVE_PAGES, len(reading.pages))):
        lines = reading.page(number)
        found = found or any(_IMPROVE_SIF.fullmatch(line) or _PRIORITY.fullmatch(line) for line in lines)
        if found and any(_AFTER_IMPROVE.fullmatch(line) for line in lines):
            return


def _read_team(reading: _Reading) -> None:
    """The page naming the lead inspector, where the contents page does not list the section on
    the inspection team: one of the last few pages, read from the end."""
    last = len(reading.pages) - 1
    for number in range(last, max(last - _TEAM_PAGES, 0), -1):
        if reading.has(_LEAD_LINE):
            return
        reading.page(number)


def _findings_begin(lines: list[str]) -> bool:
    """Whether an ILACS report's findings begin on a page (its first numbered paragraph): the
    summary and what needs to improve are before them."""
    return any(re.match(r"1\.\s+[A-Z]", line) for line in lines)


def _first_entry_page(entries: list[tuple[str, int]], at: int) -> int:
    """Without a printed number on the contents page, its number is taken as one less than the
    first entry's page (the contents page comes just before its first entry)."""
    return entries[0][1] - 1 if entries else at


def _located(reading: _Reading, printed: int, offset: int) -> int | None:
    """The page a printed page number is on: by the offset, checked against that page's header."""
    number = printed + offset
    if not 0 <= number < len(reading.pages):
        return None
    reading.page(number)
    page_printed = reading.printed[number]
    if page_printed is None or page_printed == printed:
        return number
    moved = number + printed - page_printed
    if not 0 <= moved < len(reading.pages):
        return None
    reading.page(moved)
    return moved


def _contents_entries(lines: list[str]) -> list[tuple[str, int]]:
    """The contents page's entries after its heading, (title, printed page), a title wrapped over
    two lines joined."""
    entries: list[tuple[str, int]] = []
    pending = ""
    heading = next(n for n, line in enumerate(lines) if _CONTENTS.fullmatch(line))
    for line in lines[heading + 1:]:
        if not line:
            continue
        match = _CONTENTS_ENTRY.fullmatch(f"{pending} {line}".strip())
        if match is None:
            pending = f"{pending} {line}".strip()
            if len(pending) > 200:
                break
            continue
        entries.append((match["title"], int(match["page"])))
        pending = ""
    return entries


# ================================================================ reading the facts


def read_report(lines: list[str]) -> ReportFacts:
    """The facts of a report from its lines of text (see ``report_lines``)."""
    lines = [clean(line) for line in lines]
    facts = ReportFacts()
    family = _read_kind(lines, facts)
    _read_cover(lines, facts)
    if family == _ILACS:
        _read_ilacs(lines, facts)
    elif family in _SIF_KINDS:
        _read_sif(lines, facts)
    elif family in _OLD_KINDS:
        _read_old(lines, family, facts)
    else:
        facts.problems.append("judgements, summary, to_improve: not read, as the report's layout is not known")
    return facts


def _cover(lines: list[str]) -> list[str]:
    """The first page's lines before its judgements or summary: the title, dates and people."""
    end = next((n for n, line in enumerate(lines) if _ILACS_TABLE.match(line) or _SIF_FIRST_ROW.match(line)
                or _EXECUTIVE_SUMMARY.fullmatch(line) or _CONTENTS.fullmatch(line)), min(len(lines), 40))
    return lines[:end]


def _read_kind(lines: list[str], facts: ReportFacts) -> str | None:
    """The kind from the title, and the family of layout it sets; an ILACS report's kind is left
    open, as the report does not say whether the inspection was standard or short."""
    title = flat(_cover(lines))
    for pattern, kind in _TITLES:
        if pattern.search(title):
            facts.kind = kind
            if kind == SIF and any(_REINSPECTION_SAID.search(line) for line in _summary_lines(lines)):
                facts.kind = SIF_REINSPECTION
            return kind
    if _BOARD_REVIEW.match(title):
        facts.problems.append(BOARD_REVIEW)
        return None
    if _ILACS_TITLE.search(title) and any(_ILACS_TABLE.match(line) for line in lines[:60]):
        facts.kind = ILACS  # no ILACS report says whether its inspection was a standard or a short one
        return _ILACS
    facts.problems.append(f"kind: no title naming the inspection on its first page ({short(title)})")
    return None


def _read_cover(lines: list[str], facts: ReportFacts) -> None:
    cover = _cover(lines)
    _read_title(cover, facts)
    _read_dates(cover, facts)
    published = _labelled(cover, _PUBLISHED_LINE)
    if published:
        read = _span(published)
        if isinstance(read, tuple) and read[0] == read[1]:
            facts.published = read[0]
        else:
            facts.problems.append(f"published: '{published}' is not one day that could be read")
    _read_lead(lines, facts)


def _read_title(cover: list[str], facts: ReportFacts) -> None:
    """The words above the cover's first field (its dates, its inspector), the page's number and a
    footnote's mark out."""
    end = next((n for n, line in enumerate(cover) if _TITLE_END.match(line)), len(cover))
    words = [line for line in cover[:end] if not _REPORT_PAGE.fullmatch(line)]
    title = re.sub(r"(?<=[a-z])[0-9]", "", flat(words))
    if not title or len(title) > TITLE_LIMIT:
        facts.problems.append(f"title: no title of {TITLE_LIMIT} characters or fewer above the dates "
                              f"({short(title)})")
        return
    facts.title = title


def _labelled(lines: list[str], label: re.Pattern[str], more: int = 0) -> str | None:
    """The text after a label ("Inspection dates:"), with up to ``more`` following lines that do
    not begin another field."""
    for number, line in enumerate(lines):
        match = label.fullmatch(line)
        if match:
            parts = [match["rest"]]
            for following in lines[number + 1:number + 1 + more]:
                if not following or ":" in following or _FIELD_START.match(following):
                    break
                parts.append(following)
            return " ".join(p for p in parts if p)
    return None


def _read_dates(cover: list[str], facts: ReportFacts) -> None:
    text = _labelled(cover, _DATES_LINE, more=1)
    if text is None:
        facts.problems.append("dates: no line 'Inspection dates:' on the first page")
        return
    text = _FIELD_START.split(text)[0].strip()
    read = _span(text)
    if isinstance(read, str):
        facts.problems.append(f"dates: '{text}' {read}")
        return
    if read[0] == read[1]:
        facts.problems.append(f"dates: '{text}' gives one day, not the first and last days of the inspection")
        return
    facts.start, facts.end = read


def _span(text: str) -> tuple[dt.date, dt.date] | str:
    """The first and last day of "17 to 21 March 2025", "19 November 2013 - 11 December 2013",
    "22/06/2015 - 25/06/2015" or an inspection in two parts, "30 September to 11 October 2024
    and 13 to 16 January 2025", or why not. Days take the month that follows them and the year
    that follows that; a day in a later month than the next one, under the same year, is in the
    year before ("30 December to 3 January 2020")."""
    found = _days(text)
    if isinstance(found, str):
        return found
    try:
        days = [(dt.date(year, month, day), part) for day, month, year, part in found]
    except ValueError:
        return "include a day that does not exist"
    if [day for day, _ in days] != sorted(day for day, _ in days):
        return "are not in order"
    for (before, _), (after, part) in zip(days, days[1:]):
        if (after - before).days > (LONGEST_PAUSE if part else LONGEST_INSPECTION):
            return f"span {(after - before).days + 1} days, longer than an inspection"
    return days[0][0], days[-1][0]


def _days(text: str) -> list[tuple[int, int, int, bool]] | str:
    """Each day of a span as (day, month, year, whether an "and" comes before it), or why not."""
    numeric = _NUMERIC_DATE.findall(text)
    if numeric:
        return [(int(d), int(m), int(y) + (2000 if len(y) == 2 else 0), False) for d, m, y in numeric]
    found: list[tuple[int, int, int | None, bool]] = []
    pending: list[tuple[int, bool]] = []
    previous_end = 0
    for match in _DATE_TOKEN.finditer(text):
        after_and = re.search(r"\band\b", text[previous_end:match.start()]) is not None
        previous_end = match.end()
        if match["day"]:
            pending.append((int(match["day"]), after_and))
        elif match["month"]:
            if not pending:
                return "name a month without a day"
            found += [(day, MONTHS[match["month"].casefold()], None, part) for day, part in pending]
            pending = []
        else:
            found = _with_year(found, int(match["year"]))
    if pending:
        return "do not end with a month"
    if not found:
        return "give no days"
    if any(year is None for _, _, year, _ in found):
        return "do not give the year"
    return [(day, month, year, part) for day, month, year, part in found if year is not None]


def _with_year(found: list[tuple[int, int, int | None, bool]], year: int) -> list[tuple[int, int, int | None, bool]]:
    """The year given to the days before it that have none, counting back a year each time the
    months go back (a span across the new year)."""
    dated, current, later_month = [], year, 13
    for day, month, given, part in reversed(found):
        if given is None:
            if month > later_month:
                current -= 1
            later_month = month
        dated.append((day, month, given if given is not None else current, part))
    return dated[::-1]


def _read_lead(lines: list[str], facts: ReportFacts) -> None:
    """The lead (or reporting) inspector: on the cover, or at the head of the inspection team; the
    name on the label's line or, where that has none, the next."""
    number = next((n for n, line in enumerate(lines) if _LEAD_LINE.fullmatch(line)), None)
    if number is None:
        facts.problems.append("lead_inspector: no line naming the lead inspector")
        return
    label = _LEAD_LINE.fullmatch(lines[number])
    text = label["rest"] or (lines[number + 1] if number + 1 < len(lines) else "")
    name = _TITLE_WORDS.sub("", text).strip(" ,.")
    if label["many"] or not PERSON.fullmatch(name):
        facts.problems.append(f"lead_inspector: '{short(text)}' is not one person's name")
        return
    facts.lead_inspector = name


# ---------------------------------------------------------------- ILACS


def _read_ilacs(lines: list[str], facts: ReportFacts) -> None:
    table_at = next(n for n, line in enumerate(lines) if _ILACS_TABLE.match(line)) + 1
    facts.judgements, length = _table(lines[table_at:], facts, _ILACS)
    table_end = table_at + length
    if len(facts.judgements) not in _ILACS_ROWS:
        facts.problems.append(f"judgements: the table has {len(facts.judgements)} judgements, not 4 or 5")
    improve = next((n for n in range(table_end, len(lines)) if _IMPROVE_ILACS.fullmatch(lines[n])), None)
    findings = next((n for n in range(table_end, len(lines)) if _findings_begin_at(lines, n)), len(lines))
    facts.summary = _quotations(lines[table_end:min(improve or findings, findings)], facts.problems)
    if improve is None:
        facts.problems.append("to_improve: no heading 'What needs to improve?'")
        return
    section = lines[improve + 1:findings]
    what = "to_improve: a point of what needs to improve"
    if any(BULLET.match(line) or _NUMBERED.match(line) for line in section):
        facts.to_improve = _points(section, facts.problems, what)
    else:  # a paragraph in place of a list (North Lincolnshire, 2022: "There are an extremely small number …")
        facts.to_improve = kept_whole([flat(section)], POINT_LIMIT, facts.problems, what)
    if not facts.to_improve and not any(p.startswith("to_improve") for p in facts.problems):
        facts.problems.append(f"to_improve: the section 'What needs to improve?' lists no points "
                              f"({short(flat(lines[improve + 1:findings]))})")


def _findings_begin_at(lines: list[str], number: int) -> bool:
    """Whether an ILACS report's findings begin at a line: a numbered paragraph, or the heading of
    a judgement's findings over one or two lines ("The experiences and progress of children who
    need help and" / "protection: good")."""
    return bool(_NUMBERED.match(lines[number])) or any(
        _FINDINGS_HEADING.fullmatch(flat(lines[number:number + count])) for count in (1, 2))


# ---------------------------------------------------------------- SIF


def _read_sif(lines: list[str], facts: ReportFacts) -> None:
    first_row = next((n for n, line in enumerate(lines) if _SIF_FIRST_ROW.match(line)), None)
    if first_row is None:
        facts.problems.append("judgements: no numbered table of judgements ('1. Children who need help and "
                              "protection …')")
    else:
        _read_sif_judgements(lines, first_row, facts)
    facts.summary = _quotations(_summary_lines(lines), facts.problems)
    _read_sif_improvements(lines, facts)


def _read_sif_judgements(lines: list[str], first_row: int, facts: ReportFacts) -> None:
    """The overall judgement's sentence above the table, the table's rows and the board's (LSCB)
    sentence, on the first page or where the board's section begins."""
    cover_end = next(n for n, line in enumerate(lines) if _DATES_LINE.fullmatch(line) or n == first_row)
    overall = _SIF_OVERALL.search(flat(lines[cover_end:first_row]))
    if overall is None:
        facts.problems.append("judgements: no sentence giving the overall judgement above the table")
    else:
        facts.judgements.append(_judgement(overall["printed"], overall["grade"], "overall_effectiveness"))
    rows, length = _table(lines[first_row:], facts, SIF)
    facts.judgements += rows
    if len(facts.judgements) != _SIF_ROWS + (overall is not None):
        facts.problems.append(f"judgements: the table has {len(facts.judgements) - (overall is not None)} "
                              f"judgements, not {_SIF_ROWS}")
    lscb = _lscb(lines, first_row + length)
    if lscb is not None:
        facts.judgements.append(_judgement(lscb["printed"], lscb["grade"], "lscb"))
    elif _BOARD_REVIEW.search(flat(lines[:cover_end])):
        facts.problems.append("judgements: the title names a review of the Local Safeguarding Children Board, but no "
                              "judgement of the board was found")


def _lscb(lines: list[str], after_table: int) -> re.Match[str] | None:
    """The board's judgement: a sentence just after the table, or the first lines of the board's
    section (absent where the inspection had no review of the board)."""
    near = _LSCB.search(flat(lines[after_table:after_table + 6]))
    if near:
        return near
    for number, line in enumerate(lines):
        if number > after_table and _LSCB_SECTION.fullmatch(line):
            found = _LSCB.search(flat(lines[number + 1:number + 4]))
            if found:
                return found
    return None


def _summary_lines(lines: list[str]) -> list[str]:
    """A SIF report's opening summary: after "Executive summary" (or "Summary of key findings"),
    the opening "… because:" that introduces a list, and the headings over its items."""
    start = next((n for n, line in enumerate(lines) if _EXECUTIVE_SUMMARY.fullmatch(line)), None)
    if start is None:
        return []
    body = lines[start + 1:start + 40]
    because = next((n for n in range(min(3, len(body))) if _opens_list(flat(body[:n + 1]))), None)
    if because is not None:
        body = body[because + 1:]
    while body and (not body[0] or _subheading(body, 0)):
        body = body[1:]
    return body


def _opens_list(text: str) -> bool:
    """Whether a summary's opening words introduce its list ("Children's services in St. Helens
    require improvement because:"), with no sentence before them."""
    return re.search(r"\bbecause:?$", text, re.I) is not None and not ends_a_sentence(text)


def _read_sif_improvements(lines: list[str], facts: ReportFacts) -> None:
    """The local authority's recommendations: those after the board's section begins are the board's
    (its heading is looked for after the summary begins, as the first page may name the board)."""
    summary = next((n for n, line in enumerate(lines) if _EXECUTIVE_SUMMARY.fullmatch(line)), 0)
    board = next((n for n in range(summary, len(lines)) if _LSCB_SECTION.fullmatch(lines[n])), len(lines))
    start = next((n for n, line in enumerate(lines[:board]) if _IMPROVE_SIF.fullmatch(line)
                  or _PRIORITY.fullmatch(line)), None)
    if start is None:
        facts.problems.append("to_improve: no heading 'Recommendations', 'What does the local authority need "
                              "to improve?' or 'Priority and immediate action'")
        return
    _read_improvements(lines[start + (not _PRIORITY.fullmatch(lines[start])):board], facts)


def _read_improvements(lines: list[str], facts: ReportFacts) -> None:
    """Recommendations, or priority actions and areas for improvement, up to the next section:
    items under a heading of priority or immediate action are priority actions, the others are
    points to improve."""
    end = next((n for n, line in enumerate(lines) if _AFTER_IMPROVE.fullmatch(line)), len(lines))
    lines = lines[:end]
    priority, improve, current = [], [], None
    for line in lines:
        if _PRIORITY.fullmatch(line):
            current = priority
            facts.priority_actions = []
        elif _AREAS.fullmatch(line):
            current = improve
        elif _NO_PRIORITY.fullmatch(line):
            facts.priority_actions = []
            current = None
        else:
            (improve if current is None else current).append(line)
    if facts.priority_actions is not None:
        facts.priority_actions = _points(priority, facts.problems, "priority_actions: a priority action")
    facts.to_improve = _points(improve, facts.problems, "to_improve: a recommendation")
    if not facts.to_improve and not any(p.startswith("to_improve") for p in facts.problems):
        facts.problems.append("to_improve: no recommendations or areas for improvement could be read")


# ---------------------------------------------------------------- the older frameworks


def _read_old(lines: list[str], kind: str, facts: ReportFacts) -> None:
    record = next((n for n, line in enumerate(lines) if _RECORD.fullmatch(line)), None)
    if record is None:
        facts.problems.append("judgements: no 'Record of main findings'")
    else:
        facts.judgements = _table(lines[record + 1:], facts, kind)[0]
    overall = next((n for n, line in enumerate(lines) if _OLD_OVERALL.match(line)), None)
    if overall is None:
        facts.problems.append("summary: no section on overall effectiveness")
    else:
        body = lines[overall + 1:overall + 30]
        start = next((n + 1 for n, line in enumerate(body) if _OLD_GRADE_LINE.fullmatch(line)), 0)
        facts.summary = _quotations(body[start:], facts.problems)
    areas = next((n for n, line in enumerate(lines) if _AREAS.fullmatch(line)), None)
    if areas is None:
        facts.problems.append("to_improve: no heading 'Areas for improvement'")
        return
    _read_improvements(lines[areas + 1:], facts)


# ---------------------------------------------------------------- tables, quotations, points


def _table(lines: list[str], facts: ReportFacts, family: str) -> tuple[list[Judgement], int]:
    """A table's rows and the number of lines they take: each row a name and the grade at its
    end, wrapped over lines ("Requires improvement" / "to be good"). An ILACS row begins "The
    impact …", "The experiences …" or "Overall effectiveness", a SIF row with its number; the
    older reports' rows stand under headings of the services judged ("Services for looked after
    children"). The table ends at a line that begins no row, at a sentence, after an ILACS table's
    overall effectiveness, or (in the older reports) at a blank line."""
    starts = _ROW_STARTS.get(family)
    judgements: list[Judgement] = []
    section, pending, number = None, [], 0
    for number, line in enumerate(lines):
        if not line:
            if judgements and not pending and starts is None:
                return judgements, number
            continue
        if not pending and line.casefold() in _OLD_SECTIONS:
            section = _OLD_SECTIONS[line.casefold()]
            continue
        if not pending and starts is not None and not starts.match(line):
            return judgements, number
        pending.append(line)
        row = _ROW.fullmatch(_FOOTNOTE_MARK.sub("", flat(pending)))
        if row is not None and _PROSE.search(row["name"]):  # "… in Oxfordshire are good": the summary
            return judgements, number + 1 - len(pending)
        if row is not None and not _grade_goes_on(row, lines[number + 1:]):
            judgement = _judgement(row["name"], row["grade"], _area(row["name"], section, family))
            judgements.append(judgement)
            pending = []
            if family == _ILACS and judgement.area == "overall_effectiveness":
                return judgements, number + 1
        elif len(pending) > _ROW_LINES:
            break
    if pending:
        facts.problems.append(f"judgements: table text left unread ({short(flat(pending))})")
    return judgements, number + 1


def _grade_goes_on(row: re.Match[str], following: list[str]) -> bool:
    """Whether a grade read at a line's end goes on to the next ("Requires improvement" / "to be good")."""
    after = next((line for line in following if line), "")
    return row["grade"].casefold().endswith("improvement") and after.casefold().startswith("to be good")


def _area(name: str, section: str | None, family: str) -> str | None:
    key = " ".join(name.casefold().split()).rstrip(".")
    if family in _OLD_KINDS:
        if family == TLAC and key in _TLAC_AREAS:
            return _TLAC_AREAS[key]
        if key != "overall effectiveness":
            return None
        if family in {CPI, CPI_REINSPECTION}:
            return "child_protection_overall"
        return _OLD_OVERALL_AREAS.get(section or "")
    return _AREAS_BY_NAME.get(key)


def _judgement(printed: str, grade: str, area: str | None) -> Judgement:
    """A judgement from its name (or the subject of its sentence, less a closing "is") and grade."""
    words = " ".join(grade.split())
    return Judgement(area, re.sub(r"\s+(?:is|are)$", "", " ".join(printed.split())), GRADE_WORDS.get(words.casefold()), words)


def _quotations(lines: list[str], problems: list[str]) -> list[str]:
    """The first one or two whole sentences of a summary (of its first paragraph or bullet), each
    short enough to quote; a sentence too long to quote is left out and said, and so is a first
    sentence too short to stand alone."""
    paragraph = _first_paragraph(lines)
    if not paragraph:
        problems.append("summary: no opening summary could be read")
        return []
    chosen: list[str] = []
    for sentence in sentences(paragraph):
        if len(chosen) == QUOTES or not sentence.endswith((".", "!", "?")):
            break
        if len(sentence) > QUOTE_LIMIT:
            problems.append(f"summary: a sentence of {len(sentence)} characters, longer than {QUOTE_LIMIT}, is not "
                            f"quoted ({short(sentence)})")
            break
        if len(sentence) < QUOTE_SHORTEST:
            if not chosen:
                problems.append(f"summary: its first sentence, '{sentence}', is shorter than {QUOTE_SHORTEST} "
                                "characters to quote alone")
            break
        chosen.append(sentence)
    return chosen


def _first_paragraph(lines: list[str]) -> str:
    """The text of the first paragraph or bullet: to the first blank line, bullet or numbered
    paragraph after some text, the marks of bullets and numbers out."""
    kept: list[str] = []
    for line in lines:
        marked = BULLET.match(line) or _NUMBERED.match(line)
        if kept and (not line or marked):
            break
        if line:
            kept.append(_NUMBERED.sub("", BULLET.sub("", line)))
    return flat(kept)


def _points(lines: list[str], problems: list[str], what: str) -> list[str]:
    """A list's items, each joined across its lines: numbered paragraphs ("1. Ensure that …") where
    there are two or more, their own bullets kept in them as "•"; else bullets. A line before the
    first item introduces the list; a heading over items is left out; after a blank line only a
    line that goes on in lower case still belongs to an item, and any other line ends the list. An
    item too long to keep whole is said."""
    numbered_items = [n for n, line in enumerate(lines) if _NUMBERED.match(line) and not _subheading(lines, n)]
    numbered = len(numbered_items) > 1 or not any(BULLET.match(line) for line in lines)
    marker, inner = (_NUMBERED, BULLET) if numbered else (BULLET, None)
    items: list[str] = []
    blank = False
    for number, line in enumerate(lines):
        if not line:
            blank = True
            continue
        if marker.match(line):
            items.append(marker.sub("", line))
        elif not items or _subheading(lines, number, marker):
            pass
        elif inner is not None and inner.match(line):
            items[-1] += " • " + inner.sub("", line)
        elif not blank or line[:1].islower():
            items[-1] += " " + line
        else:
            break
        blank = False
    return kept_whole([_HEADING_AT_END.sub("", item) for item in items], POINT_LIMIT, problems, what)


def _subheading(lines: list[str], number: int, marker: re.Pattern[str] | None = None) -> bool:
    """Whether a line heads the items that follow it ("Quality of practice", "1. Quality and
    effectiveness of practice"): short, without the punctuation that ends a sentence, after a line
    that ends one, and followed by an item."""
    line = _NUMBERED.sub("", lines[number])
    if len(line) > 70 or not line[:1].isupper() or line.endswith((".", ",", ";")):
        return False
    before = next((lines[n] for n in range(number - 1, -1, -1) if lines[n]), "")
    after = next((lines[n] for n in range(number + 1, len(lines)) if lines[n]), "")
    ended = not before or before.endswith((".", ":", ")")) or not marker
    follows = any(m.match(after) for m in ((marker,) if marker else (BULLET, _NUMBERED)))
    return ended and follows

