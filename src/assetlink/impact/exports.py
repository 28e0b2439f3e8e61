"""The outcome ledger as CSV or XLSX: the entries the exporting user may read, corrections included."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from assetlink.exchange.exports import Column, ListExport
from assetlink.impact.models import Correction, Outcome
from assetlink.impact.selectors import ledger_visible_to


def _counts(entry: Outcome) -> bool:
    """Whether the entry counts today: not a reversal and not superseded by a later correction."""
    return entry.correction != Correction.REVERSAL and not hasattr(entry, "corrected_by")


def _verified_at(entry: Outcome) -> Any:
    verification = getattr(entry, "verification", None)
    return verification.verified_at if verification is not None else None


LEDGER = ListExport(
    name="ledger",
    title=_("Outcome ledger"),
    permission="impact.view_ledger",
    rows=lambda user, programme: (
        ledger_visible_to(user, programme).select_related("corrected_by").order_by("occurred_on", "id")
    ),
    columns=[
        Column("id", lambda e: e.pk),
        Column("occurred_on", lambda e: e.occurred_on),
        Column("entry_type", lambda e: e.entry_type),
        Column("subject_type", lambda e: e.subject_type),
        Column("subject_id", lambda e: e.subject_id),
        Column("value", lambda e: e.value),
        Column("currency", lambda e: e.currency),
        Column("quantity", lambda e: e.quantity),
        Column("work_package", lambda e: e.work_package.code if e.work_package else ""),
        Column(
            "recording_organisation",
            lambda e: e.recording_organisation.name if e.recording_organisation else "",
        ),
        Column("related_type", lambda e: e.related_type),
        Column("related_id", lambda e: e.related_id),
        Column("evidence", lambda e: e.evidence),
        Column("has_evidence_file", lambda e: bool(e.evidence_file)),
        Column("recorded_at", lambda e: e.recorded_at),
        Column("verified_at", _verified_at),
        Column("corrects", lambda e: e.corrects_id or ""),
        Column("correction", lambda e: e.correction),
        Column("reason", lambda e: e.reason),
        Column("counts", _counts),
    ],
)
