"""The public results page: off until published, the same disclosure rule as every exit, open data that
equals the page, an embeddable snippet and schema.org Dataset metadata."""

import csv
import io
import json

import pytest
from django.test import Client

from assetlink.impact.indicators.services import define_indicator, set_target
from assetlink.impact.models import Measure
from assetlink.places.models import Area
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, admin):
    area = Area.objects.create(
        programme=world.programme, code="A1", name="A1", deprivation_decile=1, population=2000
    )
    for _ in range(3):
        make_person(world.programme, area=area)
    for _ in range(12):
        make_person(world.programme)
    engaged = define_indicator(
        actor=admin,
        programme=world.programme,
        code="people_engaged",
        name="People engaged",
        names={"es": "Personas atendidas"},
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
        is_headline=True,
    )
    set_target(
        actor=admin,
        indicator=engaged,
        period_kind="programme",
        period_start=world.programme.starts_on,
        value=100,
    )
    world.programme.publishes_results = True
    world.programme.save()
    return world.programme


def test_the_page_is_off_until_an_admin_publishes_it(world):
    client = Client()
    for path in ("", "embed/", "results.csv", "results.json"):
        assert client.get(f"/open/{world.programme.slug}/results/{path}").status_code == 404


def test_the_public_page_hides_small_counts_and_its_open_data_is_exactly_what_it_shows(published):
    client = Client()
    page = client.get(f"/open/{published.slug}/results/")
    assert page.status_code == 200
    text = page.text
    assert "People engaged" in text and ">15<" in text.replace(" ", "")  # 15 people: shown
    assert 'class="hidden-figure"' in text  # the decile with 3 people is hidden
    assert '"@type": "Dataset"' in text and "application/ld+json" in text
    rows = list(csv.DictReader(io.StringIO(client.get(f"/open/{published.slug}/results/results.csv").text)))
    headline = next(row for row in rows if row["table"] == "headline")
    assert headline["value"] == "15" and headline["target"] == "100.00"
    first_decile = next(row for row in rows if row["table"] == "equity_outcomes" and row["decile"] == "1")
    assert first_decile["value"] == "" and first_decile["hidden"] == "small"
    rate = next(row for row in rows if row["table"] == "equity_per_1000_residents" and row["decile"] == "1")
    assert rate["value"] == "" and rate["hidden"] == "rate"
    data = json.loads(client.get(f"/open/{published.slug}/results/results.json").text)
    assert [(row["table"], str(row["value"])) for row in data["rows"]] == [
        (r["table"], r["value"]) for r in rows
    ]
    assert client.get(f"/open/{published.slug}/results/results.json")["Access-Control-Allow-Origin"] == "*"


def test_the_page_speaks_the_readers_language_and_the_snippet_may_be_framed(published):
    client = Client()
    page = client.get(f"/open/{published.slug}/results/", HTTP_ACCEPT_LANGUAGE="es")
    assert "Personas atendidas" in page.text
    embed = client.get(f"/open/{published.slug}/results/embed/")
    assert embed.status_code == 200 and "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    assert (
        "frame-ancestors 'none'" in client.get(f"/open/{published.slug}/results/")["Content-Security-Policy"]
    )
