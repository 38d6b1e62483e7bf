"""What an Ofsted visit letter says, read from its text: which visit, when, on what, by whom.

Every letter opens with one sentence that names the visit: "This letter summarises the findings
of a focused visit to Hartlepool Borough children's services on 4 and 5 March 2020." The days are
written in many ways ("29 and 30 September, and 1 October 2020", "between 3 and 5 November 2020",
"28 to 29 May 2025", "on the 15 and 16 of May 2018"), and the pandemic letters of 2020-21 put the
days first ("a focused visit on 23 and 24 February 2021 to Doncaster ..."). The theme follows in
a sentence of its own ("Inspectors looked at the local authority's arrangements for care
leavers."); the pandemic letters have none, and say instead that the visit was part of Ofsted's
work on how children's social care worked during COVID-19, which is then the theme, in their words.

Nothing is guessed: a field the text does not give is left out and the reason is kept in
``problems``, for the importer's report. Findings are quoted only as whole sentences or bullets
short enough for the model's limits, never cut.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.importer.text import (
    BULLET,
    BULLETS,
    MONTH,
    MONTHS,
    NAME,
    PERSON,
    QUOTE_SHORTEST,
    QUOTES,
    clean,
    flat,
    kept_whole,
    sentences,
    short,
)
from generator.model import FINDING_LIMIT, QUOTE_LIMIT, Kind
from generator.model import TEXT_LIMIT as THEME_LIMIT


#: The sentence that names the visit, up to its first full stop after the year.
_OPENING = re.compile(r"This letter summarises the findings of (?:a|the|an) (?P<kind>focused|monitoring) visit\b"
                      r"(?P<rest>.*?\b20[0-9]{2}\b[^.]*)\.", re.DOTALL)
#: The days of the visit: from "on" or "between" to the year.
_DAYS = re.compile(r"\b(?:on|between)\s+(?:the\s+)?(?P<days>[0-9]{1,2}(?:st|nd|rd|th)?\b[^.]*?\b(?P<year>20[0-9]{2}))\b")
_DAY_OR_MONTH = re.compile(rf"\b([0-9]{{1,2}})(?:st|nd|rd|th)?\b|\b({MONTH})\b", re.IGNORECASE)
_AUTHORITY = re.compile(r"\bto\s+(?:the\s+)?(?P<name>.+?)(?:'s)?\s+(?:local authority\s+|council\s+)?"
                        r"(?:children's services|children's social care|council\b)", re.IGNORECASE | re.DOTALL)
#: The longest visit a letter may describe, in days: focused visits last two or three days,
#: monitoring visits about as long; anything longer is a misreading.
LONGEST_VISIT = 14

#: The theme sentence: what inspectors looked at.
_THEME = re.compile(r"(?:(?:Inspectors|The inspectors|The visit|This visit|During this visit, inspectors)\s+"
                    r"(?:carefully\s+)?(?:looked at|considered|evaluated|reviewed|focused on)"
                    r"|The focus of (?:this|the) visit was(?: on)?)\s+(?P<what>[^.]+)\.", re.IGNORECASE)
_NOT_THEME = re.compile(r"range of evidence|performance management|case records|case discussions", re.IGNORECASE)
_THEME_PREFIX = re.compile(r"^(?:the\s+)?(?:local authority's|council's)\s+(?:arrangements\s+(?:for|at|to)\s+)?",
                           re.IGNORECASE)
_THEME_TAIL = re.compile(r",?\s+(?:in accordance with|in line with)\s+the\s+inspections?\s+of\s+local\s+authority.*$",
                         re.IGNORECASE)
#: A theme sentence that goes on in a list ("…, with a specific focus on: ◼ …"): the theme is the
#: words before the list, less the phrase that introduces a focus (the list runs past the sentence).
_THEME_LIST = re.compile(rf"\s*:\s*{BULLETS}.*$")
_FOCUS_INTRO = re.compile(r",?\s+(?:which included a specific focus on|with a (?:specific|particular) focus on|"
                          r"specifically)$", re.IGNORECASE)
#: The pandemic letters' paragraph in place of a theme.
_PANDEMIC = re.compile(r"how England's social care system has delivered child-cent(?:re|ere)d practice and care within "
                       r"the context of the restrictions placed on society during the COVID-19", re.IGNORECASE)
PANDEMIC_THEME = "Child-centred practice and care during the COVID-19 pandemic"
PANDEMIC_NOTE = ("The letter names no theme of its own: it says the visit was part of Ofsted's work on how "
                 "children's social care delivered child-centred practice and care during the COVID-19 "
                 "pandemic, and that the visit's methods were adapted to the pandemic.")

#: The headings of the sections read, each on a line of its own.
_HEADINGS = {"priority": re.compile(r"Areas? for priority action\s*:?", re.IGNORECASE),
             "improve": re.compile(r"What needs to improve.*", re.IGNORECASE),
             "findings": re.compile(r"(?:Headline findings|Overview|Findings|Main findings|Summary of findings)\s*:?",
                                    re.IGNORECASE)}
_CLOSING = re.compile(r"Ofsted will take the findings|Yours? (?:sincerely|faithfully)", re.IGNORECASE)
_SIGNATURE = re.compile(r"(?:(?:Her|His) Majesty's Inspector|HMI|Senior HMI)[\s.,=]*", re.IGNORECASE)
_NOT_NAMES = re.compile(r"\b(?:Majesty|Majesty's|Inspectors?|HMIs?|Social|Care|Schools|Senior|Designate|Chief|Lead|"
                        r"Team|Ofsted|The|This|Her|His|All|Two|Three|Four|Five|Six|Quality|Assurance|Manager|Visit|"
                        r"Local|Authority|Children's|Services)\b")
_LEAD = re.compile(rf"\blead inspector,?\s+(?P<name>{NAME}(?:\s+{NAME}){{1,3}})", re.IGNORECASE)
_INSPECTORS = re.compile(r"inspectors? (?:for this visit )?(?:were|was)|carried out by|conducted by|undertaken by|"
                         r"Inspectors for this visit|Majesty's Inspectors\b", re.IGNORECASE)


@dataclass
class LetterFacts:
    """What one letter gives; ``None`` (or empty) where it gives nothing readable, with the
    reasons in ``problems``."""

    kind: Kind | None = None
    authority: str | None = None  # the authority as the letter names it
    start: dt.date | None = None
    end: dt.date | None = None
    theme: str | None = None
    priority_actions: list[str] = field(default_factory=list)
    to_improve: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    inspectors: list[str] = field(default_factory=list)
    lead: str | None = None  # the lead inspector: named so, or the inspector who signed the letter
    problems: list[str] = field(default_factory=list)


def read_letter(lines: list[str]) -> LetterFacts:
    """The facts of a letter from its lines of text (see ``pdftext.letter_lines``)."""
    lines = [clean(line) for line in lines]
    text = flat(lines)
    facts = LetterFacts()
    opening = _OPENING.search(text)
    if opening is None:
        facts.problems.append("no sentence 'This letter summarises the findings of a … visit to … on …' in its text")
    else:
        facts.kind = Kind.FOCUSED_VISIT if opening["kind"] == "focused" else Kind.MONITORING_VISIT
        _read_visit(opening["rest"], facts)
    # The theme is told before the first heading, after the opening sentence.
    first_heading = next((n for n, line in enumerate(lines) if _section_of(line)), len(lines))
    intro = flat(lines[:first_heading])[opening.end() if opening else 0:]
    _read_theme(text, intro, facts)
    sections = _sections(lines)
    facts.priority_actions = _items(sections.get("priority", []), facts.problems, "an area for priority action")
    facts.to_improve = _items(sections.get("improve", []), facts.problems, "a point of what needs to improve")
    facts.quotes = _quotes(sections.get("findings", []))
    _read_people(text, opening, lines, facts)
    return facts


def _read_visit(rest: str, facts: LetterFacts) -> None:
    days = _DAYS.search(rest)
    name = _AUTHORITY.search(rest[:days.start()] if days and days.start() > 10 else rest)
    if name is not None:
        facts.authority = " ".join(name["name"].split())
    else:
        facts.problems.append("the opening sentence names no authority that could be read")
    if days is None:
        facts.problems.append(f"no days of the visit in the opening sentence ({short(rest)})")
        return
    read = visit_days(days["days"], int(days["year"]))
    if isinstance(read, str):
        facts.problems.append(f"the days of the visit, '{days['days']}', {read}")
        return
    facts.start, facts.end = read


def visit_days(text: str, year: int) -> tuple[dt.date, dt.date] | str:
    """The first and last day of a phrase such as "29 and 30 September, and 1 October", or why not."""
    pending: list[int] = []
    found: list[dt.date] = []
    for match in _DAY_OR_MONTH.finditer(text):
        if match[1]:
            pending.append(int(match[1]))
            continue
        month = MONTHS[match[2].casefold()]
        if not pending:
            return "name a month without a day"
        for day in pending:
            try:
                found.append(dt.date(year, month, day))
            except ValueError:
                return f"include {day} {match[2]} {year}, which is not a day"
        pending = []
    if pending or not found:
        return "do not end with a month"
    first, last = min(found), max(found)
    if found != sorted(found):
        return "are not in order"
    if (last - first).days >= LONGEST_VISIT:
        return f"span {(last - first).days + 1} days, longer than a visit"
    return first, last


def _read_theme(text: str, intro: str, facts: LetterFacts) -> None:
    """The theme sentence of the introduction, or else the pandemic paragraph anywhere."""
    for match in _THEME.finditer(intro):
        what = match["what"]
        if _NOT_THEME.search(what):
            continue
        theme = _THEME_TAIL.sub("", _THEME_PREFIX.sub("", what))
        theme = _FOCUS_INTRO.sub("", _THEME_LIST.sub("", theme)).strip(" ,:")
        theme = theme[:1].upper() + theme[1:]
        if len(theme) > THEME_LIMIT:
            facts.problems.append(f"its theme sentence is longer than {THEME_LIMIT} characters; theme left out")
            return
        facts.theme = theme
        return
    if _PANDEMIC.search(text):
        facts.theme = PANDEMIC_THEME
        return
    facts.problems.append("no sentence saying what inspectors looked at, and no pandemic paragraph")


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """The lines under each heading that matters: priority actions, what needs to improve, and the
    first findings (the overview, headline findings or findings, whichever comes first). The
    closing paragraph ("Ofsted will take the findings … into account") ends them all."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        name = _section_of(line)
        if name is not None:
            current = name if name not in sections else None
            if current:
                sections[current] = []
        elif _CLOSING.match(line):
            current = None
        elif current:
            sections[current].append(line)
    return sections


