"""The demo catalogue: both practices published in three languages, USE-IT!'s live results read from the
Birmingham programme's indicators under its disclosure rule, the networks and the Ljubljana conference."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from assetlink.catalogue import selectors
from assetlink.catalogue.models import Event, Network, Practice
from assetlink.impact.indicators.public import public_results

pytestmark = pytest.mark.django_db


def test_the_demo_practices_are_published_in_three_languages(demo):
    practices = selectors.published()
    assert {practice.slug for practice in practices} == {"use-it-birmingham", "as-fabrik-bilbao"}
    for practice in practices:
        assert {text.language for text in practice.texts.all()} == {"en", "es", "sl"}
    assert Practice.objects.get(slug="as-fabrik-bilbao").original_language == "es"
    assert Network.objects.count() == 7
    conference = Event.objects.get()
    assert (conference.city, conference.starts_on, conference.ends_on) == (
        "Ljubljana",
        datetime.date(2022, 11, 8),
        datetime.date(2022, 11, 9),
    )
    assert conference.sessions.count() >= 4


def test_use_it_shows_live_results_exactly_as_the_programme_publishes_them(demo):
    practice = Practice.objects.get(slug="use-it-birmingham")
    live = {result.label: result.figure for result in selectors.live_results(practice)}
    published = {row.indicator.name: row.to_date for row in public_results(demo.birmingham).headline}
    assert set(live) == {
        "People trained as community researchers",
        "Community research projects completed",
        "Consortia formed",
    }
    for label, figure in live.items():
        assert figure == published[label], label
    assert live["Community research projects completed"].value == 24
    # In the reader's language, from the indicator's own names.
    spanish = [result.label for result in selectors.live_results(practice, "es")]
    assert "Consorcios formados" in spanish


def test_a_third_city_adopted_use_it_and_shows_its_first_results_beside_birminghams(demo):
    from assetlink.catalogue.transfer import compare
    from assetlink.programmes.models import Programme

    maribor = Programme.objects.get(slug="use-it-maribor")
    adoption = maribor.adoption
    assert (
        adoption.practice.slug == "use-it-birmingham" and adoption.template.captured_from == demo.birmingham
    )
    rows = {row.label: row for row in compare(adoption)}
    trained = rows["People trained as community researchers"]
    assert trained.adopted.value == 12
    assert trained.adopted_per_10000 == Decimal("1.3")
    assert maribor.work_packages.exists() and adoption.local_group.count() == 3
    page = Client().get("/practices/use-it-birmingham/").content.decode()
    assert "USE-IT! Maribor (demo)" in page
