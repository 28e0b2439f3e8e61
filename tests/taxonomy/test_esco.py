"""ESCO as loaded from the packages: real URIs, labels to search, and the autocomplete."""

from __future__ import annotations

import pytest
from django.test import Client

from assetlink.engine.esco_sources import split_joined_labels
from assetlink.programmes.models import Role
from assetlink.taxonomy.forms import EscoConceptField
from assetlink.taxonomy.models import ConceptKind, EscoConcept
from assetlink.taxonomy.selectors import search_concepts

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
PHARMACIST = "http://data.europa.eu/esco/occupation/7c132147-428b-4ea3-87e1-70f7abb691ce"


@pytest.mark.django_db
def test_skills_and_occupations_are_loaded_with_their_labels():
    assert EscoConcept.objects.filter(kind=ConceptKind.SKILL).count() > 13_000
    assert EscoConcept.objects.filter(kind=ConceptKind.OCCUPATION).count() > 3_000
    nurse = EscoConcept.objects.get(uri=NURSE)
    assert nurse.preferred_label == "nurse responsible for general care"
    assert nurse.labels.filter(is_preferred=False, text__contains="district nurse").exists()
    haskell = EscoConcept.objects.get(
        uri="http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02"
    )
    assert haskell.preferred_label == "Haskell"
    assert "K0613" in haskell.group_codes


@pytest.mark.django_db
def test_search_finds_by_alternative_label_and_ranks_label_starts_first():
    found = [s.uri for s in search_concepts("district nurse", kind=ConceptKind.OCCUPATION)]
    assert NURSE in found
    labels = [s.label for s in search_concepts("pharmacist", kind=ConceptKind.OCCUPATION)]
    assert labels[0] == "pharmacist"
    assert search_concepts("x", kind=ConceptKind.SKILL) == []


def test_joined_labels_are_split_at_the_definition():
    label, alternatives, definition = split_joined_labels(
        "hospital porter patient porter Hospital porters move patients between wards."
    )
    assert label == "hospital porter"
    assert alternatives == ("patient porter",)
    assert definition.startswith("Hospital porters")


@pytest.mark.django_db
def test_concept_field_accepts_a_chosen_uri_or_an_exact_label_and_explains_otherwise():
    field = EscoConceptField(kind=ConceptKind.OCCUPATION)
    assert field.clean((PHARMACIST, "whatever was typed")).uri == PHARMACIST
    assert field.clean(("", "Pharmacist")).uri == PHARMACIST
    with pytest.raises(Exception, match="No ESCO entry is called"):
        field.clean(("", "astronaut of the deep sea"))
    # a skill URI is not an occupation
    with pytest.raises(Exception, match="No ESCO entry"):
        field.clean(("http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02", "Haskel"))


@pytest.mark.django_db
def test_autocomplete_returns_options_for_signed_in_users_only(world):
    anonymous = Client().get("/taxonomy/esco/search/", {"kind": "occupation", "field": "q", "q": "pharmac"})
    assert anonymous.status_code == 302
    client = Client()
    client.force_login(world.user(Role.PARTICIPANT))
    response = client.get("/taxonomy/esco/search/", {"kind": "occupation", "field": "occ", "occ": "pharmac"})
    assert response.status_code == 200
    assert f'data-value="{PHARMACIST}"' in response.text
    assert 'role="option"' in response.text
