"""The chart of current grades: for each group of authorities (a region, England), the share of
its current authorities holding each latest overall grade, with the count written on the bar.

Shares rather than counts, so that a region of a dozen authorities reads against England's
hundred and fifty; the counts are written on the segments, and the pages give them in full in a
table beside the chart. The segments are computed here, not stacked by Vega-Lite, so that the
chart and the table are made from the same numbers. Drawn to SVG at build time, like the
timeline charts, in a light and a dark palette.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import altair as alt

from generator.model import Grade
from generator.render import grades
from generator.render.charts import FONT_SIZE, PLOT_WIDTH, Palette
from generator.standing import Tally

#: A segment narrower than this many pixels carries no number (the table still gives it).
MIN_LABEL_WIDTH = 16
AXIS_TITLE = "Share of current authorities"


@dataclass(frozen=True)
class Segment:
    """One grade's part of one group's bar."""

    group: str
    grade: str  # the grade's label, or grades.NO_GRADE
    count: int
    total: int
    start: float  # the share of the group's authorities before this segment
    end: float


def _categories(tally: Tally) -> list[tuple[Grade | None, str]]:
    return [(grade, grades.label(grade) if grade else grades.NO_GRADE) for grade in tally.counts]


def segments(groups: list[tuple[str, Tally]]) -> list[Segment]:
    """The bars' segments, group by group in the order given, grades best first, empty ones left out.
    A group with no current authority has no bar."""
    out = []
    for name, tally in groups:
        before = 0
        for grade, words in _categories(tally):
            count = tally.counts[grade]
            if count:
                out.append(Segment(name, words, count, tally.total, round(before / tally.total, 6),
                                   round((before + count) / tally.total, 6)))
                before += count
    return out


def grade_chart_spec(parts: list[Segment], palette: Palette) -> dict[str, Any]:
    """The Vega-Lite spec of the chart in one palette."""
    colours = dict(zip([grades.label(g) for g in Grade], palette.grades)) | {grades.NO_GRADE: palette.ungraded}
    shown = [words for words in colours if any(s.grade == words for s in parts)]
    groups = list(dict.fromkeys(s.group for s in parts))
    values = [asdict(s) | {"mid": round((s.start + s.end) / 2, 6)} for s in parts]
    y = alt.Y("group:N", title=None, sort=groups, axis=alt.Axis(labelLimit=240))
    bars = alt.Chart(alt.Data(values=values)).mark_bar(height={"band": 0.75}).encode(
        x=alt.X("start:Q", title=AXIS_TITLE, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        x2="end:Q", y=y,
        color=alt.Color("grade:N", scale=alt.Scale(domain=shown, range=[colours[w] for w in shown]),
                        legend=alt.Legend(title=None, orient="bottom", columns=3, labelLimit=300)),
    )
    labelled = [v for v in values if (v["end"] - v["start"]) * PLOT_WIDTH >= MIN_LABEL_WIDTH]
    numbers = alt.Chart(alt.Data(values=labelled)).mark_text(
        color=palette.on_grade, fontSize=12, fontWeight="bold").encode(x="mid:Q", y=y, text="count:Q")
    figure = alt.layer(bars, numbers).properties(width=PLOT_WIDTH, height=alt.Step(30))
    return figure.configure(background="transparent", font="sans-serif").configure_axis(
        labelColor=palette.text, titleColor=palette.text, gridColor=palette.grid, domainColor=palette.grid,
        tickColor=palette.grid, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE,
    ).configure_legend(labelColor=palette.text, labelFontSize=FONT_SIZE).configure_view(
        stroke=palette.grid).to_dict()
