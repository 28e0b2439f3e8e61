"""Forms of the catalogue: the search with its filters, registering for an event, subscribing by theme,
and an editor's practice, network and event."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assetlink.catalogue.models import (
    TEXT_FIELDS,
    Network,
    NetworkKind,
    NetworkStatus,
    PartnerRole,
    Practice,
    PracticeText,
    Theme,
)
from assetlink.catalogue.selectors import CITY_SIZES
from assetlink.programmes.models import Programme

CITY_SIZE_LABELS = {
    "small": _("Small (under 50,000)"),
    "medium": _("Medium (50,000 to 250,000)"),
    "large": _("Large (250,000 to 1 million)"),
    "metropolitan": _("Metropolitan (over 1 million)"),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    size = forms.ChoiceField(
        label=_("City size"),
        required=False,
        choices=[("", _("Any")), *[(k, CITY_SIZE_LABELS[k]) for k in CITY_SIZES]],
    )
    year = forms.TypedChoiceField(label=_("Labelled in"), required=False, coerce=int, empty_value=None)
    network = forms.ChoiceField(label=_("Network"), required=False)

    def __init__(self, *args: Any, facets: dict[str, Any], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = ("", _("Any"))
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            any_choice,
            *[(theme.code, theme.names.get(language) or str(theme)) for theme in facets["themes"]],
        ]
        self.fields["country"].choices = [any_choice, *[(code, code) for code in facets["countries"]]]  # type: ignore[attr-defined]
        self.fields["year"].choices = [any_choice, *[(year, str(year)) for year in facets["years"]]]  # type: ignore[attr-defined]
        self.fields["network"].choices = [any_choice, *[(n.slug, n.name) for n in facets["networks"]]]  # type: ignore[attr-defined]


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("Used only to write to you about this event")
    )
    organisation = forms.CharField(label=_("Organisation or city"), max_length=200, required=False)


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].label_from_instance = lambda theme: theme.names.get(language) or str(theme)  # type: ignore[attr-defined]


class PracticeForm(forms.Form):
    slug = forms.SlugField(label=_("Address name"), max_length=80, help_text=_("e.g. use-it-birmingham"))
    original_language = forms.ChoiceField(label=_("Original language"), choices=settings.LANGUAGES)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=2, help_text=_("Two-letter ISO code, e.g. GB"))
    city_population = forms.IntegerField(label=_("City population"), min_value=0, required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    label_date = forms.DateField(
        label=_("Labelled on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(label=_("Contact"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    in_partnership_with = forms.CharField(label=_("In partnership with"), max_length=500, required=False)
    typed_results = forms.CharField(
        label=_("Results typed in"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the figure, then “|” and what it counts in each language (en | es | sl)"),
    )
    results_programme = forms.ModelChoiceField(
        label=_("Live results from the programme"),
        queryset=Programme.objects.filter(publishes_results=True),
        required=False,
    )
    result_indicators = forms.CharField(
        label=_("Its indicators shown live"),
        required=False,
        max_length=500,
        help_text=_("Indicator codes, separated by commas"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            for name in TEXT_FIELDS:
                model_field = PracticeText._meta.get_field(name)
                assert isinstance(model_field, Field)
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{model_field.verbose_name} ({language})",
                    required=False,
                    max_length=model_field.max_length,
                    widget=forms.Textarea(attrs={"rows": 3}) if name not in {"title", "subtitle"} else None,
                )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = [code for code, _name in settings.LANGUAGES]
        typed = []
        for line in data["typed_results"].splitlines():
            value, *labels = [part.strip() for part in line.split("|")]
            if value:
                typed.append(
                    (value, {code: label for code, label in zip(languages, labels, strict=False) if label})
                )
        return {
            "slug": data["slug"],
            "original_language": data["original_language"],
            "city": data["city"],
            "country": data["country"],
            "city_population": data["city_population"],
            "themes": list(data["themes"]),
            "label_date": data["label_date"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"],
            "website": data["website"],
            "in_partnership_with": data["in_partnership_with"],
            "typed_results": typed,
            "results_programme": data["results_programme"],
            "result_indicators": [
                code.strip() for code in data["result_indicators"].split(",") if code.strip()
            ],
            "texts": {code: {name: data[f"{name}_{code}"] for name in TEXT_FIELDS} for code in languages},
        }


def practice_initial(practice: Any) -> dict[str, Any]:
    """The form's fields from a saved practice."""
    languages = [code for code, _name in settings.LANGUAGES]
    initial: dict[str, Any] = {
        name: getattr(practice, name)
        for name in (
            "slug",
            "original_language",
            "city",
            "country",
            "city_population",
            "label_date",
            "contact_name",
            "contact_email",
            "website",
            "in_partnership_with",
            "results_programme",
        )
    }
    initial["themes"] = list(practice.themes.all())
    initial["result_indicators"] = ", ".join(practice.result_indicators)
    initial["typed_results"] = "\n".join(
        " | ".join([result.value, *[result.labels.get(code, "") for code in languages]]).rstrip(" |")
        for result in practice.typed_results.all()
    )
    for text in practice.texts.all():
        for name in TEXT_FIELDS:
            initial[f"{name}_{text.language}"] = getattr(text, name)
    return initial


