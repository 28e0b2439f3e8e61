"""Indicators defined as data over the ledger, their baselines and targets, and frozen snapshots of values."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assetlink.engine.periods import PeriodKind


class Measure(models.TextChoices):
    ENTRIES = "entries", _("Number of entries")
    SUBJECTS = "subjects", _("Number of distinct people or organisations")
    RELATED = "related", _("Number of distinct related records (e.g. networks)")
    VALUE = "value", _("Sum of money")
    QUANTITY = "quantity", _("Sum of quantity (hours, headcount)")


class Source(models.TextChoices):
    LEDGER = "", _("Outcome ledger")
    SPEND = "spend", _("Spend lines (local spend)")
    SOCIAL_VALUE = "social_value", _("Social value (the ledger priced by the measures)")
    LM3 = "lm3", _("LM3 studies")


class Accumulation(models.TextChoices):
    CUMULATIVE = "cumulative", _("Cumulative (to date)")
    PER_PERIOD = "per_period", _("Per period")


class Denominator(models.TextChoices):
    NONE = "", _("None")
    INDICATOR = "indicator", _("Another indicator")
    POPULATION = "population", _("Residents of the areas")


PERIOD_CHOICES = [
    (PeriodKind.MONTH.value, _("Month")),
    (PeriodKind.QUARTER.value, _("Quarter")),
    (PeriodKind.YEAR.value, _("Calendar year")),
    (PeriodKind.FINANCIAL_YEAR.value, _("Financial year")),
    (PeriodKind.PROGRAMME.value, _("Programme to date")),
]


class Indicator(models.Model):
    """What to count in the effective ledger, how, and against which denominator.

    `filters` narrows the entries: work_package (codes), recording_organisation (ids), subject_kind,
    investment (ids, or "*" for any), opportunity_kind, support_kind, decile and area (codes) of the
    subject's area; a key prefixed with "not_" excludes instead. `subject_has` and `subject_lacks` keep
    entries whose subject has (or has no) effective entry of the given types.
    """

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("programme"),
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(
        _("name in other languages"), default=dict, blank=True, help_text=_("Language code → name")
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, blank=True, default=Source.LEDGER
    )
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    entry_types = models.JSONField(_("entry types"), default=list, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    subject_has = models.JSONField(_("subject also has"), default=list, blank=True)
    subject_lacks = models.JSONField(_("subject never has"), default=list, blank=True)
    plus = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("plus"),
        help_text=_("Another indicator of the same unit whose value is added"),
    )
    denominator = models.CharField(
        _("denominator"), max_length=10, choices=Denominator.choices, blank=True, default=Denominator.NONE
    )
    denominator_indicator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("denominator indicator"),
    )
    factor = models.DecimalField(
        _("factor"), max_digits=10, decimal_places=2, default=1, help_text=_("e.g. 1000 for a rate per 1,000")
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    accumulation = models.CharField(
        _("accumulation"), max_length=12, choices=Accumulation.choices, default=Accumulation.CUMULATIVE
    )
    is_headline = models.BooleanField(_("headline figure"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="indicator_code_per_programme"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, falling back to the programme's own name for it."""
        language = (get_language() or "").split("-")[0]
        return str(self.names.get(language) or self.name)


class Target(models.Model):
    """The value an indicator should reach in a period, with its baseline; optionally for one work package
    or one area."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period_kind = models.CharField(_("period"), max_length=16, choices=PERIOD_CHOICES)
    period_start = models.DateField(_("period starts"))
    work_package = models.ForeignKey(
        "programmes.WorkPackage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("work package"),
    )
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("area"),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period_kind", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "work_package", "area"],
                name="one_target_per_indicator_period_and_scope",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_kind} {self.period_start}: {self.value}"


class Snapshot(models.Model):
    """A period's indicator values frozen for a report: numbered per programme and period, never changed."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="snapshots",
        verbose_name=_("programme"),
    )
    period_kind = models.CharField(_("period"), max_length=16, choices=PERIOD_CHOICES)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    version = models.PositiveIntegerField(_("version"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Indicator code → {"name", "value", "entries", "target"}: exact values as text, as the ledger gave them.
    values = models.JSONField(_("values"), default=dict)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-frozen_at", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period_kind", "period_start", "version"],
                name="snapshot_version_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_kind} {self.period_start} v{self.version}"


class IndicatorFacts(models.Model):
    """When an indicator's monthly summary was last computed: through which ledger entry, for which
    definition. A summary counts only while both still hold; otherwise values come from the ledger."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="facts_state", verbose_name=_("indicator")
    )
    through_outcome_id = models.BigIntegerField(_("through ledger entry"), default=0)
    definition_key = models.CharField(_("definition"), max_length=64)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator summary")
        verbose_name_plural = _("indicator summaries")

    def __str__(self) -> str:
        return f"{self.indicator_id} through {self.through_outcome_id}"


class IndicatorFact(models.Model):
    """An indicator's figures for one month and one area of the subjects (none when unknown): what the
    month adds (entries and their sum), or for a distinct count the subjects first counted that month."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="facts")
    month = models.DateField()
    area_id = models.BigIntegerField(null=True)
    entries = models.BigIntegerField()
    value = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["indicator", "month"], name="indicator_fact_month")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.month} {self.area_id}: {self.value}"
