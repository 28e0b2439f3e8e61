"""A person's own data as JSON, and erasure: personal fields removed everywhere, counts kept.

Erasure keeps the Person row (programme, area, registration date, reference) and the ledger entries
that point at it, so aggregate figures stay true; everything that names or reaches the person goes:
profile fields, the collections of their profile, their account's identity, and any copy of their
name, email or phone in audit payloads, access-log entries, invitations, pending imports, queued
task arguments and export files made before the erasure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assetlink.audit import services as audit
from assetlink.audit.models import AccessLogEntry, AuditEntry
from assetlink.background.models import TaskRun
from assetlink.exchange.models import ImportBatch
from assetlink.people.models import ConsentState, Person
from assetlink.people.personal_data import ERASED, personal_data, plain
from assetlink.people.services import ITEM_MODELS, PROFILE_FIELDS
from assetlink.programmes.models import Invitation
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User


def export_person_data(*, actor: User, person: Person) -> dict[str, Any]:
    """Everything held about a person, as a JSON-ready dict (the right of access and to portability)."""
    require(actor, "people.export_person", person)
    audit.record_access(actor, person, programme=person.programme, channel=AccessLogEntry.Channel.EXPORT)
    profile = {name: plain(getattr(person, name)) for name in PROFILE_FIELDS if name != "area"}
    profile["area"] = person.area.name if person.area else None
    data: dict[str, Any] = {
        "programme": person.programme.name,
        "reference": person.reference,
        "registered_on": person.created_at.isoformat(),
        "registered_via": person.registered_via,
        "profile": profile,
        "consents": [
            {
                "purpose": consent.purpose,
                "organisation": consent.organisation.name if consent.organisation else None,
                "given": consent.given,
                "method": consent.method,
                "recorded_at": consent.recorded_at.isoformat(),
            }
            for consent in person.consents.select_related("organisation").order_by("recorded_at", "id")
        ],
    }
    for kind, model in ITEM_MODELS.items():
        data[kind] = [_item_as_dict(item) for item in model._default_manager.filter(person=person)]
    data.update(_own_history(person))
    for entry in personal_data():
        if entry.export is not None:
            data[entry.name] = entry.export(person)
    return data


def _own_history(person: Person) -> dict[str, Any]:
    """The consents in force and the ledger entries about the person (the ledger is below people)."""
    from assetlink.impact.models import Outcome

    return {
        "consents_in_force": [
            {"purpose": state.purpose, "organisation": str(state.organisation or ""), "parts": state.parts}
            for state in person.consent_states.select_related("organisation").filter(given=True)
        ],
        "outcomes": [
            {
                "type": entry.entry_type,
                "occurred_on": plain(entry.occurred_on),
                "correction": entry.correction,
            }
            for entry in Outcome.objects.filter(subject_type="people.person", subject_id=str(person.pk))
        ],
    }


def _item_as_dict(item: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in item._meta.concrete_fields:
        if field.name in {"id", "person"}:
            continue
        value = getattr(item, field.name)
        if field.is_relation and value is not None:
            value = (
                {"uri": value.uri, "label": value.preferred_label} if hasattr(value, "uri") else str(value)
            )
        data[field.name] = plain(value)
    return data


def _identifiers(person: Person) -> list[str]:
    """The strings that would identify the person if found in a log or payload."""
    names = [person.given_name, person.family_name, f"{person.given_name} {person.family_name}".strip()]
    values = [*names, person.email, person.phone, person.address]
    if person.user is not None:
        values.extend([person.user.email, person.user.full_name])
    return sorted(
        {value.strip() for value in values if value and len(value.strip()) >= 3}, key=len, reverse=True
    )


def _scrub(value: Any, identifiers: list[str]) -> Any:
    if isinstance(value, str):
        lowered = value.casefold()
        for identifier in identifiers:
            if identifier.casefold() in lowered:
                return ERASED
        return value
    if isinstance(value, list):
        return [_scrub(item, identifiers) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, identifiers) for key, item in value.items()}
    return value


def _mentions(value: Any, identifiers: list[str]) -> bool:
    text = (
        json.dumps(value, ensure_ascii=False).casefold() if not isinstance(value, str) else value.casefold()
    )
    return any(identifier.casefold() in text for identifier in identifiers)


def _scrub_logs(person: Person, identifiers: list[str]) -> None:
    user_id = person.user_id
    for entry in AuditEntry.objects.filter(programme=person.programme) | AuditEntry.objects.filter(
        programme__isnull=True, actor_id=user_id
    ):
        fields = {"object_repr": entry.object_repr, "before": entry.before, "after": entry.after}
        if _mentions(fields, identifiers):
            AuditEntry.objects.filter(pk=entry.pk).update(
                object_repr=_scrub(entry.object_repr, identifiers),
                before=_scrub(entry.before, identifiers),
                after=_scrub(entry.after, identifiers),
            )
    for access in AccessLogEntry.objects.filter(programme=person.programme):
        if _mentions(access.object_repr, identifiers):
            AccessLogEntry.objects.filter(pk=access.pk).update(object_repr=ERASED)


def _scrub_elsewhere(person: Person, identifiers: list[str]) -> None:
    from django_tasks_db.models import DBTaskResult

    for batch in ImportBatch.objects.filter(programme=person.programme):
        # An upload's content is encrypted and cannot be searched: any not yet wiped goes.
        ImportBatch.objects.filter(pk=batch.pk).update(
            content=b"",
            errors=_scrub(batch.errors, identifiers),
            status=batch.status
            if batch.status == ImportBatch.Status.IMPORTED
            else ImportBatch.Status.DISCARDED,
        )
    for result in DBTaskResult.objects.all():
        if _mentions([result.args_kwargs, result.return_value], identifiers):
            DBTaskResult.objects.filter(pk=result.pk).update(
                args_kwargs=_scrub(result.args_kwargs, identifiers)
            )
    media = Path(settings.MEDIA_ROOT).resolve()
    for run in TaskRun.objects.filter(programme=person.programme).exclude(result_file=""):
        path = (media / run.result_file).resolve()
        if path.is_relative_to(media):
            path.unlink(missing_ok=True)
        TaskRun.objects.filter(pk=run.pk).update(result_file="", message=ERASED)
    if person.user is not None:
        Invitation.objects.filter(email__iexact=person.user.email).update(
            email=f"erased-{person.user_id}@erased.invalid"
        )


def _erase_account(user: User) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from assetlink.accounts.models import ApiToken

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def erase_person(*, actor: User, person: Person) -> Person:
    """Remove the person's personal data everywhere; the record and ledger entries stay, anonymous."""
    require(actor, "people.erase_person", person)
    identifiers = _identifiers(person)
    with transaction.atomic():
        _scrub_logs(person, identifiers)
        _scrub_elsewhere(person, identifiers)
        for model in ITEM_MODELS.values():
            model._default_manager.filter(person=person).delete()
        # What the apps above keep about the person (matches, referrals, pathways, notes…).
        for entry in personal_data():
            if entry.erase is not None:
                entry.erase(person)
        # Nothing may be done with an erased record: every consent in force ends with the erasure.
        ConsentState.objects.filter(person=person).update(given=False)
        if person.user is not None:
            _erase_account(person.user)
        for name in PROFILE_FIELDS:
            if name not in {"area", "availability", "hours_per_week", "max_commute_km"}:
                setattr(person, name, "")
        person.erased_at = timezone.now()
        person.save()
        audit.record(actor, "person.erased", person, programme=person.programme)
    return person
