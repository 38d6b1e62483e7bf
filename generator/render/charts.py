"""The timeline chart of an authority: its rows, its Vega-Lite spec and its SVG.

The chart is drawn from ``chart_rows``, and the page's text alternative and data table are
written from the same rows, so the three always agree. Dates are drawn as precisely as the data
give them: a known day is a dot; an event known only to a month or a year is an outlined bar
across every day it may have been; a period under intervention is a solid bar. Undated events
are never placed on the axis. The SVG is made at build time by vl-convert, so pages need no
script and load nothing from elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

import altair as alt
import vl_convert

from generator.model import VISIT_KINDS, Grade, Kind, PartialDate, Timeline
from generator.render import grades
from generator.render.drawer import Drawer
from generator.render.dates import when
from generator.timeline import Span, intervention_periods, overall_grade, span

GRADES = [grades.label(g) for g in Grade]
GRADE_PANEL = "Overall effectiveness"
INTERVENTION_LANE = "DfE intervention"
LANES = ["Ungraded inspections", "Visits", INTERVENTION_LANE, "Other events"]
_LANE_OF_KIND = {**{kind: LANES[1] for kind in VISIT_KINDS}, Kind.INTERVENTION: INTERVENTION_LANE}
PLOT_WIDTH = 520
FONT_SIZE = 14
NO_LATER = "no later graded inspection in these data"
END_NOT_KNOWN = "end not known"


@dataclass(frozen=True)
class Palette:
    name: str
    text: str
    grid: str
    grades: tuple[str, ...]  # in the order of ``Grade``
    lanes: tuple[str, ...]  # in the order of ``LANES``
    ungraded: str  # authorities with no overall grade, in the grade chart
    on_grade: str  # numbers written on the grade colours
    background: str  # the page's own background (the theme's), for lines that part shapes on the map
    empty: str  # a map area with nothing to show (still 3:1 against the page, as every mark is)


LIGHT = Palette("light", "#1f2328", "#d0d7de", ("#00612e", "#2f7d32", "#6b6100", "#8a5200", "#b3261e"),
                ("#3d3d3d", "#1f5fad", "#7b2d8e", "#5c5c5c"), "#6e7781", "#ffffff", "#ffffff", "#8c959f")
DARK = Palette("dark", "#e6edf3", "#3d444d", ("#6fdc9a", "#a5d6a7", "#e6dc8a", "#ffcc80", "#ff9e95"),
               ("#d0d0d0", "#8ab4f8", "#d7aefb", "#bdbdbd"), "#9198a1", "#0d1117", "#1e2129", "#6e7681")


@dataclass(frozen=True)
class Row:
    """One mark on the chart."""

    event_id: str
    lane: str  # GRADE_PANEL, or one of LANES
    what: str
    when: str  # as the page writes the date
    start: str  # ISO day: the first day the mark covers
    end: str  # ISO day after the last day it covers
    mark: Literal["point", "span", "period"]  # a known day; a month or year; a time under intervention
    grade: str | None = None
    note: str | None = None  # END_NOT_KNOWN for a period no source ends


def chart_rows(timeline: Timeline, as_of: PartialDate) -> list[Row]:
    """Every mark of the chart, oldest first."""
    rows: list[Row] = []
    for event in timeline.events:
        extent = span(event)
        if extent is None:
            continue
        grade = overall_grade(event)
        if event.kind is Kind.FULL_INSPECTION:
            framework = event.framework.label if event.framework else "framework not stated"
            lane, what = (GRADE_PANEL if grade else LANES[0]), f"Full inspection ({framework})"
        else:
            lane = _LANE_OF_KIND.get(event.kind, LANES[3])
            what = event.action.label if event.action else event.kind.label
        rows.append(_row(event.id, lane, what, when(event), extent, grades.label(grade) if grade else None))
    for period in intervention_periods(timeline.events):
        opened, closer = span(period.opened_by), period.closed_by
        closed = span(closer) if closer else None
        assert opened is not None
        last = closed.last if closed else as_of.first_day()
        dates = f"{when(period.opened_by)} to {when(closer)}" if closer and closed else (
            f"from {when(period.opened_by)}; {END_NOT_KNOWN}")
        what = f"{period.label} in force" if closed else period.label  # one with no dated end may have ended
        rows.append(Row(period.opened_by.id, INTERVENTION_LANE, what, dates,
                        opened.first.isoformat(), _after(last), "period", note=None if closed else END_NOT_KNOWN))
    return sorted(rows, key=lambda r: (r.start, r.end, r.lane, r.event_id))


def _row(event_id: str, lane: str, what: str, dates: str, extent: Span, grade: str | None) -> Row:
    mark: Literal["point", "span"] = "point" if extent.exact else "span"
    return Row(event_id, lane, what, dates, extent.first.isoformat(), _after(extent.last), mark, grade)


def _after(day: dt.date) -> str:
    return (day + dt.timedelta(days=1)).isoformat()


def grade_line(rows: list[Row], as_of: PartialDate) -> list[dict[str, str]]:
    """The dashed line of the overall grade: each grade from the day after its inspection's last
    possible day (when it is certain to have been made) until the next, then to the as-of date."""
    steps = [{"date": r.end, "grade": r.grade} for r in rows if r.grade]
    if steps:
        steps.append({"date": max(as_of.first_day().isoformat(), steps[-1]["date"]),
                      "grade": steps[-1]["grade"], "note": NO_LATER})
    return steps  # type: ignore[return-value]


# The styles of every chart of events, the authority's here and the comparison's drawn in the
# browser (compare_chart.py), so that the two read alike.

#: The kinds of mark (``Row.mark``), in the order they are drawn: dots on top.
MARKS = ("period", "span", "point")


def event_marks(chart: alt.Chart, mark: str, x: alt.X, y: alt.Y, field: str, scale: alt.Scale) -> alt.Chart:
    """A solid bar for a period under intervention, an outlined bar for an event known to a month
    or a year, a dot for a known day; coloured by ``field`` on ``scale``."""
    fill = alt.Fill(f"{field}:N", scale=scale, legend=None)
    if mark == "period":
        return chart.mark_bar(height=10, opacity=0.8).encode(x=x, x2="end:T", y=y, fill=fill)
    if mark == "span":
        return chart.mark_bar(height=14, fillOpacity=0.25, strokeWidth=1.5).encode(
            x=x, x2="end:T", y=y, fill=fill, stroke=alt.Stroke(f"{field}:N", scale=scale, legend=None))
    return chart.mark_point(filled=True, size=90, opacity=1).encode(x=x, y=y, fill=fill)


def grade_line_marks(chart: alt.Chart) -> alt.Chart:
    """The dashed line of the overall grade (``grade_line``); the caller encodes its x and y. Its
    colour is the palette's text colour, from the config (``chart_config``)."""
    return chart.mark_line(interpolate="step-after", strokeWidth=1.5, strokeDash=[4, 3])


