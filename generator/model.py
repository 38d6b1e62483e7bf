"""The data model: what a data file may say, and the frozen objects the renderers read.

One set of pydantic models is both the file format and the in-memory model, so the rules that
validate a file, the reference page that documents it and the objects pages are made from
cannot drift apart. Every vocabulary carries the words the site shows for each value.
Dates stay partial: a source that gives only a month or a year yields a date of that precision,
never a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import quote

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationInfo
from pydantic_core import PydanticCustomError
from rfc3986 import abnf_regexp, uri_reference
from rfc3986.exceptions import InvalidAuthority

from generator.problems import as_is, did_you_mean, message, quoted

# ---------------------------------------------------------------------------------------------
# Vocabularies


class Vocabulary(str, enum.Enum):
    """An allowed value as written in data files, with the words the site shows for it."""

    label: str

    def __new__(cls, value: str, label: str) -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return self.value


class Kind(Vocabulary):
    FULL_INSPECTION = ("full_inspection", "Full inspection")
    FOCUSED_VISIT = ("focused_visit", "Focused visit")
    MONITORING_VISIT = ("monitoring_visit", "Monitoring visit")
    JTAI = ("jtai", "Joint targeted area inspection")
    INTERVENTION = ("intervention", "DfE intervention")
    LEADERSHIP_CHANGE = ("leadership_change", "Leadership change")
    COUNCIL_REPORT = ("council_report", "Council report")
    MINISTERIAL_LETTER = ("ministerial_letter", "Ministerial letter")
    NEWS = ("news", "News coverage")


VISIT_KINDS = frozenset({Kind.FOCUSED_VISIT, Kind.MONITORING_VISIT, Kind.JTAI})


class InterventionAction(Vocabulary):
    """The vocabulary of ``shared/data/curated/interventions.csv``."""

    IMPROVEMENT_NOTICE_ISSUED = ("improvement_notice_issued", "Improvement notice issued")
    IMPROVEMENT_NOTICE_LIFTED = ("improvement_notice_lifted", "Improvement notice lifted")
    DIRECTION_ISSUED = ("direction_issued", "Statutory direction issued")
    DIRECTION_REVISED = ("direction_revised", "Statutory direction revised")
    DIRECTION_REVOKED = ("direction_revoked", "Statutory direction revoked")
    COMMISSIONER_APPOINTED = ("commissioner_appointed", "Commissioner appointed")
    COMMISSIONER_REPORT = ("commissioner_report", "Commissioner's report")
    ADVISER_APPOINTED = ("adviser_appointed", "Adviser appointed")
    TRUST_ESTABLISHED = ("trust_established", "Children's trust established")
    TRUST_ENDED = ("trust_ended", "Children's trust ended")
    OTHER = ("other", "Other intervention")


class SourceType(Vocabulary):
    """What a source is: the inspectorate's own documents outrank tables about them."""

    REPORT = ("report", "Ofsted's report or letter on the inspection or visit")
    STATISTICS = ("statistics", "Official statistics")
    TABLE = ("table", "A table compiled by others (a community scrape, a curated list)")
    GOVERNMENT = ("government", "A government notice, letter or announcement")
    COUNCIL = ("council", "A council paper")
    NEWS = ("news", "News coverage")
    OTHER = ("other", "Another document")


class Role(Vocabulary):
    LEAD_INSPECTOR = ("lead_inspector", "Lead inspector")
    INSPECTOR = ("inspector", "Inspector")
    DIRECTOR = ("director_of_childrens_services", "Director of children's services")
    INTERIM_DIRECTOR = ("interim_director_of_childrens_services",
                        "Interim director of children's services")
    CHIEF_EXECUTIVE = ("chief_executive", "Chief executive")
    COUNCIL_LEADER = ("council_leader", "Leader of the council")
    LEAD_MEMBER = ("lead_member", "Lead member for children's services")
    COMMISSIONER = ("commissioner", "DfE commissioner")
    ADVISER = ("adviser", "DfE adviser")
    MINISTER = ("minister", "Minister")
    OTHER = ("other", "Other")


class AuthorityType(Vocabulary):
    UNITARY = ("unitary_authority", "Unitary authority")
    METROPOLITAN = ("metropolitan_district", "Metropolitan district")
    LONDON_BOROUGH = ("london_borough", "London borough")
    COUNTY = ("county", "County council")


