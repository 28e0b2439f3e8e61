"""Forms of the results pages: the dashboard's period and scope, the equity page's indicator, freezing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.engine.periods import Period, period_from_key
from assetlink.impact.indicators.values import programme_span
from assetlink.impact.models import Accumulation, Denominator, Indicator, Measure, OutcomeType, Source
from assetlink.impact.models.indicators import PERIOD_CHOICES
from assetlink.opportunities.models import OpportunityKind
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area
from assetlink.programmes.models import WorkPackage
from assetlink.spend.models import Locality


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


def _entry_type_choices() -> list[tuple[str, Any]]:
    return list(OutcomeType.choices)


class IndicatorForm(forms.Form):
    """An indicator's definition on a page; the API takes every filter (including exclusions)."""

    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Letters, digits, - and _; it never changes")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    name_sl = forms.CharField(label=_("Name in Slovenian"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.ChoiceField(label=_("Figures from"), choices=Source.choices, required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    entry_types = forms.MultipleChoiceField(
        label=_("Entry types counted"),
        choices=_entry_type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For figures from the ledger"),
    )
    localities = forms.MultipleChoiceField(
        label=_("Only spend with suppliers that are"),
        choices=Locality.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For figures from spend lines"),
    )
    lm3_part = forms.ChoiceField(
        label=_("Part of LM3"),
        choices=[
            ("", "—"),
            ("spend", _("R1: the spend studied")),
            ("local", _("R2: spent locally")),
            ("respent", _("R3: re-spent locally")),
            ("turnover", _("R1 + R2 + R3")),
        ],
        required=False,
        help_text=_("For figures from LM3 studies"),
    )
    work_packages = forms.ModelMultipleChoiceField(
        label=_("Only in these work packages"),
        queryset=WorkPackage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deciles = forms.TypedMultipleChoiceField(
        label=_("Only subjects in these deprivation deciles"),
        coerce=int,
        choices=[(decile, str(decile)) for decile in range(1, 11)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opportunity_kinds = forms.MultipleChoiceField(
        label=_("Only for these kinds of opportunity"),
        choices=OpportunityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    investments_only = forms.BooleanField(
        label=_("Only for opportunities of the programme's investments"), required=False
    )
    subject_has = forms.MultipleChoiceField(
        label=_("Only subjects that also have"),
        choices=_entry_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subject_lacks = forms.MultipleChoiceField(
        label=_("Only subjects that never have"),
        choices=_entry_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    denominator = forms.ChoiceField(label=_("Divide by"), choices=Denominator.choices, required=False)
    denominator_indicator = forms.ModelChoiceField(
        label=_("Indicator to divide by"), queryset=Indicator.objects.none(), required=False
    )
    factor = forms.DecimalField(label=_("Factor"), initial=1, min_value=0, decimal_places=2, max_digits=10)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)
    accumulation = forms.ChoiceField(label=_("Figures"), choices=Accumulation.choices)
    is_headline = forms.BooleanField(
        label=_("Headline figure (shown on the public results page)"), required=False
    )

    def __init__(self, *args: Any, programme: Any, editing: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_packages"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        others = Indicator.objects.filter(programme=programme, denominator="")
        if editing is not None:
            others = others.exclude(pk=editing.pk)
            self.fields["code"].disabled = True
        self.fields["denominator_indicator"].queryset = others  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(indicator: Indicator) -> dict[str, Any]:
        filters = indicator.filters
        return {
            "code": indicator.code,
            "name": indicator.name,
            "name_es": indicator.names.get("es", ""),
            "name_sl": indicator.names.get("sl", ""),
            "description": indicator.description,
            "source": indicator.source,
            "localities": filters.get("locality", []),
            "lm3_part": (filters.get("part") or [""])[0],
            "measure": indicator.measure,
            "entry_types": indicator.entry_types,
            "work_packages": indicator.programme.work_packages.filter(
                code__in=filters.get("work_package", [])
            ),
            "deciles": filters.get("decile", []),
            "opportunity_kinds": filters.get("opportunity_kind", []),
            "investments_only": filters.get("investment") == ["*"],
            "subject_has": indicator.subject_has,
            "subject_lacks": indicator.subject_lacks,
            "denominator": indicator.denominator,
            "denominator_indicator": indicator.denominator_indicator,
            "factor": indicator.factor,
            "higher_is_better": indicator.higher_is_better,
            "accumulation": indicator.accumulation,
            "is_headline": indicator.is_headline,
        }

    def definition(self, kept_filters: dict[str, Any]) -> dict[str, Any]:
        """The service's fields; filters this form does not show are kept as they were."""
        data = self.cleaned_data
        filters = {
            key: value
            for key, value in kept_filters.items()
            if key not in {"work_package", "decile", "opportunity_kind", "investment", "locality", "part"}
        }
        if data["localities"]:
            filters["locality"] = list(data["localities"])
        if data["lm3_part"]:
            filters["part"] = [data["lm3_part"]]
        if data["work_packages"]:
            filters["work_package"] = [work_package.code for work_package in data["work_packages"]]
        if data["deciles"]:
            filters["decile"] = list(data["deciles"])
        if data["opportunity_kinds"]:
            filters["opportunity_kind"] = list(data["opportunity_kinds"])
        if data["investments_only"]:
            filters["investment"] = ["*"]
        names = {language: data[f"name_{language}"] for language in ("es", "sl") if data[f"name_{language}"]}
        return {
            "name": data["name"],
            "names": names,
            "description": data["description"],
            "source": data["source"] or "",
            "measure": data["measure"],
            "entry_types": list(data["entry_types"]),
            "filters": filters,
            "subject_has": list(data["subject_has"]),
            "subject_lacks": list(data["subject_lacks"]),
            "denominator": data["denominator"] or "",
            "denominator_indicator": data["denominator_indicator"],
            "factor": data["factor"],
            "higher_is_better": data["higher_is_better"],
            "accumulation": data["accumulation"],
            "is_headline": data["is_headline"],
        }


class TargetForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES)
    period_start = forms.DateField(
        label=_("Period starts"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Not needed for the programme to date"),
    )
    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2, required=False)
    work_package = forms.ModelChoiceField(
        label=_("Work package"), queryset=WorkPackage.objects.none(), required=False
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        self.fields["area"].queryset = Area.objects.filter(programme=programme)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("period_kind") not in (None, "programme") and not cleaned.get("period_start"):
            self.add_error("period_start", _("Give the first day of the period."))
        return cleaned
