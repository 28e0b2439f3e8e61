"""Finding practices: by words in any of their languages (PostgreSQL's text search stems each language
with its own configuration; SQLite matches the words) and by filters."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from assetlink.catalogue import selectors, services
from assetlink.catalogue.models import NetworkKind, NetworkStatus, PartnerRole
from tests.catalogue.conftest import publish, write

pytestmark = pytest.mark.django_db

BILBAO = {
    "es": {
        "title": "AS-Fabrik: la ciudad conecta la industria con los servicios avanzados",
        "summary": "Empresas de servicios intensivos en conocimiento resuelven retos de digitalización de la industria.",
    },
    "en": {
        "title": "AS-Fabrik: the city connects manufacturing with advanced services",
        "summary": "Knowledge-intensive service firms solve the digitalisation challenges of manufacturers.",
    },
}


@pytest.fixture
def two(catalogue):
    publish(catalogue, catalogue.practice)
    bilbao = write(
        catalogue.editor,
        "as-fabrik-bilbao",
        [catalogue.cohesion],
        texts=BILBAO,
        original_language="es",
        city="Bilbao",
        country="ES",
        city_population=345_000,
        label_date=datetime.date(2021, 3, 1),
    )
    publish(catalogue, bilbao)
    draft = write(catalogue.editor, "still-a-draft", [catalogue.jobs])
    return catalogue.practice, bilbao, draft


def found(**filters) -> list[str]:
    return [practice.slug for practice in selectors.search(selectors.Filters(**filters))]


def test_filters_narrow_the_published_practices(two, catalogue):
    assert found() == ["as-fabrik-bilbao", "use-it-birmingham"]
    assert found(theme="jobs-and-skills") == ["use-it-birmingham"]
    assert found(country="es") == ["as-fabrik-bilbao"]
    assert found(size="metropolitan") == ["use-it-birmingham"]
    assert found(size="large") == ["as-fabrik-bilbao"]
    assert found(year=2017) == ["use-it-birmingham"]
    network = services.save_network(
        actor=catalogue.editor,
        slug="boostinno",
        name="BoostInno",
        kind=NetworkKind.ACTION_PLANNING,
        status=NetworkStatus.COMPLETED,
        partners=[("Bilbao", "ES", PartnerRole.PARTNER, two[1])],
    )
    assert found(network=network.slug) == ["as-fabrik-bilbao"]


def test_words_find_a_practice_in_any_of_its_languages(two):
    assert found(words="digitalización") == ["as-fabrik-bilbao"]
    assert found(words="Skupnostni raziskovalci") == ["use-it-birmingham"]
    assert found(words="hospital") == ["use-it-birmingham"]
    assert found(words="still") == []  # drafts are not found


def test_postgresql_stems_each_language_with_its_own_configuration(two):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's text search runs on PostgreSQL (CI runs the suite there too)")
    # Spanish stemming: "retos" and "reto", "empresas" and "empresa"; English: "manufacturer" and "manufacturers".
    assert found(words="reto empresa") == ["as-fabrik-bilbao"]
    assert found(words="manufacturer") == ["as-fabrik-bilbao"]
    assert found(words="skills hospitals") == ["use-it-birmingham"]
    # A word left out is left out of every language the practice is written in.
    assert found(words="hospital -skills") == ["use-it-birmingham"]  # its Spanish text says neither
    assert found(words="hospital -skills -vecinos") == []