class Region(Vocabulary):
    """The nine ONS regions of England (codes E12000001 to E12000009, in that order)."""

    NORTH_EAST = ("north_east", "North East")
    NORTH_WEST = ("north_west", "North West")
    YORKSHIRE = ("yorkshire_and_the_humber", "Yorkshire and The Humber")
    EAST_MIDLANDS = ("east_midlands", "East Midlands")
    WEST_MIDLANDS = ("west_midlands", "West Midlands")
    EAST = ("east_of_england", "East of England")
    LONDON = ("london", "London")
    SOUTH_EAST = ("south_east", "South East")
    SOUTH_WEST = ("south_west", "South West")


class OfstedRegion(Vocabulary):
    """The eight regions Ofsted's statistics group authorities by."""

    LONDON = ("london", "London")
    NORTH_EAST_YORKSHIRE = ("north_east_yorkshire_and_the_humber", "North East, Yorkshire and the Humber")
    NORTH_WEST = ("north_west", "North West")
    EAST_MIDLANDS = ("east_midlands", "East Midlands")
    WEST_MIDLANDS = ("west_midlands", "West Midlands")
    EAST = ("east_of_england", "East of England")
    SOUTH_EAST = ("south_east", "South East")
    SOUTH_WEST = ("south_west", "South West")


# ---------------------------------------------------------------------------------------------
# Partial dates


@dataclass(frozen=True)
class PartialDate:
    """A day, a month or a year: as precise as the source, and no more."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def display(self) -> str:
        """How a page shows it: ``23 July 2018``, ``July 2018`` or ``2018``."""
        if self.day:
            return f"{self.day} {calendar.month_name[self.month or 1]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
UNKNOWN = "unknown"


def _error(code: str, **context: Any) -> PydanticCustomError:
    """A problem of ``code`` found by a validator, in its message's words (``problems.message``)."""
    return PydanticCustomError(code, "{message}", {"message": message(code, **context)})


def parse_date(value: Any, *, allow_unknown: bool = False) -> PartialDate | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or ``unknown`` where allowed) as given."""
    hint = " (or 'unknown' when no source gives a date)" if allow_unknown else ""
    if value is None:
        raise _error("empty", hint="write YYYY-MM-DD, YYYY-MM or YYYY" + hint)
    if not isinstance(value, str):
        raise _error("wrong_type", expected="a date", found=describe(value))
    text = value.strip()
    if allow_unknown and text == UNKNOWN:
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise _error("bad_date", value=text, unknown=hint)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1900 <= year <= 2100:
        raise _error("impossible_date", value=text, detail="the year must be between 1900 and 2100")
    if month is not None and not 1 <= month <= 12:
        raise _error("impossible_date", value=text, detail="there is no month " + str(month))
    if day is not None and month is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise _error("impossible_date", value=text,
                         detail=f"{calendar.month_name[month]} {year} has {days} days")
    return PartialDate(year, month, day)


def _parse_day(value: Any) -> PartialDate:
    date = parse_date(value)
    assert date is not None
    if date.precision != "day":
        raise _error("not_a_day", value=str(value).strip())
    return date


def describe(value: Any) -> str:
    """Name what a YAML value turned out to be, for messages about wrong types."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (field: value lines)"
    return f"the text {quoted(str(value))}"


_serialise = PlainSerializer(str)
Date = Annotated[PartialDate, PlainValidator(parse_date), _serialise]
EventDate = Annotated[PartialDate | None, PlainValidator(lambda v: parse_date(v, allow_unknown=True)),
                      _serialise]
Day = Annotated[PartialDate, PlainValidator(_parse_day), _serialise]

# ---------------------------------------------------------------------------------------------
# Text and identifiers


def _text(limit: int, why: str) -> Any:
    def check(value: str) -> str:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise _error("empty", hint="write some text or remove the field")
        # Almost all text is printable, which str checks at C speed; only text that is not is
        # looked at character by character (other unprintable characters, such as private use
        # ones, are allowed).
        hidden = None if cleaned.isprintable() else next(
            (c for c in cleaned if unicodedata.category(c) in ("Cc", "Cf", "Cs")), None)
        if hidden is not None:
            raise _error("bad_value", detail=f"contains an invisible or control character (U+{ord(hidden):04X}); "
                                             "remove it")
        if len(cleaned) > limit:
            raise _error("too_long", length=len(cleaned), limit=limit, why=why)
        return cleaned
    return AfterValidator(check)


#: The longest short text (a title, a theme), finding (a point to improve), quotation and long
#: text (a summary, a note), in characters.
TEXT_LIMIT, FINDING_LIMIT, QUOTE_LIMIT, LONG_TEXT_LIMIT = 300, 450, 250, 1200
Text = Annotated[str, _text(TEXT_LIMIT, "keep fields short")]
LongText = Annotated[str, _text(LONG_TEXT_LIMIT, "summaries and notes are a few sentences")]
Finding = Annotated[str, _text(FINDING_LIMIT, "findings are short items, not copied paragraphs")]
QuoteText = Annotated[str, _text(QUOTE_LIMIT, "quotations are short and attributed")]


