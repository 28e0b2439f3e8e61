"""Reads of journeys, scoped by programme and role: referral inboxes, what a receiver may see of a
person, pathways with their funnel, a person's enrolments, support programmes and cohorts, and a
caseworker's "my work"."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assetlink.journeys.models import (
    OPEN_REFERRAL_STATUSES,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Participation,
    PathwayTemplate,
    Referral,
    ReferralStatus,
    Service,
    StepStatus,
    SupportProgramme,
)
from assetlink.people.models import RecordPart
from assetlink.people.selectors import parts_shared_with, shared_record
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.timelines.selectors import mentions_for, open_tasks

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.people.models import Person


def services_of(programme: Programme) -> QuerySet[Service]:
    return Service.objects.filter(programme=programme).select_related("organisation")


def service_in(programme: Programme, service_id: int, **_other_url_parts: object) -> Service:
    return get_object_or_404(services_of(programme), pk=service_id)


def _referrals(programme: Programme) -> QuerySet[Referral]:
    return Referral.objects.filter(programme=programme).select_related(
        "person", "service", "opportunity", "to_organisation", "from_organisation", "programme"
    )


def referral_in(programme: Programme, referral_id: int, **_other_url_parts: object) -> Referral:
    return get_object_or_404(_referrals(programme), pk=referral_id)


def referrals_for(user: User, programme: Programme, box: str = "received") -> QuerySet[Referral]:
    """A partner's inbox ("received") or outbox ("sent"); the programme admin sees every referral."""
    membership = roles_of(user).get(programme.pk)
    referrals = _referrals(programme)
    if membership is None:
        return referrals.none()
    if user.has_perm("journeys.view_all_referrals", programme):
        return referrals
    if not user.has_perm("journeys.view_referrals", programme) or membership.organisation_id is None:
        return referrals.none()
    if box == "sent":
        return referrals.filter(from_organisation_id=membership.organisation_id)
    return referrals.filter(to_organisation_id=membership.organisation_id)


def overdue(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    today = timezone.localdate()
    return referrals.filter(
        Q(status=ReferralStatus.SENT, respond_by__lt=today)
        | Q(status=ReferralStatus.ACCEPTED, complete_by__lt=today)
    )


def open_referrals(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.filter(status__in=OPEN_REFERRAL_STATUSES)


def sees_whole_record(user: User, referral: Referral) -> bool:
    """Whether the user may see the whole record of the referred person (admin, caseworker, the person)."""
    return bool(user.has_perm("people.view_person", referral.person))


def referred_person(
    user: User, referral: Referral, *, path: str = "", channel: str = "web"
) -> dict[str, Any]:
    """What the user may see of the referred person: their reference always; for the receiving partner
    only the parts the person's consent in force lets it see (read from the access-logged selector)."""
    person = referral.person
    whole = sees_whole_record(user, referral)
    parts = list(RecordPart.values) if whole else parts_shared_with(person, referral.to_organisation)
    return {
        "reference": person.reference,
        "whole_record": whole,
        "parts": parts,
        "fields": shared_record(user, person, parts, path=path, channel=channel),
        "consent_withdrawn": not whole and not parts,
    }


def person_referrals(person: Person) -> QuerySet[Referral]:
    return Referral.objects.filter(person=person).select_related(
        "service", "opportunity", "to_organisation", "from_organisation"
    )


# Pathways -----------------------------------------------------------------------------------------


def pathways_of(programme: Programme) -> QuerySet[PathwayTemplate]:
    return PathwayTemplate.objects.filter(programme=programme).prefetch_related("steps")


def pathway_in(programme: Programme, template_id: int, **_other_url_parts: object) -> PathwayTemplate:
    return get_object_or_404(pathways_of(programme), pk=template_id)


def enrolment_in(programme: Programme, enrolment_id: int, **_other_url_parts: object) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("person", "template", "programme"),
        programme=programme,
        pk=enrolment_id,
    )


def person_enrolments(person: Person) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(person=person)
        .select_related("template", "programme", "person")
        .prefetch_related("progress__step")
    )


