"""The registry of what apps keep about a person covers every model that points at a person."""

from __future__ import annotations

from django.apps import apps

from assetlink.people.models import Consent, ConsentState, Person
from assetlink.people.personal_data import personal_data
from assetlink.people.services import ITEM_MODELS


def models_pointing_at_a_person() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is Person
    }


def test_every_model_that_points_at_a_person_is_exported_or_erased():
    own = {model._meta.label for model in (*ITEM_MODELS.values(), Consent, ConsentState)}
    registered = {label for entry in personal_data() for label in entry.models}
    pointing = models_pointing_at_a_person()
    assert {"matching.Match", "journeys.Referral", "journeys.Enrolment", "journeys.Participation"} <= pointing
    assert pointing - own - registered == set(), (
        "register what these keep about people in their app's ready()"
    )
    # Every registered name is a real model, and every entry does something.
    for entry in personal_data():
        for label in entry.models:
            apps.get_model(label)
        assert entry.export is not None or entry.erase is not None, entry.name


def test_the_registry_says_which_app_keeps_what():
    assert {entry.name: entry.models for entry in personal_data()} == {
        "matches": ("matching.Match",),
        "referrals": ("journeys.Referral",),
        "pathways": ("journeys.Enrolment", "journeys.StepProgress"),
        "support_programmes": ("journeys.Participation",),
        "notes": ("timelines.Note",),
        "community_research": ("research.Researcher", "research.Submission"),
    }