#: The longest id, slug, code or origin, in characters: ids name events in addresses and in links,
#: and the longest in the data is 38.
ID_LIMIT = 80


def _pattern(regex: str, what: str, rule: str) -> Any:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if len(value) > ID_LIMIT:
            raise _error("too_long", length=len(value), limit=ID_LIMIT, why="ids and codes are short")
        if not compiled.fullmatch(value):
            raise _error("bad_pattern", value=value, what=what, rule=rule)
        return value
    return AfterValidator(check)


_SLUG_RULE = "use lowercase letters, digits and single hyphens"
Slug = Annotated[str, _pattern(r"[a-z0-9]+(-[a-z0-9]+)*", "a slug", _SLUG_RULE)]
EventId = Annotated[str, _pattern(r"[a-z0-9]+(-[a-z0-9]+){0,15}", "an event id",
                                  _SLUG_RULE + ", e.g. 'focused-visit-2021-05-10'")]
OnsCode = Annotated[str, _pattern(r"E[0-9]{8}", "an ONS code", "English codes look like E06000001")]
DfeCode = Annotated[str, _pattern(r"[0-9]{3}", "a DfE authority code", "DfE codes are three digits, e.g. 805")]
OfstedUrn = Annotated[str, _pattern(r"[0-9]{5,8}", "an Ofsted URN", "Ofsted URNs are 5 to 8 digits, e.g. 80477")]
# Names reach page titles and navigation, so they keep to the letters and marks real names use.
Name = Annotated[Text, _pattern(r"[A-Za-z][A-Za-z .,'()-]*", "an authority name",
                                "use letters, spaces and . , ' ( ) - only, e.g. 'Kingston upon Hull'")]
#: The origins of imported events: Ofsted's official releases, the community scrape of Ofsted's
#: report site (not official statistics), the curated table of DfE interventions, and Ofsted's
#: visit letters.
OFFICIAL_ORIGIN = "import:ofsted"
SCRAPE_ORIGIN = "import:ofsted-scrape"
INTERVENTIONS_ORIGIN = "import:dfe-interventions"
#: Ofsted's focused (and monitoring) visit letters, read from their PDFs.
LETTERS_ORIGIN = "import:ofsted-letters"
#: Ofsted's reports of full inspections, read from their PDFs.
REPORTS_ORIGIN = "import:ofsted-reports"
#: Ofsted's publications that the fetch found on its report site and read; an import keeps them.
FETCH_ORIGIN = "import:ofsted-fetch"
Origin = Annotated[str, _pattern(r"hand|import:[a-z0-9]+(-[a-z0-9]+)*", "an origin",
                                 "write 'hand', or 'import:' and the importer's name")]


#: The longest address, in characters (browsers and search engines take about 2,000).
URL_LIMIT = 2000
#: The first character that no part of an address may hold as it is (RFC 3986 allows its
#: unreserved and reserved characters, and '%' only to begin a percent-encoding such as %20).
_NOT_IN_URL = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]|%(?![0-9A-Fa-f]{2})")
#: After the host: the first bracket (RFC 3986 allows them only around an IPv6 host) or a second '#'.
_MISPLACED = re.compile(r"(?>[^#\[\]]*(?:#[^#\[\]]*)?)([\[\]#])")
_HOST = re.compile(abnf_regexp.HOST_PATTERN)


def _check_url(value: str) -> str:
    """An http(s) address, as RFC 3986 writes one: a page's link, the downloads and the feeds carry
    it as it is, so a character it may not hold (a quote, a space, a bracket) is refused, named
    with its place and with how to write it, rather than left for a browser to guess."""
    if len(value) > URL_LIMIT:
        raise _error("too_long", length=len(value), limit=URL_LIMIT, why="an address is not a page of text")
    parts = uri_reference(value)
    if (parts.scheme or "").lower() not in ("http", "https") or not parts.authority:
        raise _error("bad_url", value=value)
    host_ends = len(parts.scheme) + 3 + len(parts.authority)
    bad = _NOT_IN_URL.search(value)
    if bad and bad.start() < host_ends and not bad.group().isascii():
        raise _error("url_malformed", value=value, detail=f"its host holds '{bad.group()}'; write the host as "
                                                          f"browsers send it, {_ascii_host(parts.authority)}")
    misplaced = None if bad else _MISPLACED.match(value, host_ends)
    if bad or misplaced:
        at, character = (bad.start(), bad.group()) if bad else (misplaced.start(1), misplaced.group(1))
        raise _error("url_character", value=value, character=f"'{character}'", position=at + 1,
                     encoded=quote(character, safe=""))
    try:
        userinfo, host, port = parts.authority_info().values()
    except InvalidAuthority:
        raise _error("url_malformed", value=value, detail="its host is not a name or an IP address") from None
    if userinfo is not None:
        raise _error("url_malformed", value=value,
                     detail="it names a user before its host (user@), which a public page's address never needs")
    if not host or not _HOST.fullmatch(host):
        raise _error("bad_url", value=value)
    if "%" in host:
        raise _error("url_malformed", value=value,
                     detail="its host is percent-encoded, which hides the name a browser visits; write the name as it is")
    if port is not None and not (port.isdigit() and int(port) <= 65535):
        raise _error("url_malformed", value=value, detail="its port is not a number from 0 to 65535")
    return value


