"""`assetlink demo`: build the demo programmes (deterministic, idempotent) and print the logins."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from assetlink.programmes.demo import DEMO_PASSWORD, build_demo, demo_logins


class Command(BaseCommand):
    help = "Build the Birmingham & Sandwell and Bilbao demo programmes; safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed of the random choices (default 2026)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        programmes = build_demo(seed=options["seed"])
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {', '.join(p.name for p in programmes)}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for programme, role, email in demo_logins():
            self.stdout.write(f"  {email:<40} {role:<22} {programme}")
