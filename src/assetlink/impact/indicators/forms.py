"""Forms of the results pages: the dashboard's period and scope, the equity page's indicator, freezing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.engine.periods import Period, period_from_key
from assetlink.impact.indicators.values import programme_span
from assetlink.impact.models import Indicator
from assetlink.impact.models.indicators import PERIOD_CHOICES
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area
from assetlink.programmes.models import WorkPackage


class DashboardForm(forms.Form):
    period = forms.ChoiceField(label=_("Periods"), choices=PERIOD_CHOICES, required=False, initial="quarter")
    work_package = forms.ModelChoiceField(
        label=_("Work package"), queryset=WorkPackage.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Recorded by partner"), queryset=Organisation.objects.none(), required=False
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        partners = organisations_of(programme).filter(partnerships__programme=programme)
        self.fields["partner"].queryset = partners.order_by("name")  # type: ignore[attr-defined]
        self.fields["area"].queryset = Area.objects.filter(programme=programme)  # type: ignore[attr-defined]


class EquityForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), required=False
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counts = Indicator.objects.filter(
            programme=programme, denominator="", measure__in=["entries", "subjects"]
        )
        self.fields["indicator"].queryset = counts.exclude(position__gte=999)  # type: ignore[attr-defined]


class FreezeForm(forms.Form):
    period = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReportForm(forms.Form):
    # The list offers recent periods; any period of the programme can be asked for by its key.
    period = forms.CharField(label=_("Period"), widget=forms.Select)
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[
            ("team", _("Programme team (exact figures)")),
            ("funder", _("Funder and partners")),
            ("public", _("Public")),
        ],
        initial="funder",
        required=False,
    )

    def __init__(
        self, *args: Any, programme: Any, periods: list[tuple[str, str]], exact_allowed: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["period"].widget.choices = periods
        if periods:
            self.fields["period"].initial = periods[0][0]
        if not exact_allowed:
            audiences = self.fields["audience"].choices  # type: ignore[attr-defined]
            self.fields["audience"].choices = [c for c in audiences if c[0] != "team"]  # type: ignore[attr-defined]

    def clean_period(self) -> Period:
        programme = self.programme
        try:
            period = period_from_key(
                self.cleaned_data["period"],
                financial_year_starts=programme.financial_year_starts,
                programme=programme_span(programme),
            )
        except ValueError:
            raise forms.ValidationError(_("Choose a period from the list.")) from None
        if period.end < programme.starts_on:
            raise forms.ValidationError(_("That period ends before the programme started."))
        return period
