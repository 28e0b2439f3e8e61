"""Importing a programme's social value measures (proxies and counting rules) through the one pipeline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from assetlink.exchange.fields import YesNoField
from assetlink.exchange.pipeline import Importer
from assetlink.impact.models import CountedUnit
from assetlink.impact.social_value import save_measure


class MeasureRowForm(forms.Form):
    code = forms.SlugField(label=gettext_lazy("code"), max_length=60)
    theme = forms.CharField(label=gettext_lazy("theme"), max_length=100)
    outcome = forms.CharField(label=gettext_lazy("outcome"), max_length=300)
    unit = forms.CharField(label=gettext_lazy("unit"), max_length=60)
    proxy_value = forms.DecimalField(
        label=gettext_lazy("proxy value"), max_digits=12, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=gettext_lazy("currency"), max_length=3, min_length=3)
    source = forms.CharField(label=gettext_lazy("source"), max_length=300)
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=1990, max_value=2100)
    entry_types = forms.CharField(
        label=gettext_lazy("entry types"),
        help_text=gettext_lazy("Separated by spaces or commas, e.g. job.started"),
    )
    counted = forms.ChoiceField(label=gettext_lazy("counts"), choices=CountedUnit.choices)
    deadweight = forms.DecimalField(
        label=gettext_lazy("deadweight %"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    first_year_only = YesNoField(label=gettext_lazy("first year only"), required=False)
    hours_per_fte = forms.DecimalField(
        label=gettext_lazy("hours per full-time year"), min_value=1, required=False
    )
    illustrative = YesNoField(label=gettext_lazy("illustrative"), required=False)

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).upper()


class MeasureImporter(Importer):
    kind = "social_value_measures"
    title = gettext_lazy("Social value measures")
    permission = "impact.manage_social_value"
    form_class = MeasureRowForm
    unique_together = ("code",)

    def write(self, cleaned: dict[str, Any]) -> None:
        types = [part for part in cleaned["entry_types"].replace(",", " ").split() if part]
        save_measure(
            actor=self.actor,
            programme=self.programme,
            code=cleaned["code"],
            theme=cleaned["theme"],
            outcome=cleaned["outcome"],
            unit=cleaned["unit"],
            proxy_value=cleaned["proxy_value"],
            currency=cleaned["currency"],
            source=cleaned["source"],
            year=cleaned["year"],
            entry_types=types,
            counted=cleaned["counted"],
            deadweight=(cleaned["deadweight"] or Decimal(0)) / 100,
            first_year_only=bool(cleaned["first_year_only"]),
            hours_per_fte=cleaned["hours_per_fte"],
            is_illustrative=bool(cleaned["illustrative"]),
        )
