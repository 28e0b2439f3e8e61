"""Forms for registering a person, their profile, their consent and each part of what they bring."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from assetlink.organisations.models import Organisation
from assetlink.people.models import (
    Aspiration,
    ConsentMethod,
    ConsentPurpose,
    Credential,
    LanguageSkill,
    OccupationHeld,
    Person,
    PersonSkill,
    Qualification,
    RecordPart,
)
from assetlink.taxonomy.forms import EscoConceptField
from assetlink.taxonomy.models import ConceptKind

DATE = forms.DateInput(attrs={"type": "date"})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "email",
            "phone",
            "address",
            "postcode",
            "right_to_work",
            "right_to_work_expires",
            "availability",
            "hours_per_week",
            "max_commute_km",
        ]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "given_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "right_to_work_expires": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_name"].required = True


class ConsentCaptureForm(forms.Form):
    """The consent a person gives when they are registered."""

    share_with = forms.ModelMultipleChoiceField(
        label=_("The person agrees that these partners may hold and see their record"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    matching = forms.BooleanField(label=_("Matching with opportunities"), required=False)
    contact = forms.BooleanField(label=_("Being contacted about opportunities"), required=False)
    research = forms.BooleanField(label=_("Taking part in community research"), required=False)
    method = forms.ChoiceField(
        label=_("How the consent was given"),
        choices=[(m.value, m.label) for m in ConsentMethod if m not in {ConsentMethod.SELF_SERVICE}],
    )
    evidence = forms.CharField(
        label=_("What records it"),
        max_length=300,
        required=False,
        help_text=_(
            "Needed when other partners may see the record: e.g. signed registration form in the case file."
        ),
    )

    def __init__(
        self, *args: Any, programme: Any, own_organisation: Organisation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        share_with = self.fields["share_with"]
        share_with.queryset = Organisation.objects.filter(partnerships__programme=programme).order_by("name")  # type: ignore[attr-defined]
        if own_organisation is not None and not self.is_bound:
            self.initial["share_with"] = [own_organisation.pk]


class SelfRegistrationForm(forms.Form):
    given_name = forms.CharField(
        label=_("Given name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    agree_record = forms.BooleanField(
        label=_("I agree that the programme's lead partner holds my record to support me"),
    )
    matching = forms.BooleanField(
        label=_("Match me with jobs, training and other opportunities"), required=False
    )
    contact = forms.BooleanField(label=_("Contact me about opportunities"), required=False)
    research = forms.BooleanField(label=_("I would like to take part in community research"), required=False)


class ConsentForm(forms.Form):
    """One consent decision, given or withdrawn."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for sharing or referral)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts of the record it may see (for referral)"),
        choices=RecordPart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("give", _("Give consent")), ("withdraw", _("Withdraw consent"))],
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("How the person gave it"),
        choices=[(m.value, m.label) for m in ConsentMethod if m != ConsentMethod.SELF_SERVICE],
    )
    evidence = forms.CharField(
        label=_("What records it"),
        max_length=300,
        required=False,
        help_text=_(
            "Needed when you record consent given: e.g. signed form kept in the case file, recorded call."
        ),
    )

    def __init__(self, *args: Any, programme: Any, is_self: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnerships__programme=programme
        ).order_by("name")
        if is_self:
            method = self.fields["method"]
            assert isinstance(method, forms.ChoiceField)
            method.choices = [(ConsentMethod.SELF_SERVICE.value, ConsentMethod.SELF_SERVICE.label)]
            self.fields["method"].widget = forms.HiddenInput()
            self.initial["method"] = ConsentMethod.SELF_SERVICE
            del self.fields["evidence"]


LANGUAGE_CHOICES = sorted(
    (
        (code, str(info.get("name", code)))
        for code, info in LANG_INFO.items()
        if len(code) == 2 and "name" in info
    ),
    key=lambda choice: choice[1],
)


class LanguageForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    class Meta:
        model = LanguageSkill
        fields = ["language", "level"]


class SkillForm(forms.ModelForm):
    skill = EscoConceptField(kind=ConceptKind.SKILL, label=_("Skill (ESCO)"))

    class Meta:
        model = PersonSkill
        fields = ["skill", "level", "evidence"]


class OccupationForm(forms.ModelForm):
    occupation = EscoConceptField(kind=ConceptKind.OCCUPATION, label=_("Occupation (ESCO)"))

    class Meta:
        model = OccupationHeld
        fields = ["occupation", "years", "country"]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = [
            "title",
            "subject",
            "awarding_country",
            "eqf_level",
            "year_awarded",
            "recognition_status",
            "recognition_reference",
        ]


class CredentialForm(forms.ModelForm):
    class Meta:
        model = Credential
        fields = ["kind", "name", "issuer", "status", "number", "score", "obtained_on", "expires_on"]
        widgets = {"obtained_on": DATE, "expires_on": DATE}


class AspirationForm(forms.ModelForm):
    occupation = EscoConceptField(kind=ConceptKind.OCCUPATION, label=_("Occupation they aim for (ESCO)"))

    class Meta:
        model = Aspiration
        fields = ["occupation"]


ITEM_FORMS: dict[str, type[forms.ModelForm]] = {
    "languages": LanguageForm,
    "skills": SkillForm,
    "occupations": OccupationForm,
    "qualifications": QualificationForm,
    "credentials": CredentialForm,
    "aspirations": AspirationForm,
}

ITEM_TITLES = {
    "languages": _("Languages"),
    "skills": _("Skills"),
    "occupations": _("Occupations held"),
    "qualifications": _("Qualifications"),
    "credentials": _("Credentials"),
    "aspirations": _("Aspirations"),
}
