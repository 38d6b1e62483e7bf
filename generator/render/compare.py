"""The compare page: a reader picks two to six authorities and sees their timelines one above the
other, with the choice kept in the page's address (``compare/?a=trafford&a=kingston-upon-hull``)
so that it can be shared, or a preset (``compare/?neighbours=hull``: an authority and its statistical
neighbours); an address may name an authority by its slug, its name or another name it goes by.

The chart depends on the reader's choice, so the page's script (docs/javascripts/compare.js)
draws it in the browser with Vega-Lite, from one file of data written here: every authority's
name, region, current grades, page and chart rows, and the chart's spec in both palettes
(compare_chart.py). Without JavaScript the page still says something useful: the script's place
holds a note that the chart needs it, and a table (in a ``noscript`` element, which a browser
running the script does not parse) lists every authority with its current grades, its latest full
inspection and a link to its page, where its own chart is.
"""

from __future__ import annotations

import json
from typing import Any

from generator.chart_cache import ChartCache, Files
from generator.durations import counted_to
from generator.model import Dataset, Region, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.charts import DARK, LIGHT, chart_rows, framework_changes, grade_domain
from generator.render.compare_chart import COLUMNS, compare_rows, compare_spec, vega_bundle
from generator.render.dates import when
from generator.render.paths import (
    COMPARE_INDEX,
    COMPARE_PAGE,
    COMPARE_SCRIPT,
    VEGA_BUNDLE,
    anchor,
    page_link,
    page_path,
    page_url,
    relative,
    relative_url,
)
from generator.render.sortable import category, date, sortable
from generator.standing import is_current, standing_now, views
from generator.timeline import Gap, Standing, latest_full_inspection, placed_on

TITLE = "Compare authorities"
#: How many authorities the chart sets one above the other, at most.
MOST = 6
#: The id of the element the script fills in; its data attributes tell the script where things are.
ROOT_ID = "it-compare"
NEEDS_SCRIPT = ("The side-by-side chart needs JavaScript, which is off or has not loaded in this browser. "
                "The table below lists every authority with the grades of its latest full inspection; each "
                "authority's own page has its timeline chart and every event as text.")


def compare_files(dataset: Dataset, charts: ChartCache) -> Files:
    """The compare page, its data and the bundle of Vega that draws its chart, by path in the docs.
    The bundle (a few seconds of vl-convert's time) and the chart's specs (a tenth of a second of
    Altair's, and the same for any data) are kept in ``charts``."""
    files = charts.files("vega-bundle", [], lambda: {VEGA_BUNDLE: vega_bundle()})
    domain = grade_domain((e for t in dataset.timelines for e in t.events), dataset.frameworks)
    specs = charts.files("compare-specs", [domain], lambda: {
        p.name: json.dumps(compare_spec(p, domain)) for p in (LIGHT, DARK)}, drawing=False)
    files[COMPARE_PAGE] = compare_page(dataset)
    files[COMPARE_INDEX] = json.dumps(compare_index(dataset, {name: json.loads(spec) for name, spec in specs.items()}),
                                      ensure_ascii=False, separators=(",", ":")) + "\n"
    return files


