"""`assetlink demo`: build the demo programmes (deterministic, idempotent) and print the logins."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from assetlink.programmes.demo import DEFAULT_PEOPLE, DEMO_PASSWORD, build_demo, demo_logins


class Command(BaseCommand):
    help = "Build the Birmingham & Sandwell and Bilbao demo programmes; safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed of the random choices (default 2026)."
        )
        parser.add_argument(
            "--people",
            type=int,
            default=DEFAULT_PEOPLE,
            help=f"Participants in the Birmingham programme (default {DEFAULT_PEOPLE}; Bilbao gets a tenth).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programmes = build_demo(seed=options["seed"], people=options["people"])
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {', '.join(p.name for p in programmes)}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for programme, role, email in demo_logins():
            self.stdout.write(f"  {email:<40} {role:<22} {programme}")
