"""The map page: England's current authorities on the House of Commons Library's hex cartogram,
coloured by latest overall grade and, in a second view, by DfE intervention with no recorded end,
with every authority (former ones too) in a table beside it.

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

from generator.chart_cache import ChartCache
from generator.model import Cartogram, Dataset, Grade, MapArea, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render.charts import DARK, FONT_SIZE, INTERVENTION_LANE, LANES, LIGHT, Palette, svg
from generator.render.paths import MAP_PAGE, map_drawing, page_path, relative
from generator.render.sortable import category, sortable
from generator.standing import current
from generator.timeline import latest_judgement, open_interventions

#: Each view is a pair of SVGs (light, dark) beside the page. Their specs are not published: each
#: would be half a megabyte of the layout, which data/cartogram.geojson already holds.
#: Width of the drawing in pixels; the height follows the layout's shape.
MAP_WIDTH = 560
#: An area narrower or shorter than this (in the layout's units, a hexagon is about 0.3) carries no
#: code: it would spill over its neighbours. The table still gives it.
MIN_LABEL_SIZE = 0.9

_GRADE_CODES = {Grade.OUTSTANDING: "O", Grade.GOOD: "G", Grade.ADEQUATE: "A",
                Grade.REQUIRES_IMPROVEMENT: "RI", Grade.INADEQUATE: "I"}
NO_GRADE_CODE = "–"
#: Intervention labels (as ``timeline.Period`` names them), strongest first: an authority with more
#: than one is shown under the first.
INTERVENTIONS = {"Children's trust": "T", "Statutory direction": "D", "Improvement notice": "N"}
NO_INTERVENTION = "None in these data"
NOT_IN_DATA = "Not in these data"


@dataclass(frozen=True)
class Category:
    """One colour of a view: the words the legend and the table use, and the code drawn in the area."""

    words: str
    code: str

    @property
    def legend(self) -> str:
        return f"{self.code} {self.words}" if self.code else self.words


def _grade_code(grade: Grade | None) -> str:
    return _GRADE_CODES[grade] if grade is not None else NO_GRADE_CODE


def grade_category(timeline: Timeline, dataset: Dataset) -> Category:
    """An authority's latest overall grade, or that it has none in the data."""
    latest = latest_judgement(timeline.events, dataset.as_of)
    grade = latest.grade if latest else None
    return Category(grades.label(grade) if grade else grades.NO_GRADE, _grade_code(grade))


def intervention_category(timeline: Timeline) -> Category:
    """The strongest DfE intervention that no source in the data ends, or none."""
    labels = {period.label for period in open_interventions(timeline.events)}
    for label, code in INTERVENTIONS.items():
        if label in labels:
            return Category(label, code)
    return Category(NO_INTERVENTION, "")


@dataclass(frozen=True)
class View:
    """One way of colouring the map: its heading, what it colours by, its categories in the key's order
    with their colours, and how an authority falls into one."""

    name: str
    heading: str
    what: str
    categories: Callable[[], list[Category]]
    colours: Callable[[Palette], list[str]]
    category: Callable[[Timeline, Dataset], Category]


def _grade_categories() -> list[Category]:
    return [Category(grades.label(g) if g else grades.NO_GRADE, _grade_code(g)) for g in [*Grade, None]]


def _intervention_categories() -> list[Category]:
    return [*(Category(label, code) for label, code in INTERVENTIONS.items()), Category(NO_INTERVENTION, "")]


def _intervention_colours(palette: Palette) -> list[str]:
    """The inadequate grade's colour for a trust, requires improvement's for a direction, and the
    timeline's intervention row's for a notice."""
    grade = dict(zip(Grade, palette.grades))
    return [grade[Grade.INADEQUATE], grade[Grade.REQUIRES_IMPROVEMENT], palette.lanes[LANES.index(INTERVENTION_LANE)],
            palette.empty]


VIEWS = (
    View("grades", "By latest overall grade", "latest overall grade", _grade_categories,
         lambda palette: [*palette.grades, palette.ungraded], grade_category),
    View("interventions", "By DfE intervention with no recorded end (it may have ended)",
         "DfE intervention that began and that no source in these data says has ended", _intervention_categories,
         _intervention_colours, lambda timeline, _: intervention_category(timeline)),
)