def compare_page(dataset: Dataset) -> str:
    """The page: what it does, the place the script fills in, and a table of every authority.

    The script is named in the page itself, not in mkdocs.yml, so that only this page loads it and
    the bundle; the theme's instant navigation runs the scripts of a page it swaps in, and the
    script starts each time it runs."""
    place = (f'<div id="{ROOT_ID}" class="it-compare" data-index="{relative_url(COMPARE_PAGE, COMPARE_INDEX)}" '
             f'data-vega="{relative_url(COMPARE_PAGE, VEGA_BUNDLE)}" data-most="{MOST}">\n'
             f'<p class="it-compare__fallback">{NEEDS_SCRIPT}</p>\n</div>\n'
             f'<script src="{relative_url(COMPARE_PAGE, COMPARE_SCRIPT)}"></script>')
    return "\n\n".join([
        md.front_matter(TITLE, f"Two to {_words(MOST)} English local authorities' Ofsted inspections, visits and "
                               "DfE intervention, one above the other on one time axis."),
        f"# {TITLE}",
        f"Choose two to {_words(MOST)} authorities to see their timelines one above the other, on one time axis: "
        "overall grades, visits, DfE intervention and other events, drawn as on each authority's page. The "
        "page's address keeps the choice, so that it can be bookmarked or shared: for example, "
        "`compare/?a=trafford&a=hull` compares Trafford and Kingston upon Hull (an address may name an authority "
        "by its name or another name it goes by), and `compare/?neighbours=hull` compares Kingston upon Hull with "
        f"its closest {_words(MOST - 1)} statistical neighbours, as the link on each authority's page does. Below "
        "the chart, a table lists each chosen authority's events.",
        place,
        # Only without the script: with it, the list to choose from names every authority, and the
        # national page has the same table; the browser does not even parse it, which keeps this page
        # fast on a phone. Every authority's page and the national page put these rows in the search
        # index already.
        "\n".join([
            "<noscript>",
            '<h2 id="all" data-search-exclude>Every authority</h2>',
            h.paragraph("Every authority in these data, with the grades of its latest full inspection, judgement by "
                        "judgement (or why it has none), and its date. Each name leads to the authority's page and "
                        "its own timeline chart."),
            sortable(["Authority", "Region", *(h.text(a.label) for a in views(dataset)), "Latest full inspection"],
                     [_table_row(t, dataset) for t in dataset.timelines]),
            "</noscript>",
        ]),
    ]) + "\n"


def _words(number: int) -> str:
    return ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"][number]


def _table_row(timeline: Timeline, dataset: Dataset) -> list[str]:
    link = page_link(COMPARE_PAGE, page_path(timeline))
    name = timeline.authority.name + ("" if is_current(timeline) else " (former)")
    newest = latest_full_inspection(timeline.events)
    judged = [grades.sortable(standing_now(timeline, area, dataset), dataset.frameworks)
              for area in views(dataset)]
    inspected = (date(placed_on(newest), h.link(when(newest), f"{link}#{anchor(newest.id)}")) if newest
                 else "None dated in these data")
    region = timeline.authority.region
    return [h.link(name, link), category(list(Region).index(region), h.text(region.label)), *judged, inspected]


def compare_index(dataset: Dataset, specs: dict[str, Any]) -> dict[str, Any]:
    """The data the script draws from: every authority with its grades at its latest full inspection
    in each judgement pages count by (``views``) and its rows, and ``specs``, the chart's spec in
    each palette by the palette's name.

    Addresses in it are relative to the file, and each authority's rows are lists in the order of
    ``columns``, which keeps the file small."""
    return {
        "regions": [r.label for r in Region],
        "views": [area.label for area in views(dataset)],
        "columns": list(COLUMNS),
        "specs": specs,
        "authorities": [_authority(t, dataset) for t in dataset.timelines],
    }


def _authority(timeline: Timeline, dataset: Dataset) -> dict[str, Any]:
    authority = timeline.authority
    until = counted_to(timeline, dataset.as_of)
    newest = latest_full_inspection(timeline.events)
    return {
        "slug": authority.slug,
        "name": authority.name,
        "former": not is_current(timeline),
        "region": authority.region.label,
        "page": relative(COMPARE_INDEX, page_url(page_path(timeline))) + "/",
        "grades": [_grade(standing_now(timeline, area, dataset)) for area in views(dataset)],
        "inspected": {"when": when(newest), "anchor": anchor(newest.id)} if newest else None,
        # The names an address may use (?a=hull), and the preset ?neighbours= reads.
        **({"aliases": list(authority.aliases)} if authority.aliases else {}),
        **({"neighbours": list(authority.neighbours)} if authority.neighbours else {}),
        "rows": compare_rows(chart_rows(timeline, until), until, framework_changes(timeline)),
    }


def _grade(found: Standing | Gap) -> dict[str, str]:
    """A current grade for the script: its words and tone (which names its badge's colour), or, with
    no tone, why there is none."""
    if isinstance(found, Standing):
        return {"label": grades.label(found.grade), "tone": found.grade.tone.value}
    return {"label": grades.gap_words(found)}
