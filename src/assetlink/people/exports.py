"""The participants list as CSV or XLSX: only people the user may see, contact details only with consent."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from assetlink.audit.services import record_accesses
from assetlink.exchange.exports import Column, ListExport
from assetlink.people.models import ConsentPurpose, ConsentState, Person
from assetlink.people.selectors import people_visible_to


def _rows(user: Any, programme: Any) -> QuerySet[Person]:
    return (
        people_visible_to(user, programme)
        .filter(erased_at__isnull=True)
        .prefetch_related(
            Prefetch("consent_states", queryset=ConsentState.objects.filter(given=True)),
            "occupations__occupation",
            "languages",
        )
        .order_by("reference")
    )


def _consents(person: Person) -> set[str]:
    return {state.purpose for state in person.consent_states.all() if state.organisation_id is None}


def _if_contact(value: str) -> Any:
    def read(person: Person) -> str:
        return str(getattr(person, value)) if ConsentPurpose.CONTACT in _consents(person) else ""

    return read


def _log(user: Any, programme: Any, rows: list[Person]) -> None:
    record_accesses(user, rows, programme=programme)


PEOPLE = ListExport(
    name="people",
    title="People",
    permission="people.view_people",
    rows=_rows,
    columns=[
        Column("reference", lambda p: p.reference),
        Column("given_name", lambda p: p.given_name),
        Column("family_name", lambda p: p.family_name),
        Column("email", _if_contact("email")),
        Column("phone", _if_contact("phone")),
        Column("area_code", lambda p: p.area.code if p.area else ""),
        Column("area", lambda p: p.area.name if p.area else ""),
        Column("deprivation_decile", lambda p: p.area.deprivation_decile if p.area else None),
        Column("availability", lambda p: p.availability),
        Column("hours_per_week", lambda p: p.hours_per_week),
        Column("max_commute_km", lambda p: p.max_commute_km),
        Column("consents_to_matching", lambda p: ConsentPurpose.MATCHING in _consents(p)),
        Column("consents_to_contact", lambda p: ConsentPurpose.CONTACT in _consents(p)),
        Column("consents_to_research", lambda p: ConsentPurpose.RESEARCH in _consents(p)),
        Column("occupations", lambda p: [o.occupation.preferred_label for o in p.occupations.all()]),
        Column("languages", lambda p: [f"{item.language}:{item.level}" for item in p.languages.all()]),
        Column("registered_via", lambda p: p.registered_via),
        Column("registered_on", lambda p: p.created_at.date()),
    ],
    on_export=_log,
)
