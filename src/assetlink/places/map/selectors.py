"""What the map shows: it reads the registers above the areas (people, organisations, opportunities)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse

from assetlink.engine.disclosure import protect_list
from assetlink.opportunities.models import Opportunity, OpportunityStatus
from assetlink.organisations.selectors import organisations_of
from assetlink.people.models import Person
from assetlink.places.selectors import areas_of, spaces_of
from assetlink.programmes.disclosure import rule_for
from assetlink.programmes.models import Programme


def map_layers(user: Any, programme: Programme) -> dict[str, Any]:
    """What the map and its table show: areas with their counts, and the assets and open opportunities."""
    organisations = organisations_of(programme).filter(area__isnull=False).select_related("area")
    spaces = spaces_of(programme).filter(latitude__isnull=False)
    opportunities = Opportunity.objects.filter(
        programme=programme, status=OpportunityStatus.OPEN, latitude__isnull=False
    ).select_related("owner")
    shows_people = user.has_perm("people.view_people", programme)
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
    listed = list(areas_of(programme).order_by("deprivation_decile", "name"))
    # People per area leave the programme team through the one disclosure rule, like every other count.
    people, _total = protect_list(
        [people_by_area.get(area.pk, 0) for area in listed], rule_for(user, programme)
    )
    areas = []
    for area, people_here in zip(listed, people, strict=True):
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
                "people": people_here.as_data() if shows_people else None,
            }
        )
    links = {
        "organisation": user.has_perm("organisations.view_register", programme),
        "space": user.has_perm("places.view_spaces", programme),
        "opportunity": user.has_perm("opportunities.view_opportunities", programme),
    }

    def link(kind: str, name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"slug": programme.slug, **kwargs}) if links[kind] else ""

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
                    "url": link("organisation", "organisations:detail", organisation_id=o.pk),
                }
                for o in organisations
                if o.area is not None and o.area.latitude is not None
            ),
            *(
                {
                    "kind": "space",
                    "name": s.name,
                    "latitude": s.latitude,
                    "longitude": s.longitude,
                    "url": link("space", "places:space", space_id=s.pk),
                }
                for s in spaces
            ),
            *(
                {
                    "kind": "opportunity",
                    "name": o.title,
                    "latitude": o.latitude,
                    "longitude": o.longitude,
                    "url": link("opportunity", "opportunities:detail", opportunity_id=o.pk),
                }
                for o in opportunities
            ),
        ],
    }
