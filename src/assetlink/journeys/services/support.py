"""Support programmes: cohorts, participants, sessions with attendance, and the stages reached."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.journeys.models import (
    Cohort,
    CohortSession,
    ParticipantKind,
    Participation,
    ParticipationStatus,
    SupportKind,
    SupportProgramme,
    SupportStage,
)
from assetlink.organisations.selectors import organisations_of
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.people.models import Person
    from assetlink.programmes.models import Programme
from assetlink.journeys.services.common import offering_organisation, today_or

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
            organisation=offering_organisation(actor, programme, organisation),
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
    day = today_or(joined_on, "joined_on")
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
    today_or(held_on, "held_on")
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
    day = today_or(reached_on, "reached_on")
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
    participation.ended_on = today_or(left_on, "left_on")
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