def _ascii_host(authority: str) -> str:
    """A host with letters outside ASCII in its ASCII form (IDNA's ``xn--``), for a message."""
    try:
        return authority.encode("idna").decode("ascii")
    except UnicodeError:
        return "in its xn-- form"


Url = Annotated[str, AfterValidator(_check_url)]

# ---------------------------------------------------------------------------------------------
# Records


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """A document that a fact comes from."""

    title: Text = Field(description="the document's title, as published")
    publisher: Text = Field(description="who published it: Ofsted, the DfE, the council, a newspaper")
    date: Date | None = Field(None, description="when it was published or dated: YYYY-MM-DD, YYYY-MM or YYYY")
    url: Url | None = Field(None, description="its web address where one is known; http:// or https:// only")
    type: SourceType | None = Field(None, description="what it is: an inspection's own report, official "
                                                      "statistics, a table others compiled, news...")
    note: LongText | None = Field(None, description="what a reader should know about this source")


class Person(Record):
    """Someone a source names in connection with the event."""

    name: Text = Field(description="the name as the source gives it")
    role: Role = Field(description="their part in the event")
    title: Text | None = Field(None, description="their job title in the source's words")


class Quote(Record):
    """A short quotation, attributed."""

    text: QuoteText = Field(description="the exact words, without surrounding quotation marks")
    by: Text = Field(description="who said or wrote them (a person, or the report)")


class Findings(Record):
    """What a report or article found, as short items in our own words or short quotations."""

    strengths: tuple[Finding, ...] = Field((), description="what is working well")
    to_improve: tuple[Finding, ...] = Field((), description="what needs to improve")


class Correction(Record):
    """An editor's correction of an imported field, which re-running the import must keep."""

    field: Text = Field(description="the name of the corrected field")
    reason: LongText = Field(description="why, and on what source, the editor changed it")


# ---------------------------------------------------------------------------------------------
# Frameworks (data/frameworks.yaml): the grades, scales and judgements of Ofsted's frameworks
#
# Ofsted changes its frameworks (in 2026 ILACS stopped giving an overall grade; a framework of
# 2027 will have a scale not known yet), so they are data that an editor adds to, not code. The
# file is validated like the others; its entries become the terms below, which events refer to
# by id. A term is equal to another with the same id, whatever its words.


class Tone(Vocabulary):
    """The colour of a grade's badge and marks: one of the site's five, from the highest grade's
    to the lowest's (each checked for contrast in both palettes)."""

    HIGHEST = ("highest", "The colour of the best grades")
    HIGH = ("high", "The colour of good grades")
    MIDDLE = ("middle", "The colour of middle grades")
    LOW = ("low", "The colour of grades below the middle")
    LOWEST = ("lowest", "The colour of the worst grades")


@dataclass(frozen=True, eq=False)
class Term:
    """An entry of data/frameworks.yaml that events name by its id (``value``)."""

    value: str
    label: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.value == self.value  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, eq=False)
class Grade(Term):
    """A grade: ``code`` is written in the map's areas, ``order`` is its place in the file."""

    code: str
    tone: Tone
    order: int


@dataclass(frozen=True, eq=False)
class Scale(Term):
    grades: tuple[Grade, ...]  # best first


@dataclass(frozen=True, eq=False)
class JudgementArea(Term):
    order: int  # its place in the file: the order pages list judgements in
    covers: tuple[str, ...] = ()  # the ids of the areas it judged together, which later versions judge apart


@dataclass(frozen=True)
class Version:
    """A framework as it stood from ``begins`` (unknown: from its start) to ``ends`` (unknown: still
    in force, or no source says): the judgements an inspection begun then could make, and its scale."""

    label: str
    begins: PartialDate | None
    ends: PartialDate | None
    scale: Scale | None
    areas: tuple[JudgementArea, ...]

    def could_cover(self, first: dt.date, last: dt.date) -> bool:
        """Whether an inspection that began between ``first`` and ``last`` could be under it."""
        return ((self.begins is None or last >= self.begins.first_day())
                and (self.ends is None or first <= self.ends.last_day()))


