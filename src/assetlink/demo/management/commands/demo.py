"""`assetlink demo`: build the demo programmes (deterministic, idempotent) and print the logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assetlink.demo.build import DEFAULT_PEOPLE, build_demo, demo_logins
from assetlink.programmes.demo import DEMO_PASSWORD


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
        parser.add_argument(
            "--allow-published-passwords",
            action="store_true",
            help="Build the demo with DEBUG off as well (its accounts, a platform operator among them, "
            "share one published password: never on a server that holds real data).",
        )

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_published_passwords"]:
            raise CommandError(
                "The demo creates accounts, a platform operator among them, whose password is published. "
                "It runs only with DEBUG on, or with --allow-published-passwords on a throw-away instance."
            )
        programmes = build_demo(
            seed=options["seed"],
            people=options["people"],
            progress=self._say if options["verbosity"] > 0 else None,
        )
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {', '.join(p.name for p in programmes)}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for programme, role, email in demo_logins():
            self.stdout.write(f"  {email:<40} {role:<22} {programme}")