def _section_of(line: str) -> str | None:
    """Which section a line heads, if it is a heading."""
    for name, heading in _HEADINGS.items():
        if heading.fullmatch(line):
            return name
    return None


def _items(lines: list[str], problems: list[str], what: str) -> list[str]:
    """A section's bullets, each joined across its lines. After a blank line only a line that goes
    on in lower case (the rest of a bullet over a page break) still belongs to the bullet; any other
    ends the list (a paragraph, a footnote). A bullet too long to keep whole is left out and said."""
    items: list[str] = []
    going_on, blank = False, False
    for line in lines:
        if BULLET.match(line):
            items.append(BULLET.sub("", line))
            going_on, blank = True, False
        elif not line:
            blank = True
        elif going_on and (not blank or line[:1].islower()):
            items[-1] += " " + line
            blank = False
        else:
            going_on = False
    return kept_whole(items, FINDING_LIMIT, problems, what)


def _quotes(lines: list[str]) -> list[str]:
    """The opening sentences of the first findings, as long as they are short enough to quote
    (a later sentence alone could begin "They …" and mean nothing out of its place)."""
    text = flat([BULLET.sub("", line) for line in lines])
    chosen = []
    for sentence in sentences(text):
        if not (QUOTE_SHORTEST <= len(sentence) <= QUOTE_LIMIT and sentence.endswith(".")) or len(chosen) == QUOTES:
            break
        chosen.append(sentence)
    return chosen


