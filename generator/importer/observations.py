"""What one row of one source says about one inspection, visit or intervention.

Each source's reader turns its rows into ``Observation`` values: plain facts with the source
they came from. Combining observations of the same event from several releases (and deciding
which one wins where they disagree) is ``combine``'s job, not the readers'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.model import OFFICIAL_ORIGIN, InterventionAction, Kind

#: The words of Ofsted's tables and reports for each grade, to its id in data/frameworks.yaml.
GRADE_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement to be good": "requires_improvement",
    "requires improvement": "requires_improvement",
    "require improvement to be good": "requires_improvement",  # as some reports misprint it
    "require improvement": "requires_improvement",
    "adequate": "adequate",
    "inadequate": "inadequate",
}


@dataclass
class Observation:
    """One source's account of one event of one authority (by DfE code)."""

    authority: str
    kind: Kind
    source: dict[str, Any]  # a Source in the data files' format; "{where}" in its note becomes the rows
    where: str  # the file, sheet and row, for the report and the source's note
    date: dt.date | str | None = None  # a day, or a partial date as text ("2019-05", "2019")
    end: dt.date | None = None
    published: dt.date | None = None
    framework: str | None = None  # the id of a type of inspection in data/frameworks.yaml
    judgements: dict[str, str] = field(default_factory=dict)  # grade ids by area id, as data files write them
    theme: str | None = None
    action: InterventionAction | None = None
    summary: str | None = None
    notes: list[str] = field(default_factory=list)
    people: list[dict[str, str]] = field(default_factory=list)
    priority_actions: list[str] | None = None  # a letter's areas for priority action, where it has any
    to_improve: list[str] | None = None  # a letter's points of what needs to improve
    quotes: list[dict[str, str]] | None = None  # a letter's short quotations, with "text" and "by"
    origin: str = OFFICIAL_ORIGIN


def as_day(value: Any) -> dt.date | None:
    """A cell's date, or None: the releases store days as dates, the scrape as dd/mm/yyyy text, and
    the letters' file names as "27 march 2020"."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