@dataclass(frozen=True, eq=False)
class Framework(Term):
    """A type of inspection (``ilacs_short``), as an event's ``framework`` names it, with the
    versions of the framework it belongs to, oldest first."""

    framework: str  # the label of the framework it belongs to
    versions: tuple[Version, ...]
    rhythm: Rhythm | None = None  # when its framework says the next full inspection comes


@dataclass(frozen=True)
class Rule:
    """What a framework says follows an inspection that gave one of ``grades``: the next full
    inspection (of type ``next``, where it says which) between ``months`` after the last day of
    this one, or, with no ``months``, no window at all (``note`` says what comes instead)."""

    grades: tuple[Grade, ...]
    next: str | None  # the label of the type of inspection that comes next
    months: tuple[int, int] | None
    note: str | None


@dataclass(frozen=True)
class Rhythm:
    """How often a framework says authorities are inspected, by the grade its inspection gave in
    ``area``: data, so that a framework with another rhythm (or none yet known) needs no code."""

    area: JudgementArea
    rules: tuple[Rule, ...]
    sources: tuple[Source, ...]

    def after(self, grade: Grade) -> Rule | None:
        return next((r for r in self.rules if grade in r.grades), None)


#: The judgement that sums an inspection up: the site's "overall grade".
OVERALL = "overall_effectiveness"
#: The grade whose spells the site measures ("time judged inadequate").
INADEQUATE = "inadequate"


@dataclass(frozen=True)
class Frameworks:
    """Everything in data/frameworks.yaml, by id; ``checked`` is False for the stand-in used while
    that file has problems, which accepts every id so that events are still checked otherwise."""

    grades: tuple[Grade, ...]
    scales: tuple[Scale, ...]
    areas: tuple[JudgementArea, ...]
    frameworks: tuple[Framework, ...]
    checked: bool = True

    def find(self, what: str, value: str) -> Term | None:
        """The grade, area or framework (``what``) with id ``value``, or None."""
        found = next((t for t in self.vocabulary(what) if t.value == value), None)
        if found is None and not self.checked:
            return _STAND_INS[what](value)
        return found

    def vocabulary(self, what: str) -> tuple[Term, ...]:
        return {"grade": self.grades, "area": self.areas, "framework": self.frameworks}[what]

    @property
    def overall(self) -> JudgementArea | None:
        """The overall effectiveness judgement, where the file has it."""
        return next((a for a in self.areas if a.value == OVERALL), None)

    def newest(self, as_of: PartialDate) -> Version | None:
        """The version begun most recently by ``as_of``: what inspections are made under now."""
        begun = [v for f in self.frameworks for v in f.versions if v.begins and v.begins.first_day() <= as_of.last_day()]
        return max(begun, key=lambda v: v.begins.first_day(), default=None)  # type: ignore[union-attr]


_STAND_INS: dict[str, Any] = {
    "grade": lambda value: Grade(value, value, "", Tone.MIDDLE, 0),
    "area": lambda value: JudgementArea(value, value, 0),
    "framework": lambda value: Framework(value, value, value, ()),
}
UNCHECKED = Frameworks((), (), (), (), checked=False)


def _term(what: str) -> Any:
    """Read an id of data/frameworks.yaml as its term, from the frameworks the validation gives
    (pydantic's context); an unknown id is a problem naming what is allowed."""

    def check(value: Any, info: ValidationInfo) -> Term:
        frameworks: Frameworks = (info.context or {}).get("frameworks", UNCHECKED)
        allowed = [t.value for t in frameworks.vocabulary(what)]
        if not isinstance(value, str):
            raise _error("wrong_type", expected=f"one of {', '.join(allowed)}", found=describe(value))
        found = frameworks.find(what, value)
        if found is None:
            raise _error("not_allowed", value=value, allowed=", ".join(allowed),
                         suggestion=did_you_mean(value, as_is(allowed)))
        return found
    return PlainValidator(check)


FrameworkId = Annotated[Framework, _term("framework"), _serialise]
AreaId = Annotated[JudgementArea, _term("area"), _serialise]
GradeId = Annotated[Grade, _term("grade"), _serialise]
#: How an id is written in data/frameworks.yaml.
TermId = Annotated[str, _pattern(r"[a-z0-9]+(_[a-z0-9]+)*", "an id",
                                 "use lowercase letters, digits and single underscores, e.g. 'requires_improvement'")]