def map_spec(cartogram: Cartogram, placed: dict[str, Category], view: View, palette: Palette) -> dict[str, Any]:
    """The Vega-Lite spec of one view in one palette. ``placed`` gives each ONS code's category;
    an area whose code is not there (an authority not in the data) is drawn blank."""
    colours = dict(zip([c.legend for c in view.categories()], view.colours(palette))) | {NOT_IN_DATA: palette.empty}
    shown = [name for name in colours if any(c.legend == name for c in placed.values())]
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
                       scale=alt.Scale(domain=shown, range=[colours[name] for name in shown]),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320, symbolType="square"))
    areas = alt.Chart(alt.Data(values=shapes)).mark_geoshape(stroke=palette.background, strokeWidth=0.6).encode(
        color=colour)
    lettering = alt.Chart(alt.Data(values=labels)).mark_text(
        fontSize=9, fontWeight="bold", color=palette.on_grade).encode(longitude="x:Q", latitude="y:Q", text="code:N")
    xs = [x for a in cartogram.features for x, _ in _points(a)]
    ys = [y for a in cartogram.features for _, y in _points(a)]
    height = round(MAP_WIDTH * (max(ys) - min(ys)) / (max(xs) - min(xs)))
    figure = alt.layer(areas, lettering).project(type="identity", reflectY=True).properties(width=MAP_WIDTH, height=height)
    return figure.configure(background="transparent", font="sans-serif").configure_legend(
        labelColor=palette.text, labelFontSize=FONT_SIZE).configure_view(stroke=None).to_dict()


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
    return {code: view.category(t, dataset) for t in current(dataset.timelines) for code in codes(t)}


def map_page(dataset: Dataset) -> str:
    """The page: the two views, what they show in words, every authority in a table, and the credit."""
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
    parts = [
        md.front_matter("Map", "England's local authorities on a hex cartogram, by latest overall grade of "
                        "children's services and by DfE intervention, with the same data as a table."),
        "# Map",
        f"Each of England's {len(now)} current authorities is a shape of hexagons sized by population, placed "
        "by the House of Commons Library so that neighbours stay roughly together; it is not drawn to "
        "geographic scale. Each area large enough to hold one carries a code that the key spells out. The "
        "map does not name the areas: [the table below](#every-authority) gives every authority by name, "
        "including those abolished.",
    ]
    for view in VIEWS:
        counts = _counts(dataset, view)
        alt_text = md.text(f"Hex map of England's authorities coloured by {view.what}: "
                           + "; ".join(f"{c.words} {n}" for c, n in counts) + ". The table below gives each one.")
        light, dark = (relative(MAP_PAGE, map_drawing(view.name, p.name)) for p in (LIGHT, DARK))
        parts += [f"## {view.heading}",
                  f"![{alt_text}]({light}#only-light){{ .it-map }}\n![{alt_text}]({dark}#only-dark){{ .it-map }}",
                  f"Counts of the {len(now)} current authorities: "
                  + "; ".join(f"{md.text(c.words)}: {n}" for c, n in counts) + "."]
    parts.append("""The intervention view shows improvement notices, statutory directions and children's trusts
that began and that no source in these data says have ended (commissioners and advisers are not
mapped). The sources list few lifting dates, so one may have ended without a record here: the
latest grade beside each in the table helps to judge.""")
    parts.append(credit)
    if missing:
        parts.append("Not on the map (the layout has no area for them): "
                     + ", ".join(md.link(t.authority.name, relative(MAP_PAGE, page_path(t))) for t in missing) + ".")
    parts += ["## Every authority {#every-authority data-search-exclude}", _table(dataset, on_map)]
    return "\n\n".join(parts) + "\n"


def _counts(dataset: Dataset, view: View) -> list[tuple[Category, int]]:
    """How many current authorities fall in each category of ``view``, in the key's order."""
    found = Counter(view.category(t, dataset) for t in current(dataset.timelines))
    order = view.categories()
    return sorted(found.items(), key=lambda item: order.index(item[0]))


def _table(dataset: Dataset, on_map: set[str]) -> str:
    rows = []
    for timeline in dataset.timelines:
        authority = timeline.authority
        link = md.link(authority.name, relative(MAP_PAGE, page_path(timeline)))
        latest = latest_judgement(timeline.events, dataset.as_of)
        grade = grades.sortable_grade(latest.grade if latest else None, _grade_code(latest.grade if latest else None))
        intervention = intervention_category(timeline)
        if authority.abolished:
            where = f"No: abolished {authority.abolished.display()}"
        else:
            where = "Yes" if codes(timeline) & on_map else "No: not in the layout"
        strength = category(_intervention_categories().index(intervention), md.text(intervention.legend))
        rows.append([link, md.text(authority.region.label), grade, strength, where])
    return sortable(md.table(["Authority", "Region", "Latest overall grade", "DfE intervention, no recorded end",
                              "On the map"], rows))


def map_files(dataset: Dataset, charts: ChartCache) -> dict[str, str]:
    """The map page and its drawings (``charts`` keeps those already drawn); without a layout in the
    data, a page that says so."""
    if dataset.cartogram is None:
        return {MAP_PAGE: md.front_matter("Map", "No map: these data have no layout.") + "# Map\n\n"
                "These data have no map layout (data/cartogram.geojson); `python -m generator import` writes it.\n"}
    cartogram = dataset.cartogram
    files: dict[str, str] = {}
    for view in VIEWS:
        placed = placements(dataset, view)
        files.update(charts.files("map", [cartogram, placed, view.name], lambda: {
            map_drawing(view.name, palette.name): svg(map_spec(cartogram, placed, view, palette))
            for palette in (LIGHT, DARK)}))
    files[MAP_PAGE] = map_page(dataset)
    return files
