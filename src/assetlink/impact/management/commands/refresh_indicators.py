"""Recompute the stale monthly indicator summaries of every programme (run nightly, e.g. from a timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from assetlink.impact.indicators.facts import refresh_programme
from assetlink.programmes.models import Programme


class Command(BaseCommand):
    help = "Recompute every stale indicator summary, so that dashboards read summaries instead of the ledger."

    def handle(self, *args: Any, **options: Any) -> None:
        total = sum(refresh_programme(pk) for pk in Programme.objects.values_list("pk", flat=True))
        self.stdout.write(f"{total} indicator summaries recomputed.")
