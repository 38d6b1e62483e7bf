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
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

import altair as alt
import vl_convert

from generator.model import OVERALL, VISIT_KINDS, Event, Frameworks, Grade, Kind, PartialDate, Timeline, Tone
from generator.render import grades
from generator.render.drawer import Drawer
from generator.render.dates import when
from generator.standing import NO_GRADE, NOT_JUDGED, scale_of
from generator.timeline import Span, intervention_periods, judged_under, newest_first, overall_grade, span

GRADE_PANEL = "Overall effectiveness"
INTERVENTION_LANE = "DfE intervention"
LANES = ["Not graded overall", "Visits", INTERVENTION_LANE, "Other events"]
_LANE_OF_KIND = {**{kind: LANES[1] for kind in VISIT_KINDS}, Kind.INTERVENTION: INTERVENTION_LANE}
#: The tones of grades (data/frameworks.yaml), in the order of a palette's grade colours.
TONES = [tone.value for tone in Tone]
PLOT_WIDTH = 520
FONT_SIZE = 14
NO_LATER = "no later inspection in these data"
NONE_SINCE = "no overall grade at the next inspection"
END_NOT_KNOWN = "end not known"


@dataclass(frozen=True)
class Palette:
    name: str
    text: str
    grid: str
    grades: tuple[str, ...]  # a grade's colour by its tone, in the order of ``Tone``
    lanes: tuple[str, ...]  # in the order of ``LANES``
    ungraded: str  # authorities whose latest inspection made no such judgement, in the grade chart and map
    on_grade: str  # numbers written on the grade colours
    background: str  # the page's own background (the theme's), for lines that part shapes on the map
    empty: str  # a map area with nothing to show, or no grade in these data (still 3:1 against the page)


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
    grade: str | None = None  # the overall grade's words
    tone: str | None = None  # and its tone, which colours it
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
            lane, what = (GRADE_PANEL if grade else LANES[0]), f"Full inspection ({grades.framework_words(event)})"
        else:
            lane = _LANE_OF_KIND.get(event.kind, LANES[3])
            what = event.action.label if event.action else event.kind.label
        rows.append(_row(event.id, lane, what, when(event), extent, grade))
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


def _row(event_id: str, lane: str, what: str, dates: str, extent: Span, grade: Grade | None) -> Row:
    mark: Literal["point", "span"] = "point" if extent.exact else "span"
    return Row(event_id, lane, what, dates, extent.first.isoformat(), _after(extent.last), mark,
               grades.label(grade) if grade else None, grade.tone.value if grade else None)


def _after(day: dt.date) -> str:
    return (day + dt.timedelta(days=1)).isoformat()


def grade_line(rows: list[Row], as_of: PartialDate) -> list[dict[str, Any]]:
    """The dashed line of the overall grade: each grade from the day after its inspection's last
    possible day (when it is certain to have been made) until the next full inspection. One that
    gave no overall grade ends the line there (a grade is no current grade once a later inspection
    has been made); the line starts again at the next grade, as another ``segment``. After the last
    inspection, the grade runs on to the as-of date."""
    steps: list[dict[str, Any]] = []
    segment, drawing = 0, False
    for row in (r for r in rows if r.lane in (GRADE_PANEL, LANES[0])):
        if row.grade:
            steps.append({"date": row.end, "grade": row.grade, "segment": segment})
            drawing = True
        elif drawing:
            steps.append({"date": row.start, "grade": steps[-1]["grade"], "segment": segment})
            segment, drawing = segment + 1, False
    if drawing:
        steps.append({"date": max(as_of.first_day().isoformat(), steps[-1]["date"]), "grade": steps[-1]["grade"],
                      "segment": segment, "note": NO_LATER})
    elif steps:
        steps[-1]["note"] = NONE_SINCE
    return steps


@dataclass(frozen=True)
class Change:
    """A change of framework the chart marks: the day a version began under which inspections
    sum up differently (an overall grade given or not, on another scale) from the one before."""

    date: str  # ISO day
    label: str  # the version's words


