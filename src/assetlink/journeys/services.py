"""Every write of journeys: partners' services, closed-loop referrals, pathways, enrolments and progress,
support programmes with cohorts, stages and attendance.

Each step that is evidence of a result (a referral sent or completed, a pathway step passed) appends
its entry to the outcome ledger in the same transaction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.accounts.services import notify
from assetlink.audit import services as audit
from assetlink.engine.pathways import TEMPLATES
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.journeys.models import (
    OPEN_REFERRAL_STATUSES,
    Cohort,
    CohortSession,
    Enrolment,
    EnrolmentStatus,
    ParticipantKind,
    Participation,
    ParticipationStatus,
    PathwayStep,
    PathwayTemplate,
    Referral,
    ReferralResult,
    ReferralStatus,
    Service,
    StepProgress,
    StepStatus,
    SupportKind,
    SupportProgramme,
    SupportStage,
)
from assetlink.organisations.selectors import organisations_of
from assetlink.people.selectors import parts_shared_with
from assetlink.programmes.models import Role
from assetlink.programmes.rules import require, roles_of
from assetlink.programmes.selectors import acting_organisation, partner_staff_of
from assetlink.taxonomy.models import ConceptKind, EscoConcept

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.matching.models import Match
    from assetlink.opportunities.models import Opportunity
    from assetlink.organisations.models import Organisation
    from assetlink.people.models import Person
    from assetlink.programmes.models import Programme

# Service levels of a referral to an opportunity, which has no service to promise its own.
OPPORTUNITY_RESPOND_DAYS = 5
OPPORTUNITY_COMPLETE_DAYS = 30
# The ledger entry a pathway step writes when passed, by the kind of credential the step yields.
STEP_OUTCOMES = {
    "language_test": OutcomeType.CREDENTIAL_GAINED,
    "licensing_exam": OutcomeType.CREDENTIAL_GAINED,
    "background_check": OutcomeType.CREDENTIAL_GAINED,
    "registration": OutcomeType.QUALIFICATION_RECOGNISED,
    "": OutcomeType.PERSON_TRAINED,
}
STEP_OUTCOME_TYPES = frozenset(STEP_OUTCOMES.values())


def _offering(actor: User, programme: Programme, chosen: Organisation | None) -> Organisation:
    """Who offers a new service or support programme: partner staff their own organisation; a programme
    admin the organisation they chose, which must be in the programme's register."""
    membership = roles_of(actor)[programme.pk]
    organisation = membership.organisation if membership.role == Role.PARTNER_STAFF else chosen
    if organisation is None or not organisations_of(programme).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose a partner of this programme.")})
    return organisation


def _today_or(day: datetime.date | None, field: str) -> datetime.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: _("This date is in the future.")})
    return day


def _referral_url(referral: Referral) -> str:
    return reverse("journeys:referral", kwargs={"slug": referral.programme.slug, "referral_id": referral.pk})


def _tell(users: list[User], kind: str, referral: Referral) -> None:
    params = {
        "reference": referral.reference,
        "person": referral.person.reference,
        "target": referral.target,
        "organisation": referral.to_organisation.name,
    }
    for user in {user.pk: user for user in users}.values():
        notify(user=user, kind=kind, params=params, url=_referral_url(referral), programme=referral.programme)


# Services -----------------------------------------------------------------------------------------


def save_service(
    *,
    actor: User,
    programme: Programme,
    service: Service | None = None,
    organisation: Organisation | None = None,
    **fields: Any,
) -> Service:
    """Create or change a service that takes referrals; partner staff may only offer their own."""
    if service is None:
        require(actor, "journeys.add_service", programme)
        service = Service(programme=programme, organisation=_offering(actor, programme, organisation))
        before: dict[str, Any] = {}
    else:
        require(actor, "journeys.change_service", service)
        before = audit.snapshot(service)
    for name, value in fields.items():
        if name not in {"name", "description", "respond_within_days", "complete_within_days", "is_active"}:
            raise ValidationError({name: _("Unknown field.")})
        setattr(service, name, value)
    service.name = (service.name or "").strip()
    service.full_clean()
    with transaction.atomic():
        service.save()
        audit.record(
            actor,
            "service.saved",
            service,
            programme=programme,
            before=before,
            after=audit.snapshot(service),
        )
    return service


