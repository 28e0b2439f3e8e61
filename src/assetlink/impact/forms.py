"""Forms of the ledger: filtering, recording an outcome with evidence, verifying and correcting an entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assetlink.impact.models import SYSTEM_TYPES, Correction, Indicator, OutcomeType, Subject
from assetlink.programmes.models import WorkPackage


def subject_reference_field() -> forms.CharField:
    """Where a user names a person (by reference) or an organisation (by name in the register)."""
    return forms.CharField(
        label=_("Person's reference or organisation's name"),
        max_length=200,
        help_text=_(
            "A person by their reference (e.g. P000123); an organisation by its name in the register."
        ),
    )


class LedgerFilterForm(forms.Form):
    entry_type = forms.ChoiceField(label=_("Type"), required=False)
    subject_type = forms.ChoiceField(
        label=_("About"), required=False, choices=[("", _("Anyone")), *list(Subject.choices)]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    work_package = forms.ModelChoiceField(
        label=_("Work package"), queryset=WorkPackage.objects.none(), required=False
    )
    effective_only = forms.BooleanField(label=_("Only entries that count today"), required=False)
    # The rows behind a dashboard figure: the indicator's entries, narrowed as the dashboard was.
    indicator = forms.ChoiceField(label=_("Behind the indicator"), required=False)
    recording_organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    area = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry_type"].choices = [("", _("All types")), *OutcomeType.choices]  # type: ignore[attr-defined]
        self.fields["work_package"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            *((i.code, i.label) for i in Indicator.objects.filter(programme=programme)),
        ]


class RecordOutcomeForm(forms.Form):
    entry_type = forms.ChoiceField(label=_("What happened"))
    subject_type = forms.ChoiceField(label=_("About"), choices=Subject.choices)
    subject_reference = subject_reference_field()
    occurred_on = forms.DateField(
        label=_("Date it happened"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    value = forms.DecimalField(label=_("Value in money"), required=False, min_value=0, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
    quantity = forms.DecimalField(label=_("How many (hours or people)"), required=False, min_value=0)
    work_package = forms.ModelChoiceField(
        label=_("Work package"), queryset=WorkPackage.objects.none(), required=False
    )
    evidence = forms.CharField(
        label=_("Evidence note"),
        required=False,
        max_length=300,
        help_text=_(
            "What shows it, without personal details (e.g. “payslip seen”): the ledger is never erased."
        ),
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry_type"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in OutcomeType.choices if value not in SYSTEM_TYPES
        ]
        self.fields["work_package"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        self.initial.setdefault("currency", programme.currency)


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("What you checked"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Correction"), choices=Correction.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    occurred_on = forms.DateField(
        label=_("Corrected date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.DecimalField(label=_("Corrected value"), required=False, min_value=0, decimal_places=2)
    quantity = forms.DecimalField(label=_("Corrected quantity"), required=False, min_value=0)
