"""Import of organisations into the programme's register, with their capabilities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.fields import SemicolonListField, YesNoField
from assetlink.exchange.pipeline import Importer
from assetlink.organisations.models import LegalForm, OrganisationKind, Ownership, TurnoverBand
from assetlink.organisations.services import add_part, register_organisation


def _choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", ""), *choices]


class OrganisationRowForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=OrganisationKind.choices)
    country = forms.CharField(label=gettext_lazy("country"), max_length=2, min_length=2)
    legal_form = forms.ChoiceField(
        label=gettext_lazy("legal form"), choices=_choices(LegalForm.choices), required=False
    )
    registration_number = forms.CharField(
        label=gettext_lazy("registration number"), max_length=50, required=False
    )
    description = forms.CharField(label=gettext_lazy("description"), required=False)
    city = forms.CharField(label=gettext_lazy("city"), max_length=100, required=False)
    postcode = forms.CharField(label=gettext_lazy("postcode"), max_length=12, required=False)
    website = forms.URLField(label=gettext_lazy("website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=gettext_lazy("contact email"), required=False)
    employees = forms.IntegerField(label=gettext_lazy("employees"), min_value=0, required=False)
    turnover_band = forms.ChoiceField(
        label=gettext_lazy("turnover"), choices=_choices(TurnoverBand.choices), required=False
    )
    ownership = forms.ChoiceField(
        label=gettext_lazy("ownership"), choices=_choices(Ownership.choices), required=False
    )
    sectors = SemicolonListField(
        label=gettext_lazy("sectors"), help_text=gettext_lazy("NACE Rev. 2 codes separated by semicolons")
    )
    pays_real_living_wage = YesNoField(label=gettext_lazy("accredited real Living Wage employer"))
    local_employee_share = forms.IntegerField(
        label=gettext_lazy("share of employees living locally (%)"),
        min_value=0,
        max_value=100,
        required=False,
    )
    max_contract_value = forms.DecimalField(
        label=gettext_lazy("largest contract it can deliver"), min_value=0, required=False
    )
    max_contract_currency = forms.CharField(label=gettext_lazy("currency"), max_length=3, required=False)
    capabilities = SemicolonListField(
        label=gettext_lazy("capabilities"),
        help_text=gettext_lazy(
            "CPV code and description pairs, e.g. 55520000-1 Hospital catering; 90910000-9 Cleaning"
        ),
    )

    def clean_capabilities(self) -> list[tuple[str, str]]:
        pairs = []
        for item in self.cleaned_data.get("capabilities", []):
            code, _space, text = item.partition(" ")
            if not (len(code) == 10 and code[8] == "-" and code.replace("-", "").isdigit()):
                code, text = "", item
            if not text.strip():
                raise forms.ValidationError(_("“%(item)s” has a code but no description.") % {"item": item})
            pairs.append((code, text.strip()))
        return pairs


class OrganisationImporter(Importer):
    kind = "organisations"
    title = gettext_lazy("Organisations")
    permission = "organisations.add_to_register"
    form_class = OrganisationRowForm
    unique_together = ("name", "country")

    def write(self, cleaned: dict[str, Any]) -> None:
        capabilities = cleaned.pop("capabilities")
        organisation = register_organisation(actor=self.actor, programme=self.programme, **cleaned)
        for code, description in capabilities:
            add_part(
                actor=self.actor,
                organisation=organisation,
                part="capabilities",
                programme=self.programme,
                cpv_code=code,
                description=description,
            )
