"""The timeline chart of an authority: its rows, its Vega-Lite spec and its SVG.

The chart is drawn from ``chart_rows``, and the page's text alternative and data table are
written from the same rows, so the three always agree. Dates are drawn as precisely as the data
give them: a day is a point; a month, a year or a period is a bar across every day it may mean.
Undated events are never placed on the axis. The SVG is made at build time by vl-convert, so
pages need no script and load nothing from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

import altair as alt
import vl_convert

from generator.model import Grade, Kind, PartialDate, Timeline
from generator.render.dates import when
from generator.timeline import Span, full_inspections, intervention_periods, overall_grade, span

WIDTH = 640
GRADE_ORDER = [g.label for g in Grade]
LANES = ["Inspections without an overall grade", "Visits", "DfE intervention", "Other events"]


@dataclass(frozen=True)
class Palette:
    name: str
    text: str
    grid: str
    grades: tuple[str, ...]  # in the order of ``Grade``
    lanes: tuple[str, ...]  # in the order of ``LANES``


LIGHT = Palette("light", "#1f2328", "#d0d7de", ("#00612e", "#2f7d32", "#9a5b00", "#b3261e"),
                ("#3d3d3d", "#1f5fad", "#7b2d8e", "#5c5c5c"))
DARK = Palette("dark", "#e6edf3", "#3d444d", ("#6fdc9a", "#a5d6a7", "#ffcc80", "#ff9e95"),
               ("#d0d0d0", "#8ab4f8", "#d7aefb", "#bdbdbd"))


@dataclass(frozen=True)
class Row:
    """One mark on the chart."""

    event_id: str
    lane: str  # a grade panel row is "Overall effectiveness"; other rows use ``LANES``
    what: str
    when: str  # as the page writes the date
    start: str  # ISO day: the first day the mark covers
    end: str  # ISO day after the last day it covers
    exact: bool  # a known day (drawn as a point) rather than a span (drawn as a bar)
    grade: str | None = None
    note: str | None = None  # e.g. "end not known"


def chart_rows(timeline: Timeline, as_of: PartialDate) -> list[Row]:
    """Every mark of the chart, oldest first."""
    rows: list[Row] = []
    for event in full_inspections(timeline.events):
        extent, grade = span(event), overall_grade(event)
        if extent is None:
            continue
        framework = event.framework.label if event.framework else "framework not stated"
        lane = "Overall effectiveness" if grade else LANES[0]
        rows.append(_row(event.id, lane, f"{Kind.FULL_INSPECTION.label} ({framework})", when(event),
                         extent, grade.label if grade else None))
    for event in timeline.events:
        extent = span(event)
        if extent is None or event.kind is Kind.FULL_INSPECTION:
            continue
        lane = LANES[1] if event.kind in (Kind.FOCUSED_VISIT, Kind.MONITORING_VISIT, Kind.JTAI) else (
            LANES[2] if event.kind is Kind.INTERVENTION else LANES[3])
        what = event.action.label if event.action else event.kind.label
        rows.append(_row(event.id, lane, what, when(event), extent))
    for period in intervention_periods(timeline.events):
        opened = span(period.opened_by)
        assert opened is not None
        closed = span(period.closed_by) if period.closed_by else None
        last = closed.last if closed else as_of.first_day()
        note = None if closed else "end not known"
        rows.append(Row(period.opened_by.id, LANES[2], f"{period.label} in force", _period_when(
            when(period.opened_by), when(period.closed_by) if closed else None), opened.first.isoformat(),
            (last + dt.timedelta(days=1)).isoformat(), exact=False, note=note))
    return sorted(rows, key=lambda r: (r.start, r.end, r.lane, r.event_id))


def _row(event_id: str, lane: str, what: str, when: str, extent: Span, grade: str | None = None) -> Row:
    end = extent.last + dt.timedelta(days=1)
    return Row(event_id, lane, what, when, extent.first.isoformat(), end.isoformat(), extent.exact, grade)


def _period_when(start: str, end: str | None) -> str:
    return f"{start} to {end}" if end else f"from {start}; end not known"


def grade_line(rows: list[Row], as_of: PartialDate) -> list[dict[str, str]]:
    """The step line of the overall grade: each grade from the day after its inspection's last
    possible day (when it is certain to have been made) until the next, or the as-of date."""
    graded = [r for r in rows if r.grade]
    steps = [{"date": r.end, "grade": r.grade} for r in graded]
    if steps:
        steps.append({"date": max(as_of.first_day().isoformat(), steps[-1]["date"]), "grade": steps[-1]["grade"]})
    return steps  # type: ignore[return-value]


def timeline_spec(rows: list[Row], as_of: PartialDate, palette: Palette) -> dict[str, Any]:
    """The Vega-Lite spec of the chart in one palette."""
    first_year = min(dt.date.fromisoformat(r.start).year for r in rows)
    domain = [f"{first_year}-01-01", f"{as_of.year + 1}-01-01"]
    x = alt.X("start:T", title=None, scale=alt.Scale(type="utc", domain=domain),
              axis=alt.Axis(format="%Y", grid=True, labelOverlap=True))
    values = [asdict(r) for r in rows]

    def layer(lane_rows: list[dict[str, Any]]) -> alt.Chart:
        return alt.Chart(alt.Data(values=lane_rows))

    grade_scale = alt.Scale(domain=GRADE_ORDER, range=list(palette.grades))
    graded = [v for v in values if v["grade"]]
    grade_y = alt.Y("grade:N", title="Overall effectiveness", scale=alt.Scale(domain=GRADE_ORDER),
                    axis=alt.Axis(labelLimit=220))
    line = alt.Chart(alt.Data(values=grade_line(rows, as_of))).mark_line(
        interpolate="step-after", color=palette.text, strokeWidth=1.5, strokeDash=[4, 3]
    ).encode(x=alt.X("date:T", scale=alt.Scale(type="utc", domain=domain)), y=alt.Y("grade:N", scale=alt.Scale(domain=GRADE_ORDER)))
    grade_points = layer([v for v in graded if v["exact"]]).mark_point(
        filled=True, size=110, shape="circle", opacity=1
    ).encode(x=x, y=grade_y, color=alt.Color("grade:N", scale=grade_scale, legend=None))
    grade_bars = layer([v for v in graded if not v["exact"]]).mark_bar(
        height=12, opacity=0.75, cornerRadius=2
    ).encode(x=x, x2="end:T", y=grade_y, color=alt.Color("grade:N", scale=grade_scale, legend=None))
    grades = alt.layer(line, grade_bars, grade_points).properties(width=WIDTH, height=150)

    lane_values = [v for v in values if v["lane"] in LANES]
    lane_y = alt.Y("lane:N", title=None, scale=alt.Scale(domain=LANES), axis=alt.Axis(labelLimit=220))
    lane_colour = alt.Color("lane:N", scale=alt.Scale(domain=LANES, range=list(palette.lanes)), legend=None)
    lane_points = layer([v for v in lane_values if v["exact"]]).mark_point(
        filled=True, size=70, opacity=0.9).encode(x=x, y=lane_y, color=lane_colour)
    lane_bars = layer([v for v in lane_values if not v["exact"]]).mark_bar(
        height=10, opacity=0.6, cornerRadius=2).encode(x=x, x2="end:T", y=lane_y, color=lane_colour)
    open_ends = layer([v for v in lane_values if v["note"]]).mark_text(
        align="right", dx=-2, dy=-11, fontSize=11, color=palette.text
    ).encode(x=alt.X("end:T", scale=alt.Scale(type="utc", domain=domain)), y=lane_y, text="note:N")
    lanes = alt.layer(lane_bars, lane_points, open_ends).properties(width=WIDTH, height=140)

    chart = alt.vconcat(grades, lanes, spacing=14).resolve_scale(x="shared", color="independent").configure(
        background="transparent", font="sans-serif"
    ).configure_axis(
        labelColor=palette.text, titleColor=palette.text, gridColor=palette.grid,
        domainColor=palette.grid, tickColor=palette.grid, labelFontSize=12, titleFontSize=12,
    ).configure_view(stroke=palette.grid)
    return chart.to_dict()


def spec_json(spec: dict[str, Any]) -> str:
    """The spec as the site publishes it: sorted keys, so that builds are byte-identical."""
    return json.dumps(spec, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def svg(spec: dict[str, Any]) -> str:
    """Render a spec to SVG with vl-convert, offline and deterministically."""
    return vl_convert.vegalite_to_svg(spec)
