"""Queue last month's funder report of every programme (run monthly, e.g. from a systemd timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from assetlink.impact.indicators.tasks import queue_monthly_reports


class Command(BaseCommand):
    help = "Freeze last month's indicators of each programme and tell its admins that the report is ready."

    def handle(self, *args: Any, **options: Any) -> None:
        count = queue_monthly_reports()
        self.stdout.write(f"{count} monthly reports queued.")
