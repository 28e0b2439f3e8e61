"""Checks and summaries of GeoJSON area boundaries (longitude, latitude in WGS 84)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

Ring = Sequence[Sequence[float]]


class GeometryError(ValueError):
    """A boundary that is not a usable GeoJSON Polygon or MultiPolygon; the message says why."""


def _check_position(position: Any) -> tuple[float, float]:
    if not isinstance(position, list | tuple) or len(position) < 2:
        raise GeometryError("each position must be a [longitude, latitude] pair")
    longitude, latitude = position[0], position[1]
    if isinstance(longitude, bool) or isinstance(latitude, bool):
        raise GeometryError("coordinates must be numbers")
    if not isinstance(longitude, int | float) or not isinstance(latitude, int | float):
        raise GeometryError("coordinates must be numbers")
    if not -180 <= longitude <= 180 or not -90 <= latitude <= 90:
        raise GeometryError(f"position {longitude}, {latitude} is outside longitude ±180 / latitude ±90")
    return float(longitude), float(latitude)


def _check_ring(ring: Any) -> list[tuple[float, float]]:
    if not isinstance(ring, list | tuple) or len(ring) < 4:
        raise GeometryError("a polygon ring needs at least four positions")
    positions = [_check_position(position) for position in ring]
    if positions[0] != positions[-1]:
        raise GeometryError("a polygon ring must end where it starts")
    return positions


def polygons_of(geometry: Any) -> list[list[list[tuple[float, float]]]]:
    """The polygons (each a list of rings) of a GeoJSON Polygon or MultiPolygon, checked."""
    if not isinstance(geometry, dict):
        raise GeometryError("the boundary must be a GeoJSON geometry object")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    polygons: list[Any] = []
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates if isinstance(coordinates, list) else []
    else:
        raise GeometryError(f"the boundary must be a Polygon or MultiPolygon, not {kind!r}")
    if not polygons or not all(isinstance(polygon, list) and polygon for polygon in polygons):
        raise GeometryError("the boundary has no coordinates")
    return [[_check_ring(ring) for ring in polygon] for polygon in polygons]


def centroid(geometry: Any) -> tuple[float, float]:
    """The area-weighted centre (longitude, latitude) of the outer rings; vertices' mean if degenerate."""
    total_area = 0.0
    weighted_x = 0.0
    weighted_y = 0.0
    vertices: list[tuple[float, float]] = []
    for polygon in polygons_of(geometry):
        exterior = polygon[0]
        vertices.extend(exterior[:-1])
        for (x0, y0), (x1, y1) in itertools.pairwise(exterior):
            cross = x0 * y1 - x1 * y0
            total_area += cross
            weighted_x += (x0 + x1) * cross
            weighted_y += (y0 + y1) * cross
    if abs(total_area) < 1e-15:
        return (
            sum(x for x, _ in vertices) / len(vertices),
            sum(y for _, y in vertices) / len(vertices),
        )
    return weighted_x / (3 * total_area), weighted_y / (3 * total_area)
