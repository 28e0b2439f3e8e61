"""Reads of the outcome ledger."""

from django.db.models import QuerySet

from assetlink.impact.models import Correction, Outcome
from assetlink.programmes.models import Programme


def effective_outcomes(programme: Programme) -> QuerySet[Outcome]:
    """Entries that count today: not reversals, and not superseded by a later correction."""
    return Outcome.objects.filter(programme=programme, corrected_by__isnull=True).exclude(
        correction=Correction.REVERSAL
    )
