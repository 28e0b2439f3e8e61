"""Areas (CSV, XLSX or GeoJSON) and spaces (CSV or XLSX)."""

from __future__ import annotations

from typing import Any

from assetlink.exchange.exports import Column, ListExport
from assetlink.places.selectors import areas_of, spaces_of


def area_features(programme: Any, areas: list[Any], uri: str) -> dict[str, Any]:
    """Areas as a GeoJSON FeatureCollection (boundaries where known, else centre points)."""
    features = []
    for area in areas:
        geometry = area.geometry
        if geometry is None and area.latitude is not None and area.longitude is not None:
            geometry = {"type": "Point", "coordinates": [area.longitude, area.latitude]}
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "code": area.code,
                    "name": area.name,
                    "population": area.population,
                    "deprivation_rank": area.deprivation_rank,
                    "deprivation_decile": area.deprivation_decile,
                    "latitude": area.latitude,
                    "longitude": area.longitude,
                    "source": area.source,
                    "is_demo": area.is_demo,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


AREAS = ListExport(
    name="areas",
    title="Areas",
    permission="places.view_areas",
    rows=lambda user, programme: areas_of(programme).order_by("code"),
    columns=[
        Column("code", lambda a: a.code),
        Column("name", lambda a: a.name),
        Column("population", lambda a: a.population),
        Column("deprivation_rank", lambda a: a.deprivation_rank),
        Column("deprivation_decile", lambda a: a.deprivation_decile),
        Column("latitude", lambda a: a.latitude),
        Column("longitude", lambda a: a.longitude),
        Column("source", lambda a: a.source),
    ],
    documents={"geojson": ("application/geo+json", "geojson", area_features)},
)

SPACES = ListExport(
    name="spaces",
    title="Spaces",
    permission="places.view_spaces",
    rows=lambda user, programme: spaces_of(programme).order_by("name"),
    columns=[
        Column("name", lambda s: s.name),
        Column("kind", lambda s: s.kind),
        Column("owner", lambda s: s.owner.name if s.owner else ""),
        Column("address", lambda s: s.address),
        Column("postcode", lambda s: s.postcode),
        Column("area_code", lambda s: s.area.code if s.area else ""),
        Column("size_m2", lambda s: s.size_m2),
        Column("capacity", lambda s: s.capacity),
        Column("status", lambda s: s.status),
        Column("available_from", lambda s: s.available_from),
        Column("terms", lambda s: s.terms),
        Column("rent_per_year", lambda s: s.rent_per_year),
        Column("step_free", lambda s: s.step_free),
        Column("accessible_toilet", lambda s: s.accessible_toilet),
        Column("hearing_loop", lambda s: s.hearing_loop),
        Column("parking", lambda s: s.parking),
    ],
)
