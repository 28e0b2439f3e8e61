"""Tell partners about referrals whose answer or outcome is late (run daily, e.g. from a systemd timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from assetlink.journeys.services import remind_overdue_referrals


class Command(BaseCommand):
    help = "Notify the receiving and sending partners once about each overdue referral."

    def handle(self, *args: Any, **options: Any) -> None:
        count = remind_overdue_referrals()
        self.stdout.write(f"{count} overdue referrals flagged.")
