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
    PROFESSIONALS_TRAINED = "professionals.trained", _("Professionals of an organisation trained")
    QUALIFICATION_RECOGNISED = "qualification.recognised", _("Qualification recognised")
    CREDENTIAL_GAINED = "credential.gained", _("Credential gained")
    PERSON_REFERRED = "person.referred", _("Person referred")
    REFERRAL_COMPLETED = "referral.completed", _("Referral completed")
    JOB_APPLIED = "job.applied", _("Applied for a job")
    JOB_INTERVIEWED = "job.interviewed", _("Interviewed for a job")
    JOB_OFFERED = "job.offered", _("Job offered")
    JOB_STARTED = "job.started", _("Job started")
    JOB_SUSTAINED = "job.sustained", _("Job sustained (unspecified period)")
    JOB_SUSTAINED_13 = "job.sustained_13w", _("Job sustained 13 weeks")
    JOB_SUSTAINED_26 = "job.sustained_26w", _("Job sustained 26 weeks")
    ENTERPRISE_CREATED = "enterprise.created", _("Enterprise created")
    ENTERPRISE_SUPPORTED = "enterprise.supported", _("Enterprise supported")
    CONTRACT_WON = "contract.won", _("Contract won")
    GRANT_WON = "grant.won", _("Grant won")
    CONSORTIUM_FORMED = "consortium.formed", _("Consortium formed")
    NETWORK_JOINED = "network.joined", _("Network member joined")
    COLLABORATION_FORMED = "collaboration.formed", _("Collaboration formed")
    VENTURE_LAUNCHED = "venture.launched", _("Venture launched")
    VENTURE_CONSOLIDATED = "venture.consolidated", _("Venture consolidated")
    RESEARCH_PROJECT_COMPLETED = "research.completed", _("Research project completed")
    VOLUNTEER_HOURS = "volunteer.hours", _("Volunteer hours")
    SPACE_LET = "space.let", _("Space let")


class Subject(models.TextChoices):
    """What an entry is about."""

    PERSON = "people.person", _("Person")
    ORGANISATION = "organisations.organisation", _("Organisation")


PERSON_TYPES = frozenset(
    {
        OutcomeType.PERSON_ENGAGED,
        OutcomeType.CONSENT_GIVEN,
        OutcomeType.CONSENT_WITHDRAWN,
        OutcomeType.PERSON_TRAINED,
        OutcomeType.QUALIFICATION_RECOGNISED,
        OutcomeType.CREDENTIAL_GAINED,
        OutcomeType.PERSON_REFERRED,
        OutcomeType.JOB_APPLIED,
        OutcomeType.JOB_INTERVIEWED,
        OutcomeType.JOB_OFFERED,
        OutcomeType.JOB_STARTED,
        OutcomeType.JOB_SUSTAINED,
        OutcomeType.JOB_SUSTAINED_13,
        OutcomeType.JOB_SUSTAINED_26,
        OutcomeType.VOLUNTEER_HOURS,
    }
)
ORGANISATION_TYPES = frozenset(
    {
        OutcomeType.PARTNER_JOINED,
        OutcomeType.PARTNER_LEFT,
        OutcomeType.PROFESSIONALS_TRAINED,
        OutcomeType.ENTERPRISE_CREATED,
        OutcomeType.ENTERPRISE_SUPPORTED,
        OutcomeType.CONTRACT_WON,
        OutcomeType.GRANT_WON,
        OutcomeType.CONSORTIUM_FORMED,
        OutcomeType.NETWORK_JOINED,
        OutcomeType.COLLABORATION_FORMED,
        OutcomeType.VENTURE_LAUNCHED,
        OutcomeType.VENTURE_CONSOLIDATED,
        OutcomeType.SPACE_LET,
    }
)
# Either kind of subject: a referral may hand over a person or an enterprise; research is done by either.
EITHER_TYPES = frozenset({OutcomeType.REFERRAL_COMPLETED, OutcomeType.RESEARCH_PROJECT_COMPLETED})
# Entries that must carry an amount of money, and those that count something else (hours, people).
MONEY_TYPES = frozenset({OutcomeType.CONTRACT_WON, OutcomeType.GRANT_WON})
QUANTITY_TYPES = frozenset({OutcomeType.VOLUNTEER_HOURS, OutcomeType.PROFESSIONALS_TRAINED})
# Entries only the services that cause them write (consent, registration, referral, membership):
# nobody records them by hand.
SYSTEM_TYPES = frozenset(
    {
        OutcomeType.PARTNER_JOINED,
        OutcomeType.PARTNER_LEFT,
        OutcomeType.PERSON_ENGAGED,
        OutcomeType.CONSENT_GIVEN,
        OutcomeType.CONSENT_WITHDRAWN,
        OutcomeType.PERSON_REFERRED,
        OutcomeType.REFERRAL_COMPLETED,
    }
)


def subjects_of(entry_type: str) -> frozenset[str]:
    """The kinds of subject an entry of this type may be about."""
    if entry_type in EITHER_TYPES:
        return frozenset(Subject.values)
    return frozenset({Subject.PERSON if entry_type in PERSON_TYPES else Subject.ORGANISATION})


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
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Hours or headcount"),
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    evidence = models.CharField(_("evidence note"), max_length=300, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="evidence/%Y/%m/", blank=True)
    work_package = models.ForeignKey(
        "programmes.WorkPackage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
        verbose_name=_("work package"),
    )
    recording_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_outcomes",
        verbose_name=_("recording partner"),
    )
    # What the entry is about besides its subject: the opportunity, referral, enrolment, cohort or network.
    related_type = models.CharField(_("related record type"), max_length=80, blank=True)
    related_id = models.CharField(_("related record id"), max_length=64, blank=True)
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
        # Indicators read one programme's entries of a few types over a span of dates.
        indexes = [
            models.Index(fields=["programme", "entry_type", "occurred_on"], name="outcome_programme_type_day")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(corrects__isnull=True) & models.Q(correction="") & models.Q(reason=""))
                | (models.Q(corrects__isnull=False) & ~models.Q(correction="") & ~models.Q(reason="")),
                name="outcome_correction_has_target_kind_and_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_entry_type_display()} {self.occurred_on}"


class Verification(models.Model):
    """Someone other than the recorder checked an entry's evidence; one per entry, never changed."""

    outcome = models.OneToOneField(
        Outcome, on_delete=models.PROTECT, related_name="verification", verbose_name=_("outcome")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("verified by")
    )
    verified_at = models.DateTimeField(_("verified at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return f"{self.outcome_id} ✓"