def _read_people(text: str, opening: re.Match[str] | None, lines: list[str], facts: LetterFacts) -> None:
    """The inspectors named at the start (in the opening sentence or one of the next two), the lead
    named so, or else the inspector who signs the letter, who leads the visit."""
    if opening is not None:
        start = opening.start("rest")
        opening_sentences = sentences(text[start:start + 800])[:3]
        listed = next((m for m in map(_INSPECTORS.search, opening_sentences) if m), None)
        if listed is not None:
            facts.inspectors = _names(listed.string[listed.end():])
            lead = _LEAD.search(listed.string)
            facts.lead = lead["name"] if lead else None
    signer = _signer(lines)
    if facts.lead is None and signer in facts.inspectors:
        facts.lead = signer


def _names(text: str) -> list[str]:
    """The names in a list of inspectors, with the words of their titles taken out first."""
    return list(dict.fromkeys(m[0] for m in PERSON.finditer(_NOT_NAMES.sub(",", text))))


def _signer(lines: list[str]) -> str | None:
    """The name above the title "Her (His) Majesty's Inspector" that closes the letter."""
    tail = [line for line in lines if line][-12:]
    for number in range(len(tail) - 1, 0, -1):
        if _SIGNATURE.fullmatch(tail[number]):
            name = tail[number - 1].rstrip(".")
            return name if PERSON.fullmatch(name) and not _NOT_NAMES.search(name) else None
    return None

