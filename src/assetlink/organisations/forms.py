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
    ask_to_link = forms.BooleanField(
        label=_("If another programme already holds this organisation, ask to link it into our register"),
        required=False,
        help_text=_("Its holders decide; until they accept, you see nothing of their record."),
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

    def _get_validation_exclusions(self) -> set[str]:
        # The service decides what a name already in use means (this register's, or another programme's
        # to be linked) and says so on the name field; the form does not answer it with the model's
        # unique constraint.
        return {*super()._get_validation_exclusions(), "name"}  # type: ignore[misc]


class LinkRequestForm(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    country = forms.CharField(
        label=_("Country code"), max_length=2, min_length=2, help_text=_("Two letters, e.g. GB or ES.")
    )
    note = forms.CharField(
        label=_("Note to its holders"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


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
