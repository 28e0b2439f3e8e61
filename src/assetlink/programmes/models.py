"""Programme, Partner, Work package, Membership (a user's role in a programme) and Invitation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """One city's implementation of a practice; every record belongs to exactly one programme."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    languages = models.JSONField(_("languages"), default=list, help_text=_("Language codes, e.g. en, es"))
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217 code, e.g. GBP"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    allows_self_registration = models.BooleanField(
        _("residents may register themselves"),
        default=False,
        help_text=_("Shows a public sign-up page where residents create their own profile and give consent."),
    )
    financial_year_starts = models.PositiveSmallIntegerField(
        _("financial year starts in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 for January; 4 for a UK financial year from April to March"),
    )
    counts_hidden_up_to = models.PositiveSmallIntegerField(
        _("hide counts up to"),
        default=7,
        validators=[MaxValueValidator(50)],
        help_text=_(
            "Counts from 1 to this number are hidden wherever figures leave the programme team; 0 hides none."
        ),
    )
    counts_rounded_to = models.PositiveSmallIntegerField(
        _("round counts to"),
        choices=[(1, _("No rounding")), (5, _("The nearest 5"))],
        default=1,
        help_text=_("Shown counts outside the programme team are rounded after small ones are hidden."),
    )
    publishes_results = models.BooleanField(
        _("results are public"),
        default=False,
        help_text=_("Shows a public results page with headline indicators, equity and open data."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    ANCHOR = "anchor", _("Anchor institution")
    DELIVERY = "delivery", _("Delivery partner")
    COMMUNITY = "community", _("Community organisation")
    FUNDER = "funder", _("Funder")
    EVALUATOR = "evaluator", _("Evaluator")


class Partner(models.Model):
    """An organisation's membership of a programme, with its role."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partners", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="partner_once_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class WorkPackage(models.Model):
    """A strand of a programme, led by one partner and delivered with others."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="work_packages", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    objectives = models.TextField(_("objectives"), blank=True)
    lead_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="led_work_packages", verbose_name=_("lead partner")
    )
    delivery_partners = models.ManyToManyField(
        Partner, blank=True, related_name="work_packages", verbose_name=_("delivery partners")
    )

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="work_package_code_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        if self.lead_partner_id and self.lead_partner.programme_id != self.programme_id:
            raise ValidationError(
                {"lead_partner": _("The lead partner must be a partner of this programme.")}
            )


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme admin")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    COMMUNITY_RESEARCHER = "community_researcher", _("Community researcher")
    ENTERPRISE_MEMBER = "enterprise_member", _("Enterprise member")
    PARTICIPANT = "participant", _("Participant")


# Roles that handle other people's personal data must sign in with a second factor.
STAFF_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.PARTNER_STAFF})
# Roles that act for an organisation and so must name one.
ORGANISATION_ROLES = frozenset({Role.PARTNER_STAFF, Role.ENTERPRISE_MEMBER})


class Membership(models.Model):
    """A user's role in one programme (one role per programme), optionally for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("programme")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_role_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class Invitation(models.Model):
    """An invitation to join a programme in a role; only a hash of its token is stored."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("programme")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.programme} ({self.get_role_display()})"


class OperatorAccess(models.Model):
    """A platform operator's time-limited, reasoned access to one programme's records ("break glass").

    It lets the operator read the programme as its admins do, never change it; the programme's admins
    are told when it opens, and every record viewed under it is marked in the access log.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="operator_accesses", verbose_name=_("programme")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("operator")
    )
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        verbose_name = _("operator access")
        verbose_name_plural = _("operator accesses")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.operator} → {self.programme} ({self.opened_at:%Y-%m-%d %H:%M})"
