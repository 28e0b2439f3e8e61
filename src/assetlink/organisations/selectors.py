"""Reads of organisations, always through a programme the reader belongs to."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Programme


def organisations_of(programme: Programme) -> QuerySet[Organisation]:
    """Organisations that are partners of the programme."""
    return Organisation.objects.filter(partnerships__programme=programme).distinct()


def organisation_in(programme: Programme, organisation_id: int) -> Organisation:
    """One organisation of the programme, or 404 if it is not a partner there."""
    return get_object_or_404(organisations_of(programme), pk=organisation_id)