def enrolments_visible_to(user: User, template: PathwayTemplate) -> QuerySet[Enrolment]:
    """Enrolments of a pathway whose person the user may see (all for admins, shared ones for staff)."""
    from assetlink.people.selectors import people_visible_to

    visible = people_visible_to(user, template.programme).values("pk")
    return Enrolment.objects.filter(template=template, person__in=visible).select_related("person")


@dataclass(frozen=True)
class FunnelStep:
    """One step of a pathway's funnel."""

    position: int
    code: str
    name: str
    expected_days: int
    reached: int  # started it, whatever came next
    in_progress: int
    overdue: int
    done: int
    skipped: int
    stopped: int  # left the pathway at this step
    median_days: float | None  # from starting to passing it
    count_for_median: int


@dataclass(frozen=True)
class Funnel:
    enrolled: int
    active: int
    completed: int
    withdrawn: int
    median_days_to_complete: float | None
    steps: list[FunnelStep]


def pathway_funnel(template: PathwayTemplate) -> Funnel:
    """People at each step of a pathway, median days to pass each step, and where people left.

    Aggregates over every enrolment of the programme: no person is named, so it is shown to anyone
    who may see the programme's pathways (small counts are suppressed on pages shown outside the team).
    """
    today = timezone.localdate()
    enrolments = list(template.enrolments.values("status", "started_on", "ended_on"))
    rows = list(
        template.steps.order_by("position").values(
            "position",
            "code",
            "name",
            "expected_days",
            "progress__status",
            "progress__started_on",
            "progress__completed_on",
            "progress__due_on",
        )
    )
    by_step: dict[int, list[Any]] = {}
    names: dict[int, tuple[str, str, int]] = {}
    for row in rows:
        names[row["position"]] = (row["code"], row["name"], row["expected_days"])
        if row["progress__status"] is not None:
            by_step.setdefault(row["position"], []).append(row)
    steps = []
    for position, (code, name, expected_days) in sorted(names.items()):
        progress = by_step.get(position, [])
        durations = [
            (row["progress__completed_on"] - row["progress__started_on"]).days
            for row in progress
            if row["progress__status"] == StepStatus.DONE and row["progress__started_on"]
        ]
        statuses = [row["progress__status"] for row in progress]
        steps.append(
            FunnelStep(
                position=position,
                code=code,
                name=name,
                expected_days=expected_days,
                reached=sum(1 for row in progress if row["progress__started_on"] is not None),
                in_progress=statuses.count(StepStatus.IN_PROGRESS),
                overdue=sum(
                    1
                    for row in progress
                    if row["progress__status"] == StepStatus.IN_PROGRESS
                    and row["progress__due_on"] is not None
                    and row["progress__due_on"] < today
                ),
                done=statuses.count(StepStatus.DONE),
                skipped=statuses.count(StepStatus.SKIPPED),
                stopped=statuses.count(StepStatus.STOPPED),
                median_days=statistics.median(durations) if durations else None,
                count_for_median=len(durations),
            )
        )
    completed = [e for e in enrolments if e["status"] == EnrolmentStatus.COMPLETED]
    return Funnel(
        enrolled=len(enrolments),
        active=sum(1 for e in enrolments if e["status"] == EnrolmentStatus.ACTIVE),
        completed=len(completed),
        withdrawn=sum(1 for e in enrolments if e["status"] == EnrolmentStatus.WITHDRAWN),
        median_days_to_complete=(
            statistics.median((e["ended_on"] - e["started_on"]).days for e in completed if e["ended_on"])
            if completed
            else None
        ),
        steps=steps,
    )