def framework_changes(timeline: Timeline) -> list[Change]:
    """The changes of framework between the authority's dated full inspections, oldest first: where
    an inspection was made under a version whose overall grade (given or not, and its scale)
    differs from the previous inspection's, the day that version began. Versions whose beginning
    no source gives are not marked."""
    changes: list[Change] = []
    before: tuple[bool, Any] | None = None
    for event in reversed(newest_first(e for e in timeline.events if e.kind is Kind.FULL_INSPECTION)):
        under = judged_under(event)
        if len(under) != 1:
            continue
        version = under[0]
        regime = (any(a.value == OVERALL for a in version.areas), version.scale)
        if before is not None and regime != before and version.begins is not None:
            change = Change(version.begins.first_day().isoformat(), version.label)
            changes += [change] if change not in changes else []
        before = regime
    return changes


def grade_domain(events: Iterable[Event], frameworks: Frameworks) -> list[str]:
    """The grades on the axis of overall grades: every grade of each scale an overall grade among
    ``events`` was given on, so that a grade sits where its scale puts it even when no inspection
    gave the others (a grade whose scale is not known stands alone). Highest tone first, and grades
    of one tone in the order of data/frameworks.yaml: two scales share the axis by their tones, so
    that a grade of a new scale is not drawn below every grade of an old one."""
    found: set[Grade] = set()
    for event in events:
        grade = overall_grade(event)
        if grade is not None and event.kind is Kind.FULL_INSPECTION:
            scale = scale_of(event, grade, frameworks)
            found |= set(scale.grades) if scale else {grade}
    return [grades.label(g) for g in sorted(found, key=lambda g: (TONES.index(g.tone.value), g.order))]


# The styles of every chart of events, the authority's here and the comparison's drawn in the
# browser (compare_chart.py), so that the two read alike.

#: The kinds of mark (``Row.mark``), in the order they are drawn: dots on top.
MARKS = ("period", "span", "point")


def event_marks(chart: alt.Chart, mark: str, x: alt.X, y: alt.Y, field: str, scale: alt.Scale) -> alt.Chart:
    """A solid bar for a period under intervention, an outlined bar for an event known to a month
    or a year, a dot for a known day; coloured by ``field`` on ``scale``."""
    fill = alt.Fill(f"{field}:N", scale=scale, legend=None)
    if mark == "period":
        return chart.mark_bar(height=10, opacity=0.8).encode(x=x, x2=alt.X2("end:T"), y=y, fill=fill)
    if mark == "span":
        return chart.mark_bar(height=14, fillOpacity=0.25, strokeWidth=1.5).encode(
            x=x, x2=alt.X2("end:T"), y=y, fill=fill, stroke=alt.Stroke(f"{field}:N", scale=scale, legend=None))
    return chart.mark_point(filled=True, size=90, opacity=1).encode(x=x, y=y, fill=fill)


def grade_line_marks(chart: alt.Chart) -> alt.Chart:
    """The dashed line of the overall grade (``grade_line``); the caller encodes its x and y. Its
    colour is the palette's text colour, from the config (``chart_config``)."""
    return chart.mark_line(interpolate="step-after", strokeWidth=1.5, strokeDash=[4, 3])


def change_marks(chart: alt.Chart, x: alt.X, align: Literal["left", "right"]) -> list[alt.Chart]:
    """A change of framework (``Change``): a dotted rule across the panel at the day it began, and
    its words along the top, on the rule's ``align`` side, in the palette's text colour (from the
    config). (Vega's ``limit`` on text, which would cut long words short, takes a tenth of the
    drawing's time: the versions' labels are short instead.)"""
    rule = chart.mark_rule(strokeDash=[1, 3], strokeWidth=1.5).encode(x=x)
    words = chart.mark_text(align=align, baseline="top", dx=3 if align == "left" else -3, y=2,
                            fontSize=11).encode(x=x, text=alt.Text("label:N"))
    return [rule, words]


def note_marks(chart: alt.Chart) -> alt.Chart:
    """A row's note (NO_LATER, END_NOT_KNOWN) written just before where its mark ends, in the
    palette's text colour (from the config)."""
    return chart.mark_text(align="right", dx=-2, dy=-12, fontSize=12).encode(text=alt.Text("note:N"))


#: The named colour ranges of the config (``chart_config``) from which a chart's scales of grades
#: and of lanes take their colours, so that the palette is all in the config.
GRADE_RANGE = "ordinal"
LANE_RANGE = "category"


