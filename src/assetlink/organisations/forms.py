"""Form of the organisation profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import OrganisationKind


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Contact email"), required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.CharField(label=_("Country code"), max_length=2, min_length=2)
    registration_number = forms.CharField(label=_("Registration number"), max_length=50, required=False)
