"""The two ways to write to the audit trail: record a change, record an access."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.fields.files import FieldFile

from assetlink.audit.models import AccessLogEntry, AuditEntry
from assetlink.programmes.rules import operator_access_in

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.background.models import TaskRun
    from assetlink.programmes.models import Programme


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model instance's concrete fields, for before/after records."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "key_hash"}:
            continue
        value = field.value_from_object(instance)
        if getattr(field, "encrypted", False):
            # Encrypted at rest in its table, so never copied in clear into the audit trail.
            data[field.name] = "•••" if value else ""
            continue
        data[field.name] = _json_safe(value)
    return data


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def record(
    actor: User | None,
    action: str,
    instance: models.Model,
    *,
    programme: Programme | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write: who did which action to which object, with its state before and after."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        programme=programme,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
    )


def record_access(
    viewer: User,
    instance: models.Model,
    *,
    programme: Programme | None,
    channel: str = AccessLogEntry.Channel.WEB,
    path: str = "",
) -> AccessLogEntry:
    """Record that a user viewed a record holding personal data."""
    return AccessLogEntry.objects.create(
        viewer=viewer,
        programme=programme,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        channel=channel,
        path=path[:300],
        operator_access=operator_access_in(viewer, programme),
    )


def record_accesses(
    viewer: User,
    instances: Sequence[models.Model],
    *,
    programme: Programme | None,
    channel: str = AccessLogEntry.Channel.EXPORT,
    path: str = "",
) -> int:
    """Record that a user received many records holding personal data at once (an export)."""
    operator_access = operator_access_in(viewer, programme)
    entries = [
        AccessLogEntry(
            viewer=viewer,
            programme=programme,
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            channel=channel,
            path=path[:300],
            operator_access=operator_access,
        )
        for instance in instances
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def start_audit_export(*, actor: User, programme: Programme, filters: dict[str, str]) -> TaskRun:
    """Queue a CSV export of the programme's audit trail; returns the task run to follow."""
    from assetlink.audit.tasks import export_audit_log
    from assetlink.background.services import start_task
    from assetlink.programmes.rules import require

    require(actor, "audit.export_log", programme)
    run = start_task(
        actor=actor,
        task=export_audit_log,
        kind="audit.export",
        programme=programme,
        programme_id=programme.pk,
        filters=filters,
    )
    record(actor, "audit.export_started", run, programme=programme, after={"filters": filters})
    return run
