"""Forms of the organisation profile and of its capabilities and certificates."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import Capability, Certificate, Organisation
from assetlink.places.models import Area


class OrganisationForm(forms.ModelForm):
    sectors = forms.CharField(
        label=_("Sectors"),
        required=False,
        help_text=_("NACE Rev. 2 codes separated by commas, e.g. 56.29, 81.21"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "legal_form",
            "description",
            "website",
            "email",
            "city",
            "postcode",
            "country",
            "area",
            "registration_number",
            "sectors",
            "employees",
            "turnover_band",
            "ownership",
            "pays_real_living_wage",
            "local_employee_share",
            "max_contract_value",
            "max_contract_currency",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = Area.objects.filter(programme=programme).order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["sectors"] = ", ".join(self.instance.sectors or [])

    def clean_sectors(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data.get("sectors", "").split(",") if code.strip()]


class CapabilityForm(forms.ModelForm):
    class Meta:
        model = Capability
        fields = ["cpv_code", "description"]


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "name", "cover", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"})}


PART_FORMS: dict[str, type[forms.ModelForm]] = {
    "capabilities": CapabilityForm,
    "certificates": CertificateForm,
}
PART_TITLES = {"capabilities": _("Capabilities"), "certificates": _("Certifications and insurances")}
