"""Importing indicator targets (and baselines) from CSV or XLSX through the one import pipeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.pipeline import Importer
from assetlink.impact.indicators.services import set_target
from assetlink.impact.models import Indicator
from assetlink.impact.models.indicators import PERIOD_CHOICES
from assetlink.places.models import Area


class TargetRowForm(forms.Form):
    indicator = forms.SlugField(
        label=gettext_lazy("indicator"), help_text=gettext_lazy("The indicator's code")
    )
    period = forms.ChoiceField(
        label=gettext_lazy("period"),
        choices=PERIOD_CHOICES,
        help_text=gettext_lazy("month, quarter, year, financial_year or programme"),
    )
    period_start = forms.DateField(
        label=gettext_lazy("period start"),
        required=False,
        help_text=gettext_lazy("The first day of the period, e.g. 2025-04-01 (not needed for programme)"),
    )
    target = forms.DecimalField(label=gettext_lazy("target"), max_digits=14, decimal_places=2)
    baseline = forms.DecimalField(
        label=gettext_lazy("baseline"), max_digits=14, decimal_places=2, required=False
    )
    work_package = forms.CharField(
        label=gettext_lazy("work package"), max_length=20, required=False, help_text=gettext_lazy("Its code")
    )
    area = forms.CharField(
        label=gettext_lazy("area"), max_length=30, required=False, help_text=gettext_lazy("Its code")
    )
    source = forms.CharField(label=gettext_lazy("source"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("period") and cleaned["period"] != "programme" and not cleaned.get("period_start"):
            raise forms.ValidationError({"period_start": _("Give the first day of the period.")})
        return cleaned


class TargetImporter(Importer):
    kind = "targets"
    title = gettext_lazy("Indicator targets")
    permission = "impact.manage_indicators"
    form_class = TargetRowForm
    unique_together = ("indicator", "period", "period_start", "work_package", "area")

    def write(self, cleaned: dict[str, Any]) -> None:
        programme = self.programme
        indicator = Indicator.objects.filter(programme=programme, code=cleaned["indicator"]).first()
        if indicator is None:
            raise forms.ValidationError(
                {"indicator": _("No indicator has the code “%(code)s”.") % {"code": cleaned["indicator"]}}
            )
        work_package = None
        if cleaned["work_package"]:
            work_package = programme.work_packages.filter(code=cleaned["work_package"]).first()
            if work_package is None:
                raise forms.ValidationError(
                    {
                        "work_package": _("No work package has the code “%(code)s”.")
                        % {"code": cleaned["work_package"]}
                    }
                )
        area = None
        if cleaned["area"]:
            area = Area.objects.filter(programme=programme, code=cleaned["area"]).first()
            if area is None:
                raise forms.ValidationError(
                    {"area": _("No area has the code “%(code)s”.") % {"code": cleaned["area"]}}
                )
        set_target(
            actor=self.actor,
            indicator=indicator,
            period_kind=cleaned["period"],
            period_start=cleaned["period_start"] or programme.starts_on,
            value=cleaned["target"],
            baseline=cleaned["baseline"],
            work_package=work_package,
            area=area,
            source=cleaned["source"],
        )
