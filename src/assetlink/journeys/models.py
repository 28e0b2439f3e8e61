"""Referrals between partners' services, pathways (templates, steps, enrolments and progress)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Service(models.Model):
    """Something a partner offers that others can refer people to (an Open Referral HSDS service)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="services", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    respond_within_days = models.PositiveSmallIntegerField(
        _("days to accept or decline"), default=5, help_text=_("The service's promise to answer a referral")
    )
    complete_within_days = models.PositiveSmallIntegerField(
        _("days to complete"), default=30, help_text=_("From acceptance to the referral's outcome")
    )
    is_active = models.BooleanField(_("taking referrals"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "name"], name="service_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent, awaiting an answer")
    ACCEPTED = "accepted", _("Accepted, in progress")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REFERRAL_STATUSES = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})


class ReferralResult(models.TextChoices):
    ACHIEVED = "achieved", _("What the referral asked for was achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DISENGAGED = "disengaged", _("The person stopped taking part")


class Referral(models.Model):
    """A closed-loop hand-over of a person from one partner to another partner's service."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("person")
    )
    # A referral goes to a partner's service, or to an opportunity (its owner receives it).
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving partner"),
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referring partner"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("opportunity"),
    )
    match = models.ForeignKey(
        "matching.Match",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("match"),
    )
    reason = models.TextField(_("what the person needs"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_on = models.DateField(_("sent on"))
    respond_by = models.DateField(_("answer due"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decline_reason = models.TextField(_("why declined"), blank=True)
    complete_by = models.DateField(_("outcome due"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=14, choices=ReferralResult.choices, blank=True)
    result_note = models.TextField(_("note on the result"), blank=True)
    overdue_reminded_on = models.DateField(_("overdue reminder sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["programme", "to_organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(opportunity__isnull=False),
                name="referral_to_a_service_or_an_opportunity",
            )
        ]

    def __str__(self) -> str:
        return f"R{self.pk} {self.person} → {self.to_organisation}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:06d}"

    @property
    def target(self) -> str:
        """What the person was referred to, for lists and notifications."""
        if self.service is not None:
            return self.service.name
        return self.opportunity.title if self.opportunity is not None else ""

    @property
    def due_on(self) -> datetime.date | None:
        """The date the current step is due: an answer while sent, an outcome while accepted."""
        if self.status == ReferralStatus.SENT:
            return self.respond_by
        if self.status == ReferralStatus.ACCEPTED:
            return self.complete_by
        return None

    @property
    def is_overdue(self) -> bool:
        due = self.due_on
        return due is not None and due < timezone.localdate()


class PathwayTemplate(models.Model):
    """A programme's route of steps for a profession in a country; edited by the programme team."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="pathway_templates",
        verbose_name=_("programme"),
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    description = models.TextField(_("description"), blank=True)
    occupations = models.ManyToManyField(
        "taxonomy.EscoConcept", blank=True, related_name="+", verbose_name=_("occupations it leads to")
    )
    is_active = models.BooleanField(_("open for enrolment"), default=True)

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="pathway_code_per_programme")
        ]

    def __str__(self) -> str:
        return self.name


