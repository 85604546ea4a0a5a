"""The world map of the home page: an SVG drawn here, in Python, from Natural Earth's 1:110m countries.

The shapes come from the `world-atlas` npm package (TopoJSON, countries
keyed by ISO 3166-1 numeric code), vendored into web/static/vendor like the
other front-end packages; no request leaves the server and no script is
needed to see the map. TopoJSON arcs are decoded and projected (Natural
Earth I) once per process; each page only colours the countries. Small
countries missing at this scale are still in the table that goes with the
map, its text alternative.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .render import WEB

ATLAS = WEB / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH = 960
ANTARCTICA = "010"


@dataclass(frozen=True)
class Shape:
    numeric: str       # ISO 3166-1 numeric code
    name: str          # Natural Earth's English name (the page uses the vocabulary's label)
    d: str             # SVG path data


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection (Šavrič et al.), in units of the earth's radius."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


_X_MAX = _project(180, 0)[0]
_Y_TOP = _project(0, 84)[1]
_Y_BOTTOM = _project(0, -58)[1]
SCALE = (WIDTH / 2) / _X_MAX
HEIGHT = round((_Y_TOP - _Y_BOTTOM) * SCALE)


def _to_svg(lon: float, lat: float) -> tuple[float, float]:
    x, y = _project(lon, lat)
    return round(WIDTH / 2 + x * SCALE), round((_Y_TOP - y) * SCALE)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian made continuous, plus its copy shifted by 360°
    so that both sides of the map show their part (the view box clips the rest)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    rings = [out]
    if max(p[0] for p in out) > 180:
        rings.append([(lon - 360, lat) for lon, lat in out])
    if min(p[0] for p in out) < -180:
        rings.append([(lon + 360, lat) for lon, lat in out])
    return rings


def _path(lonlat_rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    rings = [[_to_svg(lon, lat) for lon, lat in piece]
             for ring in lonlat_rings if ring for piece in _unwrapped(ring)]
    for ring in rings:
        kept = [p for k, p in enumerate(ring) if k == 0 or p != ring[k - 1]]
        if len(kept) < 3:
            continue
        steps = [f"{x - px:g} {y - py:g}" for (px, py), (x, y) in zip(kept, kept[1:])]
        parts.append(f"M{kept[0][0]:g} {kept[0][1]:g}l" + " ".join(steps) + "z")   # relative steps: a smaller page
    return "".join(parts)


@lru_cache(maxsize=1)
def shapes(atlas: Path = ATLAS) -> tuple[Shape, ...]:
    """Every country of the atlas as an SVG path; empty when the atlas is not installed."""
    if not atlas.exists():
        return ()
    topology = json.loads(atlas.read_text())
    arcs = _decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if not numeric or numeric == ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        out.append(Shape(numeric, geometry.get("properties", {}).get("name", ""), _path(rings)))
    return tuple(out)


# Colour classes: 0 = no entry, then growing counts (thresholds in entries).
BUCKETS = (1, 2, 4, 8, 16)


def bucket(count: int) -> int:
    """The colour class of a count: 0 for none, 1..5 as counts grow.

    >>> [bucket(n) for n in (0, 1, 3, 5, 100)]
    [0, 1, 2, 3, 5]
    """
    level = 0
    for i, threshold in enumerate(BUCKETS, start=1):
        if count >= threshold:
            level = i
    return level


def legend() -> list[tuple[int, str]]:
    """(class, range text) for the legend."""
    out = [(0, "0")]
    for i, low in enumerate(BUCKETS, start=1):
        high = BUCKETS[i] - 1 if i < len(BUCKETS) else None
        out.append((i, f"{low}" if high == low else f"{low}–{high}" if high else f"{low}+"))
    return out
