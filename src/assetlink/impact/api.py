"""API of the outcome ledger: entries within the reader's scope, recording with evidence, verification
and corrections (new entries that reverse or amend, never changes)."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.impact import selectors, services
from assetlink.impact.models import Correction, Subject
from assetlink.organisations.selectors import organisations_of
from assetlink.people.models import Person
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["ledger"])

VIEW_LEDGER = Access("programme", "impact.view_ledger")
RECORD = Access("programme", "impact.record_outcome")
VIEW_OUTCOME = Access(
    "programme",
    "impact.view_ledger",
    object_permission="impact.view_outcome",
    load_object=selectors.outcome_in,
)
VERIFY = Access(
    "programme",
    "impact.verify_outcome",
    object_permission="impact.view_outcome",
    load_object=selectors.outcome_in,
)
CORRECT = Access(
    "programme",
    "impact.correct_outcome",
    object_permission="impact.view_outcome",
    load_object=selectors.outcome_in,
)


class OutcomeOut(Schema):
    id: int
    entry_type: str
    subject_type: str
    subject_id: str
    occurred_on: datetime.date
    value: Decimal | None
    currency: str
    quantity: Decimal | None
    data: dict[str, Any]
    evidence: str
    has_evidence_file: bool
    work_package_id: int | None
    recording_organisation_id: int | None
    related_type: str
    related_id: str
    recorded_at: datetime.datetime
    verified_at: datetime.datetime | None
    corrects_id: int | None
    correction: str
    reason: str

    @staticmethod
    def resolve_has_evidence_file(obj: Any) -> bool:
        return bool(obj.evidence_file)

    @staticmethod
    def resolve_verified_at(obj: Any) -> datetime.datetime | None:
        verification = getattr(obj, "verification", None)
        return verification.verified_at if verification is not None else None


class OutcomeIn(Schema):
    entry_type: str
    subject_type: Subject
    subject_id: int
    occurred_on: datetime.date
    value: Decimal | None = None
    currency: str = ""
    quantity: Decimal | None = None
    evidence: str
    work_package_id: int | None = None


class VerifyIn(Schema):
    note: str = ""


class CorrectionIn(Schema):
    kind: Correction
    reason: str
    occurred_on: datetime.date | None = None
    value: Decimal | None = None
    quantity: Decimal | None = None


@router.get("/programmes/{slug}/ledger", response=list[OutcomeOut])
@declares(VIEW_LEDGER)
@paginate(LimitOffsetPagination)
def list_outcomes(
    request: AuthenticatedHttpRequest,
    slug: str,
    entry_type: str = "",
    subject_type: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    effective_only: bool = False,
) -> Any:
    """Ledger entries the caller may read (all for the programme admin, their organisation's for partners)."""
    programme = programme_for(request, slug, VIEW_LEDGER)
    entries = selectors.ledger_visible_to(request.user, programme)
    filters = {
        "entry_type": entry_type,
        "subject_type": subject_type,
        "since": since,
        "until": until,
        "effective_only": effective_only,
    }
    return selectors.filter_ledger(entries, filters).order_by("occurred_on", "id")


@router.get("/programmes/{slug}/ledger/{outcome_id}", response=OutcomeOut)
@declares(VIEW_OUTCOME)
def get_outcome(request: AuthenticatedHttpRequest, slug: str, outcome_id: int) -> Any:
    programme = programme_for(request, slug, VIEW_OUTCOME, outcome_id=outcome_id)
    return selectors.outcome_in(programme, outcome_id)


@router.post("/programmes/{slug}/ledger", response={201: OutcomeOut})
@declares(RECORD)
def record_outcome(request: AuthenticatedHttpRequest, slug: str, payload: OutcomeIn) -> Any:
    """Record an outcome with its evidence note (files are attached on the page)."""
    programme = programme_for(request, slug, RECORD)
    subject: Any
    if payload.subject_type == Subject.PERSON:
        subject = Person.objects.filter(programme=programme, pk=payload.subject_id).first()
    else:
        subject = organisations_of(programme).filter(pk=payload.subject_id).first()
    if subject is None:
        raise ValidationError({"subject_id": _("No such person or organisation in this programme.")})
    work_package = (
        programme.work_packages.filter(pk=payload.work_package_id).first()
        if payload.work_package_id
        else None
    )
    outcome = services.record_outcome(
        actor=request.user,
        programme=programme,
        entry_type=payload.entry_type,
        subject=subject,
        occurred_on=payload.occurred_on,
        value=payload.value,
        currency=payload.currency,
        quantity=payload.quantity,
        evidence=payload.evidence,
        work_package=work_package,
    )
    return 201, outcome


@router.post("/programmes/{slug}/ledger/{outcome_id}/verify", response=OutcomeOut)
@declares(VERIFY)
def verify_outcome(request: AuthenticatedHttpRequest, slug: str, outcome_id: int, payload: VerifyIn) -> Any:
    programme = programme_for(request, slug, VERIFY, outcome_id=outcome_id)
    outcome = selectors.outcome_in(programme, outcome_id)
    services.verify_outcome(actor=request.user, outcome=outcome, note=payload.note)
    return selectors.outcome_in(programme, outcome_id)


@router.post("/programmes/{slug}/ledger/{outcome_id}/corrections", response={201: OutcomeOut})
@declares(CORRECT)
def correct_outcome(
    request: AuthenticatedHttpRequest, slug: str, outcome_id: int, payload: CorrectionIn
) -> Any:
    programme = programme_for(request, slug, CORRECT, outcome_id=outcome_id)
    correction = services.correct_outcome(
        actor=request.user,
        outcome=selectors.outcome_in(programme, outcome_id),
        kind=payload.kind,
        reason=payload.reason,
        occurred_on=payload.occurred_on,
        value=payload.value,
        quantity=payload.quantity,
    )
    return 201, correction
