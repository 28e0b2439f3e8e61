"""Appending to the outcome ledger, recording an outcome by hand, verifying and correcting an entry."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models, transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.impact.models import (
    MONEY_TYPES,
    QUANTITY_TYPES,
    SYSTEM_TYPES,
    Correction,
    Outcome,
    OutcomeType,
    Subject,
    Verification,
    subjects_of,
)
from assetlink.organisations.selectors import organisations_of
from assetlink.programmes.rules import require, roles_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme, WorkPackage


def _acting_organisation(actor: User | None, programme: Programme) -> Organisation | None:
    membership = roles_of(actor).get(programme.pk) if actor is not None else None
    return membership.organisation if membership is not None else None


def _belongs_to(subject: models.Model, programme: Programme) -> bool:
    if subject._meta.label_lower == Subject.ORGANISATION:
        return organisations_of(programme).filter(pk=subject.pk).exists()
    return getattr(subject, "programme_id", None) == programme.pk


def _check_entry(
    programme: Programme,
    entry_type: str,
    subject: models.Model,
    value: Decimal | None,
    quantity: Decimal | None,
    work_package: WorkPackage | None,
) -> None:
    if entry_type not in OutcomeType.values:
        raise ValidationError({"entry_type": _("Unknown outcome type “%(type)s”.") % {"type": entry_type}})
    label = OutcomeType(entry_type).label
    if subject._meta.label_lower not in subjects_of(entry_type):
        raise ValidationError(
            {"subject": _("An entry “%(type)s” cannot be about this kind of record.") % {"type": label}}
        )
    if not _belongs_to(subject, programme):
        raise ValidationError({"subject": _("The subject belongs to another programme.")})
    if entry_type in QUANTITY_TYPES and (quantity is None or quantity <= 0):
        raise ValidationError(
            {"quantity": _("An entry “%(type)s” needs how many (hours or people).") % {"type": label}}
        )
    if value is not None and value < 0:
        raise ValidationError({"value": _("A value cannot be negative.")})
    if work_package is not None and work_package.programme_id != programme.pk:
        raise ValidationError({"work_package": _("The work package belongs to another programme.")})


def append_outcome(
    *,
    actor: User | None,
    programme: Programme,
    entry_type: OutcomeType | str,
    subject: models.Model,
    occurred_on: datetime.date,
    value: Decimal | None = None,
    currency: str = "",
    quantity: Decimal | None = None,
    data: dict[str, Any] | None = None,
    evidence: str = "",
    evidence_file: File[Any] | None = None,
    work_package: WorkPackage | None = None,
    recording_organisation: Organisation | None = None,
    related: models.Model | None = None,
) -> Outcome:
    """Append one entry to the ledger. Called by the service whose write caused the outcome."""
    _check_entry(programme, entry_type, subject, value, quantity, work_package)
    outcome = Outcome(
        programme=programme,
        entry_type=entry_type,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        occurred_on=occurred_on,
        value=value,
        currency=(currency or programme.currency).upper() if value is not None else "",
        quantity=quantity,
        data=data or {},
        evidence=evidence,
        work_package=work_package,
        recording_organisation=recording_organisation or _acting_organisation(actor, programme),
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if evidence_file is not None:
        outcome.evidence_file.save(evidence_file.name or "evidence", evidence_file, save=False)
    outcome.save()
    return outcome


def record_outcome(
    *,
    actor: User,
    programme: Programme,
    entry_type: str,
    subject: models.Model,
    occurred_on: datetime.date,
    value: Decimal | None = None,
    currency: str = "",
    quantity: Decimal | None = None,
    evidence: str = "",
    evidence_file: File[Any] | None = None,
    work_package: WorkPackage | None = None,
    related: models.Model | None = None,
) -> Outcome:
    """A partner records an outcome with its evidence (a job started, a grant won, hours volunteered).

    Entries that another service writes as it happens (consent, registration, referral) are refused here.
    """
    require(actor, "impact.record_outcome", programme)
    if subject._meta.label_lower == Subject.PERSON:
        require(actor, "impact.record_outcome_about", subject)
    if entry_type in SYSTEM_TYPES:
        raise ValidationError(
            {
                "entry_type": _("“%(type)s” is recorded by assetlink as it happens, not by hand.")
                % {"type": OutcomeType(entry_type).label}
            }
        )
    if occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": _("An outcome cannot have happened in the future.")})
    if entry_type in MONEY_TYPES and (value is None or value <= 0):
        raise ValidationError(
            {
                "value": _("An entry “%(type)s” needs its value in money.")
                % {"type": OutcomeType(entry_type).label}
            }
        )
    if not evidence.strip() and evidence_file is None:
        raise ValidationError({"evidence": _("Give the evidence: a note of what shows it, or a file.")})
    with transaction.atomic():
        outcome = append_outcome(
            actor=actor,
            programme=programme,
            entry_type=entry_type,
            subject=subject,
            occurred_on=occurred_on,
            value=value,
            currency=currency,
            quantity=quantity,
            evidence=evidence.strip(),
            evidence_file=evidence_file,
            work_package=work_package,
            related=related,
        )
        audit.record(actor, "outcome.recorded", outcome, programme=programme, after=audit.snapshot(outcome))
    return outcome


def verify_outcome(*, actor: User, outcome: Outcome, note: str = "") -> Verification:
    """Confirm an entry's evidence; the one who recorded it cannot verify it."""
    require(actor, "impact.verify_outcome", outcome.programme)
    if outcome.recorded_by_id == actor.pk:
        raise ValidationError({"outcome": _("Someone other than the person who recorded it must verify it.")})
    if Verification.objects.filter(outcome=outcome).exists():
        raise ValidationError({"outcome": _("This entry has already been verified.")})
    with transaction.atomic():
        verification = Verification.objects.create(outcome=outcome, verified_by=actor, note=note.strip())
        audit.record(actor, "outcome.verified", outcome, programme=outcome.programme, after={"note": note})
    return verification


def correct_outcome(
    *,
    actor: User,
    outcome: Outcome,
    kind: Correction,
    reason: str,
    occurred_on: datetime.date | None = None,
    value: Decimal | None = None,
    quantity: Decimal | None = None,
    data: dict[str, Any] | None = None,
) -> Outcome:
    """Reverse or amend an entry by appending a new one that points at it, with a reason."""
    require(actor, "impact.correct_outcome", outcome.programme)
    if kind not in Correction.values:
        raise ValidationError({"kind": _("Say whether the entry is reversed or amended.")})
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
    amended = kind == Correction.AMENDMENT
    if amended and value is not None and value < 0:
        raise ValidationError({"value": _("A value cannot be negative.")})
    with transaction.atomic():
        correction = Outcome.objects.create(
            programme=outcome.programme,
            entry_type=outcome.entry_type,
            subject_type=outcome.subject_type,
            subject_id=outcome.subject_id,
            occurred_on=(occurred_on if amended and occurred_on else outcome.occurred_on),
            value=value if amended and value is not None else outcome.value,
            currency=outcome.currency,
            quantity=quantity if amended and quantity is not None else outcome.quantity,
            data=data if amended and data is not None else outcome.data,
            evidence=outcome.evidence,
            evidence_file=outcome.evidence_file.name,
            work_package=outcome.work_package,
            recording_organisation=outcome.recording_organisation,
            related_type=outcome.related_type,
            related_id=outcome.related_id,
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