def overdue_steps(user: User, programme: Programme) -> QuerySet[Any]:
    """Steps in progress past their due date, of people the user may see."""
    from assetlink.journeys.models import StepProgress
    from assetlink.people.selectors import people_visible_to

    visible = people_visible_to(user, programme).values("pk")
    return StepProgress.objects.filter(
        enrolment__programme=programme,
        enrolment__person__in=visible,
        enrolment__status=EnrolmentStatus.ACTIVE,
        status=StepStatus.IN_PROGRESS,
        due_on__lt=timezone.localdate(),
    ).select_related("enrolment__person", "enrolment__template", "step")


# Support programmes -------------------------------------------------------------------------------


def support_programmes_of(programme: Programme) -> QuerySet[SupportProgramme]:
    return SupportProgramme.objects.filter(programme=programme).select_related("organisation", "work_package")


def support_in(programme: Programme, support_id: int, **_other_url_parts: object) -> SupportProgramme:
    return get_object_or_404(support_programmes_of(programme), pk=support_id)


def cohort_in(programme: Programme, cohort_id: int, **_other_url_parts: object) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("support__programme", "support__organisation"),
        support__programme=programme,
        pk=cohort_id,
    )


def cohort_support(programme: Programme, cohort_id: int, **_other_url_parts: object) -> SupportProgramme:
    """The support programme of the cohort a URL names (whose rule decides who runs the cohort)."""
    return cohort_in(programme, cohort_id).support


def participation_in(cohort: Cohort, participation_id: int) -> Participation:
    return get_object_or_404(
        cohort.participations.select_related("stage", "person", "organisation"), pk=participation_id
    )


@dataclass(frozen=True)
class StageCount:
    position: int
    code: str
    name: str
    outcome_type: str
    at_stage: int  # taking part and at this stage now
    reached: int  # reached this stage or a later one


def support_summary(support: SupportProgramme) -> list[StageCount]:
    """Participants of all cohorts at each stage and how many reached it (counts, nobody named)."""
    stages = list(support.stages.order_by("position"))
    positions = list(
        Participation.objects.filter(cohort__support=support)
        .exclude(stage__isnull=True)
        .values_list("stage__position", "status")
    )
    return [
        StageCount(
            position=stage.position,
            code=stage.code,
            name=stage.name,
            outcome_type=stage.outcome_type,
            at_stage=sum(1 for p, status in positions if p == stage.position and status == "active"),
            reached=sum(1 for p, _status in positions if p >= stage.position),
        )
        for stage in stages
    ]


def cohort_participants(user: User, cohort: Cohort) -> list[dict[str, Any]]:
    """A cohort's participants: people named only to those who may see their record, else by reference."""
    held = cohort.sessions.count()
    rows = []
    for participation in cohort.participations.select_related("stage", "person", "organisation").annotate(
        attended_count=Count("attended")
    ):
        person = participation.person
        if person is not None:
            label = person.display_name if user.has_perm("people.view_person", person) else person.reference
        else:
            label = participation.organisation.name if participation.organisation else ""
        rows.append(
            {
                "participation": participation,
                "label": label,
                "attended": participation.attended_count,
                "held": held,
            }
        )
    return rows


# My work -----------------------------------------------------------------------------


def my_work(user: User, programme: Programme) -> dict[str, Any]:
    """A caseworker's or adviser's desk: their open tasks, referrals waiting on their organisation,
    overdue pathway steps of their people, and recent mentions of their organisation."""
    membership = roles_of(user).get(programme.pk)
    tasks = open_tasks(user, programme)
    received = referrals_for(user, programme, "received")
    sent = referrals_for(user, programme, "sent")
    return {
        "tasks": list(tasks[:100]),
        "awaiting_answer": list(received.filter(status=ReferralStatus.SENT).order_by("respond_by")[:100]),
        "in_progress": list(received.filter(status=ReferralStatus.ACCEPTED).order_by("complete_by")[:100]),
        "overdue_sent": list(overdue(sent)[:100])
        if membership and not user.has_perm("journeys.view_all_referrals", programme)
        else [],
        "overdue_steps": list(overdue_steps(user, programme)[:100]),
        "mentions": mentions_for(user, programme),
    }
