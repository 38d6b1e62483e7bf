"""Facts derived from an authority's events: their order, the latest judgement, DfE intervention.

Pure functions of the model, so that the page, the chart and the index ask the same questions
and get the same answers. Imprecise dates are handled as the span of days they could mean;
nothing here ever picks a day inside that span.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import (
    OVERALL,
    Event,
    Frameworks,
    Grade,
    InterventionAction,
    JudgementArea,
    Kind,
    PartialDate,
    Version,
)

#: A judgement made longer ago than this, before the data set's as-of date, is labelled as old.
OLD_AFTER_YEARS = 3


@dataclass(frozen=True)
class Span:
    """The days a dated event may cover: from its first possible day to its last."""

    first: dt.date
    last: dt.date
    exact: bool  # every date involved is a day, so ``first`` is known, not just bounded


def placed_on(event: Event) -> PartialDate | None:
    """The date an event is placed at: when it happened or began, or else when its report was
    published (the 2009-2023 statistics give only publication dates for older inspections)."""
    return event.date or event.published


def span(event: Event) -> Span | None:
    """The span of an event placed in time; None when no source dates it or its report."""
    start = placed_on(event)
    if start is None:
        return None
    end = (event.end or start) if event.date else start
    exact = start.precision == "day" and end.precision == "day"
    return Span(start.first_day(), end.last_day(), exact)


def newest_first(events: Iterable[Event]) -> list[Event]:
    """Dated events, newest first: by earliest possible start, then latest possible end, then id.

    A year-only date sorts as if early in its year, so "2022" comes after "July 2022" here:
    the order never claims more than the dates say, and it is the same on every build.
    """
    dated = [(span(e), e) for e in events]
    ordered = sorted(((s.first, s.last, e.id, e) for s, e in dated if s), reverse=True)
    return [e for *_, e in ordered]


def undated(events: Iterable[Event]) -> list[Event]:
    """Events no source dates (nor their report's publication), in the order of their ids."""
    return sorted((e for e in events if placed_on(e) is None), key=lambda e: e.id)


def full_inspections(events: Iterable[Event]) -> list[Event]:
    """Full inspections, oldest first, then those without a date."""
    inspections = [e for e in events if e.kind is Kind.FULL_INSPECTION]
    return list(reversed(newest_first(inspections))) + undated(inspections)


def latest_full_inspection(events: Iterable[Event]) -> Event | None:
    """The latest dated full inspection, graded or not: what "last inspected" means. An undated
    inspection never counts, since when it happened is not known."""
    dated = newest_first(e for e in events if e.kind is Kind.FULL_INSPECTION)
    return dated[0] if dated else None


# ---------------------------------------------------------------------------------------------
# What an inspection could judge: the versions of its framework in force when it began


def began_between(event: Event) -> tuple[dt.date, dt.date]:
    """The days a full inspection may have begun on: within its date; before its report was
    published, where only that is dated; any day, where neither is."""
    if event.date is not None:
        return event.date.first_day(), event.date.last_day()
    if event.published is not None:
        return dt.date.min, event.published.last_day()
    return dt.date.min, dt.date.max


def versions(event: Event) -> tuple[Version, ...]:
    """The versions of the inspection's framework it may have been made under: each in force on a
    day it may have begun; none for an inspection whose framework no source states."""
    if event.framework is None:
        return ()
    first, last = began_between(event)
    return tuple(v for v in event.framework.versions if v.could_cover(first, last))


def judged_under(event: Event) -> tuple[Version, ...]:
    """``versions``, narrowed to those that make every judgement the inspection carries: one graded
    on children in care apart from care leavers was made under a version that judges them apart."""
    possible = versions(event)
    given = set(event.judgements)
    return tuple(v for v in possible if given <= set(v.areas)) or possible


def _ordered(versions_: Iterable[Version]) -> tuple[JudgementArea, ...]:
    """The areas of ``versions_``, each once, in the order their reports list them."""
    return tuple(dict.fromkeys(a for v in versions_ for a in v.areas))


def allowed_areas(event: Event, frameworks: Frameworks) -> tuple[JudgementArea, ...]:
    """The judgements an inspection may carry: those of every version it may have been made under.
    An inspection whose framework no source states may carry only an overall grade."""
    if event.framework is None:
        return tuple(a for a in [frameworks.overall] if a is not None)
    return _ordered(versions(event))


def allowed_grades(event: Event, frameworks: Frameworks) -> tuple[Grade, ...]:
    """The grades an inspection may give: those of the scales of every version it may have been
    made under; any grade, where its framework is not stated."""
    if event.framework is None:
        return frameworks.grades
    return tuple(sorted({g for v in versions(event) if v.scale for g in v.scale.grades}, key=lambda g: g.order))


def possible_areas(event: Event, frameworks: Frameworks) -> tuple[JudgementArea, ...]:
    """The judgements a full inspection can have made, narrowed where its data allow (``judged_under``):
    a page says of each of these that it is not given, and of any other that it is not made."""
    if event.framework is None:
        return allowed_areas(event, frameworks)
    return _ordered(judged_under(event))


def judgements_in_order(event: Event) -> list[tuple[JudgementArea, Grade]]:
    """An inspection's judgements in the order its reports list them (any its framework does not
    make, after them, in the order of data/frameworks.yaml)."""
    order = {area: n for n, area in enumerate(_ordered(judged_under(event)))}
    return sorted(event.judgements.items(), key=lambda item: (order.get(item[0], len(order)), item[0].order))


def latest_source_date(events: Iterable[Event]) -> PartialDate | None:
    """The date of the most recent dated source: how far the data for an authority reach."""
    dates = [s.date for e in events for s in e.sources if s.date is not None]
    return max(dates, key=lambda d: (d.last_day(), d.first_day()), default=None)


#: The key of the overall judgement in an event's judgements (terms are equal by their ids).
_OVERALL_KEY = JudgementArea(OVERALL, OVERALL, 0)


def overall_grade(event: Event) -> Grade | None:
    return event.judgements.get(_OVERALL_KEY)


@dataclass(frozen=True)
class Standing:
    """An authority's grade in one judgement area as it stands: given by its latest full inspection,
    and how far it can be trusted."""

    area: JudgementArea
    event: Event
    grade: Grade
    old: bool  # made more than OLD_AFTER_YEARS before the as-of date
    by: JudgementArea | None = None  # the judgement of ``area`` together with others that gave it, if one did

    @property
    def dated(self) -> bool:
        return placed_on(self.event) is not None


@dataclass(frozen=True)
class Gap:
    """No current grade in one judgement area: the latest full inspection (``latest``; None when no
    full inspection is dated) gave none, either because it makes no such judgement (``judged``
    False: the framework it was made under does not) or because no source here gives it."""

    area: JudgementArea
    latest: Event | None
    judged: bool


def standing(events: Iterable[Event], area: JudgementArea, as_of: PartialDate) -> Standing | Gap:
    """The grade in ``area`` of the latest dated full inspection, or why there is none.

    Only the latest inspection counts: an older grade is no current grade once a later inspection
    has been made, whether that one judged the area differently, not at all (ILACS gives no overall
    grade from April 2026) or in a way no source here gives. An undated inspection's grade counts
    only when no full inspection is dated and it is the only one that gave a grade in ``area``.
    """
    inspections = [e for e in events if e.kind is Kind.FULL_INSPECTION]
    latest = latest_full_inspection(inspections)
    if latest is not None:
        given = grade_in(latest, area)
        if given is None:
            return Gap(area, latest, judged=_may_judge(latest, area))
        return Standing(area, latest, given[0], is_old(latest, as_of), _joint(given[1], area))
    graded = [(e, given) for e in inspections if (given := grade_in(e, area))]
    if len(graded) == 1:
        [(event, (grade, by))] = graded
        return Standing(area, event, grade, old=False, by=_joint(by, area))
    return Gap(area, None, judged=True)


def grade_in(event: Event, area: JudgementArea) -> tuple[Grade, JudgementArea] | None:
    """The inspection's grade in ``area`` and the judgement that gave it: its own, or one that
    judged ``area`` together with others (``covers``: children in care and care leavers, before
    ILACS judged them apart), which stands for each of them."""
    grade = event.judgements.get(area)
    if grade is not None:
        return grade, area
    return next(((g, a) for a, g in event.judgements.items() if area.value in a.covers), None)


def _joint(judged: JudgementArea, area: JudgementArea) -> JudgementArea | None:
    return judged if judged != area else None


def is_old(event: Event, as_of: PartialDate) -> bool:
    """Whether a dated event ended more than OLD_AFTER_YEARS before ``as_of``."""
    extent = span(event)
    return extent is not None and extent.last < _years_before(as_of.first_day(), OLD_AFTER_YEARS)


def _may_judge(event: Event, area: JudgementArea) -> bool:
    """Whether the inspection may have made a judgement in ``area`` (``possible_areas``)."""
    if event.framework is None:
        return area == _OVERALL_KEY
    return any(area in v.areas for v in judged_under(event))


def last_given(events: Iterable[Event], area: JudgementArea) -> Event | None:
    """The latest dated full inspection that gave a grade in ``area``: history, once a later one has
    been made (see ``standing``)."""
    return next((e for e in newest_first(events) if e.kind is Kind.FULL_INSPECTION and area in e.judgements), None)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# ---------------------------------------------------------------------------------------------
# DfE intervention periods

#: The actions that start or end a period in force: action -> (what is in force, whether it starts it).
_PERIOD_ACTIONS = {
    InterventionAction.IMPROVEMENT_NOTICE_ISSUED: ("Improvement notice", True),
    InterventionAction.IMPROVEMENT_NOTICE_LIFTED: ("Improvement notice", False),
    InterventionAction.DIRECTION_ISSUED: ("Statutory direction", True),
    InterventionAction.DIRECTION_REVOKED: ("Statutory direction", False),
    InterventionAction.TRUST_ESTABLISHED: ("Children's trust", True),
    InterventionAction.TRUST_ENDED: ("Children's trust", False),
}
#: What a period can be: the labels of ``Period``.
PERIOD_LABELS = tuple(dict.fromkeys(label for label, _ in _PERIOD_ACTIONS.values()))


def _period_action(event: Event) -> tuple[str, bool] | None:
    if event.kind is not Kind.INTERVENTION or event.action is None:
        return None
    return _PERIOD_ACTIONS.get(event.action)


@dataclass(frozen=True)
class Period:
    """A time under an improvement notice, a direction or a trust, from its dated start.

    ``closed_by`` is the event that ended it, if any (it may be undated); a period that no source
    ends is drawn open-ended on the chart and labelled "end not known".
    """

    label: str
    opened_by: Event
    closed_by: Event | None


def intervention_periods(events: Iterable[Event]) -> list[Period]:
    """Pair each dated opening (notice, direction, trust) with the next closing of the same kind.

    Openings are taken at their earliest possible day and closings at their latest, so a notice
    lifted "in 2019" closes one issued on 10 June 2019, and a lifting on the day of issue closes
    it too. A second notice while one is open is a replacement and continues the period. A
    closing with no opening in the data starts no period: its start is unknown, so it stays a
    single event. An undated closing ends the last period of its kind still open, its end unknown.
    """
    actions = [(event, *found) for event in events if (found := _period_action(event))]

    def certain_day(action: tuple[Event, str, bool]) -> tuple[dt.date, int, str]:
        event, _, starts = action
        assert event.date is not None
        return (event.date.first_day(), 0, event.id) if starts else (event.date.last_day(), 1, event.id)

    open_: dict[str, Event] = {}
    periods: list[Period] = []
    for event, label, starts in sorted((a for a in actions if a[0].date is not None), key=certain_day):
        if starts:
            open_.setdefault(label, event)
        elif label in open_:
            periods.append(Period(label, open_.pop(label), event))
    for event, label, starts in sorted(actions, key=lambda a: a[0].id):
        if event.date is None and not starts and label in open_:
            periods.append(Period(label, open_.pop(label), event))
    periods += [Period(label, opener, None) for label, opener in open_.items()]
    return sorted(periods, key=lambda p: (p.opened_by.date.first_day(), p.label))  # type: ignore[union-attr]


def open_interventions(events: Iterable[Event]) -> list[Period]:
    """Periods that no source in the data ends. The sources list few lifting dates, so these are
    not known to be in force: pages say only that no end is recorded."""
    return [p for p in intervention_periods(events) if p.closed_by is None]