def chart_config(palette: Palette, label_limit: int = 0) -> dict[str, Any]:
    """The Vega-Lite config that draws a chart of events in ``palette``: background, font, axes,
    frame, the colour of lines and text, and the ranges of grades and lanes. Everything that
    differs between the palettes is here, so that a chart is specified once and drawn in each
    palette with its config.

    Axis labels have no length limit unless ``label_limit`` (in pixels) gives one: a grade's words
    are never cut short, and checking each label against a limit was a third of vl-convert's time
    on a chart (measured on every authority's chart: 12.7 s in all with a limit of 200 pixels,
    8.7 s without, and the same drawings, as no label was that long). A chart that the reader's
    browser draws, in its own and perhaps wider fonts, gives a limit, to keep within its box."""
    return {
        "background": "transparent", "font": "sans-serif",
        "axis": {"labelColor": palette.text, "titleColor": palette.text, "gridColor": palette.grid,
                 "domainColor": palette.grid, "tickColor": palette.grid, "labelFontSize": FONT_SIZE,
                 "titleFontSize": FONT_SIZE, "labelLimit": label_limit},
        "view": {"stroke": palette.grid},
        "line": {"color": palette.text},
        "rule": {"color": palette.text},
        "text": {"color": palette.text},
        "range": {GRADE_RANGE: list(palette.grades), LANE_RANGE: list(palette.lanes)},
    }


def gap_colours(palette: Palette) -> dict[str, str]:
    """The colours of authorities with no current grade in a count or on the map: those whose latest
    inspection made no such judgement, and those with none in these data (the timeline's grey of
    other events)."""
    return {NOT_JUDGED: palette.ungraded, NO_GRADE: palette.lanes[LANES.index("Other events")]}


def in_palette(spec: dict[str, Any], palette: Palette) -> dict[str, Any]:
    """``spec``, made without a config, drawn in ``palette``."""
    return {**spec, "config": chart_config(palette)}


def timeline_spec(rows: list[Row], as_of: PartialDate, domain: list[str], changes: list[Change]) -> dict[str, Any]:
    """The Vega-Lite spec of the chart, grades (on the axis ``domain``) above and other events below,
    the ``changes`` of framework marked across the grades; without its config (``in_palette`` adds
    one). Altair checks the specs against the Vega-Lite schema in the tests only: checking
    hundreds of them on every build costs more than drawing them."""
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

    grade_y = alt.Y("grade:N", title=GRADE_PANEL, scale=alt.Scale(domain=domain),
                    axis=alt.Axis(labelExpr="replace(datum.label, ' to be good', '')"))
    grade_scale = alt.Scale(domain=TONES, range=GRADE_RANGE)
    line_rows = grade_line(rows, as_of)
    grade_layers = marks("grades", [v for v in values if v["lane"] == GRADE_PANEL], grade_y, "tone", grade_scale)
    if line_rows:
        line = grade_line_marks(chart("grade-line", line_rows)).encode(x=alt.X("date:T", scale=scale), y=grade_y,
                                                                      detail=alt.Detail("segment:N"))
        grade_layers = [line, label("grades", [r for r in line_rows if "note" in r], "date", grade_y), *grade_layers]
    if grade_layers and changes:
        # Words run right of a change in the first two thirds of the axis, left of one after.
        turn = dt.date(first_year, 1, 1) + (dt.date(as_of.year + 1, 1, 1) - dt.date(first_year, 1, 1)) * 2 / 3
        for align in ("left", "right"):
            kept = [asdict(c) for c in changes if (dt.date.fromisoformat(c.date) < turn) == (align == "left")]
            if kept:
                marked = chart(f"changes-{align}", kept)
                grade_layers = [*change_marks(marked, alt.X("date:T", scale=scale), align), *grade_layers]
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


def svg_size(drawn: str) -> tuple[int, int]:
    """The width and height an SVG of vl-convert's gives itself, in pixels."""
    found = re.match(r'<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"', drawn)
    assert found, "vl-convert's SVG states its size"
    return round(float(found.group(1))), round(float(found.group(2)))


def preview(drawing: str, palette: Palette) -> bytes:
    """A drawing as a PNG on the page's background, for link previews (Open Graph): a chat or a
    post shows the picture, not the SVG, and on its own background, not a transparent one. (It is
    drawn in this process: turning an SVG into pixels needs none of vl-convert's JavaScript, whose
    start ``drawing_apart`` keeps out of the build's way.)"""
    backed = re.sub(r"(<svg [^>]*>)", rf'\1<rect width="100%" height="100%" fill="{palette.background}"/>', drawing,
                    count=1)
    return vl_convert.svg_to_png(backed, scale=1)


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
