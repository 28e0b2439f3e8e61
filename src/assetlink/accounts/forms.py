"""Forms of the signed-in user's own settings: an API token, how to hear of notifications."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.accounts.models import EmailChoice


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “monthly report script”.")
    )


class NotificationSettingForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Hear of new notifications"), choices=EmailChoice.choices, widget=forms.RadioSelect
    )
