"""Forms of the research pages: a project, its team and stage, a survey's XLSForm, a researcher, a key for
ODK Collect, the review of a response and a payment; documents, codes and excerpts, tables kept, findings
and proposed assets, plans with their goals and actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assetlink.accounts.models import User
from assetlink.impact.models import Indicator
from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.people.models import Person
from assetlink.places.models import Area, SpaceKind
from assetlink.research.form_editor import DraftQuestion, parse_choices
from assetlink.research.models import (
    ActionStatus,
    AssetKind,
    Code,
    Excerpt,
    Finding,
    FindingKind,
    Goal,
    PaymentKind,
    ProjectStatus,
    ProposalKind,
    Researcher,
    SavedTable,
    SubmissionStatus,
    TeamRole,
)
from assetlink.research.xforms import MAX_XLSFORM_BYTES, Answerable, answer_of
from assetlink.taxonomy.forms import EscoConceptField
from assetlink.taxonomy.models import ConceptKind

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


class CorrectionForm(forms.Form):
    """A response's correctable answers, one field an answer in the reader's language, and why they change;
    `values()` gives the answers by key (a question's path, “#2” for a repeat's second instance), as the
    service takes them."""

    reason = forms.CharField(
        label=_("Why the answers change"),
        help_text=_("Kept in the response's review log with every answer as it was."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        answerables: list[Answerable],
        answers: dict[str, Any],
        labels: dict[str, str],
        choice_labels: dict[str, list[tuple[str, str]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        self.keys: dict[str, str] = {}
        for answerable in answerables:
            question, key = answerable.question, answerable.key
            name = "answer" + key.replace("/", "__").replace("#", "__")
            current = answer_of(answers, answerable)
            current_text = "" if current is None else str(current)
            self.keys[name] = key
            self.fields[name] = _answer_field(question, current_text, choice_labels.get(question["path"], []))
            self.fields[name].label = labels[key]
            self.initial[name] = current_text.split() if question["control"] == "select" else current_text
        self.fields["reason"] = reason

    def values(self) -> dict[str, str]:
        return {
            key: " ".join(value)
            if isinstance(value := self.cleaned_data.get(name), list)
            else str(value or "")
            for name, key in self.keys.items()
        }

    def field_of(self, key: str) -> str | None:
        return next((name for name, known in self.keys.items() if known == key), None)


def _answer_field(question: dict[str, Any], current: str, choices: list[tuple[str, str]]) -> forms.Field:
    if question["control"] == "select1":
        known = {value for value, _label in choices}
        # An answer the form no longer offers stays choosable, so that saving other answers keeps it.
        kept = [(current, current)] if current and current not in known else []
        return forms.ChoiceField(required=False, choices=[("", "—"), *choices, *kept])
    if question["control"] == "select":
        return forms.MultipleChoiceField(required=False, choices=choices, widget=forms.CheckboxSelectMultiple)
    if question["type"] == "date":
        return forms.CharField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    if question["type"] in {"int", "decimal"}:
        mode = "numeric" if question["type"] == "int" else "decimal"
        return forms.CharField(required=False, widget=forms.TextInput(attrs={"inputmode": mode}))
    long_answer = len(current) > 80
    return forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}) if long_answer else forms.TextInput
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


# What research makes of its responses


DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class TranscriptForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. “Group discussion, Lozells”"))
    text = forms.CharField(
        label=_("Transcript"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste the text; leave out names the participants did not agree to give"),
    )


class AnswersForm(forms.Form):
    question = forms.ChoiceField(label=_("Free-text question"), choices=[])

    def __init__(self, *args: Any, questions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = questions  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Code"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Under"),
        queryset=Code.objects.none(),
        required=False,
        help_text=_("Leave empty for a top code"),
    )
    description = forms.CharField(
        label=_("What it means"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = project.codes.order_by("name")  # type: ignore[attr-defined]


class ExcerptForm(forms.Form):
    quote = forms.CharField(
        label=_("Passage"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select it in the text above, or copy it here exactly"),
    )
    occurrence = forms.IntegerField(
        label=_("Which time it appears"),
        min_value=1,
        initial=1,
        help_text=_("When the same words appear more than once in the document"),
    )
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"), queryset=Code.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = project.codes.order_by("name")  # type: ignore[attr-defined]


class KeepTableForm(forms.Form):
    title = forms.CharField(label=_("Title of the table"), max_length=200)
    rows = forms.CharField(widget=forms.HiddenInput)
    columns = forms.CharField(widget=forms.HiddenInput, required=False)
    approved_only = forms.BooleanField(widget=forms.HiddenInput, required=False)


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    summary = forms.CharField(label=_("Summary"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    asset_kinds = forms.MultipleChoiceField(
        label=_("Kinds of asset"),
        choices=AssetKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    excerpts = forms.ModelMultipleChoiceField(
        label=_("Excerpts it cites"),
        queryset=Excerpt.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tables = forms.ModelMultipleChoiceField(
        label=_("Tables it cites"),
        queryset=SavedTable.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(programme=project.programme).order_by("name")  # type: ignore[attr-defined]
        self.fields["excerpts"].queryset = Excerpt.objects.filter(document__project=project)  # type: ignore[attr-defined]
        self.fields["tables"].queryset = SavedTable.objects.filter(survey__project=project)  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of asset"), choices=ProposalKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    skill = EscoConceptField(
        kind=ConceptKind.SKILL,
        label=_("Skill (ESCO), for a skill pool"),
        required=False,
    )
    members = forms.IntegerField(label=_("Residents in the pool"), min_value=1, required=False)
    space_kind = forms.ChoiceField(
        label=_("Kind of space, for a space"), choices=[("", "—"), *SpaceKind.choices], required=False
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept into the register")), ("0", _("Decline"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=300, help_text=_("Required when you decline: say why")
    )


class PlanForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    vision = forms.CharField(
        label=_("Vision"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    indicator = forms.ModelChoiceField(
        label=_("Measured by the indicator"), queryset=Indicator.objects.none(), required=False
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none(), required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE_INPUT)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.PLANNED)
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings it rests on"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opportunities = forms.ModelMultipleChoiceField(
        label=_("Opportunities it opens"), queryset=Opportunity.objects.none(), required=False
    )

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()  # type: ignore[attr-defined]
        self.fields["owner"].queryset = organisations_of(plan.programme).order_by("name")  # type: ignore[attr-defined]
        # The findings about the plan's area first; any finding of the programme may be cited.
        self.fields["findings"].queryset = Finding.objects.filter(project__programme=plan.programme).order_by(  # type: ignore[attr-defined]
            "title"
        )
        self.fields["opportunities"].queryset = Opportunity.objects.filter(programme=plan.programme).order_by(  # type: ignore[attr-defined]
            "title"
        )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class LinkRespondentForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the person in the register"),
        max_length=20,
        help_text=_("As shown on their record, e.g. P000123"),
    )


class RegisterRespondentForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)


# The form editor

OTHER_LANGUAGES = [
    ("", _("English only")),
    ("Arabic (ar)", "العربية (Arabic)"),
    ("Bengali (bn)", "বাংলা (Bengali)"),
    ("Basque (eu)", "Euskara (Basque)"),
    ("French (fr)", "Français (French)"),
    ("Polish (pl)", "Polski (Polish)"),
    ("Punjabi (pa)", "ਪੰਜਾਬੀ (Punjabi)"),
    ("Romanian (ro)", "Română (Romanian)"),
    ("Slovenian (sl)", "Slovenščina (Slovenian)"),
    ("Somali (so)", "Soomaali (Somali)"),
    ("Spanish (es)", "Español (Spanish)"),
    ("Tigrinya (ti)", "ትግርኛ (Tigrinya)"),
    ("Urdu (ur)", "اردو (Urdu)"),
]
QUESTION_KINDS = [
    ("", "—"),
    ("text", _("Text")),
    ("integer", _("Whole number")),
    ("decimal", _("Number with decimals")),
    ("date", _("Date")),
    ("select_one", _("One choice")),
    ("select_multiple", _("Several choices")),
    ("area", _("Area (from the register)")),
    ("esco_skill", _("ESCO skills (from the register)")),
    ("note", _("A note to read, no answer")),
]
EDITOR_ROWS = 8
MOST_EDITOR_ROWS = 60


class SurveyEditorForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    form_id = forms.CharField(
        label=_("Form id"),
        max_length=64,
        help_text=_("Letters, digits and “_”, unique in the programme, e.g. household_skills_2026"),
    )
    other_language = forms.ChoiceField(label=_("Second language"), choices=OTHER_LANGUAGES, required=False)
    with_consent = forms.BooleanField(
        label=_("Start with the project's consent statement"), required=False, initial=True
    )
    ask_name = forms.BooleanField(
        label=_("Ask whether the respondent agrees to give their name"), required=False
    )


class QuestionRowForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QUESTION_KINDS, required=False)
    name = forms.CharField(
        label=_("Name"), max_length=64, required=False, help_text=_("A short name for the answer's column")
    )
    label = forms.CharField(label=_("Question"), max_length=1000, required=False)
    label_other = forms.CharField(label=_("Question in the second language"), max_length=1000, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line; add “|” and the label in the second language"),
    )
    relevant = forms.CharField(
        label=_("Ask only when"),
        required=False,
        max_length=500,
        help_text=_("An XLSForm condition, e.g. ${work} = 'yes'"),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("kind") and not data.get("label") and not data.get("name")


QuestionRows = forms.formset_factory(
    QuestionRowForm, extra=0, max_num=MOST_EDITOR_ROWS, absolute_max=MOST_EDITOR_ROWS
)


def draft_questions(rows: Any) -> list[DraftQuestion]:
    """The editor's filled-in rows as questions, blank rows left out."""
    return [
        DraftQuestion(
            kind=row.cleaned_data["kind"],
            name=row.cleaned_data["name"].strip(),
            label=row.cleaned_data["label"],
            label_other=row.cleaned_data["label_other"],
            required=row.cleaned_data["required"],
            choices=parse_choices(row.cleaned_data["choices"]),
            relevant=row.cleaned_data["relevant"],
        )
        for row in rows
        if not row.is_blank()
    ]
