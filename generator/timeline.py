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
    ILACS_SPLIT,
    Event,
    Grade,
    InterventionAction,
    JudgementArea,
    Kind,
    PartialDate,
    judgement_areas,
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


#: The ILACS judgements of children in care and care leavers: one combined, or two apart since 2023.
_COMBINED = JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS
_APART = (JudgementArea.CHILDREN_IN_CARE, JudgementArea.CARE_LEAVERS)


def possible_areas(event: Event) -> tuple[JudgementArea, ...]:
    """The judgements a full inspection can have made, narrowed where its data allow.

    ``judgement_areas`` gives an inspection without a date both the combined and the separate
    judgements of children in care and care leavers. One dated only by its report was under way
    before the report: published before 2023, it made the combined judgement. And the two forms
    exclude each other: an inspection graded in one form only did not make the other.
    """
    areas = judgement_areas(event.framework, event.date)
    given = set(event.judgements)
    published_before_split = event.published is not None and event.published.last_day() < ILACS_SPLIT
    if _COMBINED not in given and given & set(_APART):
        areas = tuple(a for a in areas if a is not _COMBINED)
    elif (_COMBINED in given and not given & set(_APART)) or (event.date is None and published_before_split):
        areas = tuple(a for a in areas if a not in _APART)
    return areas


def latest_source_date(events: Iterable[Event]) -> PartialDate | None:
    """The date of the most recent dated source: how far the data for an authority reach."""
    dates = [s.date for e in events for s in e.sources if s.date is not None]
    return max(dates, key=lambda d: (d.last_day(), d.first_day()), default=None)


def overall_grade(event: Event) -> Grade | None:
    return event.judgements.get(JudgementArea.OVERALL_EFFECTIVENESS)


@dataclass(frozen=True)
class LatestJudgement:
    """The most recent overall effectiveness grade in the data, and how far it can be trusted."""

    event: Event
    grade: Grade
    old: bool  # made more than OLD_AFTER_YEARS before the as-of date

    @property
    def dated(self) -> bool:
        return placed_on(self.event) is not None


def latest_judgement(events: Iterable[Event], as_of: PartialDate) -> LatestJudgement | None:
    """The latest graded full inspection.

    An undated judgement counts only when it is the sole graded inspection: with two or more,
    which is the latest cannot be known, and a dated one always wins over undated ones.
    """
    graded = [e for e in events if e.kind is Kind.FULL_INSPECTION and overall_grade(e)]
    dated = newest_first(graded)
    if dated:
        latest = dated[0]
        limit = _years_before(as_of.first_day(), OLD_AFTER_YEARS)
        return LatestJudgement(latest, overall_grade(latest), span(latest).last < limit)  # type: ignore[arg-type, union-attr]
    if len(graded) == 1:
        return LatestJudgement(graded[0], overall_grade(graded[0]), old=False)  # type: ignore[arg-type]
    return None


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
