"""API of journeys: services, referrals (the receiver sees only the consented parts of a person),
pathways with their funnel, enrolments with progress, support programmes and cohorts, timelines and
"my work" — the same rules as the pages."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.audit.models import AccessLogEntry
from assetlink.journeys import selectors, services
from assetlink.journeys.models import Enrolment, Referral, ReferralResult, ReferralStatus
from assetlink.opportunities.selectors import opportunity_in
from assetlink.people.api import on_person
from assetlink.people.selectors import person_in
from assetlink.timelines.api import NoteOut
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["journeys"])

VIEW_SERVICES = Access("programme", "journeys.view_services")
ADD_SERVICE = Access("programme", "journeys.add_service")
VIEW_REFERRALS = Access("programme", "journeys.view_referrals")
VIEW_PATHWAYS = Access("programme", "journeys.view_pathways")
REFER = on_person("journeys.refer_person")
ENROL = on_person("journeys.enrol_person")
VIEW_PERSON = on_person("people.view_person")


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
CHANGE_ENROLMENT = Access(
    "programme",
    "programmes.view_programme",
    object_permission="journeys.change_enrolment",
    load_object=selectors.enrolment_in,
)


class ServiceOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.name")
    name: str
    description: str
    respond_within_days: int
    complete_within_days: int
    is_active: bool


class ServiceIn(Schema):
    name: str
    description: str = ""
    respond_within_days: int = 5
    complete_within_days: int = 30
    is_active: bool = True
    organisation_id: int | None = Field(
        None, description="Programme admins name the partner; staff offer their own"
    )


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


class ReasonIn(Schema):
    reason: str


class StepOut(Schema):
    id: int
    position: int
    code: str
    name: str
    expected_days: int
    expected_cost: Decimal
    evidence_required: str
    outcome_type: str


class FunnelStepOut(Schema):
    position: int
    code: str
    name: str
    reached: int
    in_progress: int
    overdue: int
    done: int
    skipped: int
    stopped: int
    median_days: float | None
    expected_days: int


class FunnelOut(Schema):
    enrolled: int
    active: int
    completed: int
    withdrawn: int
    median_days_to_complete: float | None
    steps: list[FunnelStepOut]


class PathwayOut(Schema):
    id: int
    code: str
    name: str
    country: str
    is_active: bool
    steps: list[StepOut]


class PathwayDetailOut(PathwayOut):
    funnel: FunnelOut


class ProgressOut(Schema):
    step_code: str = Field(..., alias="step.code")
    status: str
    started_on: datetime.date | None
    due_on: datetime.date | None
    completed_on: datetime.date | None
    is_overdue: bool


class EnrolmentOut(Schema):
    id: int
    template_id: int
    template_code: str = Field(..., alias="template.code")
    status: str
    started_on: datetime.date
    ended_on: datetime.date | None
    progress: list[ProgressOut]

    @staticmethod
    def resolve_progress(obj: Enrolment) -> list[Any]:
        return sorted(obj.progress.all(), key=lambda item: item.step.position)


class EnrolIn(Schema):
    template_id: int
    started_on: datetime.date | None = None


class StepDoneIn(Schema):
    evidence: str
    completed_on: datetime.date | None = None
    not_needed: bool = False


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


@router.get("/programmes/{slug}/services", response=list[ServiceOut])
@declares(VIEW_SERVICES)
def list_services(request: AuthenticatedHttpRequest, slug: str) -> Any:
    return selectors.services_of(programme_for(request, slug, VIEW_SERVICES))


@router.post("/programmes/{slug}/services", response={201: ServiceOut})
@declares(ADD_SERVICE)
def add_service(request: AuthenticatedHttpRequest, slug: str, payload: ServiceIn) -> Any:
    from assetlink.organisations.selectors import organisation_in

    programme = programme_for(request, slug, ADD_SERVICE)
    organisation = organisation_in(programme, payload.organisation_id) if payload.organisation_id else None
    service = services.save_service(
        actor=request.user,
        programme=programme,
        organisation=organisation,
        **payload.dict(exclude={"organisation_id"}),
    )
    return 201, service


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


@router.get("/programmes/{slug}/pathways", response=list[PathwayOut])
@declares(VIEW_PATHWAYS)
def list_pathways(request: AuthenticatedHttpRequest, slug: str) -> Any:
    return selectors.pathways_of(programme_for(request, slug, VIEW_PATHWAYS))


@router.get("/programmes/{slug}/pathways/{template_id}", response=PathwayDetailOut)
@declares(VIEW_PATHWAYS)
def get_pathway(request: AuthenticatedHttpRequest, slug: str, template_id: int) -> Any:
    """A pathway with its steps and funnel (people at each step, median days per step, drop-out)."""
    template = selectors.pathway_in(programme_for(request, slug, VIEW_PATHWAYS), template_id)
    template.funnel = selectors.pathway_funnel(template)  # type: ignore[attr-defined]
    return template


@router.get("/programmes/{slug}/people/{person_id}/enrolments", response=list[EnrolmentOut])
@declares(VIEW_PERSON)
def list_enrolments(request: AuthenticatedHttpRequest, slug: str, person_id: int) -> Any:
    programme = programme_for(request, slug, VIEW_PERSON, person_id=person_id)
    return selectors.person_enrolments(person_in(programme, person_id))


@router.post("/programmes/{slug}/people/{person_id}/enrolments", response={201: EnrolmentOut})
@declares(ENROL)
def enrol(request: AuthenticatedHttpRequest, slug: str, person_id: int, payload: EnrolIn) -> Any:
    programme = programme_for(request, slug, ENROL, person_id=person_id)
    enrolment = services.enrol_person(
        actor=request.user,
        person=person_in(programme, person_id),
        template=selectors.pathway_in(programme, payload.template_id),
        started_on=payload.started_on,
    )
    return 201, selectors.person_enrolments(enrolment.person).get(pk=enrolment.pk)


@router.post("/programmes/{slug}/enrolments/{enrolment_id}/steps", response=EnrolmentOut)
@declares(CHANGE_ENROLMENT)
def record_step(request: AuthenticatedHttpRequest, slug: str, enrolment_id: int, payload: StepDoneIn) -> Any:
    """Record the step in progress as passed (evidence) or not needed (reason); the next one starts."""
    programme = programme_for(request, slug, CHANGE_ENROLMENT, enrolment_id=enrolment_id)
    enrolment = selectors.enrolment_in(programme, enrolment_id)
    services.complete_step(
        actor=request.user,
        enrolment=enrolment,
        evidence=payload.evidence,
        completed_on=payload.completed_on,
        not_needed=payload.not_needed,
    )
    return selectors.person_enrolments(enrolment.person).get(pk=enrolment.pk)


@router.post("/programmes/{slug}/enrolments/{enrolment_id}/leave", response=EnrolmentOut)
@declares(CHANGE_ENROLMENT)
def leave(request: AuthenticatedHttpRequest, slug: str, enrolment_id: int, payload: ReasonIn) -> Any:
    programme = programme_for(request, slug, CHANGE_ENROLMENT, enrolment_id=enrolment_id)
    enrolment = selectors.enrolment_in(programme, enrolment_id)
    services.leave_pathway(actor=request.user, enrolment=enrolment, reason=payload.reason)
    return selectors.person_enrolments(enrolment.person).get(pk=enrolment.pk)


VIEW_SUPPORT = Access("programme", "journeys.view_support")
RUN_SUPPORT = Access(
    "programme",
    "journeys.view_support",
    object_permission="journeys.run_support",
    load_object=selectors.support_in,
)
RUN_COHORT = Access(
    "programme",
    "journeys.view_support",
    object_permission="journeys.run_support",
    load_object=selectors.cohort_support,
)
MY_WORK = Access("programme", "journeys.view_my_work")


class StageCountOut(Schema):
    position: int
    code: str
    name: str
    outcome_type: str
    reached: int
    at_stage: int


class SupportOut(Schema):
    id: int
    kind: str
    name: str
    organisation_id: int
    work_package_id: int | None
    participants: str
    min_attendance: int
    is_active: bool
    stages: list[StageCountOut]

    @staticmethod
    def resolve_stages(obj: Any) -> list[Any]:
        return selectors.support_summary(obj)


class CohortIn(Schema):
    name: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    capacity: int | None = None


class ParticipantOut(Schema):
    id: int
    label: str
    stage: str | None
    status: str
    attended: int
    held: int
    headcount: int


class CohortOut(Schema):
    id: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    participants: list[ParticipantOut]


class ParticipantIn(Schema):
    person_id: int | None = None
    organisation_id: int | None = None
    headcount: int = 1
    joined_on: datetime.date | None = None


class SessionIn(Schema):
    held_on: datetime.date
    topic: str
    present: list[int] = []


class StageIn(Schema):
    stage_code: str
    reached_on: datetime.date | None = None
    evidence: str = ""


class MyWorkOut(Schema):
    open_tasks: list[NoteOut]
    awaiting_answer: list[ReferralSummaryOut]
    in_progress: list[ReferralSummaryOut]
    overdue_sent: list[ReferralSummaryOut]
    overdue_steps: int


def _cohort_out(request: AuthenticatedHttpRequest, cohort: Any) -> dict[str, Any]:
    return {
        "id": cohort.pk,
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "participants": [
            {
                "id": row["participation"].pk,
                "label": row["label"],
                "stage": row["participation"].stage.code if row["participation"].stage else None,
                "status": row["participation"].status,
                "attended": row["attended"],
                "held": row["held"],
                "headcount": row["participation"].headcount,
            }
            for row in selectors.cohort_participants(request.user, cohort)
        ],
    }


@router.get("/programmes/{slug}/support", response=list[SupportOut])
@declares(VIEW_SUPPORT)
def list_support(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Support programmes with how many participants reached each stage (counts only)."""
    return selectors.support_programmes_of(programme_for(request, slug, VIEW_SUPPORT))


