"""The chart of current grades: for each judgement pages count by, the share of a group's current
authorities (England's, or a region's beside England's) holding each grade, with the count written
on the bar.

Shares rather than counts, so that a region of a dozen authorities reads against England's
hundred and fifty; the counts are written on the segments, and the pages give them in full in
tables beside the chart. The segments are computed here, not stacked by Vega-Lite, so that the
chart and the tables are made from the same numbers. Authorities whose latest inspection made no
such judgement, and those with no grade in these data, have segments of their own: no older
grade stands in for theirs. Drawn to SVG at build time, like the timeline charts, in a light and
a dark palette.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import altair as alt

from generator.model import Grade
from generator.render import grades
from generator.render.charts import FONT_SIZE, PLOT_WIDTH, TONES, Palette, gap_colours
from generator.standing import Tally

#: A segment narrower than this many pixels carries no number (the tables still give it).
MIN_LABEL_WIDTH = 16
AXIS_TITLE = "Share of current authorities"


@dataclass(frozen=True)
class Bar:
    """One group's current authorities counted in one judgement."""

    view: str  # the judgement's words
    group: str  # England, or a region
    tally: Tally


@dataclass(frozen=True)
class Segment:
    """One grade's part of one bar."""

    view: str
    group: str
    grade: str  # the grade's words, or grades.NOT_JUDGED or grades.NO_GRADE
    colour: str  # what colours it: the grade's tone, or NOT_JUDGED or NO_GRADE
    count: int
    total: int
    start: float  # the share of the group's authorities before this segment
    end: float


def segments(bars: list[Bar]) -> list[Segment]:
    """The bars' segments, bar by bar in the order given, grades in the order of data/frameworks.yaml
    and then those without one, empty ones left out. A group with no current authority has no bar."""
    out = []
    for bar in bars:
        tally, before = bar.tally, 0
        for key, count in tally.counts.items():
            if not count:
                continue
            colour = key.tone.value if isinstance(key, Grade) else key
            out.append(Segment(bar.view, bar.group, grades.counted_words(key), colour, count, tally.total,
                               round(before / tally.total, 6), round((before + count) / tally.total, 6)))
            before += count
    return out


def grade_chart_spec(parts: list[Segment], palette: Palette) -> dict[str, Any]:
    """The Vega-Lite spec of the chart in one palette."""
    colours = dict(zip(TONES, palette.grades)) | gap_colours(palette)
    shown = list(dict.fromkeys(s.grade for s in parts))
    by_words = {s.grade: colours[s.colour] for s in parts}
    views = list(dict.fromkeys(s.view for s in parts))
    groups = list(dict.fromkeys(s.group for s in parts))
    values = [asdict(s) | {"mid": round((s.start + s.end) / 2, 6)} for s in parts]
    for value in values:
        value["labelled"] = (value["end"] - value["start"]) * PLOT_WIDTH >= MIN_LABEL_WIDTH
    # One bar a judgement; where a region is set beside England, a panel a judgement, a bar a group.
    y = alt.Y("group:N" if len(groups) > 1 else "view:N", title=None, sort=groups if len(groups) > 1 else views,
              axis=alt.Axis(labelLimit=240))
    base = alt.Chart() if len(groups) > 1 else alt.Chart(alt.Data(values=values))
    bars = base.mark_bar(height={"band": 0.75}).encode(
        x=alt.X("start:Q", title=AXIS_TITLE, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        x2=alt.X2("end:Q"), y=y,
        color=alt.Color("grade:N", scale=alt.Scale(domain=shown, range=[by_words[w] for w in shown]),
                        legend=alt.Legend(title=None, orient="bottom", columns=3, labelLimit=300)),
    )
    numbers = base.transform_filter("datum.labelled").mark_text(
        color=palette.on_grade, fontSize=12, fontWeight="bold").encode(x=alt.X("mid:Q"), y=y, text=alt.Text("count:Q"))
    figure: Any = alt.layer(bars, numbers).properties(width=PLOT_WIDTH, height=alt.Step(30))
    if len(groups) > 1:
        header = alt.Header(title=None, labelAngle=0, labelOrient="top", labelAnchor="start", labelAlign="left",
                            labelFontSize=FONT_SIZE, labelFontWeight="bold", labelColor=palette.text, labelLimit=0)
        figure = figure.facet(row=alt.Row("view:N", header=header, sort=views), data=alt.Data(values=values),
                              spacing=8)
    return figure.configure(background="transparent", font="sans-serif").configure_axis(
        labelColor=palette.text, titleColor=palette.text, gridColor=palette.grid, domainColor=palette.grid,
        tickColor=palette.grid, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE,
    ).configure_legend(labelColor=palette.text, labelFontSize=FONT_SIZE).configure_view(
        stroke=palette.grid).to_dict()
