"""API of support programmes: cohorts, participants, sessions and stages."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from assetlink.journeys import selectors, services
from assetlink.journeys.api.common import router
from assetlink.people.selectors import person_in
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

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


ADD_SUPPORT = Access("programme", "journeys.add_support")


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
