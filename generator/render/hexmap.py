"""The map page: England's current authorities on the House of Commons Library's hex cartogram,
coloured by the grades of their latest full inspection, a view for each judgement pages count by,
and in a last view by DfE intervention with no recorded end, with every authority (former ones
too) in a table beside it. An authority whose latest inspection made no judgement in a view's
area is shown so, never by an older grade.

Colour is never the only carrier: each area large enough to hold one carries a short code ("RI")
that the legend spells out, and the table says everything the map does. The areas are where the
Library put them; an authority the layout lacks is in the table only, and so are abolished ones.
Drawn to SVG at build time, like the other charts, in a light and a dark palette.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt

from generator.chart_cache import ChartCache, Files, digest
from generator.model import Cartogram, Dataset, Grade, JudgementArea, MapArea, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.charts import (
    DARK,
    FONT_SIZE,
    INTERVENTION_LANE,
    LANES,
    LIGHT,
    TONES,
    Palette,
    gap_colours,
    svg,
    svg_size,
)
from generator.render.overview import area_anchor
from generator.render.paths import MAP_PAGE, map_drawing, page_link, page_path, relative
from generator.render.sortable import category, sortable
from generator.standing import NO_GRADE, NOT_JUDGED, counted_as, current, standing_now, views
from generator.timeline import open_interventions

#: Each view is a pair of SVGs (light, dark) beside the page. Their specs are not published: each
#: would be half a megabyte of the layout, which data/cartogram.geojson already holds.
#: Width of the drawing in pixels; the height follows the layout's shape.
MAP_WIDTH = 560
#: An area narrower or shorter than this (in the layout's units, a hexagon is about 0.3) carries no
#: code: it would spill over its neighbours. The table still gives it.
MIN_LABEL_SIZE = 0.9

#: The codes of an authority with no current grade: its latest inspection made no such judgement,
#: or no source here gives one.
GAP_CODES = {NOT_JUDGED: "NJ", NO_GRADE: "–"}
#: Intervention labels (as ``timeline.Period`` names them), strongest first: an authority with more
#: than one is shown under the first.
INTERVENTIONS = {"Children's trust": "T", "Statutory direction": "D", "Improvement notice": "N"}
NO_INTERVENTION = "None in these data"
NOT_IN_DATA = "Not in these data"


@dataclass(frozen=True)
class Category:
    """One colour of a view: the words the legend and the table use, the code drawn in the area, and
    what picks its colour (a grade's tone, a gap, an intervention)."""

    words: str
    code: str
    colour: str

    @property
    def legend(self) -> str:
        return f"{self.code} {self.words}" if self.code else self.words


@dataclass(frozen=True)
class View:
    """One way of colouring the map: its name (of its files), its heading, what it colours by, its
    categories in the key's order, and how an authority falls into one."""

    name: str
    title: str  # what it shows, in a word or two
    heading: str
    what: str
    categories: tuple[Category, ...]
    category: Callable[[Timeline], Category]


def grade_view(area: JudgementArea, dataset: Dataset) -> View:
    """The map by the current grade in one judgement: each grade of data/frameworks.yaml, then the
    authorities whose latest inspection made no such judgement, then those with none in these data."""
    def of(key: Grade | str) -> Category:
        if isinstance(key, Grade):
            return Category(grades.label(key), key.code, key.tone.value)
        return Category(grades.counted_words(key), GAP_CODES[key], key)

    categories = tuple(of(key) for key in [*dataset.frameworks.grades, NOT_JUDGED, NO_GRADE])
    return View(area_anchor(area), area.label, f"By {area.label.lower()}",
                f"{area.label.lower()} at the latest full inspection",
                categories, lambda timeline: of(counted_as(standing_now(timeline, area, dataset))))


def intervention_category(timeline: Timeline) -> Category:
    """The strongest DfE intervention that no source in the data ends, or none."""
    labels = {period.label for period in open_interventions(timeline.events)}
    for label, code in INTERVENTIONS.items():
        if label in labels:
            return Category(label, code, label)
    return Category(NO_INTERVENTION, "", NO_INTERVENTION)


INTERVENTION_VIEW = View(
    "interventions", "DfE intervention", "By DfE intervention with no recorded end (it may have ended)",
    "DfE intervention that began and that no source in these data says has ended",
    (*(Category(label, code, label) for label, code in INTERVENTIONS.items()),
     Category(NO_INTERVENTION, "", NO_INTERVENTION)), intervention_category)


def map_views(dataset: Dataset) -> list[View]:
    """The views of the map: one for each judgement pages count by, then intervention."""
    return [*(grade_view(area, dataset) for area in views(dataset)), INTERVENTION_VIEW]


def colours(palette: Palette) -> dict[str, str]:
    """The colour of each category's ``colour`` in ``palette``: a grade's tone, a gap's, and for the
    interventions the inadequate grade's colour for a trust, requires improvement's (the low tone)
    for a direction, and the timeline's intervention row's for a notice."""
    tones = dict(zip(TONES, palette.grades))
    return {**tones, **gap_colours(palette), "Children's trust": tones["lowest"],
            "Statutory direction": tones["low"], "Improvement notice": palette.lanes[LANES.index(INTERVENTION_LANE)],
            NO_INTERVENTION: palette.empty, NOT_IN_DATA: palette.empty}


def map_spec(cartogram: Cartogram, placed: dict[str, Category], view: View, palette: Palette) -> dict[str, Any]:
    """The Vega-Lite spec of one view in one palette. ``placed`` gives each ONS code's category;
    an area whose code is not there (an authority not in the data) is drawn blank.

    Altair writes the spec around named data, which is added afterwards: handing it the shapes
    themselves made it copy and check half a megabyte of them for every drawing."""
    colour_of = colours(palette)
    ordered = {c.legend: colour_of[c.colour] for c in view.categories} | {NOT_IN_DATA: palette.empty}
    shown = [name for name in ordered if any(c.legend == name for c in placed.values())]
    if any(a.properties.ons_code not in placed for a in cartogram.features):
        shown.append(NOT_IN_DATA)
    shapes, labels = [], []
    for area in cartogram.features:
        found = placed.get(area.properties.ons_code)
        legend = found.legend if found else NOT_IN_DATA
        shapes.append({"type": "Feature", "geometry": area.geometry.model_dump(),
                       "properties": {"category": legend, "name": area.properties.name}})
        if found and found.code and _roomy(area):
            x, y = area.properties.label
            labels.append({"x": x, "y": y, "code": found.code})
    colour = alt.Color("properties.category:N", title=None,
                       scale=alt.Scale(domain=shown, range=[ordered[name] for name in shown]),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320, symbolType="square"))
    areas = alt.Chart(alt.NamedData("areas")).mark_geoshape(stroke=palette.background, strokeWidth=0.6).encode(
        color=colour)
    lettering = alt.Chart(alt.NamedData("labels")).mark_text(
        fontSize=9, fontWeight="bold", color=palette.on_grade).encode(
        longitude=alt.Longitude("x:Q"), latitude=alt.Latitude("y:Q"), text=alt.Text("code:N"))
    xs = [x for a in cartogram.features for x, _ in _points(a)]
    ys = [y for a in cartogram.features for _, y in _points(a)]
    height = round(MAP_WIDTH * (max(ys) - min(ys)) / (max(xs) - min(xs)))
    figure = alt.layer(areas, lettering).project(type="identity", reflectY=True).properties(width=MAP_WIDTH, height=height)
    spec = figure.configure(background="transparent", font="sans-serif").configure_legend(
        labelColor=palette.text, labelFontSize=FONT_SIZE).configure_view(stroke=None).to_dict()
    return {**spec, "datasets": {"areas": shapes, "labels": labels}}


