"""Loading ESCO from the packages that ship it or from ESCO's own download."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from assetlink.audit import services as audit
from assetlink.engine.esco_sources import EscoSource
from assetlink.engine.text import normalise
from assetlink.taxonomy.models import EscoConcept, EscoLabel, OccupationSkill, SkillGroup
from assetlink.taxonomy.selectors import forget_labels

if TYPE_CHECKING:
    from assetlink.accounts.models import User

BATCH = 2000


@dataclass(frozen=True)
class LoadSummary:
    concepts: int
    labels: int
    groups: int
    relations: int


def _require_operator(actor: User | None) -> None:
    # None is the command line (`assetlink load_esco`), run by whoever operates the server.
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied("taxonomy.load")


def load_esco(*, actor: User | None, source: EscoSource) -> LoadSummary:
    """Create or refresh ESCO concepts, their labels in the source's languages, groups and relations."""
    _require_operator(actor)
    english = {record.uri: record for record in source.records if record.language == "en"}
    first_seen = {record.uri: record for record in reversed(source.records)}
    with transaction.atomic():
        EscoConcept.objects.bulk_create(
            [
                EscoConcept(
                    uri=uri,
                    kind=record.kind,
                    preferred_label=english.get(uri, record).preferred_label[:300],
                    description=english.get(uri, record).description,
                    isco_code=record.isco_code,
                    group_codes=list(record.group_codes),
                )
                for uri, record in first_seen.items()
            ],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["uri"],
            update_fields=["kind", "preferred_label", "description", "isco_code", "group_codes"],
        )
        ids = dict(EscoConcept.objects.filter(uri__in=first_seen).values_list("uri", "id"))
        languages = {record.language for record in source.records}
        EscoLabel.objects.filter(concept_id__in=ids.values(), language__in=languages).delete()
        labels: list[EscoLabel] = []
        for record in source.records:
            texts = [(record.preferred_label, True), *((alt, False) for alt in record.alternative_labels)]
            labels.extend(
                EscoLabel(
                    concept_id=ids[record.uri],
                    language=record.language,
                    text=text[:500],
                    search_text=normalise(text)[:500],
                    is_preferred=is_preferred,
                )
                for text, is_preferred in texts
            )
        EscoLabel.objects.bulk_create(labels, batch_size=BATCH)
        SkillGroup.objects.bulk_create(
            [SkillGroup(code=group.code, label=group.label) for group in source.groups],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["label"],
        )
        relations = [
            OccupationSkill(
                occupation_id=ids[relation.occupation_uri],
                skill_id=ids[relation.skill_uri],
                is_essential=relation.is_essential,
            )
            for relation in source.relations
            if relation.occupation_uri in ids and relation.skill_uri in ids
        ]
        if relations:
            OccupationSkill.objects.filter(occupation_id__in={r.occupation_id for r in relations}).delete()
            OccupationSkill.objects.bulk_create(relations, batch_size=BATCH)
        summary = LoadSummary(len(first_seen), len(labels), len(source.groups), len(relations))
        if actor is not None:
            audit.record(
                actor, "taxonomy.esco_loaded", actor, after={"source": source.name, **summary.__dict__}
            )
    transaction.on_commit(forget_labels)
    return summary