# Referrals ----------------------------------------------------------------------------------------


def send_referral(
    *,
    actor: User,
    person: Person,
    reason: str,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    match: Match | None = None,
    sent_on: datetime.date | None = None,
) -> Referral:
    """Hand a person over to a partner's service (or an opportunity's owner), with their consent.

    The person must have agreed that the receiving partner sees their record, or the parts of it a
    referral consent names; otherwise the referral is refused and nothing is written.
    """
    programme = person.programme
    require(actor, "journeys.refer_person", person)
    if person.erased_at is not None:
        raise ValidationError(_("This person's record has been erased."))
    if (service is None) == (opportunity is None):
        raise ValidationError({"service": _("Refer to one service or to one opportunity.")})
    if service is not None:
        if service.programme_id != programme.pk:
            raise ValidationError({"service": _("The service belongs to another programme.")})
        if not service.is_active:
            raise ValidationError({"service": _("This service is not taking referrals now.")})
        receiver, respond_days, _complete_days = (
            service.organisation,
            service.respond_within_days,
            service.complete_within_days,
        )
    else:
        assert opportunity is not None
        if opportunity.programme_id != programme.pk:
            raise ValidationError({"opportunity": _("The opportunity belongs to another programme.")})
        receiver, respond_days = opportunity.owner, OPPORTUNITY_RESPOND_DAYS
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the person needs from the receiving partner.")})
    if not parts_shared_with(person, receiver):
        raise ValidationError(
            {
                "service": _(
                    "%(person)s has not agreed to be referred to %(organisation)s. Record their consent "
                    "to referral to %(organisation)s (and which parts of their record it may see), or to "
                    "sharing their record with it, before referring them."
                )
                % {"person": person.reference, "organisation": receiver.name}
            }
        )
    open_referrals = Referral.objects.filter(person=person, status__in=OPEN_REFERRAL_STATUSES)
    if open_referrals.filter(service=service, opportunity=opportunity).exists():
        raise ValidationError({"service": _("This person already has an open referral there.")})
    day = _today_or(sent_on, "sent_on")
    referral = Referral(
        programme=programme,
        person=person,
        service=service,
        opportunity=opportunity,
        match=match,
        to_organisation=receiver,
        from_organisation=acting_organisation(actor, programme),
        reason=reason,
        sent_by=actor,
        sent_on=day,
        respond_by=day + datetime.timedelta(days=respond_days),
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        audit.record(actor, "referral.sent", referral, programme=programme, after=_referral_state(referral))
        append_outcome(
            actor=actor,
            programme=programme,
            entry_type=OutcomeType.PERSON_REFERRED,
            subject=person,
            occurred_on=day,
            related=referral,
            data={
                "to": receiver.pk,
                "service": service.pk if service else None,
                "opportunity": opportunity.pk if opportunity else None,
                "match": match.pk if match else None,
            },
        )
        _tell(partner_staff_of(programme, receiver), "referral_received", referral)
    return referral


def _referral_state(referral: Referral) -> dict[str, Any]:
    return audit.snapshot(
        referral,
        fields=["status", "to_organisation", "service", "opportunity", "respond_by", "complete_by", "result"],
    )


def answer_referral(
    *,
    actor: User,
    referral: Referral,
    accept: bool,
    reason: str = "",
    answered_on: datetime.date | None = None,
) -> Referral:
    """The receiving partner accepts a referral (the clock to an outcome starts) or declines it, with why."""
    require(actor, "journeys.answer_referral", referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(
            {"status": _("Only a referral awaiting an answer can be accepted or declined.")}
        )
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the referral is declined, so that the sender can act.")})
    day = _today_or(answered_on, "answered_on")
    if day < referral.sent_on:
        raise ValidationError({"answered_on": _("A referral cannot be answered before it was sent.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.answered_on = day
    referral.answered_by = actor
    if accept:
        days = (
            referral.service.complete_within_days
            if referral.service is not None
            else OPPORTUNITY_COMPLETE_DAYS
        )
        referral.complete_by = day + datetime.timedelta(days=days)
    else:
        referral.decline_reason = reason
        referral.closed_on = day
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            f"referral.{referral.status}",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        _tell(_senders(referral), f"referral_{referral.status}", referral)
    return referral


def _senders(referral: Referral) -> list[User]:
    people = partner_staff_of(referral.programme, referral.from_organisation)
    if referral.sent_by is not None:
        people.append(referral.sent_by)
    return people


def complete_referral(
    *,
    actor: User,
    referral: Referral,
    result: str,
    note: str = "",
    completed_on: datetime.date | None = None,
) -> Referral:
    """The receiving partner closes the loop: what came of the referral, written to the ledger."""
    require(actor, "journeys.answer_referral", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError({"status": _("Only an accepted referral can be completed.")})
    if result not in ReferralResult.values:
        raise ValidationError({"result": _("Say what came of the referral.")})
    day = _today_or(completed_on, "completed_on")
    if referral.answered_on and day < referral.answered_on:
        raise ValidationError({"completed_on": _("A referral cannot be completed before it was accepted.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.COMPLETED
    referral.result = result
    referral.result_note = note.strip()
    referral.closed_on = day
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            "referral.completed",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        append_outcome(
            actor=actor,
            programme=referral.programme,
            entry_type=OutcomeType.REFERRAL_COMPLETED,
            subject=referral.person,
            occurred_on=day,
            related=referral,
            data={"result": result, "to": referral.to_organisation_id},
        )
        _tell(_senders(referral), "referral_completed", referral)
    return referral


def withdraw_referral(*, actor: User, referral: Referral, reason: str) -> Referral:
    """The sender takes back a referral that is still open, saying why."""
    require(actor, "journeys.withdraw_referral", referral)
    if referral.status not in OPEN_REFERRAL_STATUSES:
        raise ValidationError({"status": _("Only an open referral can be withdrawn.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the referral is withdrawn.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.WITHDRAWN
    referral.result_note = reason.strip()
    referral.closed_on = timezone.localdate()
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            "referral.withdrawn",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        _tell(partner_staff_of(referral.programme, referral.to_organisation), "referral_withdrawn", referral)
    return referral


def remind_overdue_referrals(*, today: datetime.date | None = None) -> int:
    """Tell the receiving partner's staff and the sender about each late referral: once while its answer
    is late, once while its outcome is late. Run daily by `assetlink remind_overdue`; returns how many."""
    today = today or timezone.localdate()
    answer_late = models.Q(status=ReferralStatus.SENT, respond_by__lt=today, overdue_reminded_on__isnull=True)
    outcome_late = models.Q(status=ReferralStatus.ACCEPTED, complete_by__lt=today) & (
        models.Q(overdue_reminded_on__isnull=True) | models.Q(overdue_reminded_on__lt=models.F("answered_on"))
    )
    late = Referral.objects.filter(answer_late | outcome_late).select_related(
        "programme", "person", "service", "opportunity", "to_organisation", "from_organisation", "sent_by"
    )
    flagged = 0
    for referral in late:
        with transaction.atomic():
            _tell(
                partner_staff_of(referral.programme, referral.to_organisation) + _senders(referral),
                "referral_overdue",
                referral,
            )
            referral.overdue_reminded_on = today
            referral.save(update_fields=["overdue_reminded_on"])
        flagged += 1
    return flagged


# Pathways -----------------------------------------------------------------------------------------


def install_standard_pathways(*, actor: User, programme: Programme) -> list[PathwayTemplate]:
    """Give the programme the standard routes for its country (UK: doctor, nurse, midwife, pharmacist,
    allied health; Spain: regulated professions), worded in the programme's first language. Routes the
    programme already has (by code) are left as the programme edited them."""
    from assetlink.matching.wording import STEPS

    require(actor, "journeys.manage_pathways", programme)
    installed = []
    language = (programme.languages or ["en"])[0]
    with transaction.atomic(), translation.override(language):
        for route in TEMPLATES:
            if route.country != programme.country:
                continue
            if PathwayTemplate.objects.filter(programme=programme, code=route.code).exists():
                continue
            template = PathwayTemplate.objects.create(
                programme=programme, code=route.code, name=route.name, country=route.country
            )
            occupations = EscoConcept.objects.filter(
                kind=ConceptKind.OCCUPATION, preferred_label__in=route.occupations
            )
            template.occupations.set(occupations)
            for position, step in enumerate(route.steps, start=1):
                name, evidence = STEPS.get(step.code, (step.name, step.evidence))
                PathwayStep.objects.create(
                    template=template,
                    position=position,
                    code=step.code,
                    name=str(name),
                    expected_days=step.weeks * 7,
                    expected_cost=Decimal(step.cost),
                    evidence_required=str(evidence),
                    outcome_type=STEP_OUTCOMES.get(step.credential_kind, OutcomeType.CREDENTIAL_GAINED),
                )
            audit.record(
                actor, "pathway.installed", template, programme=programme, after={"code": route.code}
            )
            installed.append(template)
    return installed


def save_pathway(
    *, actor: User, programme: Programme, template: PathwayTemplate | None = None, **fields: Any
) -> PathwayTemplate:
    """Create or change a pathway (its name, country, description, whether it takes enrolments)."""
    require(actor, "journeys.manage_pathways", programme)
    template = template or PathwayTemplate(programme=programme)
    before = audit.snapshot(template) if template.pk else {}
    for name, value in fields.items():
        if name not in {"code", "name", "country", "description", "is_active"}:
            raise ValidationError({name: _("Unknown field.")})
        setattr(template, name, value)
    template.country = (template.country or "").upper()
    template.full_clean(validate_constraints=False)
    if (
        PathwayTemplate.objects.filter(programme=programme, code=template.code)
        .exclude(pk=template.pk)
        .exists()
    ):
        raise ValidationError({"code": _("Another pathway of this programme has this code.")})
    with transaction.atomic():
        template.save()
        audit.record(
            actor,
            "pathway.saved",
            template,
            programme=programme,
            before=before,
            after=audit.snapshot(template),
        )
    return template


def save_step(
    *, actor: User, template: PathwayTemplate, step: PathwayStep | None = None, **fields: Any
) -> PathwayStep:
    """Add a step at the end of a pathway, or change one; its ledger entry type must be one steps write."""
    require(actor, "journeys.manage_pathways", template.programme)
    if step is None:
        last = template.steps.order_by("-position").first()
        step = PathwayStep(template=template, position=(last.position + 1) if last else 1)
    before = audit.snapshot(step) if step.pk else {}
    for name, value in fields.items():
        if name not in {
            "code",
            "name",
            "expected_days",
            "expected_cost",
            "evidence_required",
            "outcome_type",
        }:
            raise ValidationError({name: _("Unknown field.")})
        setattr(step, name, value)
    if step.outcome_type and step.outcome_type not in STEP_OUTCOME_TYPES:
        raise ValidationError(
            {"outcome_type": _("A step records a credential, a recognised qualification or training.")}
        )
    step.full_clean(validate_constraints=False)
    if PathwayStep.objects.filter(template=template, code=step.code).exclude(pk=step.pk).exists():
        raise ValidationError({"code": _("Another step of this pathway has this code.")})
    with transaction.atomic():
        step.save()
        audit.record(
            actor,
            "pathway.step_saved",
            step,
            programme=template.programme,
            before=before,
            after=audit.snapshot(step),
        )
        if not before:
            # People already on the pathway get the new step too, to do after their current ones.
            StepProgress.objects.bulk_create(
                StepProgress(enrolment=enrolment, step=step)
                for enrolment in template.enrolments.filter(status=EnrolmentStatus.ACTIVE)
            )
    return step


def remove_step(*, actor: User, step: PathwayStep) -> None:
    """Remove a step nobody has started or done; one with history stays as evidence."""
    require(actor, "journeys.manage_pathways", step.template.programme)
    if step.progress.exclude(status=StepStatus.PENDING).exists():
        raise ValidationError(
            _("People have started or passed this step; it stays so that their history stays true.")
        )
    with transaction.atomic():
        audit.record(
            actor,
            "pathway.step_removed",
            step,
            programme=step.template.programme,
            before=audit.snapshot(step),
        )
        step.progress.all().delete()
        step.delete()


def enrol_person(
    *,
    actor: User,
    person: Person,
    template: PathwayTemplate,
    started_on: datetime.date | None = None,
) -> Enrolment:
    """Put a person on a pathway: its first step starts now, with a due date from its expected duration."""
    programme = person.programme
    require(actor, "journeys.enrol_person", person)
    if template.programme_id != programme.pk:
        raise ValidationError({"template": _("The pathway belongs to another programme.")})
    if not template.is_active:
        raise ValidationError({"template": _("This pathway is not open for enrolment.")})
    if person.erased_at is not None:
        raise ValidationError(_("This person's record has been erased."))
    steps = list(template.steps.order_by("position"))
    if not steps:
        raise ValidationError({"template": _("This pathway has no steps yet.")})
    day = _today_or(started_on, "started_on")
    enrolment = Enrolment(
        programme=programme,
        person=person,
        template=template,
        started_on=day,
        enrolled_by=actor,
        organisation=acting_organisation(actor, programme),
    )
    try:
        with transaction.atomic():
            enrolment.save()
            StepProgress.objects.bulk_create(StepProgress(enrolment=enrolment, step=step) for step in steps)
            _start(enrolment.progress.select_related("step").order_by("step__position").first(), day)
            audit.record(
                actor,
                "pathway.enrolled",
                enrolment,
                programme=programme,
                after={"person": person.reference, "pathway": template.code, "started_on": str(day)},
            )
    except IntegrityError as error:
        raise ValidationError({"template": _("This person is already on this pathway.")}) from error
    return enrolment


def _start(progress: StepProgress | None, day: datetime.date) -> None:
    if progress is None:
        return
    progress.status = StepStatus.IN_PROGRESS
    progress.started_on = day
    progress.due_on = day + datetime.timedelta(days=progress.step.expected_days)
    progress.save(update_fields=["status", "started_on", "due_on"])


def _current(enrolment: Enrolment) -> StepProgress:
    current = enrolment.progress.select_related("step").filter(status=StepStatus.IN_PROGRESS).first()
    if current is None:
        raise ValidationError(_("No step of this enrolment is in progress."))
    return current


def _advance(enrolment: Enrolment, day: datetime.date) -> None:
    """Start the next pending step, or complete the enrolment when none is left."""
    following = (
        enrolment.progress.select_related("step")
        .filter(status=StepStatus.PENDING)
        .order_by("step__position")
        .first()
    )
    if following is not None:
        _start(following, day)
        return
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.ended_on = day
    enrolment.save(update_fields=["status", "ended_on"])


def complete_step(
    *,
    actor: User,
    enrolment: Enrolment,
    evidence: str = "",
    completed_on: datetime.date | None = None,
    not_needed: bool = False,
) -> StepProgress:
    """Mark the step in progress as passed (with its evidence, written to the ledger) or as not needed
    for this person; the next step starts the same day."""
    require(actor, "journeys.change_enrolment", enrolment)
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationError(_("This enrolment has ended."))
    progress = _current(enrolment)
    day = _today_or(completed_on, "completed_on")
    if progress.started_on and day < progress.started_on:
        raise ValidationError({"completed_on": _("A step cannot end before it started.")})
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(
            {
                "evidence": _("Say what shows it (%(evidence)s).")
                % {"evidence": progress.step.evidence_required}
                if not not_needed
                else _("Say why this step is not needed for this person.")
            }
        )
    before = {"status": progress.status}
    progress.status = StepStatus.SKIPPED if not_needed else StepStatus.DONE
    progress.completed_on = day
    progress.evidence = evidence[:300]
    with transaction.atomic():
        progress.save(update_fields=["status", "completed_on", "evidence"])
        audit.record(
            actor,
            "pathway.step_skipped" if not_needed else "pathway.step_done",
            progress,
            programme=enrolment.programme,
            before=before,
            after={"status": progress.status, "step": progress.step.code, "on": str(day)},
        )
        if not not_needed and progress.step.outcome_type:
            append_outcome(
                actor=actor,
                programme=enrolment.programme,
                entry_type=progress.step.outcome_type,
                subject=enrolment.person,
                occurred_on=day,
                # The ledger outlives erasure: it names the kind of evidence seen, while what was typed
                # (which may identify the person) stays on the step, where erasure can blank it.
                evidence=progress.step.evidence_required[:300],
                related=enrolment,
                data={"pathway": enrolment.template.code, "step": progress.step.code},
            )
        _advance(enrolment, day)
    return progress


def leave_pathway(
    *, actor: User, enrolment: Enrolment, reason: str, left_on: datetime.date | None = None
) -> Enrolment:
    """The person stops following the pathway; the step they were on records where they left."""
    require(actor, "journeys.change_enrolment", enrolment)
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationError(_("This enrolment has ended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the person leaves the pathway.")})
    day = _today_or(left_on, "left_on")
    with transaction.atomic():
        enrolment.progress.filter(status=StepStatus.IN_PROGRESS).update(status=StepStatus.STOPPED)
        enrolment.status = EnrolmentStatus.WITHDRAWN
        enrolment.ended_on = day
        enrolment.leaving_reason = reason.strip()
        enrolment.save(update_fields=["status", "ended_on", "leaving_reason"])
        audit.record(
            actor,
            "pathway.left",
            enrolment,
            programme=enrolment.programme,
            after={"reason": enrolment.leaving_reason, "on": str(day)},
        )
    return enrolment


# Support programmes -------------------------------------------------------------------------------

# The stages each kind of support programme starts with: (code, name, outcome written on reaching it,
# whether the attendance rule must be met). Programmes may rename them; the codes stay.
DEFAULT_STAGES: dict[str, tuple[tuple[str, Any, str, bool], ...]] = {
    SupportKind.COMMUNITY_RESEARCH: (
        ("enrolled", gettext_lazy("Enrolled"), "", False),
        ("trained", gettext_lazy("Trained as a community researcher"), OutcomeType.PERSON_TRAINED, True),
        (
            "project_completed",
            gettext_lazy("Research project completed"),
            OutcomeType.RESEARCH_PROJECT_COMPLETED,
            False,
        ),
    ),
    SupportKind.STARTUP_BOOSTING: (
        ("idea", gettext_lazy("Idea"), "", False),
        ("validated", gettext_lazy("Validated"), "", False),
        ("launched", gettext_lazy("Launched"), OutcomeType.VENTURE_LAUNCHED, False),
        ("consolidated", gettext_lazy("Consolidated"), OutcomeType.VENTURE_CONSOLIDATED, False),
    ),
    SupportKind.ENTERPRISE_SUPPORT: (
        ("joined", gettext_lazy("Joined"), "", False),
        ("created", gettext_lazy("Enterprise created"), OutcomeType.ENTERPRISE_CREATED, False),
        ("supported", gettext_lazy("Support completed"), OutcomeType.ENTERPRISE_SUPPORTED, False),
    ),
    SupportKind.PARTNERSHIP_BROKERING: (
        ("introduced", gettext_lazy("Introduced to partners"), "", False),
        ("collaborating", gettext_lazy("Collaboration formed"), OutcomeType.COLLABORATION_FORMED, False),
    ),
    SupportKind.DIGITAL_SKILLS: (
        ("enrolled", gettext_lazy("Enrolled"), "", False),
        ("trained", gettext_lazy("Trained"), OutcomeType.PERSON_TRAINED, True),
    ),
}
SUPPORT_FIELDS = {"name", "description", "work_package", "min_attendance", "is_active"}


def _stage_outcome(stage: SupportStage, participation: Participation) -> str:
    """The ledger entry a stage writes for this participant (training an organisation counts its staff)."""
    if stage.outcome_type == OutcomeType.PERSON_TRAINED and participation.organisation_id:
        return OutcomeType.PROFESSIONALS_TRAINED
    return stage.outcome_type


def save_support_programme(
    *,
    actor: User,
    programme: Programme,
    support: SupportProgramme | None = None,
    kind: str = "",
    organisation: Organisation | None = None,
    participants: str = "",
    **fields: Any,
) -> SupportProgramme:
    """Create a support programme with the stages of its kind, or change its name and rules."""
    unknown = set(fields) - SUPPORT_FIELDS
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Unknown field.")})
    if support is None:
        require(actor, "journeys.add_support", programme)
        if kind not in SupportKind.values:
            raise ValidationError({"kind": _("Choose the kind of support programme.")})
        if participants not in ParticipantKind.values:
            raise ValidationError({"participants": _("Say whether people or organisations take part.")})
        support = SupportProgramme(
            programme=programme,
            kind=kind,
            organisation=_offering(actor, programme, organisation),
            participants=participants,
        )
        before: dict[str, Any] = {}
    else:
        require(actor, "journeys.run_support", support)
        before = audit.snapshot(support)
    for name, value in fields.items():
        setattr(support, name, value)
    if support.work_package is not None and support.work_package.programme_id != programme.pk:
        raise ValidationError({"work_package": _("The work package belongs to another programme.")})
    if support.min_attendance > 100:
        raise ValidationError({"min_attendance": _("A share of sessions is at most 100 %.")})
    support.full_clean()
    language = (programme.languages or ["en"])[0]
    with transaction.atomic(), translation.override(language):
        is_new = support.pk is None
        support.save()
        if is_new:
            SupportStage.objects.bulk_create(
                SupportStage(
                    support=support,
                    position=position,
                    code=code,
                    name=str(name),
                    outcome_type=outcome,
                    needs_attendance=attendance,
                )
                for position, (code, name, outcome, attendance) in enumerate(DEFAULT_STAGES[support.kind], 1)
            )
        audit.record(
            actor, "support.saved", support, programme=programme, before=before, after=audit.snapshot(support)
        )
    return support


def add_cohort(
    *,
    actor: User,
    support: SupportProgramme,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    capacity: int | None = None,
) -> Cohort:
    """Open an intake of a support programme."""
    require(actor, "journeys.run_support", support)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A cohort cannot end before it starts.")})
    cohort = Cohort(
        support=support, name=name.strip(), starts_on=starts_on, ends_on=ends_on, capacity=capacity
    )
    cohort.full_clean()
    with transaction.atomic():
        cohort.save()
        audit.record(actor, "cohort.added", cohort, programme=support.programme, after=audit.snapshot(cohort))
    return cohort


def add_participant(
    *,
    actor: User,
    cohort: Cohort,
    person: Person | None = None,
    organisation: Organisation | None = None,
    joined_on: datetime.date | None = None,
    headcount: int = 1,
) -> Participation:
    """Put a person (whose record the actor may see) or an organisation of the register in a cohort."""
    support = cohort.support
    programme = support.programme
    require(actor, "journeys.run_support", support)
    if (person is None) == (organisation is None):
        raise ValidationError({"participant": _("Add one person or one organisation.")})
    if support.participants == ParticipantKind.PERSON and person is None:
        raise ValidationError({"participant": _("People take part in this programme, not organisations.")})
    if support.participants == ParticipantKind.ORGANISATION and organisation is None:
        raise ValidationError({"participant": _("Organisations take part in this programme, not people.")})
    if person is not None:
        require(actor, "people.view_person", person)
        if person.programme_id != programme.pk or person.erased_at is not None:
            raise ValidationError({"participant": _("This person cannot take part.")})
    if organisation is not None and not organisations_of(programme).filter(pk=organisation.pk).exists():
        raise ValidationError({"participant": _("The organisation is not in this programme's register.")})
    if cohort.capacity is not None and cohort.participations.count() >= cohort.capacity:
        raise ValidationError({"participant": _("The cohort is full.")})
    if headcount < 1:
        raise ValidationError({"headcount": _("At least one person takes part.")})
    day = _today_or(joined_on, "joined_on")
    first = support.stages.order_by("position").first()
    participation = Participation(
        cohort=cohort,
        person=person,
        organisation=organisation,
        headcount=headcount,
        stage=first,
        joined_on=day,
        stage_reached_on=day,
    )
    try:
        with transaction.atomic():
            participation.save()
            audit.record(
                actor,
                "cohort.joined",
                cohort,
                programme=programme,
                after={"participant": str(participation.participant), "on": str(day)},
            )
            if first is not None and first.outcome_type:
                _write_stage_outcome(actor, participation, first, day, "")
    except IntegrityError as error:
        raise ValidationError({"participant": _("Already in this cohort.")}) from error
    return participation


def _write_stage_outcome(
    actor: User, participation: Participation, stage: SupportStage, day: datetime.date, evidence: str
) -> None:
    support = participation.cohort.support
    entry_type = _stage_outcome(stage, participation)
    append_outcome(
        actor=actor,
        programme=support.programme,
        entry_type=entry_type,
        subject=participation.participant,
        occurred_on=day,
        quantity=Decimal(participation.headcount)
        if entry_type == OutcomeType.PROFESSIONALS_TRAINED
        else None,
        evidence=evidence[:300],
        work_package=support.work_package,
        related=participation.cohort,
        data={"support": support.kind, "stage": stage.code},
    )


def record_session(
    *, actor: User, cohort: Cohort, held_on: datetime.date, topic: str, present: list[Participation]
) -> CohortSession:
    """A session of a cohort and who attended it."""
    require(actor, "journeys.run_support", cohort.support)
    _today_or(held_on, "held_on")
    if any(participation.cohort_id != cohort.pk for participation in present):
        raise ValidationError({"present": _("Only participants of this cohort can attend its sessions.")})
    session = CohortSession(cohort=cohort, held_on=held_on, topic=topic.strip())
    session.full_clean(exclude=["present"])
    with transaction.atomic():
        session.save()
        session.present.set(present)
        audit.record(
            actor,
            "cohort.session",
            cohort,
            programme=cohort.support.programme,
            after={"held_on": str(held_on), "present": len(present)},
        )
    return session


def attendance(participation: Participation) -> tuple[int, int]:
    """(sessions attended, sessions held) of the participant's cohort."""
    held = participation.cohort.sessions.count()
    return participation.attended.count(), held


def advance_participant(
    *,
    actor: User,
    participation: Participation,
    stage: SupportStage,
    reached_on: datetime.date | None = None,
    evidence: str = "",
) -> Participation:
    """Move a participant on to a later stage (stages may be skipped: an established enterprise is not
    created again); the stage's outcome goes to the ledger, and the last stage completes the participation."""
    support = participation.cohort.support
    require(actor, "journeys.run_support", support)
    if participation.status != ParticipationStatus.ACTIVE:
        raise ValidationError(_("This participant has finished or left."))
    if stage.support_id != support.pk:
        raise ValidationError({"stage": _("The stage belongs to another support programme.")})
    if participation.stage is not None and stage.position <= participation.stage.position:
        raise ValidationError({"stage": _("Choose a stage after the current one.")})
    day = _today_or(reached_on, "reached_on")
    if participation.stage_reached_on and day < participation.stage_reached_on:
        raise ValidationError({"reached_on": _("A stage cannot be reached before the one before it.")})
    if stage.needs_attendance and support.min_attendance:
        attended, held = attendance(participation)
        if held == 0 or 100 * attended < support.min_attendance * held:
            raise ValidationError(
                {
                    "stage": _(
                        "Attended %(attended)s of %(held)s sessions; completing needs %(rule)s %% attendance."
                    )
                    % {"attended": attended, "held": held, "rule": support.min_attendance}
                }
            )
    last = support.stages.order_by("-position").first()
    before = {"stage": participation.stage.code if participation.stage else None}
    participation.stage = stage
    participation.stage_reached_on = day
    if last is not None and stage.pk == last.pk:
        participation.status = ParticipationStatus.COMPLETED
        participation.ended_on = day
    with transaction.atomic():
        participation.save()
        audit.record(
            actor,
            "cohort.stage_reached",
            participation.cohort,
            programme=support.programme,
            before=before,
            after={"participant": str(participation.participant), "stage": stage.code, "on": str(day)},
        )
        if stage.outcome_type:
            _write_stage_outcome(actor, participation, stage, day, evidence.strip())
    return participation


def leave_cohort(
    *, actor: User, participation: Participation, left_on: datetime.date | None = None
) -> Participation:
    """The participant stops taking part; the stage they reached stays as their result."""
    require(actor, "journeys.run_support", participation.cohort.support)
    if participation.status != ParticipationStatus.ACTIVE:
        raise ValidationError(_("This participant has finished or left."))
    participation.status = ParticipationStatus.WITHDRAWN
    participation.ended_on = _today_or(left_on, "left_on")
    with transaction.atomic():
        participation.save(update_fields=["status", "ended_on"])
        audit.record(
            actor,
            "cohort.left",
            participation.cohort,
            programme=participation.cohort.support.programme,
            after={"participant": str(participation.participant)},
        )
    return participation
