"""The research pages over HTTP: starting a project, uploading a survey (a broken XLSForm shown with its
sheet and row), the responses of a survey and one response's answers labelled from the form, a review,
and a phone's server address shown once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assetlink.programmes.models import Role
from assetlink.research import collection
from assetlink.research.models import CollectorKey, Project
from assetlink.research.xlsform_writer import Question
from tests.research.sample import EN, response_xml, skills_survey

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_starts_a_project_and_a_refused_form_keeps_what_they_typed(world):
    client = client_of(world.user(Role.PROGRAMME_ADMIN))
    url = reverse("research:projects", kwargs={"slug": world.programme.slug})
    refused = client.post(url, {"title": "Skills on our streets", "question": "", "consent_en": "Kept"})
    assert refused.status_code == 422
    assert b"Skills on our streets" in refused.content and b"Kept" in refused.content
    done = client.post(
        url,
        {
            "title": "Skills on our streets",
            "question": "Which skills are here?",
            "lead_organisation": world.lead.organisation.pk,
            "consent_en": "Anonymous unless you agree.",
            "consent_es": "Anónimo salvo que lo acepte.",
        },
    )
    project = Project.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/projects/{project.pk}/")
    assert project.consent_statement == {
        "en": "Anonymous unless you agree.",
        "es": "Anónimo salvo que lo acepte.",
    }
    page = client.get(done["Location"])
    assert "Anónimo salvo que lo acepte." in page.content.decode()


def test_uploading_a_broken_xlsform_on_the_page_says_which_sheet_and_row(fieldwork, world):
    client = client_of(fieldwork.admin)
    url = reverse(
        "research:project_survey", kwargs={"slug": world.programme.slug, "project_id": fieldwork.project.pk}
    )
    data = skills_survey(form_id="broken", extra=[Question("begin_group", "open_group", {EN: "Open"})])
    response = client.post(url, {"xlsform": SimpleUploadedFile("broken.xlsx", data)})
    assert response.status_code == 422
    assert "sheet “survey”, row 17" in response.content.decode()


def test_a_survey_lists_its_responses_and_a_response_reads_in_the_forms_words(fieldwork, world):
    submission = collection.receive(
        researcher=fieldwork.researcher, xml=response_xml(), files={}, source="collect"
    ).submission
    client = client_of(fieldwork.researcher.user)
    survey_page = client.get(
        reverse("research:survey", kwargs={"slug": world.programme.slug, "survey_id": fieldwork.survey.pk})
    )
    assert survey_page.status_code == 200
    assert "Amina K." in survey_page.content.decode()
    page = client.get(
        reverse("research:response", kwargs={"slug": world.programme.slug, "submission_id": submission.pk})
    )
    text = page.content.decode()
    assert "Which languages do you speak?" in text and "English, Urdu" in text
    assert "Matrix Heath" in text and "A job club in the library" in text
    assert "People in your household" not in text or "household" in text
    # The fieldworker who collected it reads it but may not review it.
    assert "Save the review" in text
    colleague = client_of(fieldwork.colleague.user).get(
        reverse("research:response", kwargs={"slug": world.programme.slug, "submission_id": submission.pk})
    )
    assert colleague.status_code == 200 and "Save the review" not in colleague.content.decode()


def test_a_phone_key_is_shown_once_as_a_server_address_and_can_be_revoked(fieldwork, world):
    client = client_of(fieldwork.researcher.user)
    url = reverse(
        "research:researcher", kwargs={"slug": world.programme.slug, "researcher_id": fieldwork.researcher.pk}
    )
    shown = client.post(url, {"label": "Second phone"})
    text = shown.content.decode()
    assert shown.status_code == 200 and "/collect/" in text
    server = text.split('id="server-address" type="text" readonly value="', 1)[1].split('"', 1)[0]
    secret = server.rsplit("/", 1)[1]
    assert collection.collector(secret) is not None
    assert Client().get(server.removeprefix("http://testserver") + "/formList").status_code == 200
    key = CollectorKey.objects.get(label="Second phone")
    assert secret not in client.get(url).content.decode()
    client.post(
        reverse(
            "research:revoke_key",
            kwargs={"slug": world.programme.slug, "researcher_id": fieldwork.researcher.pk, "key_id": key.pk},
        )
    )
    assert collection.collector(secret) is None
