"""When Ofsted may next make a full inspection of an authority: an estimate, with its method.

Two things are known. A framework says how often it inspects after each outcome (its ``rhythm``
in data/frameworks.yaml, with the paragraph that says so): ILACS, for instance, inspects an
authority judged good or outstanding, or requiring improvement, about three years after its last
inspection. And these data show the intervals there have been, outcome by outcome. The estimate
is the framework's window, counted from the last day of the latest full inspection; the intervals
are shown beside it, and the backtest says how often the window has been right. Nothing here picks
a day inside a window or fills in a rule that no source gives: where the framework's rhythm says
nothing (after an inadequate judgement, after an inspection that gave no grade in the rhythm's
judgement, or under a framework with no rhythm in these data), there is no window, and the reason.

Pure functions of the model.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Dataset, Event, Frameworks, Rhythm, Rule, Timeline
from generator.timeline import full_inspections, latest_full_inspection, possible_areas

#: Inspections from this day on are backtested: a few years of ILACS's settled rhythm, after the
#: pandemic's pause (the issue that asked for the estimate set it).
BACKTEST_FROM = dt.date(2022, 1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Window:
    """The framework's window for the next full inspection's start, after ``after``."""

    after: Event
    rhythm: Rhythm
    rule: Rule
    earliest: dt.date
    latest: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.earliest <= day <= self.latest


@dataclass(frozen=True)
class NoWindow:
    """Why no window can be given after ``after``; ``rule`` is the framework's (of ``rhythm``), where
    it has one that gives no window (its note says what comes instead)."""

    after: Event
    why: str
    rhythm: Rhythm | None = None
    rule: Rule | None = None


Estimate = Window | NoWindow


def window_after(inspection: Event, frameworks: Frameworks) -> Estimate:
    """What the inspection's framework says of the next full inspection, read on the day after it
    ended: a window, or why there is none."""
    framework = inspection.framework
    rhythm = framework.rhythm if framework else None
    if inspection.date is None:
        return NoWindow(inspection, "these data date only its report, not the inspection, so no window can be "
                                    "counted from its end" if inspection.published else
                                    "no source in these data dates it, so no window can be counted from it")
    if framework is None or rhythm is None:
        named = f"the {framework.framework}" if framework else "its framework, which no source here states,"
        return NoWindow(inspection, f"no source in these data says how soon a full inspection follows one under "
                                    f"{named}")
    area = rhythm.area
    grade = inspection.judgements.get(area)
    if grade is None:
        if area not in possible_areas(inspection, frameworks):
            return NoWindow(inspection, f"it made no {area.label.lower()} judgement, and the framework's rhythm in "
                                        "these data goes by that judgement; no source here says how soon a full "
                                        "inspection follows one that made none")
        return NoWindow(inspection, f"its {area.label.lower()} grade, by which the framework's rhythm goes, is "
                                    "not given in these sources")
    rule = rhythm.after(grade)
    if rule is None:
        return NoWindow(inspection, f"the framework's rhythm in these data says nothing of what follows a grade of "
                                    f"{grade.label.lower()}")
    if rule.months is None:
        return NoWindow(inspection, rule.note or "", rhythm, rule)
    ended = inspection.end or inspection.date
    return Window(inspection, rhythm, rule, add_months(ended.first_day(), rule.months[0]),
                  add_months(ended.last_day(), rule.months[1]))


def next_window(timeline: Timeline, frameworks: Frameworks) -> Estimate | None:
    """The estimate for a current authority, from its latest dated full inspection; None for an
    abolished authority or one with no dated full inspection."""
    if timeline.authority.abolished is not None:
        return None
    latest = latest_full_inspection(timeline.events)
    return window_after(latest, frameworks) if latest is not None else None


# ---------------------------------------------------------------------------------------------
# What the data show: intervals, and the backtest


def _pairs(timelines: Iterable[Timeline]) -> Iterable[tuple[Event, Event]]:
    """Each full inspection with the one before it, authority by authority, where both are dated to
    the day: a pair with a less precise inspection is left out, never bridged over it."""
    for timeline in timelines:
        ordered = full_inspections(timeline.events)
        for before, after in zip(ordered, ordered[1:]):
            if all(e.date is not None and e.date.precision == "day" for e in (before, after)):
                yield before, after


def _start(event: Event) -> dt.date:
    assert event.date is not None, "only dated inspections are paired"
    return event.date.first_day()


def last_day(event: Event) -> dt.date:
    """The last day of a dated inspection."""
    assert event.date is not None, "only dated inspections are paired"
    return (event.end or event.date).last_day()


@dataclass(frozen=True)
class Spread:
    """The intervals, in days, from the end of one full inspection to the start of the next, after
    the inspections that one rule covers."""

    rule: Rule
    days: tuple[int, ...]  # sorted

    @property
    def shortest(self) -> int:
        return self.days[0]

    @property
    def median(self) -> float:
        return statistics.median(self.days)

    @property
    def longest(self) -> int:
        return self.days[-1]


def spreads(dataset: Dataset) -> dict[Rule, Spread]:
    """The intervals these data show after each rule's grades, for every pair of inspections dated
    to the day whose first was made under a framework with a rhythm: the method page shows them
    beside the rules, which alone make the windows."""
    found: dict[Rule, list[int]] = {}
    for before, after in _pairs(dataset.timelines):
        estimate = window_after(before, dataset.frameworks)
        rule = estimate.rule
        if rule is not None:
            found.setdefault(rule, []).append((_start(after) - last_day(before)).days)
    return {rule: Spread(rule, tuple(sorted(days))) for rule, days in found.items()}


@dataclass(frozen=True)
class Trial:
    """One inspection of the backtest, and what the estimate made the day after the one before it
    ended would have said."""

    timeline: Timeline
    inspection: Event
    estimate: Estimate

    @property
    def verdict(self) -> str:
        """``in window``, ``early``, ``late`` or ``no window``."""
        if not isinstance(self.estimate, Window):
            return NO_WINDOW
        start = _start(self.inspection)
        return IN_WINDOW if self.estimate.holds(start) else EARLY if start < self.estimate.earliest else LATE


IN_WINDOW, EARLY, LATE, NO_WINDOW = "in window", "early", "late", "no window"


@dataclass(frozen=True)
class Backtest:
    """Every full inspection since ``since`` that had one before it, each tried against the estimate."""

    since: dt.date
    trials: tuple[Trial, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for t in self.trials if t.verdict == verdict)

    @property
    def windowed(self) -> int:
        return len(self.trials) - self.count(NO_WINDOW)

    @property
    def hit_rate(self) -> float | None:
        """The share of the inspections that had a window whose start fell within it."""
        return self.count(IN_WINDOW) / self.windowed if self.windowed else None

    def summary(self) -> str:
        """The backtest in one line of plain text, for ``make bench`` and the method page."""
        if not self.trials:
            return f"Backtest: no full inspection from {self.since:%-d %B %Y} on follows another in these data."
        rate = f" ({self.hit_rate:.0%})" if self.hit_rate is not None else ""
        return (f"Backtest: {len(self.trials)} full inspections from {self.since:%-d %B %Y} on follow another; "
                f"{self.windowed} had a window, and {self.count(IN_WINDOW)} of them began within it{rate}, "
                f"{self.count(EARLY)} before it and {self.count(LATE)} after it; {self.count(NO_WINDOW)} had "
                "no window.")


@functools.lru_cache(maxsize=4)
def backtest(dataset: Dataset, since: dt.date = BACKTEST_FROM) -> Backtest:
    """For every full inspection that began on or after ``since`` and had one before it: would the
    window read the day after the one before it ended have held its start?"""
    trials = [Trial(timeline, after, window_after(before, dataset.frameworks))
              for timeline in dataset.timelines for before, after in _pairs([timeline]) if _start(after) >= since]
    return Backtest(since, tuple(trials))
