"""How grades are written on pages and charts.

The old scale's third grade ("adequate", 2009 to 2013) is never shown as if it were today's
"requires improvement to be good": its label says which scale it belongs to, everywhere.
"""

from __future__ import annotations

from generator.model import ILACS_NO_OVERALL, Event, Grade, JudgementArea, PartialDate
from generator.render.sortable import category
from generator.timeline import possible_areas

#: What a count, chart or table says for an authority with no overall grade in the data.
NO_GRADE = "No overall grade in these data"
#: Why the newest ILACS inspections have no overall grade.
NO_OVERALL_SINCE = (f"ILACS inspections that began from "
                    f"{PartialDate(ILACS_NO_OVERALL.year, ILACS_NO_OVERALL.month, ILACS_NO_OVERALL.day).display()} "
                    "give no overall effectiveness grade")

_LABELS = {Grade.ADEQUATE: "Adequate (old scale)"}


def label(grade: Grade) -> str:
    """The grade's words as the site shows them."""
    return _LABELS.get(grade, grade.label)


def badge(grade: Grade) -> str:
    """A grade shown as words in a coloured badge; the words carry the meaning, not the colour."""
    return f'<span class="it-grade it-grade--{grade.value}">{label(grade)}</span>'


def sortable_grade(grade: Grade | None, code: str = "") -> str:
    """A table cell of a latest overall grade (a badge, or that there is none), which the tables'
    script sorts best first, no grade last; ``code`` is written before it (the map's key)."""
    order = list(Grade)
    shown = badge(grade) if grade is not None else NO_GRADE
    return category(order.index(grade) if grade is not None else len(order), f"{code} {shown}" if code else shown)


NOT_GRADED = "not graded under this framework"
NOT_GIVEN = "not given in these sources"


def judgement_cell(event: Event, area: JudgementArea) -> str:
    """A full inspection's grade for ``area``, or why there is none: a judgement its framework does
    not make is no gap in the data, and one it makes that the sources do not give is."""
    grade = event.judgements.get(area)
    if grade is not None:
        return badge(grade)
    return NOT_GRADED if area not in possible_areas(event) else NOT_GIVEN
