"""Filtered reads of a programme's audit trail and access log (for its admins)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from assetlink.audit.models import AccessLogEntry, AuditEntry
from assetlink.programmes.models import Programme


@dataclass(frozen=True)
class LogFilters:
    """What a reader narrowed the log down to; empty values mean no filter."""

    action: str = ""
    object_type: str = ""
    person: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


def _narrowed(entries: QuerySet[Any], filters: LogFilters, person_field: str) -> QuerySet[Any]:
    """Apply the filters both logs share: object type, person and date range."""
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.person:
        entries = entries.filter(**{f"{person_field}__email__icontains": filters.person})
    if filters.since:
        entries = entries.filter(at__date__gte=filters.since)
    if filters.until:
        entries = entries.filter(at__date__lte=filters.until)
    return entries


def audit_entries(programme: Programme, filters: LogFilters = LogFilters()) -> QuerySet[AuditEntry]:
    """Audit entries of a programme, newest first."""
    entries = AuditEntry.objects.filter(programme=programme).select_related("actor")
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    return _narrowed(entries, filters, "actor")


def access_entries(programme: Programme, filters: LogFilters = LogFilters()) -> QuerySet[AccessLogEntry]:
    """Access log entries of a programme, newest first."""
    entries = AccessLogEntry.objects.filter(programme=programme).select_related("viewer", "operator_access")
    return _narrowed(entries, filters, "viewer")


def audit_object_types(programme: Programme) -> list[str]:
    """The kinds of object that appear in a programme's audit trail, for the filter menu."""
    return sorted(set(AuditEntry.objects.filter(programme=programme).values_list("object_type", flat=True)))
