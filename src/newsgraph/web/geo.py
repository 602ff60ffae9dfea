"""Country shapes for the events map, offline: the GeoJSON outlines shipped with the pinned
``countryinfo`` package (Natural Earth, 1:110m), projected once to SVG path strings
(equirectangular, 1000 x 480, latitudes 84°N to 60°S) and kept in memory."""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

WIDTH, HEIGHT = 1000.0, 480.0
NORTH, SOUTH = 84.0, -60.0


def project(lon: float, lat: float) -> tuple[float, float]:
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - max(min(lat, NORTH), SOUTH)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def _ring_path(ring: list[list[float]]) -> str:
    points = [project(lon, lat) for lon, lat, *_ in ring]
    out, last = [], None
    for p in points:
        if p != last:
            out.append(p)
            last = p
    if len(out) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in out) + "Z"


def _geometry_path(geometry: dict[str, Any]) -> str:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return "".join(_ring_path(ring) for polygon in polygons for ring in polygon)


@functools.cache
def world() -> dict[str, Any]:
    """{"width", "height", "countries": [{"iso3", "name", "path", "x", "y"}]} (x, y: a label point;
    path is empty for the few countries the package has no outline for, e.g. Myanmar)."""
    countries: dict[str, dict[str, Any]] = {}
    try:
        folder = resources.files("countryinfo").joinpath("data")
        files = [f for f in folder.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a dependency of newsgraph
        files = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = data.get("ISO") or {}
        iso3 = iso.get("alpha3") if isinstance(iso, dict) else None
        geo = data.get("geoJSON") or {}
        if not iso3:
            continue
        features = geo.get("features", []) if isinstance(geo, dict) else []
        path = "".join(_geometry_path(f.get("geometry") or {}) for f in features)
        latlng = data.get("latlng") or []
        x, y = project(latlng[1], latlng[0]) if len(latlng) == 2 else (None, None)
        if not path and x is None:
            continue  # neither an outline nor a point: nothing to draw
        countries[iso3] = {"iso3": iso3, "name": data.get("name") or iso3, "path": path, "x": x, "y": y}
    return {"width": WIDTH, "height": HEIGHT, "countries": sorted(countries.values(), key=lambda c: c["iso3"])}


def country_names() -> dict[str, str]:
    return {c["iso3"]: c["name"] for c in world()["countries"]}
