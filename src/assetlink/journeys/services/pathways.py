"""Pathways: templates and their steps, enrolling a person, progress step by step with ledger entries."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine.pathways import TEMPLATES
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.journeys.models import (
    Enrolment,
    EnrolmentStatus,
    PathwayStep,
    PathwayTemplate,
    StepProgress,
    StepStatus,
)
from assetlink.programmes.rules import require
from assetlink.programmes.selectors import acting_organisation
from assetlink.taxonomy.models import ConceptKind, EscoConcept

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.people.models import Person
    from assetlink.programmes.models import Programme
from assetlink.journeys.services.common import STEP_OUTCOME_TYPES, STEP_OUTCOMES, today_or


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
    day = today_or(started_on, "started_on")
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
    day = today_or(completed_on, "completed_on")
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
    day = today_or(left_on, "left_on")
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
