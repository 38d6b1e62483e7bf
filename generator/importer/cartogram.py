"""Read the House of Commons Library's hex cartogram of upper-tier authorities into the map's layout.

The Library publishes the layout as a GeoPackage; pyogrio (GDAL) reads it and shapely turns each
authority's shape into GeoJSON, so the build needs neither. Positions are the Library's own: the
shapes are only rounded to a thousandth of a unit (a hexagon is about 0.3 units across) and
stripped of points that lie on a straight edge. Only England's areas are kept.

The Library also labels its map with the short names people use ("Northants", "Hull", "Stoke"),
which become aliases that the site's search finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import polylabel

GEOPACKAGE = "raw/geo/hocl_LocalAuthorities-uppertier-2023.gpkg"
LAYER = "LocalAuthorities-uppertier 2023 version — 7 UTLA-2023"
_REPOSITORY = "https://github.com/houseofcommonslibrary/uk-hex-cartograms-noncontiguous/blob/"
SOURCE: dict[str, str] = {
    "title": "Local authorities (upper tier), 2023: hex cartogram",
    "publisher": "House of Commons Library",
    "date": "2023-03-27",
    "url": _REPOSITORY + "6b16dba29331d02065b28807c29e78a566da6ab2/geopackages/LocalAuthorities-uppertier-2023.gpkg",
    "licence": "Open Parliament Licence v3.0",
    "licence_url": "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
    "attribution": "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.",
}
#: Decimal places kept: a thousandth of a unit is far below a pixel at any size the site draws.
PLACES = 3
#: Points closer than this to the straight line through their neighbours are dropped.
TOLERANCE = 0.002


@dataclass(frozen=True)
class Labels:
    """The Library's labels for one area: its county group, the group's label, and its own label."""

    group: str
    group_label: str | None
    label: str | None


def read_cartogram(path: Path) -> tuple[str, dict[str, Labels]]:
    """The layout as the text of ``data/cartogram.geojson``, and each English area's labels by ONS code."""
    meta, _, geometry, fields = pyogrio.raw.read(path, layer=LAYER)
    columns = dict(zip(meta["fields"], fields))
    rows = sorted(zip(columns["cua-code"], columns["cua-name"], columns["Group"], columns["Group-labe"],
                      columns["LA-label"], shapely.from_wkb(geometry)), key=lambda row: row[0])
    features, labels = [], {}
    for code, name, group, group_label, label, shape in rows:
        if not code.startswith("E"):
            continue
        features.append(_feature(code, name, shape))
        labels[code] = Labels(group, group_label, label)
    lines = ["  " + json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    head = json.dumps({"type": "FeatureCollection", "source": SOURCE}, ensure_ascii=False, indent=1)
    return head[:-2] + ',\n "features": [\n' + ",\n".join(lines) + "\n ]\n}\n", labels


def _feature(code: str, name: str, shape: Any) -> dict[str, Any]:
    shape = shapely.simplify(shape, TOLERANCE, preserve_topology=True)
    polygons = list(shape.geoms) if isinstance(shape, MultiPolygon) else [shape]
    largest: Polygon = max(polygons, key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.01)
    return {
        "type": "Feature",
        "properties": {"ons_code": code, "name": name, "label": [round(point.x, PLACES), round(point.y, PLACES)]},
        "geometry": {"type": "MultiPolygon", "coordinates": _rounded(mapping(MultiPolygon(polygons))["coordinates"])},
    }


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, PLACES)
    return [_rounded(v) for v in value]


def short_names(name: str, labels: Labels) -> set[str]:
    """The Library's short names for an authority called ``name``: its county group's short form in
    place of the county's name ("North Northants"), and its own label where that is a name rather
    than an abbreviation made to fit ("Stoke", "Hull"; not "Swin." or "P'boro")."""
    found = set()
    group_label = (labels.group_label or "").rstrip(".")
    if group_label and group_label != labels.group and labels.group in name:
        found.add(name.replace(labels.group, group_label))
    label = labels.label or ""
    if label and label != name and not any(mark in label for mark in ".'"):
        found.add(label)
    return found
