"""Counting a survey's responses: frequencies and cross-tabs exact for the programme team and under the
disclosure rule for everyone else; withdrawn and rejected responses left out; the responses as a
spreadsheet with a sheet per repeat and nothing of a withdrawn response."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from assetlink.engine.disclosure import NO_CONTROL, DisclosureRule, Hidden
from assetlink.places import services as place_services
from assetlink.programmes.models import Role
from assetlink.research import analysis, collection, services
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db


def collect(fieldwork, number: int, *, area: str = "MX1", idea: str = "A job club", **extra):
    return collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(instance_id=f"uuid:{area}-{idea[:4]}-{number}", area=area, idea=idea, **extra),
        files={},
        source="collect",
    ).submission


@pytest.fixture
def counted(fieldwork, world):
    """Twelve responses in Matrix Heath (the first three identified), three in Canal Side."""
    place_services.save_area(
        actor=fieldwork.admin,
        programme=world.programme,
        code="MX2",
        name="Canal Side",
        latitude=52.4,
        longitude=-1.8,
    )
    heath = [collect(fieldwork, n, identify="yes" if n < 3 else "no") for n in range(12)]
    canal = [collect(fieldwork, n, area="MX2") for n in range(3)]
    return heath, canal


def test_a_frequency_by_area_hides_a_small_count_and_whatever_would_give_it_away(fieldwork, counted):
    by_area = analysis.dimension(fieldwork.survey, analysis.AREA, "en")
    exact = analysis.frequency(fieldwork.survey, by_area, NO_CONTROL)
    assert [(label, cell.value) for label, cell in exact.rows] == [
        ("Canal Side", 3),
        ("Matrix Heath", 12),
        ("No answer", 0),
    ]
    released = analysis.frequency(fieldwork.survey, by_area, DisclosureRule(largest_hidden=7))
    cells = dict(released.rows)
    assert cells["Canal Side"].hidden is Hidden.SMALL
    # With the total shown, Matrix Heath's 12 would give Canal Side's 3 away.
    assert cells["Matrix Heath"].is_hidden or released.respondents.is_hidden


def test_a_multiple_choice_question_counts_each_choice_and_a_cross_tab_refuses_it(fieldwork, counted):
    languages = analysis.dimension(fieldwork.survey, "/data/languages", "en")
    assert languages.multiple
    found = analysis.frequency(fieldwork.survey, languages, NO_CONTROL)
    assert dict((label, cell.value) for label, cell in found.rows) == {
        "English": 15,
        "Urdu": 15,
        "Arabic": 0,
        "No answer": 0,
    }
    assert found.respondents.value == 15
    identify = analysis.dimension(fieldwork.survey, "/data/assetlink_identify", "en")
    with pytest.raises(analysis.AnalysisError, match="takes several"):
        analysis.crosstab(fieldwork.survey, identify, languages, NO_CONTROL)


def test_a_cross_tab_leaves_out_withdrawn_and_rejected_responses(fieldwork, counted):
    heath, _canal = counted
    services.withdraw_response(actor=fieldwork.admin, submission=heath[0])
    services.review_submission(
        actor=fieldwork.admin, submission=heath[1], status="rejected", comment="Filled in twice"
    )
    table = analysis.crosstab(
        fieldwork.survey,
        analysis.dimension(fieldwork.survey, analysis.AREA, "en"),
        analysis.dimension(fieldwork.survey, "/data/assetlink_identify", "en"),
        NO_CONTROL,
    )
    assert table.column_labels == ["Yes", "No"]
    assert [(label, [c.value for c in cells], total.value) for label, cells, total in table.lines] == [
        ("Canal Side", [0, 3], 3),
        ("Matrix Heath", [1, 9], 10),
    ]
    assert table.table.total.value == 13


def test_the_team_sees_exact_counts_and_partner_staff_released_ones(fieldwork, counted, world):
    url = reverse(
        "research:survey_analysis", kwargs={"slug": world.programme.slug, "survey_id": fieldwork.survey.pk}
    )
    query = {"rows": "area", "columns": "/data/assetlink_identify"}
    admin = Client()
    admin.force_login(fieldwork.admin)
    page = admin.get(url, query).content.decode()
    assert "You see exact counts" in page and ">3</td>" in page
    fieldwork.project.shared_with.add(world.organisation)
    staff = Client()
    staff.force_login(world.user(Role.PARTNER_STAFF))
    released = staff.get(url, query)
    assert released.status_code == 200
    text = released.content.decode()
    assert "disclosure rule" in text and 'class="hidden-figure"' in text and ">3</td>" not in text
    refused = admin.get(url, {"rows": "/data/nothing"})
    assert refused.status_code == 422 and "no choice question" in refused.content.decode()


def test_the_spreadsheet_has_a_sheet_per_repeat_and_nothing_of_a_withdrawn_response(
    fieldwork, counted, world
):
    heath, _canal = counted
    services.withdraw_response(actor=fieldwork.admin, submission=heath[0])
    client = Client()
    client.force_login(fieldwork.admin)
    url = reverse(
        "research:responses_export",
        kwargs={"slug": world.programme.slug, "survey_id": fieldwork.survey.pk, "sheet_format": "xlsx"},
    )
    book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    assert book.sheetnames == ["household_skills", "household"]
    responses = list(book["household_skills"].values)
    assert responses[0][:6] == ("instance_id", "received", "collected_by", "area", "review", "consent")
    assert len(responses) == 1 + 14
    assert heath[0].instance_id not in {row[0] for row in responses}
    name_column, consent_column = responses[0].index("respondent_name"), responses[0].index("consent")
    named = {row[consent_column] for row in responses[1:] if row[name_column]}
    assert named == {"identified"}
    household = list(book["household"].values)
    assert household[0] == ("instance_id", "number", "member_age", "member_work")
    assert household[1][1:] == (1, "12", "school") and len(household) == 1 + 28
    csv_url = url.replace("responses.xlsx", "responses.csv")
    lines = client.get(csv_url).content.decode("utf-8-sig").splitlines()
    assert len(lines) == 15 and lines[0].startswith("instance_id,received")
    # A researcher of the team who does not lead it reads the counts but takes no spreadsheet.
    researcher = Client()
    researcher.force_login(fieldwork.colleague.user)
    assert researcher.get(url.replace("responses.xlsx", "analysis/")).status_code == 200
    assert researcher.get(csv_url).status_code == 403


def test_the_counts_page_asks_the_database_as_often_for_many_responses_as_for_few(fieldwork, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(fieldwork.admin)
    url = reverse(
        "research:survey_analysis", kwargs={"slug": world.programme.slug, "survey_id": fieldwork.survey.pk}
    )
    query = {"rows": "area", "columns": "/data/assetlink_identify"}

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        return len(captured)

    for number in range(3):
        collect(fieldwork, number, idea=f"few {number}")
    few = queries()
    for number in range(12):
        collect(fieldwork, number, idea=f"many {number}")
    assert queries() == few
