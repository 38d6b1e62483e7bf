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

from generator.model import Dataset, Event, Frameworks, Grade, JudgementArea, Kind, Region, Scale, Timeline
from generator.timeline import (
    Gap,
    Period,
    Standing,
    grade_in,
    judged_under,
    latest_full_inspection,
    newest_first,
    open_interventions,
    span,
    standing,
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
# Views, counts and positions


def views(dataset: Dataset) -> tuple[JudgementArea, ...]:
    """The judgements that pages count, colour and rank authorities by: the overall grade (which
    pages say no longer covers authorities inspected under a framework that makes none), then the
    judgements of the version of a framework begun most recently, which inspections still make."""
    frameworks = dataset.frameworks
    newest = frameworks.newest(dataset.as_of)
    return tuple(dict.fromkeys([*filter(None, [frameworks.overall]), *(newest.areas if newest else ())]))


#: What a tally counts an authority under when it has no current grade in the area: its latest
#: inspection made no such judgement, or no source here gives one.
NOT_JUDGED, NO_GRADE = "not judged", "no grade"
Counted = Grade | str


def counted_as(found: Standing | Gap) -> Counted:
    """An authority's place in a tally: its grade, NOT_JUDGED or NO_GRADE."""
    if isinstance(found, Standing):
        return found.grade
    return NOT_JUDGED if found.latest is not None and not found.judged else NO_GRADE


@dataclass(frozen=True)
class Tally:
    """A group of current authorities counted by their current grade in one area; ``NOT_JUDGED``
    and ``NO_GRADE`` count those with none, which are still part of the group's total."""

    counts: dict[Counted, int]  # every grade in the order of data/frameworks.yaml, then the two; zeroes kept

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ungraded(self) -> int:
        return self.counts[NOT_JUDGED] + self.counts[NO_GRADE]


def standing_now(timeline: Timeline, area: JudgementArea, dataset: Dataset) -> Standing | Gap:
    """The authority's current grade in ``area``, or why there is none (``timeline.standing``),
    worked out once for a dataset: the national, region, map and compare pages and the neighbours
    of every authority ask for the same ones again and again."""
    found = _standings(dataset)
    key = (timeline.authority.slug, area.value)
    if key not in found:
        found[key] = standing(timeline.events, area, dataset.as_of)
    return found[key]


@functools.lru_cache(maxsize=16)
def _standings(dataset: Dataset) -> dict[tuple[str, str], Standing | Gap]:
    return {}


def tally(timelines: Iterable[Timeline], dataset: Dataset, area: JudgementArea) -> Tally:
    """Count the current authorities among ``timelines`` by their current grade in ``area``."""
    found = Counter(counted_as(standing_now(t, area, dataset)) for t in current(timelines))
    return Tally({key: found[key] for key in [*dataset.frameworks.grades, NOT_JUDGED, NO_GRADE]})


@functools.lru_cache(maxsize=16)
def tallies(dataset: Dataset, area: JudgementArea) -> dict[Region | None, Tally]:
    """England's current authorities (under None) and each region's, counted by their current grade
    in ``area`` once for a dataset: every authority page shows its region's and England's counts,
    and counting them afresh for each page would make the build's time grow with the square of the
    number of authorities."""
    return {None: tally(dataset.timelines, dataset, area),
            **{region: tally(current(dataset.timelines, region), dataset, area) for region in Region}}


def scale_of(event: Event, grade: Grade, frameworks: Frameworks) -> Scale | None:
    """The scale an inspection gave ``grade`` on: its version's, where the version is known; else
    the one scale of the file that has the grade, if only one has it."""
    scales = {v.scale for v in judged_under(event) if v.scale and grade in v.scale.grades}
    if len(scales) != 1:
        scales = {s for s in frameworks.scales if grade in s.grades}
    return scales.pop() if len(scales) == 1 else None


def band(grade: Grade, scale: Scale | None) -> tuple[Grade, ...]:
    """The grades counted together with ``grade`` when placing an authority among others, the grade
    itself first: as good or better for a grade in the upper half of its scale, as poor or worse
    for one in the lower half; the grade alone where its scale is not known."""
    if scale is None:
        return (grade,)
    place = scale.grades.index(grade)
    if place < len(scale.grades) / 2:
        return tuple(reversed(scale.grades[:place + 1]))
    return scale.grades[place:]


@dataclass(frozen=True)
class Position:
    """How many authorities of a group hold a grade in the same band as one authority's."""

    band: tuple[Grade, ...]
    matching: int
    tally: Tally


def position(found: Standing, group: Tally, frameworks: Frameworks) -> Position:
    """Where an authority whose current grade is ``found`` stands in ``group`` (which counts it too)."""
    grades = band(found.grade, scale_of(found.event, found.grade, frameworks))
    return Position(grades, sum(group.counts[g] for g in grades), group)


# ---------------------------------------------------------------------------------------------
# Movement between inspections


@dataclass(frozen=True)
class Movement:
    """An authority's current grade in one area and the grade the inspection before it gave there."""

    timeline: Timeline
    area: JudgementArea
    before: Event
    after: Event
    change: int | None  # places moved up its scale (negative: down); None across scales of other lengths

    @property
    def before_grade(self) -> Grade:
        return _grade(self.before, self.area)

    @property
    def after_grade(self) -> Grade:
        return _grade(self.after, self.area)


def movement(timeline: Timeline, area: JudgementArea, dataset: Dataset) -> Movement | None:
    """The authority's movement in ``area``: from the latest dated full inspection before its current
    grade's that gave a grade there. None without a current grade (``standing``) or without an
    earlier grade (an undated one cannot be placed before another)."""
    now = standing_now(timeline, area, dataset)
    if not isinstance(now, Standing) or not now.dated:
        return None
    graded = [e for e in newest_first(timeline.events) if e.kind is Kind.FULL_INSPECTION and grade_in(e, area)]
    earlier = graded[graded.index(now.event) + 1:]
    if not earlier:
        return None
    before = earlier[0]
    places = [_place(e, area, dataset.frameworks) for e in (before, now.event)]
    change = (places[0][0] - places[1][0]) if None not in places and places[0][1] == places[1][1] else None  # type: ignore[index]
    return Movement(timeline, area, before, now.event, change)


def _place(event: Event, area: JudgementArea, frameworks: Frameworks) -> tuple[int, int] | None:
    """A grade's place on its scale, best first, and the scale's length: the old scale's adequate is
    third of four, as requires improvement to be good is on today's, so moving between those two
    is no change of place."""
    grade = _grade(event, area)
    scale = scale_of(event, grade, frameworks)
    return (scale.grades.index(grade), len(scale.grades)) if scale else None


def _grade(event: Event, area: JudgementArea) -> Grade:
    """The grade of an inspection known to have given one in ``area`` (``grade_in``)."""
    given = grade_in(event, area)
    assert given is not None, f"{event.id} gave no grade in {area}"
    return given[0]


def movements(timelines: Iterable[Timeline], area: JudgementArea, dataset: Dataset) -> list[Movement]:
    """The movement in ``area`` of every current authority that has one, in the order given."""
    known = _movements(dataset, area)
    found = (known[id(t)][1] if id(t) in known and known[id(t)][0] is t else movement(t, area, dataset)
             for t in current(timelines))
    return [m for m in found if m]


@functools.lru_cache(maxsize=16)
def _movements(dataset: Dataset, area: JudgementArea) -> dict[int, tuple[Timeline, Movement | None]]:
    """Each of the data set's current authorities' movement in ``area``, by its timeline, worked out
    once for a data set: the national page and each region page list them."""
    return {id(t): (t, movement(t, area, dataset)) for t in current(dataset.timelines)}


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
