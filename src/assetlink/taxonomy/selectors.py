"""Looking up ESCO concepts by label, in the reader's language with English as fallback."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Length

from assetlink.engine.text import normalise
from assetlink.taxonomy.models import EscoConcept, EscoLabel


@dataclass(frozen=True)
class ConceptSuggestion:
    uri: str
    label: str
    matched_label: str


def search_concepts(
    query: str, *, kind: str, language: str = "en", limit: int = 10
) -> list[ConceptSuggestion]:
    """Concepts whose labels contain the query: label starts, preferred labels, short labels first."""
    needle = normalise(query)
    if len(needle) < 2:
        return []
    languages = {language[:2], "en"}
    labels = (
        EscoLabel.objects.filter(concept__kind=kind, language__in=languages, search_text__contains=needle)
        .annotate(
            rank=Case(
                When(search_text=needle, then=Value(0)),
                When(search_text__startswith=needle, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            length=Length("text"),
        )
        .order_by("rank", "-is_preferred", "length", "text")
        .values_list("concept__uri", "concept__preferred_label", "text")[: limit * 5]
    )
    suggestions: dict[str, ConceptSuggestion] = {}
    for uri, preferred, matched in labels:
        if uri not in suggestions:
            suggestions[uri] = ConceptSuggestion(uri, preferred, matched)
        if len(suggestions) == limit:
            break
    return list(suggestions.values())


def concept_by_uri(uri: str, *, kind: str | None = None) -> EscoConcept | None:
    """The concept with this ESCO URI, if loaded (and of this kind, when given)."""
    concepts = EscoConcept.objects.filter(uri=uri.strip())
    if kind:
        concepts = concepts.filter(kind=kind)
    return concepts.first()


def concepts_labelled(label: str, *, kind: str, language: str = "en") -> list[EscoConcept]:
    """Concepts of a kind with exactly this label (any case or accents), preferred labels first."""
    needle = normalise(label)
    ids = list(
        EscoLabel.objects.filter(concept__kind=kind, language__in={language[:2], "en"}, search_text=needle)
        .order_by("-is_preferred")
        .values_list("concept_id", flat=True)
    )
    concepts = EscoConcept.objects.in_bulk(ids)
    return [concepts[pk] for pk in dict.fromkeys(ids)]


@functools.cache
def languages_with_labels() -> frozenset[str]:
    """The languages other than English that ESCO labels were loaded in (cleared by `load_esco`)."""
    return frozenset(EscoLabel.objects.exclude(language="en").values_list("language", flat=True).distinct())


@functools.lru_cache(maxsize=20_000)
def _preferred_label(concept_id: int, language: str) -> str:
    return (
        EscoLabel.objects.filter(concept_id=concept_id, language=language, is_preferred=True)
        .values_list("text", flat=True)
        .first()
        or ""
    )


def label_in(concept: EscoConcept, language: str) -> tuple[str, str]:
    """A concept's preferred label in this language when ESCO's own download gave one, else English:
    (label, the language it is in)."""
    language = (language or "en")[:2]
    if language != "en" and language in languages_with_labels():
        found = _preferred_label(concept.pk, language)
        if found:
            return found, language
    return concept.preferred_label, "en"


def forget_labels() -> None:
    """After ESCO is (re)loaded: labels are read again."""
    languages_with_labels.cache_clear()
    _preferred_label.cache_clear()
