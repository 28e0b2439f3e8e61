"""Forms of investments, opportunities (fields by kind) and their lots and requirements."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.opportunities.models import (
    CredentialRequirement,
    Investment,
    Lot,
    Opportunity,
    OpportunityKind,
    Phase,
    SkillRequirement,
)
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area, Space
from assetlink.taxonomy.forms import EscoConceptField
from assetlink.taxonomy.models import ConceptKind

DATE = forms.DateInput(attrs={"type": "date"})


class CodeListField(forms.CharField):
    """Codes typed one after another, separated by commas or spaces."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(code).strip() for code in value if str(code).strip()]
        text = super().to_python(value) or ""
        return [code.strip() for code in text.replace(",", " ").split() if code.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class InvestmentForm(forms.ModelForm):
    spend_categories = CodeListField(
        label=_("Spend categories (CPV codes)"), required=False, help_text=_("e.g. 45000000-7, 55520000-1")
    )

    class Meta:
        model = Investment
        fields = [
            "name",
            "owner",
            "description",
            "budget",
            "area",
            "starts_on",
            "ends_on",
            "spend_categories",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "owner", organisations_of(programme).order_by("name"))
        _limit(self, "area", Area.objects.filter(programme=programme).order_by("name"))


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


COMMON = [
    "title",
    "reference",
    "owner",
    "investment",
    "description",
    "location",
    "postcode",
    "area",
    "closes_on",
    "starts_on",
    "contact_email",
]
BY_KIND = {
    OpportunityKind.JOB: [
        "occupation",
        "positions",
        "employment_type",
        "hours_per_week",
        "salary_min",
        "salary_max",
        "pay_band",
        "minimum_language",
        "minimum_language_level",
        "minimum_eqf_level",
    ],
    OpportunityKind.TRAINING: [
        "occupation",
        "leads_to_kind",
        "leads_to_name",
        "positions",
        "hours_per_week",
        "minimum_language",
        "minimum_language_level",
        "minimum_eqf_level",
    ],
    OpportunityKind.VOLUNTEERING: [
        "occupation",
        "positions",
        "hours_per_week",
        "minimum_language",
        "minimum_language_level",
    ],
    OpportunityKind.CONTRACT: ["value", "cpv_codes", "procedure", "social_value_clauses"],
    OpportunityKind.GRANT: ["funder", "amount_min", "amount_max", "eligibility"],
    OpportunityKind.SPACE: ["space"],
    OpportunityKind.CHALLENGE: ["cpv_codes", "value"],
}


class OpportunityForm(forms.ModelForm):
    occupation = EscoConceptField(kind=ConceptKind.OCCUPATION, label=_("Occupation (ESCO)"), required=False)
    cpv_codes = CodeListField(
        label=_("CPV codes"), required=False, help_text=_("e.g. 55520000-1, 90910000-9")
    )

    class Meta:
        model = Opportunity
        fields = sorted({*COMMON, *(name for names in BY_KIND.values() for name in names)})
        widgets = {
            "closes_on": DATE,
            "starts_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "social_value_clauses": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wanted = [*COMMON, *BY_KIND[OpportunityKind(kind)]]
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.order_fields(wanted)
        register = organisations_of(programme).order_by("name")
        _limit(self, "owner", register)
        _limit(self, "funder", register)
        _limit(self, "area", Area.objects.filter(programme=programme).order_by("name"))
        _limit(self, "investment", Investment.objects.filter(programme=programme))
        _limit(self, "space", Space.objects.filter(programme=programme).order_by("name"))


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields.get(name)
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = queryset


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        fields = ["number", "title", "value", "cpv_code", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SkillRequirementForm(forms.ModelForm):
    skill = EscoConceptField(kind=ConceptKind.SKILL, label=_("Skill (ESCO)"))

    class Meta:
        model = SkillRequirement
        fields = ["skill", "is_essential"]


class CredentialRequirementForm(forms.ModelForm):
    class Meta:
        model = CredentialRequirement
        fields = ["kind", "name", "is_required"]


PART_FORMS: dict[str, type[forms.ModelForm]] = {
    "lots": LotForm,
    "skills": SkillRequirementForm,
    "credentials": CredentialRequirementForm,
}
PART_TITLES = {"lots": _("Lots"), "skills": _("Skills asked for"), "credentials": _("Credentials asked for")}


class AwardForm(forms.Form):
    """Who an opportunity was awarded to."""

    awarded_to = forms.ModelChoiceField(label=_("Awarded to"), queryset=Organisation.objects.none())
    awarded_value = forms.DecimalField(label=_("Value awarded"), min_value=0, required=False)
    awarded_on = forms.DateField(label=_("Date of the award"), required=False, widget=DATE)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "awarded_to", organisations_of(programme).order_by("name"))
