"""Forms of the research pages: a project, its team and stage, a survey's XLSForm, a researcher, a key for
ODK Collect, the review of a response and a payment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.people.models import Person
from assetlink.places.models import Area
from assetlink.research.models import PaymentKind, ProjectStatus, Researcher, SubmissionStatus, TeamRole
from assetlink.research.xforms import MAX_XLSFORM_BYTES

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Research question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none()
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=Researcher.objects.none(), required=False
    )
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    budget = forms.DecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Share responses with"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff of these partner organisations may read the project's responses"),
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations_of(programme).order_by("name")  # type: ignore[attr-defined]
        self.fields["areas"].queryset = Area.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]
        self.fields["supervisor"].queryset = Researcher.objects.filter(programme=programme, is_active=True)  # type: ignore[attr-defined]
        self.fields["shared_with"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__programme=programme
        ).order_by("name")
        for code in LANGUAGES:
            self.fields[f"ethics_{code}"] = forms.CharField(
                label=_("Ethics statement (%(language)s)") % {"language": code},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"consent_{code}"] = forms.CharField(
                label=_("Consent statement (%(language)s)") % {"language": code},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What a respondent is told and agrees to, in this language"),
            )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "question": data["question"],
            "lead_organisation": data["lead_organisation"],
            "areas": list(data["areas"]),
            "supervisor": data["supervisor"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "budget": data["budget"],
            "shared_with": list(data["shared_with"]),
            "ethics_statement": {code: data[f"ethics_{code}"] for code in LANGUAGES},
            "consent_statement": {code: data[f"consent_{code}"] for code in LANGUAGES},
        }


class StageForm(forms.Form):
    status = forms.ChoiceField(label=_("Stage"), choices=ProjectStatus.choices)


class TeamMemberForm(forms.Form):
    researcher = forms.ModelChoiceField(label=_("Researcher"), queryset=Researcher.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.FIELDWORKER)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["researcher"].queryset = Researcher.objects.filter(programme=programme, is_active=True)  # type: ignore[attr-defined]


class XlsFormUpload(forms.Form):
    xlsform = forms.FileField(
        label=_("XLSForm (.xlsx)"),
        help_text=_("The form_id and version come from its settings sheet"),
    )

    def clean_xlsform(self) -> Any:
        upload = self.cleaned_data["xlsform"]
        if upload.size > MAX_XLSFORM_BYTES:
            raise forms.ValidationError(_("The XLSForm is larger than 5 MB."))
        return upload


class ResearcherForm(forms.Form):
    name = forms.CharField(label=_("Name in the team"), max_length=100)
    person = forms.ModelChoiceField(
        label=_("Resident in the register"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("When the researcher is a resident"),
    )
    user = forms.ModelChoiceField(
        label=_("Account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Their sign-in, if they have one"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=Researcher.objects.none(), required=False
    )
    accredited_on = forms.DateField(
        label=_("Accredited on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    accreditation_expires_on = forms.DateField(
        label=_("Accreditation expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, programme: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__programme=programme, memberships__is_active=True
        ).order_by("email")
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__programme=programme
        ).order_by("name")
        self.fields["supervisor"].queryset = Researcher.objects.filter(programme=programme, is_active=True)  # type: ignore[attr-defined]


class KeyForm(forms.Form):
    label = forms.CharField(label=_("Which phone"), max_length=100, help_text=_("e.g. “Amina's phone”"))


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (value, label) for value, label in SubmissionStatus.choices if value != SubmissionStatus.RECEIVED
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("How the respondent withdrew"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(label=_("Remove this response's personal content everywhere"))


class PaymentForm(forms.Form):
    researcher = forms.ModelChoiceField(label=_("Researcher"), queryset=Researcher.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PaymentKind.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=10, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=300)

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["researcher"].queryset = Researcher.objects.filter(projects__project=project)  # type: ignore[attr-defined]
