"""Every generated file of one page, in memory: an authority's page, its timeline chart and its
data to download, or an overview page (England or a region) and its grade chart.

Each function is a unit of work the build can hand to another process: it takes the model and
returns paths in the docs folder with their text, and writes nothing.
"""

from __future__ import annotations

from generator.durations import counted_to
from generator.model import Dataset, Region, Timeline
from generator.render.charts import DARK, LIGHT, chart_rows, spec_json, svg, timeline_spec
from generator.render.downloads import authority_downloads
from generator.render.feeds import authority_feed_file
from generator.render.grade_chart import grade_chart_spec
from generator.render.overview import chart_segments, overview_page, page_of
from generator.render.pages import authority_page
from generator.site_config import SiteSettings
from generator.render.paths import (
    DARK_SVG,
    GRADES_DARK_SVG,
    GRADES_LIGHT_SVG,
    GRADES_SPEC_JSON,
    LIGHT_SVG,
    SPEC_JSON,
    beside,
    chart_path,
    page_path,
)


def authority_files(timeline: Timeline, dataset: Dataset, settings: SiteSettings) -> dict[str, str]:
    """An authority's page, its events as CSV and JSON, its feed and, when it has dated events, its
    chart in both palettes and as a spec (``settings`` give the site's and the repository's addresses).
    The chart runs to the as-of date, or to the abolition of an abolished authority."""
    until = counted_to(timeline, dataset.as_of)
    rows = chart_rows(timeline, until)
    files = {page_path(timeline): authority_page(timeline, dataset, rows, settings)}
    files.update(authority_downloads(timeline))
    files.update(authority_feed_file(timeline, dataset.as_of, settings.site_url))
    if rows:
        light = timeline_spec(rows, until, LIGHT)
        files[chart_path(timeline, SPEC_JSON)] = spec_json(light)
        files[chart_path(timeline, LIGHT_SVG)] = svg(light)
        files[chart_path(timeline, DARK_SVG)] = svg(timeline_spec(rows, until, DARK))
    return files


def overview_files(dataset: Dataset, region: Region | None) -> dict[str, str]:
    """The national page (``region`` None) or a region's page, with its grade chart where there is
    a grade to draw."""
    page = page_of(region)
    files = {page: overview_page(dataset, region)}
    parts = chart_segments(dataset, region)
    if parts:
        light = grade_chart_spec(parts, LIGHT)
        files[beside(page, GRADES_SPEC_JSON)] = spec_json(light)
        files[beside(page, GRADES_LIGHT_SVG)] = svg(light)
        files[beside(page, GRADES_DARK_SVG)] = svg(grade_chart_spec(parts, DARK))
    return files
