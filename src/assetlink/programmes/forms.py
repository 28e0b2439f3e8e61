"""Forms of the programme pages; they parse input only, services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.programmes.models import Partner, PartnerRole, Programme, Role


class PartnerForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=200,
        help_text=_("An organisation already registered under this name and country is reused."),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    country = forms.CharField(
        label=_("Country code"), max_length=2, min_length=2, help_text=_("Two letters, e.g. GB or ES.")
    )
    role = forms.ChoiceField(label=_("Role in the programme"), choices=PartnerRole.choices)
    joined_on = forms.DateField(
        label=_("Joined on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PartnerRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the programme"), choices=PartnerRole.choices)


class EndPartnershipForm(forms.Form):
    left_on = forms.DateField(
        label=_("Left on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation)


class PartnerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation)


class WorkPackageForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Short reference, e.g. WP2."))
    title = forms.CharField(label=_("Title"), max_length=200)
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea)
    lead_partner = PartnerChoiceField(label=_("Lead partner"), queryset=Partner.objects.none())
    delivery_partners = PartnerMultipleChoiceField(
        label=_("Delivery partners"),
        required=False,
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = Partner.objects.filter(programme=programme).select_related("organisation")
        self.fields["lead_partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["delivery_partners"].queryset = partners  # type: ignore[attr-defined]


class OrganisationChoiceMixin(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("Required for partner staff and enterprise members."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__programme=programme
        ).distinct()


class InvitationForm(OrganisationChoiceMixin):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    field_order = ["email", "role", "organisation"]


class RoleForm(OrganisationChoiceMixin):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    field_order = ["role", "organisation"]


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("At least 10 characters, not a common password."),
    )


class ProgrammeSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country code"), max_length=2, min_length=2)
    languages = forms.CharField(
        label=_("Languages"), help_text=_("Language codes separated by commas, e.g. en, es.")
    )
    currency = forms.CharField(
        label=_("Currency"), max_length=3, min_length=3, help_text=_("e.g. GBP or EUR")
    )
    starts_on = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    allows_self_registration = forms.BooleanField(
        label=_("Residents may register themselves"),
        required=False,
        help_text=_("Shows a public sign-up page where residents create their own profile and give consent."),
    )

    financial_year_starts = forms.TypedChoiceField(
        label=_("Financial year starts in"),
        coerce=int,
        choices=list(MONTHS.items()),
        help_text=_("Reports by financial year use it; a UK programme starts in April."),
    )
    counts_hidden_up_to = forms.IntegerField(
        label=_("Hide counts up to"),
        min_value=0,
        max_value=50,
        help_text=_(
            "Counts from 1 to this number are hidden on pages for other roles, the public page, exports, "
            "the API and the map; 0 hides none."
        ),
    )
    counts_rounded_to = forms.TypedChoiceField(
        label=_("Round shown counts to"),
        coerce=int,
        choices=[(1, _("No rounding")), (5, _("The nearest 5"))],
    )

    publishes_results = forms.BooleanField(
        label=_("Publish the results page"),
        required=False,
        help_text=_(
            "A public page with the headline indicators, equity by deprivation and open data, "
            "with small counts hidden."
        ),
    )

    def clean_languages(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data["languages"].split(",") if code.strip()]


class OperatorAccessForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.order_by("name"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The programme's admins are told at once and read this reason."),
    )
    hours = forms.FloatField(
        label=_("For how many hours"), initial=1, min_value=0.1, max_value=8, help_text=_("At most 8 hours.")
    )
