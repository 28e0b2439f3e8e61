"""Appending to the outcome ledger and correcting an entry by a new one."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.impact.models import Correction, Outcome, OutcomeType
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme


def append_outcome(
    *,
    actor: User | None,
    programme: Programme,
    entry_type: OutcomeType | str,
    subject: models.Model,
    occurred_on: datetime.date,
    value: Decimal | None = None,
    data: dict[str, Any] | None = None,
    evidence: str = "",
) -> Outcome:
    """Append one entry to the ledger. Called by the service whose write caused the outcome."""
    if entry_type not in OutcomeType.values:
        raise ValidationError({"entry_type": _("Unknown outcome type “%(type)s”.") % {"type": entry_type}})
    return Outcome.objects.create(
        programme=programme,
        entry_type=entry_type,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        occurred_on=occurred_on,
        value=value,
        currency=programme.currency if value is not None else "",
        data=data or {},
        evidence=evidence,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )


def correct_outcome(
    *,
    actor: User,
    outcome: Outcome,
    kind: Correction,
    reason: str,
    occurred_on: datetime.date | None = None,
    value: Decimal | None = None,
    data: dict[str, Any] | None = None,
) -> Outcome:
    """Reverse or amend an entry by appending a new one that points at it, with a reason."""
    require(actor, "impact.correct_outcome", outcome.programme)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this entry is being corrected.")})
    if outcome.correction == Correction.REVERSAL:
        raise ValidationError(
            {"outcome": _("A reversal cannot itself be corrected; append a new entry instead.")}
        )
    if Outcome.objects.filter(corrects=outcome).exists():
        raise ValidationError(
            {"outcome": _("This entry has already been corrected; correct the latest entry.")}
        )
    with transaction.atomic():
        correction = Outcome.objects.create(
            programme=outcome.programme,
            entry_type=outcome.entry_type,
            subject_type=outcome.subject_type,
            subject_id=outcome.subject_id,
            occurred_on=occurred_on or outcome.occurred_on,
            value=outcome.value if kind == Correction.REVERSAL or value is None else value,
            currency=outcome.currency,
            data=outcome.data if data is None else data,
            evidence=outcome.evidence,
            recorded_by=actor,
            corrects=outcome,
            correction=kind,
            reason=reason.strip(),
        )
        audit.record(
            actor,
            f"outcome.{kind}",
            correction,
            programme=outcome.programme,
            before=audit.snapshot(outcome),
            after=audit.snapshot(correction),
        )
    return correction
