"""The engine's taxonomy of the ESCO data in the database, built once per process and again after a reload."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max

from assetlink.engine import Taxonomy, use_taxonomy
from assetlink.engine.embeddings import E5Embedder
from assetlink.engine.esco_sources import EscoRecord, EscoRelation
from assetlink.taxonomy.models import EscoConcept, EscoLabel, OccupationSkill

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cached: tuple[tuple[int, int], Taxonomy] | None = None


def _esco_version() -> tuple[int, int]:
    summary = EscoConcept.objects.aggregate(last=Max("pk"))
    return (summary["last"] or 0, EscoLabel.objects.count())


def taxonomy_in_use(*, compute_embeddings: bool = False) -> Taxonomy:
    """The engine's taxonomy of the ESCO data in the database, built once per process and again when
    ESCO is reloaded. Label embeddings come from the cache made at set-up (`load_esco` refreshes it);
    requests never compute them, and without them lookup is lexical only."""
    global _cached
    version = _esco_version()
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        taxonomy = Taxonomy(
            esco_records(), esco_relations(), embedder=E5Embedder(), compute_embeddings=compute_embeddings
        )
        if not taxonomy.has_embeddings:
            logger.warning("ESCO label embeddings are not cached: run `assetlink load_esco` to make them.")
        _cached = (version, taxonomy)
        use_taxonomy(taxonomy)
        return taxonomy


def esco_records() -> Iterable[EscoRecord]:
    alternatives: dict[int, list[str]] = defaultdict(list)
    for concept_id, text in EscoLabel.objects.filter(language="en", is_preferred=False).values_list(
        "concept_id", "text"
    ):
        alternatives[concept_id].append(text)
    for concept in EscoConcept.objects.exclude(kind="isco_group").order_by("pk"):
        yield EscoRecord(
            concept.uri,
            "skill" if concept.kind == "skill" else "occupation",
            "en",
            concept.preferred_label,
            tuple(alternatives.get(concept.pk, ())),
            group_codes=tuple(concept.group_codes or ()),
            isco_code=concept.isco_code,
        )


def esco_relations() -> Iterable[EscoRelation]:
    for occupation, skill, essential in OccupationSkill.objects.values_list(
        "occupation__uri", "skill__uri", "is_essential"
    ):
        yield EscoRelation(occupation, skill, essential)