def note_marks(chart: alt.Chart) -> alt.Chart:
    """A row's note (NO_LATER, END_NOT_KNOWN) written just before where its mark ends, in the
    palette's text colour (from the config)."""
    return chart.mark_text(align="right", dx=-2, dy=-12, fontSize=12).encode(text="note:N")


#: The named colour ranges of the config (``chart_config``) from which a chart's scales of grades
#: and of lanes take their colours, so that the palette is all in the config.
GRADE_RANGE = "ordinal"
LANE_RANGE = "category"


def chart_config(palette: Palette) -> dict[str, Any]:
    """The Vega-Lite config that draws a chart of events in ``palette``: background, font, axes,
    frame, the colour of lines and text, and the ranges of grades and lanes. Everything that
    differs between the palettes is here, so that a chart is specified once and drawn in each
    palette with its config."""
    return {
        "background": "transparent", "font": "sans-serif",
        "axis": {"labelColor": palette.text, "titleColor": palette.text, "gridColor": palette.grid,
                 "domainColor": palette.grid, "tickColor": palette.grid, "labelFontSize": FONT_SIZE,
                 "titleFontSize": FONT_SIZE, "labelLimit": 200},
        "view": {"stroke": palette.grid},
        "line": {"color": palette.text},
        "text": {"color": palette.text},
        "range": {GRADE_RANGE: list(palette.grades), LANE_RANGE: list(palette.lanes)},
    }


def in_palette(spec: dict[str, Any], palette: Palette) -> dict[str, Any]:
    """``spec``, made without a config, drawn in ``palette``."""
    return {**spec, "config": chart_config(palette)}


