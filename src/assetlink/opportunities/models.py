"""An investment with its phases, and the opportunities it (or any organisation) offers, with typed
requirements that matching reads: occupation, skills, credentials, language, qualification level,
place and hours, pay, and closing date."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import cpv_code
from assetlink.people.models import CredentialKind
from assetlink.taxonomy.models import CefrLevel, EqfLevel


class Investment(models.Model):
    """A macro asset: a capital project or an anchor institution's spending programme."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="investments",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="investments",
        verbose_name=_("owner"),
    )
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=15, decimal_places=2, null=True, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="investments",
        verbose_name=_("area"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    spend_categories = models.JSONField(
        _("spend categories"), default=list, blank=True, help_text=_("CPV codes of what the investment buys")
    )

    class Meta:
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    investment = models.ForeignKey(
        Investment, on_delete=models.CASCADE, related_name="phases", verbose_name=_("investment")
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class OpportunityKind(models.TextChoices):
    JOB = "job", _("Job")
    CONTRACT = "contract", _("Contract")
    GRANT = "grant", _("Grant")
    TRAINING = "training", _("Training place")
    VOLUNTEERING = "volunteering", _("Volunteering")
    SPACE = "space", _("Space")
    CHALLENGE = "challenge", _("Industry challenge")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    AWARDED = "awarded", _("Awarded")
    FILLED = "filled", _("Filled")


# Kinds that end by being filled with people; the others are awarded to organisations.
FILLED_KINDS = frozenset({OpportunityKind.JOB, OpportunityKind.TRAINING, OpportunityKind.VOLUNTEERING})


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    BANK = "bank", _("Bank (as needed)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    PLACEMENT = "placement", _("Placement or clinical attachment")


class Procedure(models.TextChoices):
    OPEN = "open", _("Open")
    SELECTIVE = "selective", _("Selective (restricted)")
    LIMITED = "limited", _("Limited (direct award)")
    DIRECT = "direct", _("Quotation below threshold")


class Opportunity(models.Model):
    """Something offered: its kind decides which of the kind-specific fields apply."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("programme"),
    )
    investment = models.ForeignKey(
        Investment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("investment"),
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("offered by"),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=OpportunityKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT
    )
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("area"),
    )
    location = models.CharField(_("place of work or delivery"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    # Job, training place, volunteering
    occupation = models.ForeignKey(
        "taxonomy.EscoConcept",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    positions = models.PositiveIntegerField(
        _("places or positions"), default=1, validators=[MinValueValidator(1)]
    )
    hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    employment_type = models.CharField(
        _("type of employment"), max_length=14, choices=EmploymentType.choices, blank=True
    )
    salary_min = models.DecimalField(_("pay from"), max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(_("pay up to"), max_digits=12, decimal_places=2, null=True, blank=True)
    pay_band = models.CharField(
        _("pay band"), max_length=80, blank=True, help_text=_("e.g. NHS Agenda for Change band 5")
    )
    minimum_language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("ISO 639-1 code")
    )
    minimum_language_level = models.CharField(
        _("minimum level"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    minimum_eqf_level = models.PositiveSmallIntegerField(
        _("minimum qualification level"), choices=EqfLevel.choices, null=True, blank=True
    )
    # Training: what it prepares for, so that it is not offered to those who already hold it.
    leads_to_kind = models.CharField(
        _("leads to (kind)"), max_length=20, choices=CredentialKind.choices, blank=True
    )
    leads_to_name = models.CharField(
        _("leads to"),
        max_length=100,
        blank=True,
        help_text=_("The exam, registration or certificate it prepares for, e.g. NMC OSCE"),
    )
    # Contract
    value = models.DecimalField(_("value"), max_digits=15, decimal_places=2, null=True, blank=True)
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices, blank=True)
    social_value_clauses = models.TextField(
        _("social value clauses"),
        blank=True,
        help_text=_("One clause a line, e.g. local recruitment, real Living Wage"),
    )
    # Grant
    funder = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_opportunities",
        verbose_name=_("funder"),
    )
    amount_min = models.DecimalField(_("amount from"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(
        _("amount up to"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    # Space
    space = models.ForeignKey(
        "places.Space",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("space"),
    )
    # Award (contracts, grants, spaces, challenges)
    awarded_to = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("awarded to"),
    )
    awarded_value = models.DecimalField(
        _("value awarded"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_max__isnull=True)
                | models.Q(salary_min__isnull=True)
                | models.Q(salary_max__gte=models.F("salary_min")),
                name="opportunity_pay_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_max__isnull=True)
                | models.Q(amount_min__isnull=True)
                | models.Q(amount_max__gte=models.F("amount_min")),
                name="opportunity_grant_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == OpportunityStatus.OPEN

    @property
    def clause_list(self) -> list[str]:
        return [line.strip() for line in self.social_value_clauses.splitlines() if line.strip()]


class Lot(models.Model):
    """A part of a contract that can be bid for on its own."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="lots", verbose_name=_("contract")
    )
    number = models.PositiveSmallIntegerField(_("lot number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    value = models.DecimalField(_("value"), max_digits=15, decimal_places=2, null=True, blank=True)
    cpv_code = models.CharField(_("CPV code"), max_length=10, blank=True, validators=[cpv_code])

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "number"], name="lot_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SkillRequirement(models.Model):
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="skill_requirements",
        verbose_name=_("opportunity"),
    )
    skill = models.ForeignKey(
        "taxonomy.EscoConcept", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    is_essential = models.BooleanField(_("essential"), default=True)

    class Meta:
        verbose_name = _("skill requirement")
        verbose_name_plural = _("skill requirements")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "skill"], name="skill_requirement_once")
        ]

    def __str__(self) -> str:
        return str(self.skill)


class CredentialRequirement(models.Model):
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="credential_requirements",
        verbose_name=_("opportunity"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CredentialKind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("e.g. NMC registration, enhanced DBS check")
    )
    is_required = models.BooleanField(_("required"), default=True, help_text=_("Unticked: desirable"))

    class Meta:
        verbose_name = _("credential requirement")
        verbose_name_plural = _("credential requirements")

    def __str__(self) -> str:
        return self.name
