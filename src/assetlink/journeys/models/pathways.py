"""Pathways: templates of steps (a route to a recognised qualification), enrolments and progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
