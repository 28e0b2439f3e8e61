"""The form editor: a simple survey built question by question is saved as an XLSForm that pyxform
compiles, with choices in two languages, the consent screen and the register's lists; a mistake is shown
on the question it is about and loses nothing that was typed."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.research import services
from assetlink.research.form_editor import DraftQuestion, choice_value, parse_choices
from assetlink.research.models import Survey

pytestmark = pytest.mark.django_db


def questions() -> list[DraftQuestion]:
    return [
        DraftQuestion("area", "area", "Where do you live?", "آپ کہاں رہتے ہیں؟", required=True),
        DraftQuestion(
            "select_one",
            "work",
            "Are you in paid work?",
            "کیا آپ تنخواہ والا کام کرتے ہیں؟",
            choices=parse_choices("Yes | ہاں\nNo | نہیں\nSometimes"),
        ),
        DraftQuestion("text", "wish", "What work would you like?", relevant="${work} != 'yes'"),
        DraftQuestion("esco_skill", "skills", "Skills you would like to use"),
    ]


def test_choices_get_stable_values_from_their_english_labels():
    taken: set[str] = set()
    assert [choice_value(label, taken) for label in ("Paid work", "Paid work!", "Éducation", "16+")] == [
        "paid_work",
        "paid_work_2",
        "education",
        "c_16",
    ]


def test_a_survey_built_in_the_editor_is_an_xlsform_pyxform_compiles(fieldwork):
    survey = services.build_survey(
        actor=fieldwork.admin,
        project=fieldwork.project,
        title="Work on our street",
        form_id="work_on_our_street",
        questions=questions(),
        other_language="Urdu (ur)",
        ask_name=True,
    )
    version = survey.versions.get()
    assert version.languages == ["English (en)", "Urdu (ur)"]
    assert sorted(version.register_lists) == ["area", "esco_skill"]
    names = [question["name"] for question in version.questions]
    assert names[:3] == ["consent", "assetlink_identify", "respondent_name"]
    work = next(question for question in version.questions if question["name"] == "work")
    assert [c["value"] for c in work["choices"]] == ["yes", "no", "sometimes"]
    assert work["choices"][0]["labels"] == {"English (en)": "Yes", "Urdu (ur)": "ہاں"}
    # A choice without its translation shows its English label in the other language.
    assert work["choices"][2]["labels"]["Urdu (ur)"] == "Sometimes"
    assert "!= 'yes'" in version.xform
    # The consent screen reads the project's own statement.
    book = openpyxl.load_workbook(io.BytesIO(bytes(version.xlsform)))
    assert book.sheetnames == ["survey", "choices", "settings"]
    consent_row = next(row for row in book["survey"].values if row[1] == "consent")
    assert consent_row[2] == fieldwork.project.consent_statement["en"]
    assert consent_row[3] == fieldwork.project.consent_statement["ur"]


def test_a_mistake_is_shown_on_the_question_it_is_about(fieldwork):
    broken = questions()
    broken[1].choices = [("Only one", "")]
    with pytest.raises(ValidationError, match="Question 2: Give at least two choices"):
        services.build_survey(
            actor=fieldwork.admin, project=fieldwork.project, title="T", form_id="t_1", questions=broken
        )
    twin = [*questions(), DraftQuestion("text", "wish", "Again?")]
    with pytest.raises(ValidationError, match="Question 5: Another question has the name"):
        services.build_survey(
            actor=fieldwork.admin, project=fieldwork.project, title="T", form_id="t_2", questions=twin
        )
    # pyxform's own complaint (a condition naming no question) comes back on its question too.
    wrong = questions()
    wrong[2].relevant = "${nowhere} = 'yes'"
    with pytest.raises(ValidationError, match="Question 3: "):
        services.build_survey(
            actor=fieldwork.admin, project=fieldwork.project, title="T", form_id="t_3", questions=wrong
        )
    assert not Survey.objects.filter(form_id__startswith="t_").exists()


def test_the_editor_page_keeps_what_was_typed_and_saves_a_survey(fieldwork, world):
    client = Client()
    client.force_login(fieldwork.admin)
    url = reverse(
        "research:survey_editor", kwargs={"slug": world.programme.slug, "project_id": fieldwork.project.pk}
    )
    page = client.get(url, {"rows": 3})
    assert page.status_code == 200 and page.content.decode().count("<legend>Question ") == 3
    data = {
        "title": "Work on our street",
        "form_id": "work_on_our_street",
        "with_consent": "on",
        "q-TOTAL_FORMS": "3",
        "q-INITIAL_FORMS": "0",
        "q-0-kind": "select_one",
        "q-0-name": "work",
        "q-0-label": "Are you in paid work?",
        "q-0-choices": "Yes",
        "q-1-kind": "text",
        "q-1-name": "wish",
        "q-1-label": "What work would you like?",
    }
    refused = client.post(url, data)
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "Question 1: Give at least two choices" in text and "What work would you like?" in text
    data["q-0-choices"] = "Yes\nNo"
    done = client.post(url, data)
    survey = Survey.objects.get(form_id="work_on_our_street")
    assert done.status_code == 302 and done["Location"].endswith(f"/surveys/{survey.pk}/")
    # A researcher on the team who does not lead it cannot build the project's surveys.
    colleague = Client()
    colleague.force_login(fieldwork.colleague.user)
    assert colleague.get(url).status_code == 403
