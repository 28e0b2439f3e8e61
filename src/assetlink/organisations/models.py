"""An organisation exists once, held by the programme that recorded it; another programme may list it
only when its holders accept a link request. What each programme assesses of it (capabilities,
certificates) is kept per programme."""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ANCHOR_INSTITUTION = "anchor_institution", _("Anchor institution")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COOPERATIVE = "cooperative", _("Co-operative")
    COMMUNITY_GROUP = "community_group", _("Community group")
    SME = "sme", _("Small or medium enterprise")
    KIBS_FIRM = "kibs_firm", _("Knowledge-intensive business services firm")
    UNIVERSITY = "university", _("University")
    RESEARCH_CENTRE = "research_centre", _("Research centre")
    PUBLIC_BODY = "public_body", _("Public body")
    FUNDER = "funder", _("Funder")


class LegalForm(models.TextChoices):
    CIC = "cic", _("Community interest company")
    CHARITY = "charity", _("Charity or CIO")
    GUARANTEE = "guarantee", _("Company limited by guarantee")
    COOPERATIVE = "cooperative", _("Co-operative society")
    COMMUNITY_BENEFIT = "community_benefit", _("Community benefit society")
    LIMITED = "limited", _("Private limited company")
    SOLE_TRADER = "sole_trader", _("Sole trader")
    PARTNERSHIP = "partnership", _("Partnership")
    ASSOCIATION = "association", _("Association (unincorporated)")
    SL = "sl", _("Sociedad limitada (S.L.)")
    SA = "sa", _("Sociedad anónima (S.A.)")
    SCOOP = "scoop", _("Sociedad cooperativa (S. Coop.)")
    FOUNDATION = "foundation", _("Foundation")
    PUBLIC = "public", _("Public body")
    OTHER = "other", _("Other")


class TurnoverBand(models.TextChoices):
    UNDER_100K = "under_100k", _("Under 100 thousand")
    UP_TO_1M = "100k_1m", _("100 thousand to 1 million")
    UP_TO_2M = "1m_2m", _("1 to 2 million")
    UP_TO_10M = "2m_10m", _("2 to 10 million")
    UP_TO_50M = "10m_50m", _("10 to 50 million")
    OVER_50M = "over_50m", _("Over 50 million")


class Ownership(models.TextChoices):
    LOCAL = "local", _("Locally owned")
    COMMUNITY = "community", _("Community owned")
    EMPLOYEE = "employee", _("Employee owned")
    MEMBER = "member", _("Member owned (co-operative)")
    PUBLIC = "public", _("Publicly owned")
    EXTERNAL = "external", _("Owned outside the area")


class Organisation(models.Model):
    """Any organisation taking part in or around a programme."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code"))
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=24, choices=LegalForm.choices, blank=True)
    sectors = models.JSONField(
        _("sectors"),
        default=list,
        blank=True,
        help_text=_("NACE Rev. 2 codes, e.g. 56.29 (other food services)"),
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    turnover_band = models.CharField(_("turnover"), max_length=12, choices=TurnoverBand.choices, blank=True)
    ownership = models.CharField(_("ownership"), max_length=16, choices=Ownership.choices, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        verbose_name=_("area"),
    )
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    pays_real_living_wage = models.BooleanField(_("accredited real Living Wage employer"), default=False)
    local_employee_share = models.PositiveSmallIntegerField(
        _("share of employees living locally (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    max_contract_value = models.DecimalField(
        _("largest contract it can deliver"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_contract_currency = models.CharField(_("currency"), max_length=3, blank=True)
    held_by = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_organisations",
        verbose_name=_("held by"),
        help_text=_(
            "The programme that recorded this organisation; only its admins and the organisation's "
            "own people change its profile."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name_per_country"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def size_class(self) -> str:
        """Micro, small, medium or large, by headcount (the EU SME definition's staff thresholds)."""
        if self.employees is None:
            return ""
        if self.employees < 10:
            return "micro"
        if self.employees < 50:
            return "small"
        return "medium" if self.employees < 250 else "large"


class Listing(models.Model):
    """An organisation in a programme's asset register (partners are in it too, by partnership)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="listings", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="listings", verbose_name=_("organisation")
    )
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listed by"),
    )
    listed_at = models.DateTimeField(_("listed"), auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="listing_once_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.programme}"


cpv_code = RegexValidator(
    r"^\d{8}-\d$", _("A CPV code has eight digits, a hyphen and a check digit: 55520000-1.")
)


class LinkRequest(models.Model):
    """A programme's request to list an organisation that another programme holds; until the holding
    programme's admins or the organisation's own people accept it, the requester sees nothing of it."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="link_requests",
        verbose_name=_("requesting programme"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="link_requests", verbose_name=_("organisation")
    )
    # What the requester typed: all they are shown of the organisation until the request is accepted.
    name_given = models.CharField(_("name given"), max_length=200)
    note = models.TextField(_("note to the holders"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    accepted = models.BooleanField(_("accepted"), null=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("link request")
        verbose_name_plural = _("link requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=models.Q(accepted__isnull=True),
                name="one_open_link_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_given} → {self.programme}"


class Capability(models.Model):
    """Something an organisation can supply: a CPV code, described in its own words, as one programme
    recorded it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="capabilities", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    cpv_code = models.CharField(_("CPV code"), max_length=10, blank=True, validators=[cpv_code])
    description = models.CharField(_("description"), max_length=300)

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["cpv_code", "description"]

    def __str__(self) -> str:
        return f"{self.cpv_code} {self.description}".strip()


class CertificateKind(models.TextChoices):
    CERTIFICATION = "certification", _("Certification")
    INSURANCE = "insurance", _("Insurance")


class Certificate(models.Model):
    """A certification (ISO 9001, Cyber Essentials…) or insurance (public liability…) with its expiry,
    as one programme recorded it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=CertificateKind.choices)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. ISO 9001, Cyber Essentials, public liability insurance")
    )
    cover = models.DecimalField(
        _("cover"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For insurance: the amount insured"),
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate or insurance")
        verbose_name_plural = _("certificates and insurances")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
