"""Forms of the local spend pages: the local area, a supplier's review, an LM3 study and a return."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area
from assetlink.spend.models import Supplier


def _places(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


class LocalAreaForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("Local areas"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suppliers whose postcode lies in these areas are local"),
    )
    districts = forms.CharField(
        label=_("Local postcode districts"),
        required=False,
        help_text=_(
            "Separated by spaces or commas, e.g. B1 B16 B18 (elsewhere: postcode prefixes, e.g. 480)"
        ),
    )
    region = forms.CharField(
        label=_("Wider region"),
        required=False,
        help_text=_("Postcode districts, areas or prefixes, e.g. B CV WS DY WV"),
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(programme=programme)  # type: ignore[attr-defined]

    def cleaned_places(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "areas": list(data["areas"]),
            "districts": _places(data["districts"]),
            "region": _places(data["region"]),
        }


class ShiftForm(forms.Form):
    points = forms.DecimalField(
        label=_("Move the local share by (percentage points)"),
        min_value=-100,
        max_value=100,
        decimal_places=1,
        initial=5,
    )


class CandidateField(forms.ModelChoiceField):
    """A candidate organisation with what tells it apart: its registration number and postcode."""

    def label_from_instance(self, obj: Any) -> str:
        details = [part for part in (obj.registration_number, obj.postcode, obj.city) if part]
        return f"{obj.name} ({', '.join(details)})" if details else str(obj.name)


class ReviewForm(forms.Form):
    organisation = CandidateField(
        label=_("This supplier is"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None of these: not in the register"),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, supplier: Supplier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(supplier.programme).filter(  # type: ignore[attr-defined]
            pk__in=supplier.candidates
        )


class StudyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    buyer = forms.ModelChoiceField(label=_("Buyer"), queryset=Organisation.objects.none())
    starts_on = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends"), widget=forms.DateInput(attrs={"type": "date"}))
    total_wages = forms.DecimalField(label=_("Wages paid"), min_value=0, max_digits=14, decimal_places=2)
    local_wages = forms.DecimalField(
        label=_("Wages paid to local residents"), min_value=0, max_digits=14, decimal_places=2
    )
    employee_local_share = forms.DecimalField(
        label=_("Staff's local share of spending (%)"), min_value=0, max_value=100, decimal_places=2
    )
    wages_source = forms.CharField(label=_("Source of the wage figures"), max_length=300, required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = organisations_of(programme).order_by("name")  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    total_costs = forms.DecimalField(
        label=_("All your organisation spent in the period"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Wages and purchases together"),
    )
    local_staff = forms.DecimalField(
        label=_("Of which wages of staff who live locally"), min_value=0, max_digits=14, decimal_places=2
    )
    local_suppliers = forms.DecimalField(
        label=_("Of which spent with local suppliers"), min_value=0, max_digits=14, decimal_places=2
    )
