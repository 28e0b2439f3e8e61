"""Filter form of the audit log page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assetlink.audit.selectors import LogFilters


class LogFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    person = forms.CharField(label=_("Person (email contains)"), required=False, max_length=200)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, object_types: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["object_type"].choices = [("", _("Any"))] + [(t, t) for t in object_types]  # type: ignore[attr-defined]

    def filters(self) -> LogFilters:
        if not self.is_valid():
            return LogFilters()
        return LogFilters(**self.cleaned_data)

    def as_query(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: str(value) for name, value in self.cleaned_data.items() if value}
