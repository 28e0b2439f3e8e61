"""The form of a note or a task on a timeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Role


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    mentions = forms.ModelMultipleChoiceField(
        label=_("Mention partners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Their staff are told, if they may see this record."),
    )
    assignee = forms.ModelChoiceField(
        label=_("Make it a task for"), queryset=User.objects.none(), required=False
    )
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_private = forms.BooleanField(label=_("Only my organisation"), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentions"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__programme=programme
        ).order_by("name")
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = User.objects.filter(
            memberships__programme=programme,
            memberships__is_active=True,
            memberships__role__in=[Role.PROGRAMME_ADMIN, Role.PARTNER_STAFF],
        ).order_by("full_name", "email")
        assignee.label_from_instance = lambda user: user.full_name or user.email  # type: ignore[method-assign,assignment]
