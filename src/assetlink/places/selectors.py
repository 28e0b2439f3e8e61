"""Reading a programme's areas and finding the area of a postcode."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from assetlink.places.models import Area, PostcodeArea, Space
from assetlink.places.postcodes import normalise_postcode
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