@router.post("/programmes/{slug}/support/{support_id}/cohorts", response={201: CohortOut})
@declares(RUN_SUPPORT)
def add_cohort(request: AuthenticatedHttpRequest, slug: str, support_id: int, payload: CohortIn) -> Any:
    programme = programme_for(request, slug, RUN_SUPPORT, support_id=support_id)
    cohort = services.add_cohort(
        actor=request.user, support=selectors.support_in(programme, support_id), **payload.dict()
    )
    return 201, _cohort_out(request, cohort)


@router.get("/programmes/{slug}/cohorts/{cohort_id}", response=CohortOut)
@declares(RUN_COHORT)
def get_cohort(request: AuthenticatedHttpRequest, slug: str, cohort_id: int) -> Any:
    programme = programme_for(request, slug, RUN_COHORT, cohort_id=cohort_id)
    return _cohort_out(request, selectors.cohort_in(programme, cohort_id))


@router.post("/programmes/{slug}/cohorts/{cohort_id}/participants", response={201: CohortOut})
@declares(RUN_COHORT)
def add_participant(
    request: AuthenticatedHttpRequest, slug: str, cohort_id: int, payload: ParticipantIn
) -> Any:
    from assetlink.organisations.selectors import organisation_in

    programme = programme_for(request, slug, RUN_COHORT, cohort_id=cohort_id)
    cohort = selectors.cohort_in(programme, cohort_id)
    services.add_participant(
        actor=request.user,
        cohort=cohort,
        person=person_in(programme, payload.person_id) if payload.person_id else None,
        organisation=organisation_in(programme, payload.organisation_id) if payload.organisation_id else None,
        headcount=payload.headcount,
        joined_on=payload.joined_on,
    )
    return 201, _cohort_out(request, cohort)