class GradeEntry(Record):
    """A grade that a scale gives."""

    id: TermId = Field(description="how events write it, e.g. 'requires_improvement'")
    label: Text = Field(description="the words the site shows, e.g. 'Requires improvement to be good'")
    code: Annotated[str, _pattern(r"[A-Z][A-Za-z0-9]{0,2}", "a grade's code",
                                  "one to three letters or digits, the first a capital, e.g. 'RI'")] = Field(
        description="one to three letters written in the map's areas, e.g. 'RI'")
    tone: Tone = Field(description="which of the site's five grade colours it takes")


class ScaleEntry(Record):
    """A scale of grades."""

    id: TermId = Field(description="how versions of frameworks name it")
    label: Text = Field(description="what it is, in words")
    grades: tuple[TermId, ...] = Field(min_length=2, description="the ids of its grades, best first")


class AreaEntry(Record):
    """A judgement area: what a judgement is about."""

    id: TermId = Field(description="how events write it, e.g. 'help_and_protection'")
    label: Text = Field(description="the words the site shows")
    covers: tuple[TermId, ...] = Field((), description="the ids of the areas it judged together, which a later "
                                                       "version judges apart: its grade stands for each of them "
                                                       "until an inspection judges them apart ([] for none)")


class InspectionEntry(Record):
    """A type of inspection under a framework: what an event's ``framework`` names."""

    id: TermId = Field(description="how events write it in 'framework', e.g. 'ilacs_standard'")
    label: Text = Field(description="the words the site shows")


class VersionEntry(Record):
    """A framework as it stood from a date: the judgements it made and the scale it graded on."""

    label: Text = Field(description="what sets this version apart, in words")
    begins: Date | None = Field(None, description="the first day (or month, or year) of inspections under it, "
                                                  "where a source gives it; it lasts until the next version begins")
    scale: TermId | None = Field(None, description="the id of the scale of its grades (needed when it makes judgements)")
    judgements: tuple[TermId, ...] = Field(description="the ids of the judgement areas it grades, in its "
                                                       "reports' order ([] for none)")


class RuleEntry(Record):
    """What a framework says follows an inspection that gave certain grades."""

    after: tuple[TermId, ...] = Field(min_length=1, description="the ids of the grades (in the rhythm's judgement) "
                                                                "that this rule follows")
    next: TermId | None = Field(None, description="the id of the type of inspection that comes next, where the "
                                                  "framework says")
    months: tuple[int, int] | None = Field(None, description="the window of the next full inspection's start, in "
                                                             "months after the last day of this one: [earliest, "
                                                             "latest]; left out where the framework gives none")
    note: LongText | None = Field(None, description="what the framework says comes instead of a window, or "
                                                    "what a reader should know of this one")


class RhythmEntry(Record):
    """When a framework says authorities are next inspected, by the grade their inspection gave."""

    judgement: TermId = Field(description="the id of the judgement area whose grade sets the rhythm, e.g. "
                                          "'overall_effectiveness'")
    rules: tuple[RuleEntry, ...] = Field(min_length=1, description="a rule for each grade or group of grades")
    sources: tuple[Source, ...] = Field(min_length=1, description="the framework's own paragraphs that say so")


class FrameworkEntry(Record):
    """An inspection framework, with its versions."""

    id: TermId = Field(description="the framework's own id, e.g. 'ilacs'")
    label: Text = Field(description="its name")
    inspections: tuple[InspectionEntry, ...] = Field(min_length=1, description="its types of inspection")
    versions: tuple[VersionEntry, ...] = Field(min_length=1, description="its versions, oldest first")
    ends: Date | None = Field(None, description="the last day (or month, or year) inspections under it began, "
                                                "where a source gives it")
    sources: tuple[Source, ...] = Field(min_length=1, description="where its judgements, scale and dates come from")
    rhythm: RhythmEntry | None = Field(None, description="when the framework says the next full inspection comes "
                                                         "after each grade; left out where no source says")


