"""An anchor institution's spend lines, each with its supplier (linked to the organisation register or
waiting for review) and its place (local, the wider region, elsewhere); the programme's local area; and
LM3 studies with the returns local suppliers fill in."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Locality(models.TextChoices):
    LOCAL = "local", _("Local")
    REGION = "region", _("Wider region")
    ELSEWHERE = "elsewhere", _("Elsewhere")
    UNKNOWN = "unknown", _("Unknown (no postcode)")


class LinkStatus(models.TextChoices):
    BY_NUMBER = "by_number", _("Linked by registration number")
    BY_NAME = "by_name", _("Linked by name")
    REVIEW = "review", _("Waiting for review")
    CONFIRMED = "confirmed", _("Linked after review")
    UNREGISTERED = "unregistered", _("Not in the register")


class ReviewReason(models.TextChoices):
    NUMBER_SHARED = "number_shared", _("Several organisations carry this registration number")
    NAME_DIFFERS = "name_differs", _("The number finds one organisation and the name another")
    NUMBERS_DIFFER = "numbers_differ", _("The organisation with this name has another registration number")
    NAME_SHARED = "name_shared", _("Several organisations carry this name")
    SIMILAR_NAME = "similar_name", _("No exact match, but a similar name")


class LocalArea(models.Model):
    """What a programme counts as local, and as its wider region."""

    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="local_area",
        verbose_name=_("programme"),
    )
    areas = models.ManyToManyField(
        "places.Area",
        blank=True,
        related_name="+",
        verbose_name=_("local areas"),
        help_text=_("Spend with a supplier whose postcode lies in one of these areas is local"),
    )
    districts = models.JSONField(
        _("local postcode districts"),
        default=list,
        blank=True,
        help_text=_("e.g. B1, B16, B18 (UK districts or postcode areas; elsewhere postcode prefixes)"),
    )
    region = models.JSONField(
        _("wider region"),
        default=list,
        blank=True,
        help_text=_("Postcode districts, areas or prefixes of the wider region, e.g. B, CV, WS, DY, WV"),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("local area")
        verbose_name_plural = _("local areas")

    def __str__(self) -> str:
        return f"{self.programme_id}: {', '.join(self.districts)}"


class Supplier(models.Model):
    """A supplier as the anchor's accounts name it, and the registered organisation it is (if known)."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="suppliers",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name in the spend file"), max_length=200)
    name_key = models.CharField(_("name key"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    number_key = models.CharField(_("number key"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spend_suppliers",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("link"), max_length=14, choices=LinkStatus.choices)
    reason = models.CharField(_("why reviewed"), max_length=16, choices=ReviewReason.choices, blank=True)
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number_key", "name_key"], name="supplier_once_per_programme"
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"], name="supplier_status")]

    def __str__(self) -> str:
        return self.name


class SpendLine(models.Model):
    """One payment by an anchor institution to a supplier."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="spend_lines",
        verbose_name=_("programme"),
    )
    buyer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="spend_lines",
        verbose_name=_("buyer"),
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="lines", verbose_name=_("supplier")
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    category = models.CharField(_("category"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    district = models.CharField(_("postcode district"), max_length=12, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("area"),
    )
    locality = models.CharField(_("locality"), max_length=10, choices=Locality.choices)

    class Meta:
        verbose_name = _("spend line")
        verbose_name_plural = _("spend lines")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "buyer", "reference"],
                condition=~models.Q(reference=""),
                name="spend_reference_once_per_buyer",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "paid_on"], name="spend_programme_day"),
            models.Index(fields=["supplier", "paid_on"], name="spend_supplier_day"),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount} {self.supplier_id}"


class Study(models.Model):
    """An LM3 study of one buyer's spend over a period: its spend lines and wages make R1, its local
    suppliers and local wages R2; the wages and the staff's local share of spending are given here."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="lm3_studies",
        verbose_name=_("programme"),
    )
    buyer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("buyer")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    total_wages = models.DecimalField(
        _("wages paid"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("All wages the buyer paid in the period: with its spend lines they make R1"),
    )
    local_wages = models.DecimalField(
        _("wages paid to local residents"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Counted in R2 with the spend with local suppliers"),
    )
    employee_local_share = models.DecimalField(
        _("staff's local share of spending"),
        max_digits=5,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("From 0 to 1, e.g. from a staff survey; gives their part of R3"),
    )
    wages_source = models.CharField(_("source of the wage figures"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LM3 study")
        verbose_name_plural = _("LM3 studies")
        ordering = ["-ends_on"]

    def __str__(self) -> str:
        return self.title


class SupplierReturn(models.Model):
    """What one local supplier says of its own spending over the study's period: how much of it stayed
    local (on staff living locally and with local suppliers)."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="returns", verbose_name=_("study")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("supplier")
    )
    total_costs = models.DecimalField(
        _("total spending in the period"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    local_staff = models.DecimalField(
        _("of which wages of staff living locally"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    local_suppliers = models.DecimalField(
        _("of which spent with local suppliers"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("supplier return")
        verbose_name_plural = _("supplier returns")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "organisation"], name="one_return_per_supplier_and_study"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.study_id} {self.organisation_id}"
