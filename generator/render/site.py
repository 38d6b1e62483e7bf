"""Every generated file of one page, in memory: an authority's page, its timeline chart and its
data to download, or an overview page (England or a region) and its grade chart.

Each function is a unit of work the build can hand to another process: it takes the model and
returns paths in the docs folder with their text, and writes nothing.
"""

from __future__ import annotations

import functools
from typing import Any

from generator.chart_cache import ChartCache, Files, digest, frameworks_digest, timeline_digests
from generator.durations import counted_to
from generator.model import Dataset, Region, Timeline
from generator.render.charts import (
    DARK,
    LIGHT,
    Row,
    chart_rows,
    framework_changes,
    grade_domain,
    in_palette,
    preview,
    recoloured,
    spec_json,
    svg,
    svg_size,
    timeline_spec,
)
from generator.render.downloads import authority_downloads
from generator.render.feeds import authority_feed_file
from generator.render.grade_chart import grade_chart_spec
from generator.render.overview import chart_segments, overview_page, page_of
from generator.render.pages import authority_page
from generator.site_config import SiteSettings
from generator.standing import tallies, views
from generator.render.paths import (
    DARK_SVG,
    GRADES_DARK_SVG,
    GRADES_LIGHT_SVG,
    GRADES_SPEC_JSON,
    LIGHT_SVG,
    PREVIEW_PNG,
    SPEC_JSON,
    beside,
    chart_path,
    page_path,
)


def authority_files(timeline: Timeline, dataset: Dataset, settings: SiteSettings,
                     charts: ChartCache) -> Files:
    """An authority's page, its events as CSV and JSON, its feed and, when it has dated events, its
    chart in both palettes, as a spec and as a picture for link previews (``settings`` give the site's and the repository's addresses;
    ``charts`` keeps charts already drawn, and pages already written). The chart runs to the as-of
    date, or to the abolition of an abolished authority."""
    until = counted_to(timeline, dataset.as_of)
    rows = chart_rows(timeline, until)
    domain, changes = grade_domain(timeline.events, dataset.frameworks), framework_changes(timeline)
    drawn = charts.files("timeline", [rows, until, domain, changes], lambda: _drawn(
        in_palette(timeline_spec(rows, until, domain, changes), LIGHT), SPEC_JSON, LIGHT_SVG, DARK_SVG,
        PREVIEW_PNG)) if rows else {}
    files: Files = {chart_path(timeline, name): content for name, content in drawn.items()}
    size = svg_size(str(drawn[LIGHT_SVG])) if drawn else None
    files.update(charts.files("authority-page", page_inputs(timeline, dataset, settings),
                              lambda: page_files(timeline, dataset, rows, settings, size), drawing=False))
    return files


def page_files(timeline: Timeline, dataset: Dataset, rows: list[Row], settings: SiteSettings,
               chart_size: tuple[int, int] | None = None) -> dict[str, str]:
    """An authority's page, its downloads and its feed: what ``page_inputs`` says they are made from
    (its chart's size follows from its rows and the code that draws it)."""
    files = {page_path(timeline): authority_page(timeline, dataset, rows, settings, chart_size)}
    files.update(authority_downloads(timeline, dataset.frameworks))
    files.update(authority_feed_file(timeline, dataset.as_of, settings.site_url))
    return files


def page_inputs(timeline: Timeline, dataset: Dataset, settings: SiteSettings) -> list[Any]:
    """Everything an authority's page, downloads and feed are made from, by which they are kept:
    after one authority's file changes, only its page and the pages of those that list it as a
    statistical neighbour are written again (or every page, if its latest grade changed: every
    page gives England's counts).

    They are made from the authority's own timeline; its neighbours' timelines, whose grades the
    page shows; every authority's record (names, regions, successions) and the frameworks (the
    words of grades and judgements); the counts by grade of its region and of England in each
    judgement pages count by; the data set's date, coverage and currency; and the site's settings.
    A test writes every page again with every other timeline's events, file and date taken away,
    and finds the same text: a page that came to read more would fail it."""
    timelines = timeline_digests(dataset)
    counts = [list(tallies(dataset, area)[group].counts.values())
              for area in views(dataset) for group in (timeline.authority.region, None)]
    return [timelines[timeline.authority.slug], [timelines[slug] for slug in timeline.authority.neighbours],
            _authorities(dataset), frameworks_digest(dataset), counts, dataset.as_of, dataset.coverage,
            dataset.currency, settings]


@functools.lru_cache(maxsize=2)
def _authorities(dataset: Dataset) -> str:
    """The digest of every authority's record, worked out once for a dataset rather than for each page."""
    return digest("authorities", [t.authority for t in dataset.timelines])


def overview_files(dataset: Dataset, region: Region | None, charts: ChartCache) -> Files:
    """The national page (``region`` None) or a region's page, with its grade chart where there is
    a grade to draw."""
    page = page_of(region)
    parts = chart_segments(dataset, region)
    drawn = charts.files("grades", parts, lambda: _drawn(
        grade_chart_spec(parts, LIGHT), GRADES_SPEC_JSON, GRADES_LIGHT_SVG, GRADES_DARK_SVG)) if parts else {}
    files = {beside(page, name): text for name, text in drawn.items()}
    files[page] = overview_page(dataset, region, svg_size(str(drawn[GRADES_LIGHT_SVG])) if drawn else None)
    return files


def _drawn(light: dict[str, Any], spec_name: str, light_name: str, dark_name: str,
           preview_name: str | None = None) -> Files:
    """A chart's spec as published (in the light palette), its drawing in each palette and, named,
    its picture for link previews."""
    drawing = svg(light)
    files: Files = {spec_name: spec_json(light), light_name: drawing, dark_name: recoloured(drawing, LIGHT, DARK)}
    if preview_name:
        files[preview_name] = preview(drawing, LIGHT)
    return files
