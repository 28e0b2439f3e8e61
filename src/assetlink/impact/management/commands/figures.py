"""Print a programme's headline figures, recomputed from the outcome ledger by the documented queries."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assetlink.impact.figures import FIGURES, compute
from assetlink.programmes.models import Programme


class Command(BaseCommand):
    help = "Recompute a programme's headline figures from the outcome ledger (the queries in docs/impact.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme", help="The programme's short name, e.g. birmingham-sandwell")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"No programme is called “{options['programme']}”.")
        results = compute(programme)
        for figure in FIGURES:
            value = results[figure.key]
            shown = f"{value:,.2f} {programme.currency}" if "won" in figure.key else f"{value:,.0f}"
            self.stdout.write(f"{shown:>16}  {figure.title}")