class FrameworksFile(Record):
    """``data/frameworks.yaml``: every grade, scale, judgement area and framework."""

    grades: tuple[GradeEntry, ...] = Field(min_length=1, description="every grade, in the order the site lists them")
    scales: tuple[ScaleEntry, ...] = Field(min_length=1, description="every scale")
    areas: tuple[AreaEntry, ...] = Field(min_length=1, description="every judgement area, in the order the site "
                                                                     "lists them")
    frameworks: tuple[FrameworkEntry, ...] = Field(min_length=1, description="every framework")

    def terms(self) -> Frameworks:
        """The terms events refer to, for a file whose ids and references have been checked."""
        grades = {g.id: Grade(g.id, g.label, g.code, g.tone, n) for n, g in enumerate(self.grades)}
        scales = {s.id: Scale(s.id, s.label, tuple(grades[g] for g in s.grades)) for s in self.scales}
        areas = {a.id: JudgementArea(a.id, a.label, n, a.covers) for n, a in enumerate(self.areas)}
        types = []
        for entry in self.frameworks:
            ends = [v.begins for v in entry.versions[1:]]
            versions = tuple(Version(v.label, v.begins, _day_before(end) if end else entry.ends,
                                     scales[v.scale] if v.scale else None, tuple(areas[a] for a in v.judgements))
                             for v, end in zip(entry.versions, [*ends, None]))
            labels = {i.id: i.label for i in entry.inspections}
            rhythm = entry.rhythm and Rhythm(
                areas[entry.rhythm.judgement],
                tuple(Rule(tuple(grades[g] for g in r.after), labels[r.next] if r.next else None, r.months, r.note)
                      for r in entry.rhythm.rules),
                entry.rhythm.sources)
            types += [Framework(i.id, i.label, entry.label, versions, rhythm) for i in entry.inspections]
        return Frameworks(tuple(grades.values()), tuple(scales.values()), tuple(areas.values()), tuple(types))


def _day_before(date: PartialDate) -> PartialDate:
    day = date.first_day() - dt.timedelta(days=1)
    return PartialDate(day.year, day.month, day.day)


class Event(Record):
    """One dated (or undated) event in an authority's history."""

    id: EventId = Field(description="a stable identity, unique in the file, e.g. 'focused-visit-2021-05-10'")
    kind: Kind = Field(description="what happened")
    date: EventDate = Field(
        description="the day, month or year it happened or began, as precise as the source; "
                    "'unknown' when no source gives a date")
    end: Date | None = Field(None, description="the last day, month or year, for events that span time")
    published: Date | None = Field(None, description="when the report of an inspection or visit was published")
    framework: FrameworkId | None = Field(
        None, description="the type of inspection, as data/frameworks.yaml names it (e.g. 'ilacs_standard'), "
                          "where a source states it")
    action: InterventionAction | None = Field(None, description="what the DfE did (interventions only)")
    theme: Text | None = Field(None, description="the theme or focus of a visit or joint inspection")
    judgements: dict[AreaId, GradeId] = Field(
        default_factory=dict, description="grades by judgement area, as data/frameworks.yaml names them, e.g. "
                                          "overall_effectiveness: good")
    priority_actions: tuple[Finding, ...] | None = Field(
        None, description="areas for priority action; an empty list [] when the source says there were none")
    summary: LongText | None = Field(None, description="what happened, in a sentence or two of our own words")
    findings: Findings | None = Field(None, description="strengths and what needs to improve")
    quotes: tuple[Quote, ...] = Field((), description="short quotations, each attributed")
    people: tuple[Person, ...] = Field((), description="people the sources name")
    about: EventId | None = Field(None, description="the id of the event this one reports on or responds to")
    notes: LongText | None = Field(None, description="caveats: how a date was read, where sources disagree")
    origin: Origin = Field("hand", description="'hand' for events entered by editors, 'import:NAME' for imported ones")
    corrected: tuple[Correction, ...] = Field(
        (), description="imported fields an editor has corrected; an import never overwrites them")
    sources: tuple[Source, ...] = Field(min_length=1, description="at least one source for the event")


#: Fields that only some kinds of event may have; every other field applies to all kinds.
KIND_FIELDS: dict[str, frozenset[Kind]] = {
    "framework": frozenset({Kind.FULL_INSPECTION}),
    "judgements": frozenset({Kind.FULL_INSPECTION}),
    "published": frozenset({Kind.FULL_INSPECTION}) | VISIT_KINDS,
    "priority_actions": frozenset({Kind.FULL_INSPECTION}) | VISIT_KINDS,
    "theme": VISIT_KINDS,
    "action": frozenset({Kind.INTERVENTION}),
}


