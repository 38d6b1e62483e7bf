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
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator
from pydantic_core import PydanticCustomError

from generator.problems import MESSAGES

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


class Framework(Vocabulary):
    CRA_2009 = ("cra_2009", "Unannounced inspection of contact, referral and assessment (2009)")
    SLAC = ("slac", "Safeguarding and looked after children inspection")
    SLAC_REINSPECTION = ("slac_reinspection", "Safeguarding and looked after children re-inspection")
    CPI = ("cpi", "Child protection inspection")
    CPI_REINSPECTION = ("cpi_reinspection", "Child protection re-inspection")
    TLAC = ("tlac", "Targeted inspection of services for looked after children")
    SIF = ("sif", "Single Inspection Framework")
    SIF_REINSPECTION = ("sif_reinspection", "Single Inspection Framework re-inspection")
    ILACS_STANDARD = ("ilacs_standard", "ILACS standard inspection")
    ILACS_SHORT = ("ilacs_short", "ILACS short inspection")


class Grade(Vocabulary):
    """Ofsted's grades. The inspections of 2009 to 2013 used "adequate" where the later scale says
    "requires improvement to be good"; the two are kept apart so the old grade is labelled as such."""

    OUTSTANDING = ("outstanding", "Outstanding")
    GOOD = ("good", "Good")
    ADEQUATE = ("adequate", "Adequate")
    REQUIRES_IMPROVEMENT = ("requires_improvement", "Requires improvement to be good")
    INADEQUATE = ("inadequate", "Inadequate")


class JudgementArea(Vocabulary):
    OVERALL_EFFECTIVENESS = ("overall_effectiveness", "Overall effectiveness")
    IMPACT_OF_LEADERS = ("impact_of_leaders", "Impact of leaders on social work practice")
    HELP_AND_PROTECTION = ("help_and_protection", "Children who need help and protection")
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
        "children_in_care_and_care_leavers", "Children in care and care leavers")
    CHILDREN_IN_CARE = ("children_in_care", "Children in care")
    CARE_LEAVERS = ("care_leavers", "Care leavers")
    LOOKED_AFTER_AND_PERMANENCE = (
        "looked_after_and_permanence", "Children looked after and achieving permanence")
    ADOPTION = ("adoption", "Adoption performance")
    LEADERSHIP_MANAGEMENT_GOVERNANCE = (
        "leadership_management_governance", "Leadership, management and governance")
    SAFEGUARDING_OVERALL = ("safeguarding_overall", "Overall effectiveness of safeguarding services")
    LOOKED_AFTER_OVERALL = (
        "looked_after_overall", "Overall effectiveness of services for looked after children")
    CHILD_PROTECTION_OVERALL = (
        "child_protection_overall", "Overall effectiveness of child protection arrangements")
    LSCB = ("lscb", "Effectiveness of the Local Safeguarding Children Board (review)")


_ILACS_AREAS = (
    JudgementArea.OVERALL_EFFECTIVENESS,
    JudgementArea.IMPACT_OF_LEADERS,
    JudgementArea.HELP_AND_PROTECTION,
    JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
    JudgementArea.CHILDREN_IN_CARE,
    JudgementArea.CARE_LEAVERS,
)

#: The judgements each framework makes, in the order its reports list them. An inspection whose
#: framework no source states may carry only an overall effectiveness grade.
_SIF_AREAS = (
    JudgementArea.OVERALL_EFFECTIVENESS,
    JudgementArea.HELP_AND_PROTECTION,
    JudgementArea.LOOKED_AFTER_AND_PERMANENCE,
    JudgementArea.ADOPTION,
    JudgementArea.CARE_LEAVERS,
    JudgementArea.LEADERSHIP_MANAGEMENT_GOVERNANCE,
)
_SLAC_AREAS = (JudgementArea.SAFEGUARDING_OVERALL, JudgementArea.LOOKED_AFTER_OVERALL)

#: The judgements each framework makes, in the order its reports list them. An inspection whose
#: framework no source states may carry only an overall effectiveness grade.
FRAMEWORK_AREAS: dict[Framework | None, tuple[JudgementArea, ...]] = {
    Framework.CRA_2009: (),
    Framework.SLAC: _SLAC_AREAS,
    Framework.SLAC_REINSPECTION: _SLAC_AREAS,  # a re-inspection of either or both services
    Framework.CPI: (JudgementArea.CHILD_PROTECTION_OVERALL,),
    Framework.CPI_REINSPECTION: (JudgementArea.CHILD_PROTECTION_OVERALL,),
    Framework.TLAC: (JudgementArea.LOOKED_AFTER_OVERALL,),
    Framework.SIF: (*_SIF_AREAS, JudgementArea.LSCB),
    Framework.SIF_REINSPECTION: _SIF_AREAS,
    Framework.ILACS_STANDARD: _ILACS_AREAS,
    Framework.ILACS_SHORT: _ILACS_AREAS,
    None: (JudgementArea.OVERALL_EFFECTIVENESS,),
}

