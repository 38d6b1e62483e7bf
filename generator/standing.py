"""Authorities against each other: current grades counted by group, an authority's position in its
region and in England, how grades moved between inspections, who was inspected most recently,
who is under intervention, and who succeeded whom.

Pure functions of the model, shared by the national page, the region pages and every authority
page, so that a number on one page is the same number on every other. Abolished authorities
keep their pages and their history but count in no current total.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Dataset, Event, Grade, Kind, PartialDate, Region, Timeline
from generator.timeline import (
    Period,
    latest_full_inspection,
    latest_judgement,
    newest_first,
    open_interventions,
    overall_grade,
    span,
)


def is_current(timeline: Timeline) -> bool:
    """Whether the authority exists today (as far as the data say: no abolition date)."""
    return timeline.authority.abolished is None


def current(timelines: Iterable[Timeline], region: Region | None = None) -> list[Timeline]:
    """The authorities that exist today, in ``region`` if one is given, in the order given."""
    return [t for t in timelines if is_current(t) and region in (None, t.authority.region)]


def former(timelines: Iterable[Timeline], region: Region | None = None) -> list[Timeline]:
    """The abolished authorities, in ``region`` if one is given, in the order given."""
    return [t for t in timelines if not is_current(t) and region in (None, t.authority.region)]


# ---------------------------------------------------------------------------------------------
# Counts and positions


@dataclass(frozen=True)
class Tally:
    """A group of current authorities counted by latest overall grade; ``None`` counts those with
    no overall grade in the data, which are still part of the group's total."""

    counts: dict[Grade | None, int]  # every grade in the order of Grade, then None; zeroes kept

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ungraded(self) -> int:
        return self.counts[None]


def tally(timelines: Iterable[Timeline], as_of: PartialDate) -> Tally:
    """Count the current authorities among ``timelines`` by their latest overall grade."""
    found = Counter(latest.grade if (latest := latest_judgement(t.events, as_of)) else None
                    for t in current(timelines))
    return Tally({grade: found[grade] for grade in [*Grade, None]})


@functools.lru_cache(maxsize=2)
def tallies(dataset: Dataset) -> dict[Region | None, Tally]:
    """England's current authorities (under None) and each region's, counted by latest overall
    grade once for a dataset: every authority page shows its region's and England's counts, and
    counting them afresh for each page would make the build's time grow with the square of the
    number of authorities."""
    return {None: tally(dataset.timelines, dataset.as_of),
            **{region: tally(current(dataset.timelines, region), dataset.as_of) for region in Region}}


#: The grades counted together with each grade when placing an authority among others: as good or
#: better for the upper two grades, as poor or worse for the lower two, the grade itself first.
#: The old scale's adequate is compared only with itself: it is no grade of today's scale.
BANDS: dict[Grade, tuple[Grade, ...]] = {
    Grade.OUTSTANDING: (Grade.OUTSTANDING,),
    Grade.GOOD: (Grade.GOOD, Grade.OUTSTANDING),
    Grade.ADEQUATE: (Grade.ADEQUATE,),
    Grade.REQUIRES_IMPROVEMENT: (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE),
    Grade.INADEQUATE: (Grade.INADEQUATE,),
}


@dataclass(frozen=True)
class Position:
    """How many authorities of a group hold a grade in the same band as one authority's."""

    band: tuple[Grade, ...]
    matching: int
    tally: Tally


def position(grade: Grade, group: Tally) -> Position:
    """Where an authority graded ``grade`` stands in ``group`` (which counts it too)."""
    band = BANDS[grade]
    return Position(band, sum(group.counts[g] for g in band), group)


# ---------------------------------------------------------------------------------------------
# Movement between inspections

#: Each grade's place on its four-point scale: the old scale's adequate is third, as requires
#: improvement to be good is on today's, so moving between those two is no change of place.
RANK = {Grade.OUTSTANDING: 1, Grade.GOOD: 2, Grade.ADEQUATE: 3, Grade.REQUIRES_IMPROVEMENT: 3,
        Grade.INADEQUATE: 4}


@dataclass(frozen=True)
class Movement:
    """An authority's last two dated full inspections that gave an overall grade."""

    timeline: Timeline
    before: Event
    after: Event

    @property
    def before_grade(self) -> Grade:
        grade = overall_grade(self.before)
        assert grade is not None
        return grade

    @property
    def after_grade(self) -> Grade:
        grade = overall_grade(self.after)
        assert grade is not None
        return grade

    @property
    def change(self) -> int:
        """Places moved up the scale: positive for better, negative for worse, 0 for the same place."""
        return RANK[self.before_grade] - RANK[self.after_grade]


def movement(timeline: Timeline) -> Movement | None:
    """The authority's movement, or None with fewer than two dated graded full inspections (an
    undated one cannot be placed before or after another)."""
    graded = [e for e in newest_first(timeline.events) if e.kind is Kind.FULL_INSPECTION and overall_grade(e)]
    return Movement(timeline, graded[1], graded[0]) if len(graded) >= 2 else None


def movements(timelines: Iterable[Timeline]) -> list[Movement]:
    """The movement of every current authority that has one, in the order given."""
    return [m for t in current(timelines) if (m := movement(t))]


def crosstab(moves: Iterable[Movement]) -> Counter[tuple[Grade, Grade]]:
    """How many authorities moved from each grade to each grade."""
    return Counter((m.before_grade, m.after_grade) for m in moves)


# ---------------------------------------------------------------------------------------------
# Recent inspections, intervention, succession


def recently_inspected(timelines: Iterable[Timeline], limit: int) -> list[tuple[Timeline, Event]]:
    """The current authorities whose latest dated full inspection is newest, with that inspection:
    newest first by its earliest possible day, then latest possible end, then by name."""
    latest = [(t, e) for t in current(timelines) if (e := latest_full_inspection(t.events))]

    def key(item: tuple[Timeline, Event]) -> tuple[int, int]:
        extent = span(item[1])
        assert extent is not None
        return extent.first.toordinal(), extent.last.toordinal()

    by_name = sorted(latest, key=lambda item: item[0].authority.name)
    return sorted(by_name, key=key, reverse=True)[:limit]  # a stable sort: equal days stay by name


def interventions_without_end(timelines: Iterable[Timeline]) -> list[tuple[Timeline, Period]]:
    """Every intervention period of a current authority that no source in the data ends."""
    return [(t, p) for t in current(timelines) for p in open_interventions(t.events)]


def predecessors(dataset: Dataset, slug: str) -> list[Timeline]:
    """The abolished authorities whose services passed (in part) to the authority ``slug``: derived
    from their ``successors``, so that succession is recorded once."""
    return [t for t in dataset.timelines if slug in t.authority.successors]