def _by_language(
    form: forms.Form, name: str, label: Any, *, rows: int = 3, required_first: bool = False
) -> None:
    """A field of the form for each interface language (“title_en”, “title_es”…)."""
    for position, (code, language) in enumerate(settings.LANGUAGES):
        form.fields[f"{name}_{code}"] = forms.CharField(
            label=f"{label} ({language})",
            required=required_first and position == 0,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": rows}) if rows > 1 else None,
        )


def languages_of(data: dict[str, Any], name: str) -> dict[str, str]:
    return {
        code: data[f"{name}_{code}"] for code, _language in settings.LANGUAGES if data.get(f"{name}_{code}")
    }


def initial_by_language(values: dict[str, str], name: str) -> dict[str, str]:
    return {f"{name}_{code}": text for code, text in values.items()}


class ThemeForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Lower-case letters, digits and hyphens; it appears in filter and feed addresses."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            self.fields[f"name_{code}"] = forms.CharField(
                label=f"{_('Name')} ({language})", required=code == "en", max_length=100
            )


class NetworkForm(forms.Form):
    slug = forms.SlugField(label=_("Address name"), max_length=80)
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=NetworkStatus.choices)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    partners = forms.CharField(
        label=_("Partner cities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One a line: city | country code | lead, partner or transferring | the practice's address name"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _by_language(self, "description", _("Description"))
        _by_language(self, "outputs", _("Outputs"))

    def clean_partners(self) -> list[tuple[str, str, str, Any]]:
        partners = []
        for number, line in enumerate(self.cleaned_data["partners"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            city, country = parts[0], (parts[1] if len(parts) > 1 else "")
            role = parts[2] if len(parts) > 2 and parts[2] else PartnerRole.PARTNER
            if role not in PartnerRole.values:
                raise forms.ValidationError(
                    _("Line %(line)s: the role is lead, partner or transferring.") % {"line": number}
                )
            practice = None
            if len(parts) > 3 and parts[3]:
                practice = Practice.objects.filter(slug=parts[3]).first()
                if practice is None:
                    raise forms.ValidationError(
                        _("Line %(line)s: no practice “%(slug)s” in the catalogue.")
                        % {"line": number, "slug": parts[3]}
                    )
            partners.append((city, country, role, practice))
        return partners


class EventForm(forms.Form):
    slug = forms.SlugField(label=_("Address name"), max_length=80)
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(label=_("Country"), max_length=2, help_text=_("Two-letter ISO code, e.g. GB"))
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.all(), required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    registration_open = forms.BooleanField(label=_("Registration open"), required=False, initial=True)
    is_published = forms.BooleanField(label=_("Published"), required=False)
    sessions = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One session a line: 2022-11-08 09:30 | 10:30 | title | room"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _by_language(self, "title", _("Title"), rows=1, required_first=True)
        _by_language(self, "description", _("Description"))

    def clean_sessions(self) -> list[tuple[datetime.datetime, datetime.datetime, str, str]]:
        sessions = []
        zone = timezone.get_current_timezone()
        for number, line in enumerate(self.cleaned_data["sessions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            try:
                starts = datetime.datetime.strptime(parts[0], "%Y-%m-%d %H:%M").replace(tzinfo=zone)
                ends_at = datetime.datetime.strptime(parts[1], "%H:%M").time()
            except (ValueError, IndexError) as error:
                raise forms.ValidationError(
                    _("Line %(line)s: write the start as 2022-11-08 09:30 and the end as 10:30.")
                    % {"line": number}
                ) from error
            title = parts[2] if len(parts) > 2 else ""
            if not title:
                raise forms.ValidationError(_("Line %(line)s: give the session a title.") % {"line": number})
            ends = starts.replace(hour=ends_at.hour, minute=ends_at.minute)
            sessions.append((starts, ends, title, parts[3] if len(parts) > 3 else ""))
        return sessions
