"""Send the daily e-mail of new notifications to each user who chose it (run daily, e.g. from a timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from assetlink.accounts.services import send_digests


class Command(BaseCommand):
    help = "E-mail each user who chose a daily digest the notifications that arrived since the last one."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_digests()
        self.stdout.write(f"{count} digests queued.")
