"""Reads of organisations, always through a programme the reader belongs to."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Programme


def organisations_of(programme: Programme) -> QuerySet[Organisation]:
    """Organisations of the programme's asset register: its partners and those listed in it."""
    ids = Organisation.objects.filter(
        Q(partnerships__programme=programme) | Q(listings__programme=programme)
    ).values("pk")
    return Organisation.objects.filter(pk__in=ids).select_related("area")


def organisation_named(name: str, country: str) -> Organisation | None:
    """The organisation known under this name (any case) in this country, if any."""
    name, country = name.strip(), country.strip().upper()
    if not name:
        return None
    return Organisation.objects.filter(name__iexact=name, country__iexact=country).first()


def organisation_in(programme: Programme, organisation_id: int, **_other_url_parts: object) -> Organisation:
    """One organisation of the programme's register, or 404."""
    return get_object_or_404(organisations_of(programme), pk=organisation_id)
