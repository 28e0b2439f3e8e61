"""Social value measures of a programme: what a unit of an outcome is worth (a visible proxy with its
source and year) and the counting rules that turn ledger entries into units."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CountedUnit(models.TextChoices):
    ENTRIES = "entries", _("One per entry")
    QUANTITY = "quantity", _("The entry's quantity (hours, headcount)")
    VALUE = "value", _("The entry's value in money")


class SocialValueMeasure(models.Model):
    """One measure: the theme and outcome it prices, its proxy, and the rules it counts by."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="social_value_measures",
        verbose_name=_("programme"),
    )
    code = models.SlugField(_("code"), max_length=60)
    theme = models.CharField(_("theme"), max_length=100)
    outcome = models.CharField(_("outcome"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. per hire, per hour, per FTE"))
    proxy_value = models.DecimalField(_("proxy value"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    source = models.CharField(_("source"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    entry_types = models.JSONField(_("entry types"), default=list)
    counted = models.CharField(_("counts"), max_length=10, choices=CountedUnit.choices)
    deadweight = models.DecimalField(
        _("deadweight"),
        max_digits=5,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The share that would have happened anyway, from 0 to 1"),
    )
    first_year_only = models.BooleanField(_("first year only"), default=False)
    hours_per_fte = models.DecimalField(
        _("hours per full-time year"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Values written for a demonstration, not for reporting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("social value measure")
        verbose_name_plural = _("social value measures")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="social_value_measure_code_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.proxy_value} {self.currency} {self.unit}"


class Commitment(models.Model):
    """What a supplier committed at bid to deliver under one measure in one period of a contract."""

    contract = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="social_value_commitments",
        verbose_name=_("contract"),
    )
    measure = models.ForeignKey(
        SocialValueMeasure, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("measure")
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    quantity = models.DecimalField(
        _("quantity committed"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("social value commitment")
        verbose_name_plural = _("social value commitments")
        ordering = ["period_start", "measure__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "measure", "period_start"], name="one_commitment_per_measure_and_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.measure_id} {self.period_start}: {self.quantity}"


class DeliveryReturn(models.Model):
    """A supplier's quarterly return on a contract: what it says it delivered, with evidence per entry."""

    contract = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="delivery_returns",
        verbose_name=_("contract"),
    )
    period_start = models.DateField(_("quarter starts"))
    period_end = models.DateField(_("quarter ends"))
    statement = models.TextField(_("statement"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("delivery return")
        verbose_name_plural = _("delivery returns")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start"], name="one_return_per_contract_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.period_start}"


class Evidence(models.Model):
    """The evidence a return gives for one ledger entry of its contract."""

    delivery_return = models.ForeignKey(
        DeliveryReturn, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("return")
    )
    outcome = models.ForeignKey(
        "impact.Outcome",
        on_delete=models.PROTECT,
        related_name="return_evidence",
        verbose_name=_("ledger entry"),
    )
    description = models.CharField(_("evidence"), max_length=500)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["delivery_return", "outcome"], name="evidence_once_per_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_return_id} {self.outcome_id}"