@router.post("/programmes/{slug}/cohorts/{cohort_id}/sessions", response={201: CohortOut})
@declares(RUN_COHORT)
def record_session(request: AuthenticatedHttpRequest, slug: str, cohort_id: int, payload: SessionIn) -> Any:
    programme = programme_for(request, slug, RUN_COHORT, cohort_id=cohort_id)
    cohort = selectors.cohort_in(programme, cohort_id)
    present = list(cohort.participations.filter(pk__in=payload.present))
    if len(present) != len(set(payload.present)):
        raise ValidationError({"present": _("Only participants of this cohort can attend its sessions.")})
    services.record_session(
        actor=request.user, cohort=cohort, held_on=payload.held_on, topic=payload.topic, present=present
    )
    return 201, _cohort_out(request, cohort)


@router.post(
    "/programmes/{slug}/cohorts/{cohort_id}/participants/{participation_id}/stage", response=CohortOut
)
@declares(RUN_COHORT)
def reach_stage(
    request: AuthenticatedHttpRequest, slug: str, cohort_id: int, participation_id: int, payload: StageIn
) -> Any:
    """Record that a participant reached a stage (its outcome, if any, goes to the ledger)."""
    programme = programme_for(request, slug, RUN_COHORT, cohort_id=cohort_id)
    cohort = selectors.cohort_in(programme, cohort_id)
    stage = cohort.support.stages.filter(code=payload.stage_code).first()
    if stage is None:
        raise ValidationError({"stage_code": _("This support programme has no such stage.")})
    services.advance_participant(
        actor=request.user,
        participation=selectors.participation_in(cohort, participation_id),
        stage=stage,
        reached_on=payload.reached_on,
        evidence=payload.evidence,
    )
    return _cohort_out(request, cohort)


