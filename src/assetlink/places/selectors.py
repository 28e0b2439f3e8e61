"""Reading a programme's areas and finding the area of a postcode."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.places.models import Area, PostcodeArea, Space
from assetlink.places.services import normalise_postcode
from assetlink.programmes.models import Programme


def areas_of(programme: Programme) -> QuerySet[Area]:
    """All areas of a programme, by name."""
    return Area.objects.filter(programme=programme)


def area_for_postcode(programme: Programme, postcode: str) -> Area | None:
    """The area of a full postcode, else of its longest listed sector or district (B662AB, B662, B66)."""
    code = normalise_postcode(postcode)
    if not code:
        return None
    prefixes = [code[:length] for length in range(len(code), 1, -1)]
    entries = {
        entry.postcode: entry
        for entry in PostcodeArea.objects.filter(programme=programme, postcode__in=prefixes).select_related(
            "area"
        )
    }
    for prefix in prefixes:
        if prefix in entries:
            return entries[prefix].area
    return None


def spaces_of(programme: Programme) -> QuerySet[Space]:
    """The spaces of a programme."""
    return Space.objects.filter(programme=programme).select_related("owner", "area")


def space_in(programme: Programme, space_id: int, **_other_url_parts: object) -> Space:
    return get_object_or_404(spaces_of(programme), pk=space_id)


SMALL_NUMBER = 5  # counts of people below this are shown as "fewer than 5" outside the programme team


def map_layers(user: Any, programme: Programme) -> dict[str, Any]:
    """What the map and its table show: areas with their counts, and the assets and open opportunities."""
    from assetlink.opportunities.models import Opportunity, OpportunityStatus
    from assetlink.organisations.selectors import organisations_of
    from assetlink.people.models import Person

    organisations = organisations_of(programme).filter(area__isnull=False).select_related("area")
    spaces = spaces_of(programme).filter(latitude__isnull=False)
    opportunities = Opportunity.objects.filter(
        programme=programme, status=OpportunityStatus.OPEN, latitude__isnull=False
    ).select_related("owner")
    shows_people = user.has_perm("people.view_people", programme)
    is_team = user.has_perm("programmes.change_programme", programme)
    people_by_area = (
        dict(
            Person.objects.filter(programme=programme, erased_at__isnull=True, area__isnull=False)
            .values_list("area")
            .annotate(count=Count("pk"))
        )
        if shows_people
        else {}
    )
    organisations_by_area = dict(organisations.values_list("area").annotate(count=Count("pk")))
    spaces_by_area = dict(spaces.exclude(area__isnull=True).values_list("area").annotate(count=Count("pk")))
    opportunities_by_area = dict(
        opportunities.exclude(area__isnull=True).values_list("area").annotate(count=Count("pk"))
    )
    areas = []
    for area in areas_of(programme).order_by("deprivation_decile", "name"):
        people = people_by_area.get(area.pk, 0)
        suppressed = shows_people and not is_team and 0 < people < SMALL_NUMBER
        areas.append(
            {
                "code": area.code,
                "name": area.name,
                "decile": area.deprivation_decile,
                "population": area.population,
                "geometry": area.geometry,
                "latitude": area.latitude,
                "longitude": area.longitude,
                "organisations": organisations_by_area.get(area.pk, 0),
                "spaces": spaces_by_area.get(area.pk, 0),
                "opportunities": opportunities_by_area.get(area.pk, 0),
                "people": None if not shows_people else (f"<{SMALL_NUMBER}" if suppressed else people),
            }
        )
    return {
        "areas": areas,
        "shows_people": shows_people,
        "points": [
            *(
                {
                    "kind": "organisation",
                    "name": o.name,
                    "latitude": o.area.latitude,
                    "longitude": o.area.longitude,
                }
                for o in organisations
                if o.area is not None and o.area.latitude is not None
            ),
            *(
                {"kind": "space", "name": s.name, "latitude": s.latitude, "longitude": s.longitude}
                for s in spaces
            ),
            *(
                {"kind": "opportunity", "name": o.title, "latitude": o.latitude, "longitude": o.longitude}
                for o in opportunities
            ),
        ],
    }
