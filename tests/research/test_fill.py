"""Filling a survey in the browser, over HTTP: the page, the form and its register lists for the team's
researchers only; a response from the browser's outbox taken once (201, then 200 when sent again), refused
with a message when it belongs to another survey or differs under a known instance id; a closed survey
offers no form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assetlink.programmes.models import Role
from assetlink.research import services
from assetlink.research.models import Source, Submission
from tests.research.sample import response_xml, skills_survey

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, world, fieldwork, **extra) -> str:
    return reverse(
        f"research:{name}", kwargs={"slug": world.programme.slug, "survey_id": fieldwork.survey.pk, **extra}
    )


def _post(client: Client, url: str, xml: bytes):
    return client.post(
        url,
        {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, content_type="text/xml")},
        HTTP_ACCEPT="application/json",
    )


def test_the_fill_page_serves_the_form_its_lists_and_worker_to_the_team_only(fieldwork, world):
    researcher = client_of(world.user(Role.COMMUNITY_RESEARCHER))
    page = researcher.get(_url("fill", world, fieldwork))
    assert page.status_code == 200
    policy = page["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in policy and "frame-ancestors 'none'" in policy
    assert b'data-submit-url="/p/' in page.content and b"collect.js" in page.content
    form = researcher.get(_url("fill_form", world, fieldwork))
    assert form.status_code == 200 and b"<h:html" in form.content
    areas = researcher.get(_url("fill_media", world, fieldwork, file_name="assetlink-areas.csv"))
    assert areas.content.decode().splitlines() == ["name,label", "MX1,Matrix Heath"]
    assert researcher.get(_url("fill_media", world, fieldwork, file_name="other.csv")).status_code == 404
    worker = researcher.get(_url("fill_worker", world, fieldwork))
    assert worker["Content-Type"].startswith("text/javascript") and b"caches.match" in worker.content
    # Others in the programme, the lead's own admin included, and the team's reviewers do not collect.
    for role in (Role.PROGRAMME_ADMIN, Role.PARTNER_STAFF, Role.PARTICIPANT):
        assert client_of(world.user(role)).get(_url("fill", world, fieldwork)).status_code == 403


def test_a_response_from_the_outbox_is_taken_once(fieldwork, world):
    client = client_of(world.user(Role.COMMUNITY_RESEARCHER))
    url = _url("fill_submission", world, fieldwork)
    first = _post(client, url, response_xml())
    assert first.status_code == 201 and first.json()["created"] is True
    again = _post(client, url, response_xml())
    assert again.status_code == 200 and again.json()["created"] is False
    submission = Submission.objects.get()
    assert submission.source == Source.BROWSER and submission.researcher == fieldwork.researcher
    different = _post(client, url, response_xml(idea="Something else"))
    assert different.status_code == 409 and "different response" in different.json()["error"]
    assert Submission.objects.count() == 1


def test_a_response_of_another_survey_or_a_closed_one_is_refused(fieldwork, world):
    client = client_of(world.user(Role.COMMUNITY_RESEARCHER))
    other = services.create_survey(
        actor=fieldwork.admin,
        project=fieldwork.project,
        file_name="other.xlsx",
        data=skills_survey(form_id="other_survey"),
    )
    wrong = _post(client, _url("fill_submission", world, fieldwork), response_xml(form_id="other_survey"))
    assert wrong.status_code == 409 and wrong.json()["error"] == "This response belongs to another survey."
    assert not Submission.objects.filter(survey=other).exists()
    missing = client.post(_url("fill_submission", world, fieldwork), {})
    assert missing.status_code == 422 and missing.json()["error"]

    services.set_survey_open(actor=fieldwork.admin, survey=fieldwork.survey, is_open=False)
    page = client.get(_url("fill", world, fieldwork))
    assert page.status_code == 200 and b"collect.js" not in page.content
    assert b"takes no responses now" in page.content
    closed = _post(client, _url("fill_submission", world, fieldwork), response_xml())
    assert closed.status_code == 403 and not Submission.objects.exists()