def timeline_spec(rows: list[Row], as_of: PartialDate) -> dict[str, Any]:
    """The Vega-Lite spec of the chart, grades above and other events below, without its config
    (``in_palette`` adds one). Altair checks the specs against the Vega-Lite schema in the tests
    only: checking hundreds of them on every build costs more than drawing them."""
    first_year = min(dt.date.fromisoformat(r.start).year for r in rows)
    scale = alt.Scale(type="utc", domain=[f"{first_year}-01-01", f"{as_of.year + 1}-01-01"])
    x = alt.X("start:T", title=None, scale=scale, axis=alt.Axis(format="%Y", labelOverlap=True))
    values = [asdict(r) for r in rows]
    # Each layer names its rows, which are given once at the top of the spec.
    datasets: dict[str, list[dict[str, Any]]] = {}

    def chart(name: str, mark_rows: list[dict[str, Any]]) -> alt.Chart:
        datasets[name] = mark_rows
        return alt.Chart(alt.NamedData(name))

    def marks(panel: str, lane_rows: list[dict[str, Any]], y: alt.Y, field: str, scale_: alt.Scale) -> list[alt.Chart]:
        return [event_marks(chart(f"{panel}-{mark}", kept), mark, x, y, field, scale_) for mark in MARKS
                if (kept := [v for v in lane_rows if v["mark"] == mark])]

    def label(panel: str, label_rows: list[dict[str, Any]], field: str, y: alt.Y) -> alt.Chart:
        return note_marks(chart(f"{panel}-notes", label_rows)).encode(x=alt.X(f"{field}:T", scale=scale), y=y)

    grade_y = alt.Y("grade:N", title=GRADE_PANEL, scale=alt.Scale(domain=GRADES),
                    axis=alt.Axis(labelExpr="replace(datum.label, ' to be good', '')"))
    grade_scale = alt.Scale(domain=GRADES, range=GRADE_RANGE)
    line_rows = grade_line(rows, as_of)
    grade_layers = marks("grades", [v for v in values if v["lane"] == GRADE_PANEL], grade_y, "grade", grade_scale)
    if line_rows:
        line = grade_line_marks(chart("grade-line", line_rows)).encode(x=alt.X("date:T", scale=scale), y=grade_y)
        grade_layers = [line, label("grades", [r for r in line_rows if "note" in r], "date", grade_y), *grade_layers]
    panels = [_layered(grade_layers)] if grade_layers else []

    lane_values = [v for v in values if v["lane"] in LANES]
    if lane_values:
        lane_y = alt.Y("lane:N", title=None, scale=alt.Scale(domain=LANES))
        lane_layers = marks("lanes", lane_values, lane_y, "lane", alt.Scale(domain=LANES, range=LANE_RANGE))
        open_ends = [v for v in lane_values if v["note"]]
        if open_ends:
            lane_layers.append(label("lanes", open_ends, "end", lane_y))
        panels.append(_layered(lane_layers))
    return {"$schema": alt.SCHEMA_URL, "vconcat": panels, "spacing": 16, "datasets": datasets,
            "resolve": {"scale": {"x": "shared", "fill": "independent", "stroke": "independent"}}}


def _layered(layers: list[alt.Chart]) -> dict[str, Any]:
    """A panel of the chart: its layers one on another. Altair writes each layer; the panel and the
    figure are put together here, as Altair copies every part of every layer each time it
    layers or stacks charts, which took most of the time of writing a spec."""
    return {"layer": [_bare(layer) for layer in layers], "width": PLOT_WIDTH, "height": 150}


def _bare(chart: alt.Chart) -> dict[str, Any]:
    """A chart's spec as one layer of another: without what only a whole figure has."""
    return {k: v for k, v in chart.to_dict(validate=False).items() if k not in ("$schema", "config")}


def spec_json(spec: dict[str, Any]) -> str:
    """The spec as the site publishes it: sorted keys, so that builds are byte-identical."""
    return json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


#: The colours that the charts of events and of grades take from a palette. Each is distinct
#: within a palette, so that a drawing's colours map one to one onto another palette's.
_SWAPPED = ("text", "grid", "grades", "lanes", "ungraded", "on_grade")


def recoloured(drawing: str, source: Palette, target: Palette) -> str:
    """A drawing made in ``source``, in ``target``'s colours instead. Charts whose palettes differ
    only in colours (those of events, whose palette is their config, and of grades) lay out the
    same in each, and vl-convert would take as long to draw the second as the first: most of its
    time goes on measuring text. The tests check that this gives vl-convert's own drawing."""
    swap: dict[str, str] = {}
    for name in _SWAPPED:
        before, after = getattr(source, name), getattr(target, name)
        pairs = zip(before, after) if isinstance(before, tuple) else [(before, after)]
        for old, new in pairs:
            if swap.setdefault(old, new) != new:
                raise ValueError(f"{source.name} uses {old} for two colours that {target.name} tells apart")
    return re.sub(r'\b(fill|stroke)="(#[0-9a-f]{6})"', lambda m: f'{m[1]}="{swap.get(m[2], m[2])}"', drawing)


#: Where ``svg`` draws while ``drawing_apart`` holds one; otherwise it draws in this process.
_drawer: Drawer | None = None


def svg(spec: dict[str, Any]) -> str:
    """Render a spec to SVG with vl-convert, offline and deterministically: in the drawing process
    while one is open (see ``drawing_apart``), or in this one."""
    drawn = _drawer.svg(spec) if _drawer is not None else None
    return drawn if drawn is not None else vl_convert.vegalite_to_svg(spec)


@contextlib.contextmanager
def drawing_apart() -> Iterator[None]:
    """Draw in a process of its own (``drawer.Drawer``), started now, until the block ends: by the
    time a chart is drawn, vl-convert has started there without holding up this process. Within
    a block already drawing apart, it changes nothing."""
    global _drawer
    if _drawer is not None:
        yield
        return
    _drawer = drawer = Drawer()
    try:
        yield
    finally:
        _drawer = None
        drawer.close()
