"""Dates as pages write them: as precise as the data, in words."""

from __future__ import annotations

from generator.model import Event, PartialDate


def when(event: Event) -> str:
    """``23–27 July 2018``, ``July 2018``, ``2019``, ``2019 to 2021``, ``Published 24 February 2012``
    (when only the report's date is known) or ``Date not known``."""
    if event.date is None:
        return f"Published {event.published.display()}" if event.published else "Date not known"
    return date_range(event.date, event.end)


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    if end is None or end == start:
        return start.display()
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.display()}"
    if start.precision == end.precision == "day" and start.year == end.year:
        return f"{start.display().rsplit(' ', 1)[0]} – {end.display()}"
    return f"{start.display()} to {end.display()}"
