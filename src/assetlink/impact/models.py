"""The outcome ledger: an append-only record of what happened to whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeType(models.TextChoices):
    """Entry types of the ledger; later capabilities add theirs here."""

    PARTNER_JOINED = "partner.joined", _("Partner joined the programme")
    PARTNER_LEFT = "partner.left", _("Partner left the programme")
    PERSON_ENGAGED = "person.engaged", _("Person engaged")
    CONSENT_GIVEN = "consent.given", _("Consent given")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent withdrawn")
    PERSON_TRAINED = "person.trained", _("Person trained")
    QUALIFICATION_RECOGNISED = "qualification.recognised", _("Qualification recognised")
    PERSON_REFERRED = "person.referred", _("Person referred")
    JOB_STARTED = "job.started", _("Job started")
    JOB_SUSTAINED = "job.sustained", _("Job sustained")
    ENTERPRISE_CREATED = "enterprise.created", _("Enterprise created")
    ENTERPRISE_SUPPORTED = "enterprise.supported", _("Enterprise supported")
    CONTRACT_WON = "contract.won", _("Contract won")
    GRANT_WON = "grant.won", _("Grant won")
    CONSORTIUM_FORMED = "consortium.formed", _("Consortium formed")
    COLLABORATION_FORMED = "collaboration.formed", _("Collaboration formed")
    RESEARCH_PROJECT_COMPLETED = "research.completed", _("Research project completed")


class Correction(models.TextChoices):
    REVERSAL = "reversal", _("Reversal")
    AMENDMENT = "amendment", _("Amendment")


class Outcome(models.Model):
    """One ledger entry. Never updated or deleted: corrections are new entries pointing at the old."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("programme")
    )
    entry_type = models.CharField(_("type"), max_length=40, choices=OutcomeType.choices, db_index=True)
    subject_type = models.CharField(_("subject type"), max_length=80)
    subject_id = models.CharField(_("subject id"), max_length=64)
    occurred_on = models.DateField(_("occurred on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    correction = models.CharField(_("correction"), max_length=10, choices=Correction.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(corrects__isnull=True) & models.Q(correction="") & models.Q(reason=""))
                | (models.Q(corrects__isnull=False) & ~models.Q(correction="") & ~models.Q(reason="")),
                name="outcome_correction_has_target_kind_and_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_entry_type_display()} {self.occurred_on}"
