"""Correcting a response's answers: each checked against its question, all or nothing, the review log keeping
every answer as it was and why; the XML stays as sent, coded answers are protected, and only the project's
reviewers may correct."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.engine.disclosure import NO_CONTROL
from assetlink.places import services as place_services
from assetlink.programmes.models import Role
from assetlink.research import analysis, collection, services
from assetlink.research.models import Document
from tests.conftest import ProgrammeWorld
from tests.research.conftest import Fieldwork
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db


def received(fieldwork: Fieldwork, identify: str = "yes"):
    return collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(identify=identify, instance_id=f"uuid:correct-{identify}"),
        files={},
        source="collect",
    ).submission


def test_a_reviewer_corrects_answers_and_the_log_keeps_what_they_were(
    fieldwork: Fieldwork, world: ProgrammeWorld
):
    place_services.save_area(
        actor=fieldwork.admin,
        programme=world.programme,
        code="MX2",
        name="Lower Matrix",
        latitude=52.4,
        longitude=-1.8,
    )
    response = received(fieldwork)
    sent_xml = response.xml
    services.correct_answers(
        actor=fieldwork.researcher.user,  # the project's lead researcher
        submission=response,
        values={
            "/data/age": "43",
            "/data/area": "MX2",
            "/data/languages": "ur ar ur",
            "/data/respondent_name": "Farah Iqbaal",
            "/data/hours": "12.5",  # unchanged: not logged
        },
        reason="The respondent rang to say the age was misheard and that they live in Lower Matrix.",
    )
    response.refresh_from_db()
    assert response.answers["age"] == "43" and response.answers["languages"] == "ur ar"
    assert response.area.code == "MX2"
    assert response.xml == sent_xml
    entry = response.log.get(action="edited")
    assert entry.actor == fieldwork.researcher.user
    assert entry.changes == {
        "answers": {
            "/data/age": ["34", "43"],
            "/data/area": ["MX1", "MX2"],
            "/data/languages": ["en ur", "ur ar"],
            "/data/respondent_name": ["Farah Iqbal", "Farah Iqbaal"],
        }
    }
    # Counts read the corrected answers.
    by_area = analysis.frequency(
        response.survey, analysis.dimension(response.survey, analysis.AREA, "en"), NO_CONTROL
    )
    assert dict((label, cell.value) for label, cell in by_area.rows)["Lower Matrix"] == 1
    # An answer given in one instance of a repeat (the second person of the household).
    services.correct_answers(
        actor=fieldwork.admin,
        submission=response,
        values={"/data/household/member_age#2": "42", "/data/household/member_work#1": "college"},
        reason="The researcher swapped two answers.",
    )
    response.refresh_from_db()
    assert response.answers["household"] == [
        {"member_age": "12", "member_work": "college"},
        {"member_age": "42", "member_work": "cleaner"},
    ]
    with pytest.raises(ValidationError) as third:
        services.correct_answers(
            actor=fieldwork.admin,
            submission=response,
            values={"/data/household/member_age#3": "7"},
            reason="A third person.",
        )
    assert third.value.message_dict == {
        "/data/household/member_age#3": ["This question cannot be corrected."]
    }
    # The phone retrying what it sent is still recognised as the same response.
    again = collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(identify="yes", instance_id="uuid:correct-yes"),
        files={},
        source="collect",
    )
    assert again.created is False


def test_a_wrong_answer_is_refused_with_its_question_and_nothing_changes(fieldwork: Fieldwork):
    response = received(fieldwork)
    with pytest.raises(ValidationError) as refused:
        services.correct_answers(
            actor=fieldwork.admin,
            submission=response,
            values={
                "/data/age": "thirty-four",
                "/data/arrived_on": "01/09/2019",
                "/data/hours": "twelve",
                "/data/languages": "en fr",
                "/data/area": "ZZ9",
                "/data/idea": "A job club in the town hall",
                "/data/household_size": "9",
                "/data/assetlink_identify": "no",
            },
            reason="",
        )
    errors = refused.value.message_dict
    assert errors["/data/age"] == ["Write a whole number."]
    assert errors["/data/arrived_on"] == ["Write the date as YYYY-MM-DD."]
    assert errors["/data/hours"] == ["Write a number, with a point for decimals."]
    assert errors["/data/languages"] == ["“fr” is not one of the question's choices."]
    assert errors["/data/area"] == ["“ZZ9” is not one of the question's choices."]
    assert (
        errors["/data/household_size"]
        == errors["/data/assetlink_identify"]
        == ["This question cannot be corrected."]
    )
    assert "reason" in errors and "/data/idea" not in errors
    response.refresh_from_db()
    assert response.answers["idea"] == "A job club in the library"
    assert not response.log.filter(action="edited").exists()
    with pytest.raises(ValidationError, match="No answer changed"):
        services.correct_answers(
            actor=fieldwork.admin, submission=response, values={"/data/age": "34"}, reason="Checked."
        )
    # The form requires an age (and an area); the date of arrival may be left blank.
    with pytest.raises(ValidationError) as blanked:
        services.correct_answers(
            actor=fieldwork.admin,
            submission=response,
            values={"/data/age": "", "/data/arrived_on": ""},
            reason="Not asked.",
        )
    assert blanked.value.message_dict == {"/data/age": ["The form requires an answer to this question."]}


def test_a_coded_answer_cannot_change_under_its_passages(fieldwork: Fieldwork):
    response = received(fieldwork)
    services.documents_from_answers(
        actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/idea"
    )
    document = Document.objects.get(submission=response)
    services.correct_answers(
        actor=fieldwork.admin,
        submission=response,
        values={"/data/idea": "A job club in the library on Saturdays"},
        reason="The researcher's notes had the end of the sentence.",
    )
    document.refresh_from_db()
    assert document.text == "A job club in the library on Saturdays"
    code = services.save_code(actor=fieldwork.admin, project=fieldwork.project, name="Places to meet")
    services.code_excerpt(actor=fieldwork.admin, document=document, quote="job club", codes=[code])
    with pytest.raises(ValidationError, match="Passages of this answer are coded"):
        services.correct_answers(
            actor=fieldwork.admin,
            submission=response,
            values={"/data/idea": "A jobs club"},
            reason="Spelling.",
        )


def test_only_the_projects_reviewers_correct_and_withdrawal_removes_the_corrections(
    fieldwork: Fieldwork, world: ProgrammeWorld
):
    response = received(fieldwork)
    with pytest.raises(PermissionDenied):
        services.correct_answers(
            actor=fieldwork.colleague.user,
            submission=response,
            values={"/data/age": "43"},
            reason="Misheard.",
        )
    services.correct_answers(
        actor=fieldwork.admin,
        submission=response,
        values={"/data/respondent_name": "F. Iqbal"},
        reason="Asked.",
    )
    services.withdraw_response(actor=fieldwork.admin, submission=response)
    response.refresh_from_db()
    assert response.log.get(action="edited").changes == {}
    with pytest.raises(ValidationError, match="withdrawn"):
        services.correct_answers(
            actor=fieldwork.admin, submission=response, values={"/data/age": "43"}, reason="Misheard."
        )


def test_the_correction_page_keeps_what_was_typed_and_the_log_names_the_reviewer(
    fieldwork: Fieldwork, world: ProgrammeWorld
):
    response = received(fieldwork)
    page_url = reverse(
        "research:response", kwargs={"slug": world.programme.slug, "submission_id": response.pk}
    )
    url = reverse(
        "research:response_correct", kwargs={"slug": world.programme.slug, "submission_id": response.pk}
    )
    lead = Client()
    lead.force_login(fieldwork.researcher.user)
    assert "Correct the answers" in lead.get(page_url).content.decode()
    form = lead.get(url).content.decode()
    assert 'name="answer__data__age"' in form and 'value="34"' in form
    assert "answer__data__household_size" not in form and "answer__data__skills" not in form
    assert 'name="answer__data__household__member_age__2"' in form and "Their age (household 2)" in form
    refused = lead.post(
        url, {"answer__data__age": "forty", "answer__data__area": "MX1", "reason": "Misheard."}
    )
    page = refused.content.decode()
    assert refused.status_code == 422
    assert "Write a whole number." in page and 'value="forty"' in page and "Misheard." in page
    done = lead.post(
        url,
        {
            "answer__data__age": "43",
            "answer__data__area": "MX1",
            "answer__data__languages": ["en", "ur"],
            "answer__data__respondent_name": "Farah Iqbal",
            "answer__data__hours": "12.5",
            "answer__data__arrived_on": "2019-09-01",
            "answer__data__idea": "A job club in the library",
            "answer__data__household__member_age__2": "40",
            "reason": "Misheard at the door.",
        },
    )
    assert done.status_code == 302
    # Partner staff of a shared project read the log: the reviewer by name, never their e-mail address.
    fieldwork.project.shared_with.add(world.organisation)
    staff = Client()
    staff.force_login(world.user(Role.PARTNER_STAFF))
    shown = staff.get(page_url).content.decode()
    assert "How old are you?: “34” became “43”" in shown.replace("&quot;", '"')
    assert "Their age (household 2): “41” became “40”" in shown
    assert "Amina K." in shown and fieldwork.researcher.user.email not in shown
    assert "Correct the answers" not in shown
    assert staff.get(url).status_code == 403
    assert staff.post(url, {"answer__data__age": "50", "reason": "x"}).status_code == 403
    colleague = Client()
    colleague.force_login(fieldwork.colleague.user)
    assert colleague.get(url).status_code == 403
