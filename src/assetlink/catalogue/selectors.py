"""Reads of the catalogue: what is published, each text in the reader's language (else the practice's
original one), full-text search over every language of a practice (PostgreSQL's text search with each
language's configuration; a plainer word match on SQLite) with filters, and live results read from a
programme's indicators under its disclosure rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from assetlink.catalogue.models import (
    TEXT_FIELDS,
    Adoption,
    Event,
    Network,
    Practice,
    PracticeStatus,
    PracticeText,
    Registration,
    RegistrationStatus,
    Theme,
)
from assetlink.engine.disclosure import Cell
from assetlink.engine.periods import Period, PeriodKind
from assetlink.impact.indicators.dashboards import indicator_row
from assetlink.impact.indicators.query import WHOLE
from assetlink.impact.indicators.values import programme_span
from assetlink.impact.models import Indicator
from assetlink.programmes.disclosure import published_rule

# City sizes as the catalogue files them, by population (lower bound, upper bound or None).
CITY_SIZES = {
    "small": (0, 50_000),
    "medium": (50_000, 250_000),
    "large": (250_000, 1_000_000),
    "metropolitan": (1_000_000, None),
}


def in_language(texts: dict[str, str], language: str, original: str = "en") -> str:
    """A text kept by language code, in the reader's language, else the original, else any."""
    return texts.get(language) or texts.get(original) or next(iter(texts.values()), "")


def text_of(practice: Practice, language: str) -> PracticeText | None:
    """The practice's texts in the reader's language, else in its original language."""
    texts = {text.language: text for text in practice.texts.all()}
    return texts.get(language) or texts.get(practice.original_language) or next(iter(texts.values()), None)


def published() -> QuerySet[Practice]:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED).prefetch_related("texts", "themes")


def practice_at(slug: str, *, drafts: bool = False) -> Practice | None:
    practices = Practice.objects.prefetch_related("texts", "themes") if drafts else published()
    return practices.filter(slug=slug).first()


@dataclass(frozen=True)
class Filters:
    words: str = ""
    theme: str = ""
    country: str = ""
    size: str = ""
    year: int | None = None
    network: str = ""


def search(filters: Filters) -> QuerySet[Practice]:
    """Published practices matching the words in any of their languages and the filters."""
    practices = published()
    if filters.theme:
        practices = practices.filter(themes__code=filters.theme)
    if filters.country:
        practices = practices.filter(country=filters.country.upper())
    if filters.size in CITY_SIZES:
        low, high = CITY_SIZES[filters.size]
        practices = practices.filter(city_population__gte=low)
        if high is not None:
            practices = practices.filter(city_population__lt=high)
    if filters.year:
        practices = practices.filter(label_date__year=filters.year)
    if filters.network:
        practices = practices.filter(networks__network__slug=filters.network)
    words = filters.words.strip()
    if words:
        # Read first, not as a subquery: Django leaves the per-row configuration's column unaliased there.
        matching = set(_matching_texts(words).values_list("practice_id", flat=True))
        practices = practices.filter(pk__in=matching)
    return practices.distinct().order_by("-label_date", "slug")


def _matching_texts(words: str) -> QuerySet[PracticeText]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Each text is stemmed with its own language's configuration, and the query with the same one, so
        # "empleos" finds "empleo" in the Spanish text and "jobs" finds "job" in the English.
        return PracticeText.objects.annotate(
            document=SearchVector(*TEXT_FIELDS, config=F("search_config"))
        ).filter(document=SearchQuery(words, config=F("search_config"), search_type="websearch"))
    texts = PracticeText.objects.all()
    for word in words.split():
        matches = Q()
        for field in TEXT_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        texts = texts.filter(matches)
    return texts


def facets() -> dict[str, Any]:
    """What the filters offer: themes, countries, label years and networks of what is published."""
    practices = published()
    return {
        "themes": list(Theme.objects.filter(practices__status=PracticeStatus.PUBLISHED).distinct()),
        "countries": sorted(set(practices.values_list("country", flat=True))),
        "years": sorted(
            {date.year for date in practices.values_list("label_date", flat=True) if date is not None},
            reverse=True,
        ),
        "networks": list(
            Network.objects.filter(partners__practice__status=PracticeStatus.PUBLISHED).distinct()
        ),
    }


@dataclass(frozen=True)
class LiveResult:
    label: str
    figure: Cell
    unit: str


def live_results(
    practice: Practice, language: str = "en", today: datetime.date | None = None
) -> list[LiveResult]:
    """The practice's results read now from its programme's indicators, released under the programme's
    disclosure rule; none when the programme no longer publishes its results."""
    programme = practice.results_programme
    if programme is None or not programme.publishes_results or not practice.result_indicators:
        return []
    today = today or timezone.localdate()
    start, end = programme_span(programme, today)
    whole = [Period(start, end, PeriodKind.PROGRAMME)]
    rule = published_rule(programme)
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(
            programme=programme, code__in=practice.result_indicators
        ).select_related("programme", "plus", "denominator_indicator")
    }
    found = []
    for code in practice.result_indicators:
        indicator = indicators.get(code)
        if indicator is None:
            continue
        row = indicator_row(indicator, whole, WHOLE, rule, today)
        found.append(LiveResult(indicator.names.get(language) or indicator.name, row.to_date, row.unit))
    return found


def events_of(practice: Practice) -> QuerySet[Event]:
    return Event.objects.filter(is_published=True, network__partners__practice=practice).distinct()


def registrations_of(event: Event) -> list[Registration]:
    """An event's registrations for its organisers: those with a place, then the waiting list in the order
    it fills, then the cancelled."""
    rank: dict[str, int] = {
        RegistrationStatus.REGISTERED: 0,
        RegistrationStatus.WAITING: 1,
        RegistrationStatus.CANCELLED: 2,
    }
    return sorted(
        event.registrations.all(), key=lambda found: (rank.get(found.status, 3), found.created_at, found.pk)
    )


def adaptations_of(practice: Practice) -> QuerySet[Practice]:
    return published().filter(adapted_from=practice)


def adoptions_of(practice: Practice) -> QuerySet[Adoption]:
    """The cities that adopted the practice on this platform, with their programmes."""
    return practice.adoptions.select_related("programme").order_by("created_at")