class PathwayStep(models.Model):
    """One step of a pathway, with what it usually takes and the evidence that closes it."""

    template = models.ForeignKey(
        PathwayTemplate, on_delete=models.CASCADE, related_name="steps", verbose_name=_("pathway")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    expected_days = models.PositiveSmallIntegerField(_("expected duration (days)"))
    expected_cost = models.DecimalField(_("expected cost"), max_digits=10, decimal_places=2, default=0)
    evidence_required = models.CharField(_("evidence required"), max_length=200, blank=True)
    # The ledger entry written when someone completes this step (blank: none).
    outcome_type = models.CharField(_("outcome recorded on completion"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="pathway_step_position"),
            models.UniqueConstraint(fields=["template", "code"], name="pathway_step_code"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Left the pathway")


class Enrolment(models.Model):
    """A person following a pathway."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("person")
    )
    template = models.ForeignKey(
        PathwayTemplate, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("pathway")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    leaving_reason = models.TextField(_("why they left"), blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("supporting partner"),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "template"],
                condition=models.Q(status="active"),
                name="one_active_enrolment_per_pathway",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.template}"


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Not needed")
    STOPPED = "stopped", _("Stopped here")


class StepProgress(models.Model):
    """Where one enrolled person is on one step."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="progress", verbose_name=_("enrolment")
    )
    step = models.ForeignKey(
        PathwayStep, on_delete=models.PROTECT, related_name="progress", verbose_name=_("step")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PENDING
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        ordering = ["enrolment", "step__position"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "step"], name="progress_once_per_step")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.step.code}: {self.status}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == StepStatus.IN_PROGRESS
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class SupportKind(models.TextChoices):
    COMMUNITY_RESEARCH = "community_research", _("Community research training")
    STARTUP_BOOSTING = "startup_boosting", _("Startup boosting")
    ENTERPRISE_SUPPORT = "enterprise_support", _("Enterprise support")
    PARTNERSHIP_BROKERING = "partnership_brokering", _("Partnership brokering")
    DIGITAL_SKILLS = "digital_skills", _("Digital skills training")


class ParticipantKind(models.TextChoices):
    PERSON = "person", _("People")
    ORGANISATION = "organisation", _("Organisations")


class SupportProgramme(models.Model):
    """A cohort-based offer with stages that participants pass (training, startup boosting, brokering)."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="support_programmes",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SupportKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="support_programmes",
        verbose_name=_("delivering partner"),
    )
    work_package = models.ForeignKey(
        "programmes.WorkPackage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_programmes",
        verbose_name=_("work package"),
    )
    participants = models.CharField(_("participants"), max_length=12, choices=ParticipantKind.choices)
    min_attendance = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=0,
        help_text=_("Share of the cohort's sessions a participant must attend before a training stage"),
    )
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SupportStage(models.Model):
    """A stage of a support programme; reaching it may write an outcome to the ledger."""

    support = models.ForeignKey(
        SupportProgramme, on_delete=models.CASCADE, related_name="stages", verbose_name=_("support programme")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    outcome_type = models.CharField(_("outcome recorded on reaching it"), max_length=40, blank=True)
    needs_attendance = models.BooleanField(_("needs the attendance rule met"), default=False)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["support", "position"]
        constraints = [
            models.UniqueConstraint(fields=["support", "position"], name="support_stage_position"),
            models.UniqueConstraint(fields=["support", "code"], name="support_stage_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """One intake of a support programme, with its dates and sessions."""

    support = models.ForeignKey(
        SupportProgramme,
        on_delete=models.CASCADE,
        related_name="cohorts",
        verbose_name=_("support programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> object:
        return self.support.programme


class ParticipationStatus(models.TextChoices):
    ACTIVE = "active", _("Taking part")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Left")


class Participation(models.Model):
    """A person or an organisation in a cohort, at a stage."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="participations", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    headcount = models.PositiveSmallIntegerField(
        _("people taking part"),
        default=1,
        help_text=_("For an organisation: how many of its staff take part"),
    )
    stage = models.ForeignKey(
        SupportStage,
        null=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("stage"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.ACTIVE
    )
    joined_on = models.DateField(_("joined on"))
    stage_reached_on = models.DateField(_("stage reached on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["cohort", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="participant_is_a_person_or_an_organisation",
            ),
            models.UniqueConstraint(fields=["cohort", "person"], name="person_once_per_cohort"),
            models.UniqueConstraint(fields=["cohort", "organisation"], name="organisation_once_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} · {self.cohort}"

    @property
    def participant(self) -> models.Model:
        return self.person if self.person is not None else self.organisation  # type: ignore[return-value]


class CohortSession(models.Model):
    """A session of a cohort; attendance is recorded per participant."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=200)
    present = models.ManyToManyField(
        Participation, blank=True, related_name="attended", verbose_name=_("present")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["cohort", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"
