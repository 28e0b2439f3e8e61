"""Import of opportunities with their requirements; rows may open them at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.fields import EscoCellField, EscoListField, OrganisationNameField, SemicolonListField
from assetlink.exchange.pipeline import Importer
from assetlink.opportunities.models import EmploymentType, Investment, OpportunityKind, Procedure
from assetlink.opportunities.services import add_part, change_status, create_opportunity
from assetlink.people.models import CredentialKind
from assetlink.taxonomy.models import CefrLevel, ConceptKind, EqfLevel


def _optional(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", ""), *choices]


class OpportunityRowForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=OpportunityKind.choices)
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    owner = OrganisationNameField(
        label=gettext_lazy("offered by"), help_text=gettext_lazy("Name of an organisation in the register")
    )
    status = forms.ChoiceField(
        label=gettext_lazy("status"),
        choices=[("draft", gettext_lazy("Draft")), ("open", gettext_lazy("Open"))],
        required=False,
    )
    reference = forms.CharField(label=gettext_lazy("reference"), max_length=40, required=False)
    investment = forms.CharField(label=gettext_lazy("investment"), max_length=200, required=False)
    description = forms.CharField(label=gettext_lazy("description"), required=False)
    location = forms.CharField(
        label=gettext_lazy("place of work or delivery"), max_length=200, required=False
    )
    postcode = forms.CharField(label=gettext_lazy("postcode"), max_length=12, required=False)
    closes_on = forms.DateField(label=gettext_lazy("closing date"), required=False)
    starts_on = forms.DateField(label=gettext_lazy("start date"), required=False)
    contact_email = forms.EmailField(label=gettext_lazy("contact email"), required=False)
    occupation = EscoCellField(
        kind=ConceptKind.OCCUPATION, label=gettext_lazy("occupation (ESCO)"), required=False
    )
    positions = forms.IntegerField(label=gettext_lazy("places or positions"), min_value=1, required=False)
    hours_per_week = forms.DecimalField(
        label=gettext_lazy("hours a week"), min_value=0, max_value=80, required=False
    )
    employment_type = forms.ChoiceField(
        label=gettext_lazy("type of employment"), choices=_optional(EmploymentType.choices), required=False
    )
    salary_min = forms.DecimalField(label=gettext_lazy("pay from"), min_value=0, required=False)
    salary_max = forms.DecimalField(label=gettext_lazy("pay up to"), min_value=0, required=False)
    pay_band = forms.CharField(label=gettext_lazy("pay band"), max_length=80, required=False)
    minimum_language = forms.CharField(label=gettext_lazy("language"), max_length=8, required=False)
    minimum_language_level = forms.ChoiceField(
        label=gettext_lazy("minimum level"), choices=_optional(CefrLevel.choices), required=False
    )
    minimum_eqf_level = forms.TypedChoiceField(
        label=gettext_lazy("minimum qualification level"),
        choices=_optional(EqfLevel.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    value = forms.DecimalField(label=gettext_lazy("value"), min_value=0, required=False)
    cpv_codes = SemicolonListField(label=gettext_lazy("CPV codes"))
    procedure = forms.ChoiceField(
        label=gettext_lazy("procedure"), choices=_optional(Procedure.choices), required=False
    )
    social_value_clauses = SemicolonListField(label=gettext_lazy("social value clauses"))
    funder = OrganisationNameField(label=gettext_lazy("funder"), required=False)
    amount_min = forms.DecimalField(label=gettext_lazy("amount from"), min_value=0, required=False)
    amount_max = forms.DecimalField(label=gettext_lazy("amount up to"), min_value=0, required=False)
    eligibility = forms.CharField(label=gettext_lazy("eligibility"), required=False)
    essential_skills = EscoListField(kind=ConceptKind.SKILL, label=gettext_lazy("essential skills"))
    optional_skills = EscoListField(kind=ConceptKind.SKILL, label=gettext_lazy("optional skills"))
    required_credentials = SemicolonListField(
        label=gettext_lazy("required credentials"),
        help_text=gettext_lazy(
            "kind:name pairs, e.g. registration:NMC registration; background_check:Enhanced DBS check"
        ),
    )
    desirable_credentials = SemicolonListField(label=gettext_lazy("desirable credentials"))

    def _credentials(self, name: str) -> list[tuple[str, str]]:
        pairs = []
        for item in self.cleaned_data.get(name, []):
            kind, _sep, title = item.partition(":")
            if kind.strip() not in CredentialKind.values or not title.strip():
                raise forms.ValidationError(
                    _("“%(item)s” is not kind:name; kinds are %(kinds)s.")
                    % {"item": item, "kinds": ", ".join(CredentialKind.values)}
                )
            pairs.append((kind.strip(), title.strip()))
        return pairs

    def clean_required_credentials(self) -> list[tuple[str, str]]:
        return self._credentials("required_credentials")

    def clean_desirable_credentials(self) -> list[tuple[str, str]]:
        return self._credentials("desirable_credentials")


class OpportunityImporter(Importer):
    kind = "opportunities"
    title = gettext_lazy("Opportunities")
    permission = "opportunities.create_opportunity"
    form_class = OpportunityRowForm
    unique_together = ("reference",)

    def write(self, cleaned: dict[str, Any]) -> None:
        data = dict(cleaned)
        status = data.pop("status") or "draft"
        essential, optional = data.pop("essential_skills"), data.pop("optional_skills")
        required, desirable = data.pop("required_credentials"), data.pop("desirable_credentials")
        data["social_value_clauses"] = "\n".join(data["social_value_clauses"])
        data["positions"] = data["positions"] or 1
        investment_name = data.pop("investment")
        data["investment"] = None
        if investment_name:
            data["investment"] = Investment.objects.filter(
                programme=self.programme, name__iexact=investment_name
            ).first()
            if data["investment"] is None:
                raise forms.ValidationError(
                    {
                        "investment": _("No investment of this programme is called “%(name)s”.")
                        % {"name": investment_name}
                    }
                )
        opportunity = create_opportunity(actor=self.actor, programme=self.programme, **data)
        for skills, is_essential in ((essential, True), (optional, False)):
            for skill in dict.fromkeys(skills):
                add_part(
                    actor=self.actor,
                    opportunity=opportunity,
                    part="skills",
                    skill=skill,
                    is_essential=is_essential,
                )
        for pairs, is_required in ((required, True), (desirable, False)):
            for kind, name in pairs:
                add_part(
                    actor=self.actor,
                    opportunity=opportunity,
                    part="credentials",
                    kind=kind,
                    name=name,
                    is_required=is_required,
                )
        if status == "open":
            change_status(actor=self.actor, opportunity=opportunity, status="open")
