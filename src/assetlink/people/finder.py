"""Finding people by what they can do: combinable filters on the participants list (occupation and skill
by any ESCO label, recognition of a qualification, a credential and its status, a language at a level,
area and deprivation decile, right to work through its blind index, availability), and filters that apps
above add (journeys: a pathway step passed or still to do), registered in their `AppConfig.ready`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assetlink.encryption import blind_index
from assetlink.engine.scoring import RIGHT_TO_WORK_HELD
from assetlink.engine.text import normalise
from assetlink.people.models import (
    Aspiration,
    Availability,
    Credential,
    CredentialStatus,
    LanguageSkill,
    OccupationHeld,
    Person,
    PersonSkill,
    Qualification,
    RecognitionStatus,
    RightToWork,
)
from assetlink.places.models import Area
from assetlink.taxonomy.models import CefrLevel, EscoLabel


@dataclass(frozen=True)
class PersonFilter:
    """A filter an app above adds: its form field for a programme, and how it narrows people."""

    name: str
    field: Callable[[Any], forms.Field]
    apply: Callable[[QuerySet[Person], Any], QuerySet[Person]]


_extra_filters: list[PersonFilter] = []


def add_person_filter(person_filter: PersonFilter) -> None:
    if all(existing.name != person_filter.name for existing in _extra_filters):
        _extra_filters.append(person_filter)


HOLDS_RIGHT_TO_WORK = "held"
# As matching reads them: the statuses that let a person take a job.
HELD_STATUSES = sorted(RIGHT_TO_WORK_HELD)

LEVELS = [
    CefrLevel.A1,
    CefrLevel.A2,
    CefrLevel.B1,
    CefrLevel.B2,
    CefrLevel.C1,
    CefrLevel.C2,
    CefrLevel.NATIVE,
]


def _concepts_labelled(text: str, kind: str) -> QuerySet[Any]:
    """ESCO concepts of a kind with any label (in any language) containing every word of the text."""
    labels = EscoLabel.objects.filter(concept__kind=kind)
    for word in normalise(text).split():
        labels = labels.filter(search_text__contains=word)
    return labels.values("concept_id")


class PeopleFinderForm(forms.Form):
    q = forms.CharField(label=_("Name or reference"), required=False)
    occupation = forms.CharField(
        label=_("Occupation"), required=False, help_text=_("Any word of an ESCO occupation, e.g. nurse")
    )
    skill = forms.CharField(label=_("Skill"), required=False, help_text=_("Any word of an ESCO skill"))
    recognition = forms.ChoiceField(
        label=_("A qualification whose recognition is"),
        choices=[("", _("Any")), *RecognitionStatus.choices],
        required=False,
    )
    credential = forms.CharField(label=_("Credential"), required=False, help_text=_("e.g. IELTS, NMC"))
    credential_status = forms.ChoiceField(
        label=_("Credential status"), choices=[("", _("Any")), *CredentialStatus.choices], required=False
    )
    language = forms.CharField(label=_("Language"), required=False, max_length=8, help_text=_("e.g. en, ar"))
    language_level = forms.ChoiceField(
        label=_("At least"), choices=[("", _("Any level")), *CefrLevel.choices], required=False
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    decile = forms.TypedChoiceField(
        label=_("Deprivation decile up to"),
        coerce=int,
        choices=[("", _("Any")), *[(decile, str(decile)) for decile in range(1, 11)]],
        required=False,
        empty_value=None,
    )
    right_to_work = forms.ChoiceField(
        label=_("Right to work"),
        choices=[("", _("Any")), (HOLDS_RIGHT_TO_WORK, _("Has the right to work")), *RightToWork.choices],
        required=False,
    )
    availability = forms.ChoiceField(
        label=_("Availability"), choices=[("", _("Any")), *Availability.choices], required=False
    )
    erased = forms.BooleanField(label=_("Include erased records"), required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(programme=programme).order_by("name")  # type: ignore[attr-defined]
        for extra in _extra_filters:
            self.fields[extra.name] = extra.field(programme)

    def narrow(self, people: QuerySet[Person]) -> QuerySet[Person]:
        """The people that meet every filter given (call after is_valid)."""
        data = self.cleaned_data
        for word in data["q"].split():
            people = people.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(reference__iexact=word)
            )
        # Each filter is a subquery of person ids: no join multiplies the rows, so no DISTINCT over the
        # whole row is needed, and each filter can use its own index.
        if data["occupation"]:
            concepts = _concepts_labelled(data["occupation"], "occupation")
            people = people.filter(
                Q(pk__in=OccupationHeld.objects.filter(occupation_id__in=concepts).values("person_id"))
                | Q(pk__in=Aspiration.objects.filter(occupation_id__in=concepts).values("person_id"))
            )
        if data["skill"]:
            skills = _concepts_labelled(data["skill"], "skill")
            people = people.filter(pk__in=PersonSkill.objects.filter(skill_id__in=skills).values("person_id"))
        if data["recognition"]:
            recognised = Qualification.objects.filter(recognition_status=data["recognition"])
            people = people.filter(pk__in=recognised.values("person_id"))
        if data["credential"] or data["credential_status"]:
            held = Q()
            if data["credential"]:
                held &= Q(name__icontains=data["credential"]) | Q(issuer__icontains=data["credential"])
            if data["credential_status"]:
                held &= Q(status=data["credential_status"])
            people = people.filter(pk__in=Credential.objects.filter(held).values("person_id"))
        if data["language"]:
            spoken = Q(language__iexact=data["language"].strip())
            if data["language_level"]:
                spoken &= Q(level__in=LEVELS[LEVELS.index(CefrLevel(data["language_level"])) :])
            people = people.filter(pk__in=LanguageSkill.objects.filter(spoken).values("person_id"))
        if data["area"]:
            people = people.filter(area=data["area"])
        if data["decile"]:
            people = people.filter(area__deprivation_decile__lte=data["decile"])
        if data["right_to_work"]:
            # The status is encrypted: compared through its blind index, never decrypted in SQL.
            statuses = (
                HELD_STATUSES if data["right_to_work"] == HOLDS_RIGHT_TO_WORK else [data["right_to_work"]]
            )
            people = people.filter(
                right_to_work_index__in=[blind_index("right_to_work", status) for status in statuses]
            )
        if data["availability"]:
            people = people.filter(availability=data["availability"])
        if not data["erased"]:
            people = people.filter(erased_at__isnull=True)
        for extra in _extra_filters:
            value = data.get(extra.name)
            if value:
                people = extra.apply(people, value)
        return people
