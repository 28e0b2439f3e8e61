"""Import of participants with the consent they gave, their occupation, skills and languages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.fields import EscoCellField, EscoListField, SemicolonListField, YesNoField
from assetlink.exchange.pipeline import Importer
from assetlink.people.models import Availability, ConsentMethod, ConsentPurpose, RightToWork
from assetlink.people.services import ConsentChoice, add_item, register_person
from assetlink.taxonomy.models import CEFR_ORDER, ConceptKind


class PersonRowForm(forms.Form):
    given_name = forms.CharField(label=gettext_lazy("given name"), max_length=100)
    family_name = forms.CharField(label=gettext_lazy("family name"), max_length=100, required=False)
    email = forms.EmailField(label=gettext_lazy("email address"), required=False)
    phone = forms.CharField(label=gettext_lazy("phone"), max_length=40, required=False)
    postcode = forms.CharField(label=gettext_lazy("postcode"), max_length=12, required=False)
    right_to_work = forms.ChoiceField(
        label=gettext_lazy("right to work"), choices=[("", ""), *RightToWork.choices], required=False
    )
    availability = forms.ChoiceField(
        label=gettext_lazy("availability"), choices=Availability.choices, required=False
    )
    hours_per_week = forms.IntegerField(
        label=gettext_lazy("hours a week wanted"), min_value=0, max_value=80, required=False
    )
    max_commute_km = forms.IntegerField(
        label=gettext_lazy("furthest travel to work (km)"), min_value=0, max_value=500, required=False
    )
    share_with = SemicolonListField(
        label=gettext_lazy("shares their record with"),
        help_text=gettext_lazy("Names of partner organisations, separated by semicolons"),
    )
    consent_matching = YesNoField(label=gettext_lazy("consents to matching"))
    consent_contact = YesNoField(label=gettext_lazy("consents to being contacted"))
    consent_research = YesNoField(label=gettext_lazy("consents to community research"))
    consent_method = forms.ChoiceField(
        label=gettext_lazy("how consent was given"),
        choices=[(m.value, m.label) for m in ConsentMethod if m != ConsentMethod.SELF_SERVICE],
    )
    consent_evidence = forms.CharField(
        label=gettext_lazy("what records the consent"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Needed when the record is shared with other partners, e.g. signed form ref."),
    )
    occupation = EscoCellField(
        kind=ConceptKind.OCCUPATION,
        label=gettext_lazy("occupation held"),
        required=False,
        help_text=gettext_lazy("ESCO URI or exact ESCO label"),
    )
    occupation_years = forms.DecimalField(
        label=gettext_lazy("years in it"), min_value=0, max_value=60, required=False
    )
    occupation_country = forms.CharField(
        label=gettext_lazy("country where held"), max_length=2, required=False
    )
    skills = EscoListField(
        kind=ConceptKind.SKILL,
        label=gettext_lazy("skills"),
        help_text=gettext_lazy("ESCO URIs or exact labels, separated by semicolons"),
    )
    languages = SemicolonListField(
        label=gettext_lazy("languages"), help_text=gettext_lazy("language:level pairs, e.g. en:B2; ar:native")
    )

    def clean_languages(self) -> list[tuple[str, str]]:
        pairs = []
        for item in self.cleaned_data.get("languages", []):
            language, _sep, level = item.partition(":")
            level = level.strip()
            level = level if level == "native" else level.upper()
            if not language.strip() or level not in CEFR_ORDER:
                raise forms.ValidationError(
                    _("“%(item)s” is not language:level, e.g. en:B2 or ar:native.") % {"item": item}
                )
            pairs.append((language.strip().lower(), level))
        return pairs

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("occupation") and not cleaned.get("occupation_country"):
            self.add_error("occupation_country", _("Say in which country the occupation was held."))
        return cleaned


class PersonImporter(Importer):
    kind = "people"
    title = gettext_lazy("People")
    permission = "people.register_person"
    form_class = PersonRowForm
    unique_together = ("email",)

    def write(self, cleaned: dict[str, Any]) -> None:
        from assetlink.exchange.fields import register_lookup

        if self._register is None:
            self._register = register_lookup(self.programme)
        consents = []
        for name in cleaned["share_with"]:
            organisation = self._register.get(name.casefold())
            if organisation is None:
                raise forms.ValidationError(
                    {
                        "share_with": _("No organisation called “%(name)s” is in this programme's register.")
                        % {"name": name}
                    }
                )
            consents.append(ConsentChoice(ConsentPurpose.SHARING, True, organisation))
        for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.CONTACT, ConsentPurpose.RESEARCH):
            if cleaned[f"consent_{purpose.value}"]:
                consents.append(ConsentChoice(purpose, True))
        person = register_person(
            actor=self.actor,
            programme=self.programme,
            consents=consents,
            method=cleaned["consent_method"],
            evidence=cleaned["consent_evidence"],
            via="import",
            given_name=cleaned["given_name"],
            family_name=cleaned["family_name"],
            email=cleaned["email"],
            phone=cleaned["phone"],
            postcode=cleaned["postcode"],
            right_to_work=cleaned["right_to_work"],
            availability=cleaned["availability"] or Availability.NOW,
            hours_per_week=cleaned["hours_per_week"],
            max_commute_km=cleaned["max_commute_km"],
        )
        if cleaned["occupation"] is not None:
            add_item(
                actor=self.actor,
                person=person,
                part="occupations",
                occupation=cleaned["occupation"],
                years=cleaned["occupation_years"] or Decimal(0),
                country=cleaned["occupation_country"].upper(),
            )
        for skill in dict.fromkeys(cleaned["skills"]):
            add_item(actor=self.actor, person=person, part="skills", skill=skill)
        for language, level in dict(cleaned["languages"]).items():
            add_item(actor=self.actor, person=person, part="languages", language=language, level=level)
