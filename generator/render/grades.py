"""How grades, and the lack of one, are written on pages and charts.

A grade is shown by its words from data/frameworks.yaml (the old scale's third grade says
"(old scale)" there), in a badge coloured by its tone; the words carry the meaning, not the
colour. Where an authority has no current grade in a judgement area, the page says why: its
latest inspection makes no such judgement (ILACS from April 2026 gives no overall grade), or no
source here gives it.
"""

from __future__ import annotations

from generator import standing
from generator.model import Event, Frameworks, Grade, JudgementArea
from generator.render import raw_html
from generator.render.sortable import category
from generator.timeline import Gap, Standing, judged_under, possible_areas

#: What a count, chart or table says for an authority whose latest inspection makes no judgement
#: in the area counted, and for one with no grade in the area in these data.
NOT_JUDGED = "Not judged at its latest inspection"
NO_GRADE = "No grade in these data"
NOT_GRADED = "not graded under this framework"
NOT_GIVEN = "not given in these sources"


def label(grade: Grade) -> str:
    """The grade's words as the site shows them."""
    return grade.label


def badge(grade: Grade) -> str:
    """A grade shown as words in a coloured badge; the words carry the meaning, not the colour.
    The badge goes into HTML and Markdown alike, and its words come from a data file."""
    return f'<span class="it-grade it-grade--{grade.tone.value}">{raw_html.text_anywhere(label(grade))}</span>'


#: Those words by the key a tally counts such an authority under (``standing.counted_as``).
GAP_WORDS = {standing.NOT_JUDGED: NOT_JUDGED, standing.NO_GRADE: NO_GRADE}


def counted_words(key: standing.Counted) -> str:
    """What counts, charts and the map call the authorities counted under ``key`` (plain text): a
    grade's words, or why they have none."""
    return label(key) if isinstance(key, Grade) else GAP_WORDS[key]


def gap_words(gap: Gap) -> str:
    """A missing current grade, in the words of counts and tables."""
    return GAP_WORDS[standing.counted_as(gap)]  # type: ignore[index]


def current(found: Standing | Gap) -> str:
    """A current grade as a badge, or why there is none."""
    return badge(found.grade) if isinstance(found, Standing) else gap_words(found)


def current_words(found: Standing | Gap) -> str:
    """A current grade in plain words (HTML), or why there is none: for a table dense with grades,
    where a badge in every cell would add a tenth to the time MkDocs takes over the pages."""
    return raw_html.text(label(found.grade)) if isinstance(found, Standing) else gap_words(found)


def sortable(found: Standing | Gap, frameworks: Frameworks, code: str = "") -> str:
    """A table cell of a current grade (a badge, or why there is none), which the tables' script
    sorts best first, then those not judged, then those with none; ``code`` is written before it
    (the map's key)."""
    key = standing.counted_as(found)
    order = key.order if isinstance(key, Grade) else len(frameworks.grades) + (key != standing.NOT_JUDGED)
    shown = current(found)
    return category(order, f"{code} {shown}" if code else shown)


def version_words(event: Event) -> str:
    """The version of its framework an inspection was made under, where its framework has more
    than one and its dates tell which: " (ILACS as revised in April 2026)"."""
    under = judged_under(event)
    if event.framework is None or len(event.framework.versions) < 2 or len(under) != 1:
        return ""
    return f" ({under[0].label})"


def framework_words(event: Event) -> str:
    """An inspection's type, and its framework's version where that matters."""
    return (event.framework.label if event.framework else "Framework not stated") + version_words(event)


def why_not_judged(gap: Gap) -> str:
    """Why the latest inspection gave no grade in the gap's area, as a clause: "no such judgement is
    made under ILACS as revised in April 2026"."""
    latest = gap.latest
    assert latest is not None
    if gap.judged:
        return "no source in these data gives its grade"
    if latest.framework is None:
        return "no source states its framework, and only an overall grade is recorded without one"
    named = " or ".join(v.label for v in judged_under(latest)) or latest.framework.label
    return f"no such judgement is made under {named}"


def judgement_cell(event: Event, area: JudgementArea, frameworks: Frameworks) -> str:
    """A full inspection's grade for ``area``, or why there is none: a judgement its framework does
    not make is no gap in the data, and one it makes that the sources do not give is."""
    grade = event.judgements.get(area)
    if grade is not None:
        return badge(grade)
    return NOT_GRADED if area not in possible_areas(event, frameworks) else NOT_GIVEN
