"""Support programmes: stages, cohorts, who takes part and how far they got, sessions with attendance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
