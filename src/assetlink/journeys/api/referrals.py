"""API of referrals: the receiver sees only the parts of a person their consent names."""

import datetime
from typing import Any

from ninja import Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.audit.models import AccessLogEntry
from assetlink.journeys import selectors, services
from assetlink.journeys.api.common import ReasonIn, router
from assetlink.journeys.models import Referral, ReferralResult, ReferralStatus
from assetlink.opportunities.selectors import opportunity_in
from assetlink.people.api import on_person
from assetlink.people.selectors import person_in
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

VIEW_REFERRALS = Access("programme", "journeys.view_referrals")


REFER = on_person("journeys.refer_person")


def _on_referral(permission: str) -> Access:
    return Access(
        "programme",
        "programmes.view_programme",
        object_permission=permission,
        load_object=selectors.referral_in,
    )


VIEW_REFERRAL = _on_referral("journeys.view_referral")


ANSWER_REFERRAL = _on_referral("journeys.answer_referral")


WITHDRAW_REFERRAL = _on_referral("journeys.withdraw_referral")


class ReferralSummaryOut(Schema):
    id: int
    reference: str
    person_reference: str
    service_id: int | None
    opportunity_id: int | None
    to_organisation_id: int
    from_organisation_id: int | None
    status: str
    sent_on: datetime.date
    respond_by: datetime.date
    complete_by: datetime.date | None
    closed_on: datetime.date | None
    result: str
    is_overdue: bool

    @staticmethod
    def resolve_person_reference(obj: Referral) -> str:
        return obj.person.reference


class SharedPartOut(Schema):
    part: str
    label: str
    value: str


class ReferralOut(ReferralSummaryOut):
    reason: str
    decline_reason: str
    result_note: str
    whole_record: bool
    shared: list[SharedPartOut]


class ReferralIn(Schema):
    reason: str
    service_id: int | None = None
    opportunity_id: int | None = None


class AnswerIn(Schema):
    accept: bool
    reason: str = ""


class CompleteIn(Schema):
    result: ReferralResult
    note: str = ""
    completed_on: datetime.date | None = None


def _referral_out(request: AuthenticatedHttpRequest, referral: Referral) -> Referral:
    """The referral with what the reader may see of the person (read through the access-logged selector)."""
    person = selectors.referred_person(
        request.user, referral, path=request.path, channel=AccessLogEntry.Channel.API
    )
    referral.whole_record = person["whole_record"]  # type: ignore[attr-defined]
    referral.shared = [  # type: ignore[attr-defined]
        {"part": part, "label": label, "value": value} for part, label, value in person["fields"]
    ]
    return referral


@router.get("/programmes/{slug}/referrals", response=list[ReferralSummaryOut])
@declares(VIEW_REFERRALS)
@paginate(LimitOffsetPagination)
def list_referrals(
    request: AuthenticatedHttpRequest,
    slug: str,
    box: str = "received",
    status: str = "",
    overdue: bool = False,
) -> Any:
    """A partner's received (default) or sent referrals; every referral for the programme admin."""
    referrals = selectors.referrals_for(request.user, programme_for(request, slug, VIEW_REFERRALS), box)
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    if overdue:
        referrals = selectors.overdue(referrals)
    return referrals


@router.get("/programmes/{slug}/referrals/{referral_id}", response=ReferralOut)
@declares(VIEW_REFERRAL)
def get_referral(request: AuthenticatedHttpRequest, slug: str, referral_id: int) -> Any:
    """A referral; of the person, only the parts of the record their consent lets the reader see."""
    programme = programme_for(request, slug, VIEW_REFERRAL, referral_id=referral_id)
    return _referral_out(request, selectors.referral_in(programme, referral_id))


@router.post("/programmes/{slug}/people/{person_id}/referrals", response={201: ReferralOut})
@declares(REFER)
def send_referral(request: AuthenticatedHttpRequest, slug: str, person_id: int, payload: ReferralIn) -> Any:
    """Refer a person to a partner's service or to an opportunity; refused (422) without their consent."""
    programme = programme_for(request, slug, REFER, person_id=person_id)
    referral = services.send_referral(
        actor=request.user,
        person=person_in(programme, person_id),
        reason=payload.reason,
        service=selectors.service_in(programme, payload.service_id) if payload.service_id else None,
        opportunity=opportunity_in(programme, payload.opportunity_id) if payload.opportunity_id else None,
    )
    return 201, _referral_out(request, referral)


@router.post("/programmes/{slug}/referrals/{referral_id}/answer", response=ReferralOut)
@declares(ANSWER_REFERRAL)
def answer_referral(request: AuthenticatedHttpRequest, slug: str, referral_id: int, payload: AnswerIn) -> Any:
    programme = programme_for(request, slug, ANSWER_REFERRAL, referral_id=referral_id)
    referral = services.answer_referral(
        actor=request.user,
        referral=selectors.referral_in(programme, referral_id),
        accept=payload.accept,
        reason=payload.reason,
    )
    return _referral_out(request, referral)


@router.post("/programmes/{slug}/referrals/{referral_id}/complete", response=ReferralOut)
@declares(ANSWER_REFERRAL)
def complete_referral(
    request: AuthenticatedHttpRequest, slug: str, referral_id: int, payload: CompleteIn
) -> Any:
    programme = programme_for(request, slug, ANSWER_REFERRAL, referral_id=referral_id)
    referral = services.complete_referral(
        actor=request.user,
        referral=selectors.referral_in(programme, referral_id),
        result=payload.result,
        note=payload.note,
        completed_on=payload.completed_on,
    )
    return _referral_out(request, referral)


@router.post("/programmes/{slug}/referrals/{referral_id}/withdraw", response=ReferralOut)
@declares(WITHDRAW_REFERRAL)
def withdraw_referral(
    request: AuthenticatedHttpRequest, slug: str, referral_id: int, payload: ReasonIn
) -> Any:
    programme = programme_for(request, slug, WITHDRAW_REFERRAL, referral_id=referral_id)
    referral = services.withdraw_referral(
        actor=request.user, referral=selectors.referral_in(programme, referral_id), reason=payload.reason
    )
    return _referral_out(request, referral)
