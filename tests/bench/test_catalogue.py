"""Benchmark: the public catalogue over 3,000 practices written in three languages on PostgreSQL — words
found by each language's text search, the same with a theme and a city size, and the catalogue page as a
visitor gets it — timed against counting the published practices in the same run (the baseline).
Reports each query's ratio to the baseline. Run by `make bench`; everything built is rolled back."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from assetlink.catalogue import selectors
from assetlink.catalogue.models import SEARCH_CONFIGS, Practice, PracticeText, Theme

PRACTICES = 3_000
RUNS = 7
WORDS = {
    "en": "Residents map the skills of their street and link them to hospital jobs and contracts.",
    "es": "Los vecinos mapean las competencias de su calle y las vinculan con empleos y contratos del hospital.",
    "sl": "Prebivalci popišejo znanja svoje ulice in jih povežejo z delovnimi mesti in naročili bolnišnice.",
}

pytestmark = [pytest.mark.django_db]


def _build() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the catalogue benchmark runs on PostgreSQL (make bench sets DATABASE_URL)")
    themes = [Theme.objects.create(code=f"theme-{i}", names={"en": f"Theme {i}"}) for i in range(12)]
    practices = Practice.objects.bulk_create(
        Practice(
            slug=f"practice-{i}",
            city=f"City {i}",
            country=["GB", "ES", "SI", "FR", "IT"][i % 5],
            city_population=20_000 + 997 * i,
            status="published",
        )
        for i in range(PRACTICES)
    )
    PracticeText.objects.bulk_create(
        PracticeText(
            practice=practice,
            language=language,
            title=f"Practice {practice.pk} ({language})",
            summary=text + (" digitalización industrial" if index % 50 == 0 else ""),
            search_config=SEARCH_CONFIGS.get(language, "simple"),
        )
        for index, practice in enumerate(practices)
        for language, text in WORDS.items()
    )
    through = Practice.themes.through
    through.objects.bulk_create(
        through(practice_id=practice.pk, theme_id=themes[index % len(themes)].pk)
        for index, practice in enumerate(practices)
    )


def _median(run: Callable[[], object]) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def test_catalogue_search_against_counting_the_practices():
    _build()
    baseline = _median(lambda: selectors.published().count())
    client = Client()
    measured = {
        "Spanish words, stemmed": lambda: list(selectors.search(selectors.Filters(words="digitalizaciones"))),
        "English words with a theme and a size": lambda: list(
            selectors.search(selectors.Filters(words="hospitals", theme="theme-3", size="medium"))
        ),
        "the catalogue page, searched": lambda: client.get("/practices/", {"q": "bolnišnice"}),
    }
    print(f"\nbaseline (count {PRACTICES} published practices): {baseline * 1000:.1f} ms")
    for label, run in measured.items():
        seconds = _median(run)
        print(f"{label}: {seconds * 1000:.1f} ms, {seconds / baseline:.1f} × the baseline")