@router.get("/programmes/{slug}/my-work", response=MyWorkOut)
@declares(MY_WORK)
def my_work(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """The caller's open tasks, referrals waiting on their organisation, and overdue work."""
    work = selectors.my_work(request.user, programme_for(request, slug, MY_WORK))
    return {
        "open_tasks": work["tasks"],
        "awaiting_answer": work["awaiting_answer"],
        "in_progress": work["in_progress"],
        "overdue_sent": work["overdue_sent"],
        "overdue_steps": len(work["overdue_steps"]),
    }


MANAGE_PATHWAYS = Access("programme", "journeys.manage_pathways")
ADD_SUPPORT = Access("programme", "journeys.add_support")


class PathwayIn(Schema):
    code: str
    name: str
    country: str
    description: str = ""
    is_active: bool = True


class StepIn(Schema):
    code: str
    name: str
    expected_days: int
    expected_cost: Decimal = Decimal(0)
    evidence_required: str = ""
    outcome_type: str = ""


class SupportIn(Schema):
    kind: str
    name: str
    participants: str
    organisation_id: int | None = Field(
        None, description="Programme admins name the partner; staff run their own"
    )
    work_package_id: int | None = None
    min_attendance: int = 0
    description: str = ""


@router.post("/programmes/{slug}/pathways", response={201: PathwayOut})
@declares(MANAGE_PATHWAYS)
def add_pathway(request: AuthenticatedHttpRequest, slug: str, payload: PathwayIn) -> Any:
    programme = programme_for(request, slug, MANAGE_PATHWAYS)
    return 201, services.save_pathway(actor=request.user, programme=programme, **payload.dict())


@router.post("/programmes/{slug}/standard-pathways", response={201: list[PathwayOut]})
@declares(MANAGE_PATHWAYS)
def install_standard_pathways(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Add the standard routes of the programme's country that it does not have yet."""
    programme = programme_for(request, slug, MANAGE_PATHWAYS)
    return 201, services.install_standard_pathways(actor=request.user, programme=programme)


@router.post("/programmes/{slug}/pathways/{template_id}/steps", response={201: PathwayOut})
@declares(MANAGE_PATHWAYS)
def add_step(request: AuthenticatedHttpRequest, slug: str, template_id: int, payload: StepIn) -> Any:
    programme = programme_for(request, slug, MANAGE_PATHWAYS)
    template = selectors.pathway_in(programme, template_id)
    services.save_step(actor=request.user, template=template, **payload.dict())
    return 201, selectors.pathway_in(programme, template_id)


@router.post("/programmes/{slug}/support", response={201: SupportOut})
@declares(ADD_SUPPORT)
def add_support(request: AuthenticatedHttpRequest, slug: str, payload: SupportIn) -> Any:
    """Create a support programme with the stages of its kind."""
    from assetlink.organisations.selectors import organisation_in

    programme = programme_for(request, slug, ADD_SUPPORT)
    work_package = (
        programme.work_packages.filter(pk=payload.work_package_id).first()
        if payload.work_package_id
        else None
    )
    support = services.save_support_programme(
        actor=request.user,
        programme=programme,
        kind=payload.kind,
        participants=payload.participants,
        organisation=organisation_in(programme, payload.organisation_id) if payload.organisation_id else None,
        name=payload.name,
        description=payload.description,
        work_package=work_package,
        min_attendance=payload.min_attendance,
    )
    return 201, support
