"""The comparison chart, which the compare page's script draws in the browser: each chosen
authority's timeline one above the other, on one shared time axis.

The reader chooses the authorities, so the chart cannot be drawn at build time. Everything about
how it looks is still decided here, with the styles of the authority charts (charts.py): the
build writes one Vega-Lite spec per palette that names its data ``DATA`` and leaves it empty, and
the script only fills that data with the chosen authorities' rows and hands the spec to Vega-Lite.
Each authority's rows come from the same ``chart_rows`` and ``grade_line`` as its own chart.

Grades and the other lanes share one band axis, grades above, so that one panel per authority
holds it all; colours, marks and the dashed line of the overall grade are those of the authority
charts. Vega, Vega-Lite and Vega-Embed come as one bundle that vl-convert makes for the version of
Vega-Lite the specs are written for, served from the site itself.
"""

from __future__ import annotations

import functools
from typing import Any

import altair as alt
import vl_convert

from generator.model import PartialDate
from generator.render.charts import (
    FONT_SIZE,
    LANES,
    MARKS,
    PLOT_WIDTH,
    TONES,
    Change,
    Palette,
    Row,
    change_marks,
    chart_config,
    event_marks,
    grade_line,
    grade_line_marks,
    note_marks,
)
from generator.render.paths import anchor

#: The name of the spec's data, which the script fills in.
DATA = "timelines"
#: The fields of each row in the compare page's data, in this order; a row leaves out the empty
#: cells at its end, which are most of a step's, so the fields most often empty come last.
#: ``anchor`` is the id of the event's heading on its authority's page; ``colour`` is a grade's tone
#: or the lane's name; ``segment`` numbers the pieces of the grade line, which stops at an
#: inspection that gave no overall grade. The script adds ``name`` (the authority's, the panel's
#: heading) and ``order`` (its place in the reader's choice).
COLUMNS = ("band", "mark", "start", "end", "what", "when", "anchor", "grade", "note", "colour", "segment")
#: The height of one band in pixels: a panel of nine bands is about as tall as one panel of an
#: authority chart, so six authorities fit a screen or two.
BAND_STEP = 16
#: The longest axis label, in pixels: the reader's browser draws this chart in its own fonts, which
#: may be wider than the build's, and a grade's words are cut there to keep within the chart's box.
BROWSER_LABEL_LIMIT = 200
#: A row of the grade line (``grade_line``) is drawn by this mark, beside those of ``Row.mark``; a
#: change of framework (``Change``), by the other.
STEP, CHANGE = "step", "change"


def bands(domain: list[str]) -> list[str]:
    """The band axis: the grades of ``domain``, then the other lanes, the same in every panel so that
    panels align."""
    return [*domain, *LANES]


def compare_rows(rows: list[Row], until: PartialDate, changes: list[Change]) -> list[list[str | int | None]]:
    """An authority's rows for the comparison, as lists in the order of ``COLUMNS``: its chart's
    marks, each in its band (its grade, or its lane) and coloured by its grade's tone or its lane,
    then the steps of its grade line, then the changes of framework its chart marks."""
    marks: list[list[str | int | None]] = [
        [r.grade or r.lane, r.mark, r.start, r.end, r.what, r.when, anchor(r.event_id), r.grade, r.note, r.tone or r.lane]
        for r in rows]
    steps = [[s["grade"], STEP, s["date"], None, None, None, None, None, s.get("note"), None, s["segment"]]
             for s in grade_line(rows, until)]
    marked = [[None, CHANGE, c.date, None, None, None, None, None, c.label] for c in changes]
    return [_trimmed(row) for row in marks + steps + marked]


def _trimmed(row: list[str | int | None]) -> list[str | int | None]:
    while row[-1] is None:
        row.pop()
    return row


def compare_spec(palette: Palette, domain: list[str]) -> dict[str, Any]:
    """The Vega-Lite spec of the comparison in one palette, its data (``DATA``) left to the script:
    one panel per authority, in the order of the rows' ``order``, headed by its ``name``; its grades
    are those of ``domain`` (``charts.grade_domain`` of every authority's events)."""
    x = alt.X("start:T", title=None, scale=alt.Scale(type="utc", nice="year"),
              axis=alt.Axis(format="%Y", labelOverlap=True))
    y = alt.Y("band:N", title=None, scale=alt.Scale(domain=bands(domain)),
              axis=alt.Axis(labelExpr="replace(datum.label, ' to be good', '')"))
    colour = alt.Scale(domain=[*TONES, *LANES], range=[*palette.grades, *palette.lanes])
    tooltip = [alt.Tooltip("name:N", title="Authority"), alt.Tooltip("what:N", title="Event"),
               alt.Tooltip("when:N", title="When"), alt.Tooltip("grade:N", title="Overall effectiveness")]

    def only(test: str) -> alt.Chart:
        return alt.Chart().transform_filter(test)

    # A note is written where its mark ends: a period's at its end, the grade line's at its last step.
    notes = only(f"datum.note && datum.mark !== '{CHANGE}'").transform_calculate(
        at="datum.mark === 'period' ? datum.end : datum.start")
    changed = only(f"datum.mark === '{CHANGE}'").transform_calculate(label="datum.note")
    layers = [
        *change_marks(changed, x, "right"),
        grade_line_marks(only(f"datum.mark === '{STEP}'")).encode(x=x, y=y, detail=alt.Detail("segment:N")),
        *(event_marks(only(f"datum.mark === '{mark}'"), mark, x, y, "colour", colour).encode(tooltip=tooltip)
          for mark in MARKS),
        note_marks(notes).encode(x=alt.X("at:T"), y=y),
    ]
    header = alt.Header(title=None, labelAngle=0, labelOrient="top", labelAnchor="start", labelAlign="left",
                        labelFontSize=FONT_SIZE, labelFontWeight="bold", labelColor=palette.text, labelLimit=0)
    figure = alt.layer(*layers).properties(width=PLOT_WIDTH, height=alt.Step(BAND_STEP)).facet(
        row=alt.Row("name:N", header=header, sort=alt.EncodingSortField("order", op="min")),
        data=alt.NamedData(DATA), spacing=12)
    spec = {**figure.to_dict(), "config": chart_config(palette, label_limit=BROWSER_LABEL_LIMIT)}
    # The marks stay out of the accessibility tree (Vega would announce each one, unnamed): Vega
    # names the drawing as a whole by the description the script gives the spec, and the tables
    # under it give every event as text.
    spec["config"]["aria"] = False
    spec["config"].setdefault("mark", {})["aria"] = False
    return spec


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one ES module, for the Vega-Lite version Altair writes
    specs for (the one vl-convert draws the SVG charts with), which puts ``vegaEmbed`` on ``window``.
    The same bytes on every build; made once a process, as it takes a second or two."""
    major, minor = alt.SCHEMA_VERSION.removeprefix("v").split(".")[:2]
    return vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
