"""Forms of journeys: a service, a referral and its answers, a pathway and its steps, progress, a support
programme with its cohorts, participants, sessions and stages, and a note on a timeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assetlink.impact.forms import subject_reference_field
from assetlink.impact.models import OutcomeType
from assetlink.journeys.models import (
    Cohort,
    Participation,
    PathwayStep,
    PathwayTemplate,
    ReferralResult,
    Service,
    SupportProgramme,
    SupportStage,
)
from assetlink.journeys.services import STEP_OUTCOME_TYPES
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of


class ServiceForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    class Meta:
        model = Service
        fields = ["name", "description", "respond_within_days", "complete_within_days", "is_active"]

    def __init__(self, *args: Any, programme: Any, choose_organisation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if choose_organisation:
            self.fields["organisation"].queryset = organisations_of(programme).order_by("name")  # type: ignore[attr-defined]
            self.fields["organisation"].required = True
            self.order_fields(["organisation"])
        else:
            del self.fields["organisation"]


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), empty_label=_("Choose a service")
    )
    reason = forms.CharField(
        label=_("What the person needs"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write only what the receiving partner needs to know to help."),
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why declined"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=ReferralResult.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    completed_on = forms.DateField(
        label=_("Completed on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PathwayForm(forms.ModelForm):
    class Meta:
        model = PathwayTemplate
        fields = ["code", "name", "country", "description", "is_active"]


def step_outcome_choices() -> list[tuple[str, Any]]:
    return [("", _("None"))] + [
        (value, label) for value, label in OutcomeType.choices if value in STEP_OUTCOME_TYPES
    ]


class StepForm(forms.ModelForm):
    outcome_type = forms.ChoiceField(label=_("Outcome recorded on completion"), required=False, choices=[])

    class Meta:
        model = PathwayStep
        fields = ["code", "name", "expected_days", "expected_cost", "evidence_required", "outcome_type"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome_type"].choices = step_outcome_choices()  # type: ignore[attr-defined]


class EnrolForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Pathway"), queryset=PathwayTemplate.objects.none(), empty_label=_("Choose a pathway")
    )
    started_on = forms.DateField(
        label=_("Started on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class StepDoneForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("done", _("Passed")), ("not_needed", _("Not needed for this person"))],
        widget=forms.RadioSelect,
        initial="done",
    )
    evidence = forms.CharField(label=_("Evidence or reason"), max_length=300)
    completed_on = forms.DateField(
        label=_("On"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("Why they leave"), widget=forms.Textarea(attrs={"rows": 2}))


class SupportForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Delivering partner"), queryset=Organisation.objects.none(), required=False
    )

    class Meta:
        model = SupportProgramme
        fields = [
            "kind",
            "name",
            "description",
            "participants",
            "work_package",
            "min_attendance",
            "is_active",
        ]

    def __init__(self, *args: Any, programme: Any, choose_organisation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = programme.work_packages.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["kind"]
            del self.fields["participants"]
        if choose_organisation and not self.instance.pk:
            self.fields["organisation"].queryset = organisations_of(programme).order_by("name")  # type: ignore[attr-defined]
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "capacity"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }


class ParticipantForm(forms.Form):
    reference = subject_reference_field()
    headcount = forms.IntegerField(
        label=_("People taking part"),
        min_value=1,
        initial=1,
        help_text=_("For an organisation: how many of its staff take part"),
    )
    joined_on = forms.DateField(
        label=_("Joined on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("Held on"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Participation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, cohort: Any, labels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = cohort.participations.filter(status="active")
        field.label_from_instance = lambda participation: labels.get(participation.pk, str(participation.pk))  # type: ignore[method-assign,assignment]


class AdvanceForm(forms.Form):
    stage = forms.ModelChoiceField(label=_("Stage reached"), queryset=SupportStage.objects.none())
    reached_on = forms.DateField(
        label=_("On"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=300)

    def __init__(self, *args: Any, support: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = support.stages.order_by("position")  # type: ignore[attr-defined]