def _points(area: MapArea) -> list[tuple[float, float]]:
    return [point for polygon in area.geometry.coordinates for ring in polygon for point in ring]


def _roomy(area: MapArea) -> bool:
    xs, ys = zip(*_points(area))
    return min(max(xs) - min(xs), max(ys) - min(ys)) >= MIN_LABEL_SIZE


def codes(timeline: Timeline) -> set[str]:
    """Every ONS code the authority has had: the layout of 2023 knows Sheffield by its code of then."""
    authority = timeline.authority
    return {code for code in (authority.ons_code, *authority.former_ons_codes) if code}


def placements(dataset: Dataset, view: View) -> dict[str, Category]:
    """Each current authority's category in ``view``, under each of its ONS codes."""
    return {code: view.category(t) for t in current(dataset.timelines) for code in codes(t)}


def map_page(dataset: Dataset, sizes: dict[str, md.Size]) -> str:
    """The page: every view (of the size in ``sizes`` under its name), what each shows in words,
    every authority in a table, and the credit."""
    cartogram = dataset.cartogram
    assert cartogram is not None
    on_map = {a.properties.ons_code for a in cartogram.features}
    now = current(dataset.timelines)
    missing = [t for t in now if not codes(t) & on_map]
    source = cartogram.source
    before, named, after = source.attribution.partition(source.licence)
    licence = md.link(source.licence, source.licence_url) if named else md.text(source.attribution)
    credit = (f"Map layout: {md.link(source.title, source.url)}, {md.text(source.publisher)}. "
              + (f"{md.text(before)} {licence}{md.text(after)}" if named
                 else f"{licence} ({md.link(source.licence, source.licence_url)})"))
    all_views = map_views(dataset)
    contents = " · ".join(f"[{md.text(view.title)}](#{view.name})" for view in all_views)
    parts = [
        md.front_matter("Map", "England's local authorities on a hex cartogram, by the grades of their latest "
                        "inspection of children's services and by DfE intervention, with the same data as a table."),
        "# Map",
        f"Each of England's {len(now)} current authorities is a shape of hexagons sized by population, placed "
        "by the House of Commons Library so that neighbours stay roughly together; it is not drawn to "
        "geographic scale. Each area large enough to hold one carries a code that the key spells out. The "
        "map does not name the areas: [the table below](#every-authority) gives every authority by name, "
        "including those abolished.",
        "Each authority is coloured by the grade its latest full inspection gave, judgement by judgement; one whose "
        f"latest inspection made no such judgement is marked {GAP_CODES[NOT_JUDGED]}, and no earlier grade stands "
        f"in for it. The views: {contents}.",
    ]
    for view in all_views:
        counts = _counts(dataset, view)
        parts += [f"## {md.text(view.heading)} {{#{view.name}}}",
                  view_images(dataset, view, MAP_PAGE, "The table below gives each one.", sizes[view.name]),
                  f"Counts of the {len(now)} current authorities: "
                  + "; ".join(f"{md.text(c.words)}: {n}" for c, n in counts) + "."]
    parts.append("""The intervention view shows improvement notices, statutory directions and children's trusts
that began and that no source in these data says have ended (commissioners and advisers are not
mapped). The sources list few lifting dates, so one may have ended without a record here: the
latest grades beside each in the table help to judge.""")
    parts.append(credit)
    if missing:
        parts.append("Not on the map (the layout has no area for them): "
                     + ", ".join(md.link(t.authority.name, relative(MAP_PAGE, page_path(t))) for t in missing) + ".")
    parts += ["## Every authority {#every-authority data-search-exclude}", _table(dataset, on_map)]
    return "\n\n".join(parts) + "\n"


