"""API of pathways: templates with their funnel, enrolments with progress."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from assetlink.journeys import selectors, services
from assetlink.journeys.api.common import VIEW_PERSON, ReasonIn, router
from assetlink.journeys.models import Enrolment
from assetlink.people.api import on_person
from assetlink.people.selectors import person_in
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

VIEW_PATHWAYS = Access("programme", "journeys.view_pathways")


ENROL = on_person("journeys.enrol_person")


CHANGE_ENROLMENT = Access(
    "programme",
    "programmes.view_programme",
    object_permission="journeys.change_enrolment",
    load_object=selectors.enrolment_in,
)


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


MANAGE_PATHWAYS = Access("programme", "journeys.manage_pathways")


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