class Authority(Record):
    """A local authority with children's services, as the register lists it."""

    slug: Slug = Field(description="the page address, e.g. 'kingston-upon-hull'; never changes once published")
    name: Name = Field(description="the authority's name as the site shows it")
    ons_code: OnsCode | None = Field(None, description="the ONS area code (the last one, for an abolished "
                                                     "authority), where a source gives it")
    former_ons_codes: tuple[OnsCode, ...] = Field((), description="ONS codes the same authority had before")
    dfe_code: DfeCode | None = Field(None, description="the DfE three-digit authority code, where a source gives it")
    former_dfe_codes: tuple[DfeCode, ...] = Field((), description="DfE codes the same authority had before")
    ofsted_urn: OfstedUrn | None = Field(None, description="Ofsted's unique reference number for the authority")
    region: Region = Field(description="the ONS region")
    ofsted_region: OfstedRegion | None = Field(None, description="the Ofsted region, where a source gives it")
    type: AuthorityType = Field(description="the type of authority")
    aliases: tuple[Text, ...] = Field((), description="other names readers search for, e.g. 'Hull'")
    abolished: Day | None = Field(None, description="the day the authority ceased to exist, if it has")
    successors: tuple[Slug, ...] = Field(
        (), description="the slugs of the authorities that took over its services when it was abolished")
    neighbours: tuple[Slug, ...] = Field(
        (), description="the slugs of its statistical neighbours, closest first, as a source lists them")
    sources: tuple[Source, ...] = Field(min_length=1, description="where the codes, region, type and "
                                                                  "neighbours come from")


class DataCurrency(Record):
    """How far one body of sources reaches, so that readers do not mistake a gap for an absence."""

    source: Text = Field(description="the source, e.g. Ofsted's official statistics")
    runs_to: Date = Field(description="the last date it covers")
    note: LongText | None = Field(None, description="what it covers and what it does not")


class Register(Record):
    """``data/authorities.yaml``: the data set's as-of date and every authority."""

    as_of: Day = Field(description="the date up to which these data have been gathered (YYYY-MM-DD)")
    coverage: LongText = Field(description="what these data hold and what they do not yet hold")
    currency: tuple[DataCurrency, ...] = Field((), description="the date each body of sources runs to")
    ofsted_checked: Day | None = Field(
        None, description="the day the fetch last read every current authority's page on Ofsted's report site "
                          "(written by `python -m generator fetch`)")
    authorities: tuple[Authority, ...] = Field(min_length=1, description="every authority with a page")


class AuthorityFile(Record):
    """``data/events/<slug>.yaml``: one authority's events."""

    authority: Slug = Field(description="the authority's slug; must match the file name")
    updated: Day = Field(description="when an editor or importer last changed this file (YYYY-MM-DD)")
    events: tuple[Event, ...] = Field((), description="the events, in any order; pages sort them")


# ---------------------------------------------------------------------------------------------
# The map's layout (data/cartogram.geojson, written by the import; GeoJSON, never edited by hand)


class CartogramSource(Record):
    """Where the map's layout comes from, and the credit its licence asks for."""

    title: Text = Field(description="the layout's title")
    publisher: Text = Field(description="who published it")
    date: Day = Field(description="when the layout file last changed at its source")
    url: Url = Field(description="the file at its source, at a fixed revision")
    licence: Text = Field(description="the licence it is published under")
    licence_url: Url = Field(description="the licence's text")
    attribution: Text = Field(description="the credit line the licence asks for, shown with the map")


class MapAreaProperties(Record):
    ons_code: OnsCode = Field(description="the ONS code of the authority the area stands for")
    name: Text = Field(description="the authority's name in the layout")
    label: tuple[float, float] = Field(description="where a label inside the area goes (x, y)")


class MultiPolygon(Record):
    type: Literal["MultiPolygon"]
    coordinates: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]


class MapArea(Record):
    """One authority's shape on the map: a GeoJSON feature."""

    type: Literal["Feature"]
    properties: MapAreaProperties
    geometry: MultiPolygon


class Cartogram(Record):
    """A hex cartogram: each current authority as a shape of hexagons sized by population, in
    schematic units (not a projection of the Earth), as a GeoJSON feature collection."""

    type: Literal["FeatureCollection"]
    source: CartogramSource
    features: tuple[MapArea, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Timeline:
    """One authority with its validated events: what an authority page is made from."""

    authority: Authority
    updated: PartialDate
    events: tuple[Event, ...]
    file: str  # the data file, relative to the project, for "edit this data" links


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything in ``data/``, validated; timelines sorted by authority name.

    Compared and hashed by identity, not content: one dataset is one build's, so facts about the
    whole of it (such as counts by grade, which every authority page shows) are worked out once
    for it and kept (``functools.lru_cache``) at the cost of a hash of its address."""

    as_of: PartialDate
    coverage: str
    timelines: tuple[Timeline, ...]
    frameworks: Frameworks  # data/frameworks.yaml: the grades, judgements and frameworks events name
    currency: tuple[DataCurrency, ...] = ()
    cartogram: Cartogram | None = None  # the map's layout, where data/ has one
    ofsted_checked: PartialDate | None = None  # when the fetch last read Ofsted's report site, if it has

    def timeline(self, slug: str) -> Timeline:
        """The timeline of the authority with ``slug`` (which validation has checked exists)."""
        return next(t for t in self.timelines if t.authority.slug == slug)