#: Frameworks graded on the old four-point scale, whose third grade was "adequate".
OLD_SCALE = frozenset({Framework.CRA_2009, Framework.SLAC, Framework.SLAC_REINSPECTION, Framework.CPI,
                       Framework.CPI_REINSPECTION, Framework.TLAC})

#: ILACS judged children in care and care leavers together until January 2023, separately since.
ILACS_SPLIT = dt.date(2023, 1, 1)
#: ILACS inspections that began from April 2026 give no overall effectiveness grade.
ILACS_NO_OVERALL = dt.date(2026, 4, 1)


def judgement_areas(framework: Framework | None, date: PartialDate | None) -> tuple[JudgementArea, ...]:
    """The judgements an inspection under ``framework`` that began on ``date`` could make.

    An undated ILACS inspection may carry either the combined or the separate judgements; one
    dated only to a month or year that straddles a change may carry what either side judged.
    """
    areas = FRAMEWORK_AREAS[framework]
    if framework not in (Framework.ILACS_STANDARD, Framework.ILACS_SHORT) or date is None:
        return areas
    dropped = set()
    if date.last_day() < ILACS_SPLIT:
        dropped |= {JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS}
    if date.first_day() >= ILACS_SPLIT:
        dropped.add(JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS)
    if date.first_day() >= ILACS_NO_OVERALL:
        dropped.add(JudgementArea.OVERALL_EFFECTIVENESS)
    return tuple(area for area in areas if area not in dropped)


def grade_fits_scale(framework: Framework | None, grade: Grade) -> bool:
    """Whether ``grade`` belongs to the scale ``framework`` graded on (unknown framework: either)."""
    if framework is None:
        return True
    if framework in OLD_SCALE:
        return grade is not Grade.REQUIRES_IMPROVEMENT
    return grade is not Grade.ADEQUATE


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
    return PydanticCustomError(code, MESSAGES[code], context)


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
    return f"the text '{value}'"


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


Text = Annotated[str, _text(300, "keep fields short")]
LongText = Annotated[str, _text(1200, "summaries and notes are a few sentences")]
Finding = Annotated[str, _text(300, "findings are short items, not copied paragraphs")]
QuoteText = Annotated[str, _text(250, "quotations are short and attributed")]


def _pattern(regex: str, what: str, rule: str) -> Any:
    compiled = re.compile(regex)

    def check(value: str) -> str:
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
Origin = Annotated[str, _pattern(r"hand|import:[a-z0-9]+(-[a-z0-9]+)*", "an origin",
                                 "write 'hand', or 'import:' and the importer's name")]


#: Any whitespace (as ``str.isspace`` has it), which no address may hold.
_SPACE = re.compile(r"\s")


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not _SPACE.search(value)
    except ValueError:  # e.g. a malformed IPv6 host
        valid = False
    if not valid:
        raise _error("bad_url", value=value)
    return value


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


class Event(Record):
    """One dated (or undated) event in an authority's history."""

    id: EventId = Field(description="a stable identity, unique in the file, e.g. 'focused-visit-2021-05-10'")
    kind: Kind = Field(description="what happened")
    date: EventDate = Field(
        description="the day, month or year it happened or began, as precise as the source; "
                    "'unknown' when no source gives a date")
    end: Date | None = Field(None, description="the last day, month or year, for events that span time")
    published: Date | None = Field(None, description="when the report of an inspection or visit was published")
    framework: Framework | None = Field(None, description="the inspection framework, where a source states it")
    action: InterventionAction | None = Field(None, description="what the DfE did (interventions only)")
    theme: Text | None = Field(None, description="the theme or focus of a visit or joint inspection")
    judgements: dict[JudgementArea, Grade] = Field(
        default_factory=dict, description="grades by judgement area, e.g. overall_effectiveness: good")
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
    currency: tuple[DataCurrency, ...] = ()
    cartogram: Cartogram | None = None  # the map's layout, where data/ has one

    def timeline(self, slug: str) -> Timeline:
        """The timeline of the authority with ``slug`` (which validation has checked exists)."""
        return next(t for t in self.timelines if t.authority.slug == slug)