def view_images(dataset: Dataset, view: View, page: str, more: str, size: md.Size) -> str:
    """A view's drawing (of ``size``) in each palette, as Markdown on ``page``, its text alternative
    giving its counts, then ``more`` (where its authorities are given by name)."""
    alt_text = md.text(f"Hex map of England's authorities coloured by {view.what}: "
                       + "; ".join(f"{c.words} {n}" for c, n in _counts(dataset, view)) + f". {more}")
    light, dark = (relative(page, map_drawing(view.name, p.name)) for p in (LIGHT, DARK))
    return md.drawing(alt_text, light, dark, "it-map", size, lazy=True)


def _counts(dataset: Dataset, view: View) -> list[tuple[Category, int]]:
    """How many current authorities fall in each category of ``view``, in the key's order."""
    found = Counter(view.category(t) for t in current(dataset.timelines))
    return sorted(found.items(), key=lambda item: view.categories.index(item[0]))


def _table(dataset: Dataset, on_map: set[str]) -> str:
    areas = views(dataset)
    rows = []
    for timeline in dataset.timelines:
        authority = timeline.authority
        link = h.link(authority.name, page_link(MAP_PAGE, page_path(timeline)))
        judged = []
        for area in areas:
            found = standing_now(timeline, area, dataset)
            key = counted_as(found)
            judged.append(grades.sortable(found, dataset.frameworks, key.code if isinstance(key, Grade) else GAP_CODES[key]))
        intervention = intervention_category(timeline)
        if authority.abolished:
            where = f"No: abolished {authority.abolished.display()}"
        else:
            where = "Yes" if codes(timeline) & on_map else "No: not in the layout"
        strength = category(INTERVENTION_VIEW.categories.index(intervention), h.text(intervention.legend))
        rows.append([link, h.text(authority.region.label), *judged, strength, where])
    return sortable(["Authority", "Region", *(h.text(a.label) for a in areas), "DfE intervention, no recorded end",
                     "On the map"], rows)


def map_files(dataset: Dataset, charts: ChartCache) -> Files:
    """The map page and its drawings (``charts`` keeps those already drawn); without a layout in the
    data, a page that says so."""
    if dataset.cartogram is None:
        return {MAP_PAGE: md.front_matter("Map", "No map: these data have no layout.") + "# Map\n\n"
                "These data have no map layout (data/cartogram.geojson); `python -m generator import` writes it.\n"}
    cartogram = dataset.cartogram
    layout = digest("cartogram", cartogram)  # once, not for each view: the layout is most of the inputs
    files: Files = {}
    for view in map_views(dataset):
        placed = placements(dataset, view)
        files.update(charts.files("map", [layout, placed, view.name, view.categories], lambda: {
            map_drawing(view.name, palette.name): svg(map_spec(cartogram, placed, view, palette))
            for palette in (LIGHT, DARK)}))
    files[MAP_PAGE] = map_page(dataset, {view.name: svg_size(str(files[map_drawing(view.name, LIGHT.name)]))
                                         for view in map_views(dataset)})
    return files
