"""Time since an authority's last full inspection, and time it spent judged inadequate or under
DfE intervention.

Counted in days between dates the data may give only to a month or a year: a count is then the
fewest and the most days those dates allow, never a day picked inside them. Time still running,
or whose end no source gives, is counted to a stated day: the data set's as-of date, or the day
an abolished authority ceased to exist. Pure functions of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import INADEQUATE, Event, Kind, PartialDate, Timeline
from generator.timeline import intervention_periods, latest_full_inspection, newest_first, overall_grade


@dataclass(frozen=True)
class Days:
    """A number of days between two dates, as the fewest and the most their precision allows."""

    least: int
    most: int

    @property
    def exact(self) -> bool:
        return self.least == self.most


def days_between(start: PartialDate, end: PartialDate) -> Days:
    """Days from ``start`` to ``end``: exact for two days, a range when either is a month or a year."""
    least = (end.first_day() - start.last_day()).days
    most = (end.last_day() - start.first_day()).days
    return Days(max(least, 0), max(most, 0))


def counted_to(timeline: Timeline, as_of: PartialDate) -> PartialDate:
    """The day running time is counted to: the as-of date, or the abolition of an abolished authority."""
    return timeline.authority.abolished or as_of


@dataclass(frozen=True)
class Moment:
    """When something began or ended, as the data give it: an event's own date, or the publication
    of its report where the data date only that."""

    date: PartialDate
    published: bool


def ended(event: Event) -> Moment:
    """When an inspection ended (or its report was published, where only that is dated)."""
    if event.date is not None:
        return Moment(event.end or event.date, published=False)
    assert event.published is not None, "only events placed in time are measured"
    return Moment(event.published, published=True)


@dataclass(frozen=True)
class Since:
    """Days from the end of the last full inspection to the day counted to."""

    inspection: Event
    start: Moment
    to: PartialDate
    days: Days


def since_last_inspection(timeline: Timeline, as_of: PartialDate) -> Since | None:
    """Time since the latest dated full inspection ended; None when no full inspection is dated."""
    inspection = latest_full_inspection(timeline.events)
    if inspection is None:
        return None
    start, to = ended(inspection), counted_to(timeline, as_of)
    return Since(inspection, start, to, days_between(start.date, to))


@dataclass(frozen=True)
class Spell:
    """A time judged inadequate or under intervention: from the event that began it to the event
    that ended it. With no ``closed_by``, or one the data do not date, its end is not known and it
    is counted to ``end``, the day running time is counted to."""

    label: str
    opened_by: Event
    closed_by: Event | None
    start: Moment
    end: Moment
    end_known: bool
    days: Days


JUDGED_INADEQUATE = "Judged inadequate"


def inadequate_spells(timeline: Timeline, as_of: PartialDate) -> list[Spell]:
    """Each time judged inadequate overall: from the end of a full inspection graded inadequate
    (or its report's publication, where only that is dated) to the end of the next full inspection
    not graded inadequate, or, with none, to the day counted to. An inspection graded inadequate
    again continues the spell. Oldest first."""
    inspections = reversed(newest_first(e for e in timeline.events if e.kind is Kind.FULL_INSPECTION))
    to = Moment(counted_to(timeline, as_of), published=False)
    spells, opened = [], None
    for inspection in inspections:
        grade = overall_grade(inspection)
        inadequate = grade is not None and grade.value == INADEQUATE
        if opened is None and inadequate:
            opened = inspection
        elif opened is not None and not inadequate:
            spells.append(_spell(JUDGED_INADEQUATE, opened, inspection, ended(opened), ended(inspection), True))
            opened = None
    if opened is not None:
        spells.append(_spell(JUDGED_INADEQUATE, opened, None, ended(opened), to, False))
    return spells


def intervention_spells(timeline: Timeline, as_of: PartialDate) -> list[Spell]:
    """Each period under an improvement notice, a direction or a trust (``intervention_periods``),
    measured; one whose end no source dates is counted to the day counted to."""
    to = Moment(counted_to(timeline, as_of), published=False)
    spells = []
    for period in intervention_periods(timeline.events):
        start, closer = period.opened_by.date, period.closed_by
        assert start is not None
        known = closer is not None and closer.date is not None
        end = Moment(closer.date, published=False) if closer and closer.date else to
        spells.append(_spell(period.label, period.opened_by, closer, Moment(start, published=False), end, known))
    return spells


def _spell(label: str, opened_by: Event, closed_by: Event | None, start: Moment, end: Moment,
           end_known: bool) -> Spell:
    return Spell(label, opened_by, closed_by, start, end, end_known, days_between(start.date, end.date))
