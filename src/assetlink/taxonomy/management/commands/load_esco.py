"""`assetlink load_esco`: load ESCO skills and occupations into the database (safe to run again)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assetlink.engine.esco_sources import EscoSourceMissingError, read_esco_download, read_packaged_source
from assetlink.taxonomy.services import load_esco


class Command(BaseCommand):
    help = (
        "Load ESCO skills and occupations. Without options, from the packages installed by `make setup` "
        "(English); with --download-dir, from ESCO's CSV download (any languages, with occupation–skill "
        "relations)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--download-dir", type=Path, help="Folder holding ESCO's CSV download.")
        parser.add_argument(
            "--languages",
            default="en",
            help="Comma-separated languages to load from the download (en,es,sl).",
        )
        parser.add_argument(
            "--no-embeddings",
            dest="embeddings",
            action="store_false",
            help="Do not embed the labels for matching now (they are then looked up by spelling only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["download_dir"]:
                languages = [code.strip() for code in options["languages"].split(",") if code.strip()]
                source = read_esco_download(options["download_dir"], languages)
            else:
                source = read_packaged_source()
        except EscoSourceMissingError as missing:
            raise CommandError(str(missing)) from missing
        summary = load_esco(actor=None, source=source)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {summary.concepts} concepts, {summary.labels} labels, {summary.groups} skill groups "
                f"and {summary.relations} occupation–skill relations from {source.name}."
            )
        )
        if options["embeddings"]:
            from assetlink.taxonomy.in_use import taxonomy_in_use

            # Labels new to the cache are embedded now (minutes for a whole language), never at a request.
            taxonomy = taxonomy_in_use(compute_embeddings=True)
            self.stdout.write(f"Label embeddings ready for {len(taxonomy.concepts)} concepts.")
