"""The map: its layout converted from the House of Commons Library's GeoPackage, checked when it is
read, and drawn on the map page in two views beside a table that says the same."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import Project
from generator.importer.cartogram import GEOPACKAGE, LAYER, SOURCE, Labels, read_cartogram, short_names
from generator.model import Dataset
from generator.problems import DataProblems
from generator.render.hexmap import GAP_CODES, INTERVENTIONS, intervention_category, map_views
from generator.standing import NOT_JUDGED, current
from generator.timeline import PERIOD_LABELS
from generator.validate import CARTOGRAM, load_dataset
from tests.conftest import ROOT, SEED_AUTHORITIES, copy_project, html, shared_file


# ---------------------------------------------------------------------------------------------
# The layout


def test_the_shipped_layout_is_the_geopackage_converted() -> None:
    """data/cartogram.geojson is exactly what the import makes of the Library's file: no position
    in it was placed by hand."""
    text, _ = read_cartogram(shared_file("data/" + GEOPACKAGE))
    assert text == (ROOT / "data" / CARTOGRAM).read_text("utf-8")


def test_each_area_keeps_the_librarys_position() -> None:
    import pyogrio
    import shapely

    path = shared_file("data/" + GEOPACKAGE)
    meta, _, geometry, fields = pyogrio.raw.read(path, layer=LAYER)
    columns = dict(zip(meta["fields"], fields))
    raw = {code: shape for code, shape in zip(columns["cua-code"], shapely.from_wkb(geometry)) if code.startswith("E")}
    layout = json.loads((ROOT / "data" / CARTOGRAM).read_text("utf-8"))
    assert layout["source"] == SOURCE
    converted = {f["properties"]["ons_code"]: shapely.geometry.shape(f["geometry"]) for f in layout["features"]}
    assert set(converted) == set(raw) and len(converted) == 153
    for code, shape in converted.items():
        assert shape.is_valid, code
        assert max(abs(a - b) for a, b in zip(shape.bounds, raw[code].bounds)) < 0.003, code
        assert abs(shape.area - raw[code].area) / raw[code].area < 0.01, code
        x, y = next(f for f in layout["features"] if f["properties"]["ons_code"] == code)["properties"]["label"]
        assert shape.contains(shapely.Point(x, y)), f"{code}'s label point is outside its area"


@pytest.mark.parametrize(("name", "labels", "expected"), [
    ("North Northamptonshire", Labels("Northamptonshire", "Northants", None), {"North Northants"}),
    ("Warwickshire", Labels("Warwickshire", "Warwicks.", None), {"Warwicks"}),
    ("Stoke-on-Trent", Labels("Staffordshire", "Staffs", "Stoke"), {"Stoke"}),
    ("Swindon", Labels("Wiltshire", "Wiltshire", "Swin."), set()),  # an abbreviation made to fit
    ("Peterborough", Labels("Cambridgeshire", "Cambs", "P'boro"), set()),
    ("Derby", Labels("Derbyshire", "Derbs", "Derby"), set()),  # the label is the name
])
def test_short_names_come_from_the_maps_labels(name: str, labels: Labels, expected: set[str]) -> None:
    assert short_names(name, labels) == expected


def test_the_register_carries_the_short_names_with_their_source(dataset: Dataset) -> None:
    by_slug = {t.authority.slug: t.authority for t in dataset.timelines}
    for slug, alias in [("north-northamptonshire", "North Northants"), ("west-northamptonshire", "West Northants"),
                        ("stoke-on-trent", "Stoke"), ("hertfordshire", "Herts")]:
        authority = by_slug[slug]
        assert alias in authority.aliases
        assert any(s.url == SOURCE["url"] for s in authority.sources), slug


def _with_layout(tmp_path: Path, text: str) -> Project:
    project = copy_project(tmp_path, only=SEED_AUTHORITIES)
    (project.data / CARTOGRAM).write_text(text, "utf-8")
    return project


def _problems(project: Project) -> list[str]:
    with pytest.raises(DataProblems) as raised:
        load_dataset(project.data, project.root)
    return [str(p) for p in raised.value.problems]


def test_a_broken_layout_is_reported_with_its_line(tmp_path: Path) -> None:
    project = _with_layout(tmp_path, '{\n "type": "FeatureCollection",\n "features": [\n}\n')
    assert _problems(project) == [f"data/{CARTOGRAM}:4: not valid JSON: Expecting value"]


def test_a_layout_with_wrong_values_is_reported_field_by_field(tmp_path: Path) -> None:
    layout = json.loads((ROOT / "data" / CARTOGRAM).read_text("utf-8"))
    layout["features"][1]["properties"]["ons_code"] = layout["features"][0]["properties"]["ons_code"]
    layout["features"][2]["properties"]["ons_code"] = "W06000001"
    layout["source"]["url"] = "javascript:alert(1)"
    del layout["source"]["attribution"]
    project = _with_layout(tmp_path, json.dumps(layout))
    found = _problems(project)
    assert f"data/{CARTOGRAM}:1: source.attribution: required field is missing; the credit line the licence " \
           "asks for, shown with the map" in found
    assert f"data/{CARTOGRAM}:1: source.url: 'javascript:alert(1)' is not an http(s) address; only http:// " \
           "and https:// links are allowed" in found
    assert any(p.startswith(f"data/{CARTOGRAM}:1: features[2].properties.ons_code: 'W06000001' is not an ONS code")
               for p in found)
    assert len(found) == 3  # the duplicate is found once the file's shape is valid
    layout["source"] = json.loads((ROOT / "data" / CARTOGRAM).read_text("utf-8"))["source"]
    layout["features"][2]["properties"]["ons_code"] = "E99999999"
    (project.data / CARTOGRAM).write_text(json.dumps(layout), "utf-8")
    code = layout["features"][0]["properties"]["ons_code"]
    assert _problems(project) == [f"data/{CARTOGRAM}:1: features[1].properties.ons_code: ONS code {code} already "
                                  "has an area on the map (features[0]); an authority has one"]


# ---------------------------------------------------------------------------------------------
# The page


def _svg(built: Project, name: str) -> BeautifulSoup:
    return BeautifulSoup((built.build / "site" / "map" / name).read_text("utf-8"), "html.parser")


def test_map_page_shows_every_view_in_both_palettes_with_text(built: Project, dataset: Dataset) -> None:
    page = html(built, "map")
    images = page.select("img.it-map")
    views = map_views(dataset)
    assert [v.name for v in views] == ["overall-effectiveness", "impact-of-leaders", "help-and-protection",
                                       "children-in-care", "care-leavers", "interventions"]
    assert [img["src"] for img in images] == [f"{v.name}-{p}.svg#only-{p}" for v in views for p in ("light", "dark")]
    now = current(dataset.timelines)
    lead = f"Counts of the {len(now)} current authorities: "
    counted = [dict(part.rsplit(": ", 1) for part in p.get_text().removeprefix(lead).rstrip(".").split("; "))
               for p in page.find_all(lambda tag: tag.name == "p" and tag.get_text().startswith(lead))]
    assert len(counted) == len(views)
    for view, found, (light, _) in zip(views, counted, zip(images[::2], images[1::2])):
        expected = Counter(view.category(t) for t in now)
        assert found == {c.words: str(n) for c, n in expected.items()}, view.name
        for category, count in expected.items():
            assert f"{category.words} {count}" in light["alt"]
    # The overall grade no longer covers those inspected under ILACS as revised in April 2026.
    assert int(counted[0]["Not judged at its latest inspection"]) >= 11


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_map_drawings_have_an_area_per_authority_and_codes_the_key_spells_out(
        built: Project, dataset: Dataset, palette: str) -> None:
    overall = map_views(dataset)[0]
    svg = _svg(built, f"overall-effectiveness-{palette}.svg")
    assert len(svg.select("g.mark-shape.role-mark path")) == 153
    codes = Counter(t.get_text() for t in svg.select("g.mark-text.role-mark text"))
    expected = Counter(overall.category(t).code for t in current(dataset.timelines))
    assert codes and all(codes[c] <= expected[c] for c in codes)
    assert codes[GAP_CODES[NOT_JUDGED]] >= 1  # no older grade stands in
    assert sum(codes.values()) >= 0.9 * 153  # only the smallest areas go without a code
    legend = {t.get_text() for t in svg.select("g.role-legend text")}
    assert {overall.category(t).legend for t in current(dataset.timelines)} <= legend


def test_the_intervention_view_knows_every_kind_of_period() -> None:
    assert sorted(INTERVENTIONS) == sorted(PERIOD_LABELS)


def test_map_table_lists_every_authority_and_says_which_are_not_drawn(built: Project, dataset: Dataset) -> None:
    page = html(built, "map")
    table = page.find("h2", id="every-authority").find_next("table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == len(dataset.timelines)
    by_name = {t.authority.name: t for t in dataset.timelines}
    views = map_views(dataset)
    for row in rows:
        cells = row.find_all("td")
        timeline = by_name[cells[0].get_text()]
        assert cells[0].a["href"] == f"../authorities/{timeline.authority.slug}/"
        on_map = cells[-1].get_text()
        if timeline.authority.abolished:
            assert on_map == f"No: abolished {timeline.authority.abolished.display()}"
        else:
            assert on_map == "Yes"
        for view, cell in zip(views[:-1], cells[2:]):
            assert cell.get_text(" ", strip=True) == view.category(timeline).legend
        assert cells[-2].get_text() == intervention_category(timeline).legend


def test_map_page_credits_the_layout_under_its_licence(built: Project) -> None:
    page = html(built, "map")
    credit = page.find(lambda tag: tag.name == "p" and tag.get_text().startswith("Map layout:"))
    assert credit.get_text() == f"Map layout: {SOURCE['title']}, {SOURCE['publisher']}. {SOURCE['attribution']}"
    assert {(a.get_text(), a["href"]) for a in credit.find_all("a")} == {
        (SOURCE["title"], SOURCE["url"]), (SOURCE["licence"], SOURCE["licence_url"])}


def test_every_current_authority_has_a_place_on_the_map(dataset: Dataset) -> None:
    """Sheffield and Barnsley are placed by the codes they had in 2023, when the layout was made."""
    assert dataset.cartogram is not None
    on_map = {area.properties.ons_code for area in dataset.cartogram.features}
    for timeline in current(dataset.timelines):
        assert {timeline.authority.ons_code, *timeline.authority.former_ons_codes} & on_map, timeline.authority.slug
