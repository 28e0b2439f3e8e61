"""One disclosure rule for every exit: the same small count is hidden on the page for a non-team role, on
the public page, in the API, the open data CSV, the report's XLSX and PDF, and on the map; the programme
team sees it exactly; and changing the programme's threshold changes every exit at once."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from assetlink.accounts.services import create_api_token
from assetlink.impact.indicators.services import define_indicator
from assetlink.impact.models import Measure
from assetlink.places.map.selectors import map_layers
from assetlink.places.models import Area
from assetlink.programmes.models import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db
PERIOD = "period=programme:2025-01-01&audience=funder"


@pytest.fixture
def four_people(world, admin):
    area = Area.objects.create(
        programme=world.programme,
        code="S1",
        name="Small",
        deprivation_decile=1,
        population=900,
        latitude=52.5,
        longitude=-1.9,
    )
    for _ in range(4):
        make_person(world.programme, area=area)
    define_indicator(
        actor=admin,
        programme=world.programme,
        code="people_engaged",
        name="People engaged",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
        is_headline=True,
    )
    world.programme.publishes_results = True
    world.programme.save()
    return world


def exits(world, user) -> dict[str, object]:
    """What each exit shows for the count of 4 people engaged, to this user."""
    slug = world.programme.slug
    client = Client()
    client.force_login(user)
    _token, secret = create_api_token(
        actor=user, name=f"exits-{user.pk}-{world.programme.counts_hidden_up_to}"
    )
    api = Client().get(
        f"/api/v1/programmes/{slug}/indicators/people_engaged/values?period=programme",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    workbook = load_workbook(io.BytesIO(client.get(f"/p/{slug}/results/report.xlsx?{PERIOD}").content))
    public_csv = list(csv.DictReader(io.StringIO(Client().get(f"/open/{slug}/results/results.csv").text)))
    layers = map_layers(user, world.programme)
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(client.get(f"/p/{slug}/results/report.pdf?{PERIOD}").content))
    pdf_text = " ".join(page.extract_text() for page in pdf.pages)
    return {
        "page": 'class="hidden-figure"' in client.get(f"/p/{slug}/results/?period=programme").text,
        "api": json.loads(api.content)["to_date"],
        "xlsx": list(workbook["Indicators"].iter_rows(values_only=True))[1][3],
        "csv": next(row for row in public_csv if row["table"] == "headline")["value"],
        "public": 'class="hidden-figure"' in Client().get(f"/open/{slug}/results/").text,
        "map": layers["areas"][0]["people"],
        "pdf": re.search(r"People\s+engaged\s*\*", pdf_text) is not None,
    }


def test_every_exit_hides_the_same_small_count_by_the_same_rule(four_people):
    world = four_people
    hidden = exits(world, world.user(Role.PARTNER_STAFF))
    assert hidden == {
        "page": True,
        "api": {"value": None, "hidden": "small"},
        "xlsx": "*",
        "csv": "",
        "public": True,
        "map": {"value": None, "hidden": "small"},
        "pdf": True,
    }
    # The programme's threshold moves every exit together.
    world.programme.counts_hidden_up_to = 3
    world.programme.save()
    shown = exits(world, world.user(Role.PARTNER_STAFF))
    assert shown["api"] == {"value": 4.0, "hidden": ""} and shown["xlsx"] == 4 and shown["csv"] == "4"
    assert shown["map"] == {"value": 4, "hidden": ""} and not shown["pdf"]


def test_the_programme_team_sees_exact_figures_on_its_own_pages(four_people):
    world = four_people
    admin = world.user(Role.PROGRAMME_ADMIN)
    client = Client()
    client.force_login(admin)
    slug = world.programme.slug
    assert 'class="hidden-figure"' not in client.get(f"/p/{slug}/results/?period=programme").text
    assert map_layers(admin, world.programme)["areas"][0]["people"] == {"value": 4, "hidden": ""}
    # ...but what leaves the team (the public page and its data) follows the published rule.
    assert 'class="hidden-figure"' in Client().get(f"/open/{slug}/results/").text
