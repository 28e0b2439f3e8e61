"""XLSForm surveys: compiled by pyxform and kept per version; what the server reads back from the form;
assetlink's own question types; a broken XLSForm told by sheet and row, with nothing written."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from assetlink.research import services
from assetlink.research.models import Survey, SurveyVersion
from assetlink.research.xlsform_writer import Question
from tests.research.sample import EN, UR, skills_survey

pytestmark = pytest.mark.django_db


def test_a_survey_keeps_its_xlsform_and_the_xform_compiled_from_it(fieldwork):
    version = fieldwork.survey.versions.get()
    assert fieldwork.survey.form_id == "household_skills"
    assert fieldwork.survey.title == "Household skills"
    assert version.version == "2025030101"
    assert bytes(version.xlsform) == fieldwork.xlsform
    assert version.xform.startswith("<?xml")
    assert version.languages == [EN, UR]
    assert version.register_lists == ["area", "esco_skill"]


def test_the_questions_are_read_with_their_types_labels_choices_and_repeats(fieldwork):
    questions = {q["name"]: q for q in fieldwork.survey.versions.get().questions}
    assert questions["consent"]["control"] == "trigger"
    assert questions["age"]["type"] == "int"
    assert questions["hours"]["type"] == "decimal"
    assert questions["arrived_on"]["type"] == "date"
    assert questions["age"]["labels"] == {EN: "How old are you?", UR: "آپ کی عمر کیا ہے؟"}
    assert questions["languages"]["control"] == "select"
    assert [c["value"] for c in questions["languages"]["choices"]] == ["en", "ur", "ar"]
    assert questions["languages"]["choices"][2]["labels"][UR] == "عربی"
    assert questions["area"]["register"] == "area"
    assert questions["skills"]["register"] == "esco_skill"
    assert questions["member_age"]["repeat"] == "/data/household"
    assert questions["household_size"]["control"] == "calculate"


def test_a_list_named_area_that_the_choices_sheet_defines_stays_the_authors_own(fieldwork):
    data = skills_survey(form_id="own_areas")
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["choices"].append(["area", "north", "North side", "شمالی"])
    out = io.BytesIO()
    book.save(out)
    survey = services.create_survey(
        actor=fieldwork.admin, project=fieldwork.project, file_name="own.xlsx", data=out.getvalue()
    )
    area = next(q for q in survey.versions.get().questions if q["name"] == "area")
    assert area["register"] == "" and [c["value"] for c in area["choices"]] == ["north"]


def broken(*rows: Question) -> bytes:
    return skills_survey(form_id="broken", extra=list(rows))


@pytest.mark.parametrize(
    ("data", "file_name", "expected"),
    [
        (broken(Question("begin_group", "unfinished", {EN: "Open"})), "b.xlsx", "sheet “survey”, row 17"),
        (broken(Question("select_one colours", "colour", {EN: "Colour"})), "b.xlsx", "colours"),
        (broken(Question("integer", "age", {EN: "Again"})), "b.xlsx", "age"),
        (b"name,label\nq,Q\n", "survey.csv", "Excel workbook (.xlsx)"),
        (b"PK\x03\x04 not really a workbook", "b.xlsx", "not an Excel workbook"),
    ],
    ids=["unclosed group", "unknown list", "duplicate name", "not xlsx", "damaged file"],
)
def test_a_broken_xlsform_is_refused_saying_where_and_nothing_is_written(
    fieldwork, data, file_name, expected
):
    with pytest.raises(ValidationError) as refused:
        services.create_survey(
            actor=fieldwork.admin, project=fieldwork.project, file_name=file_name, data=data
        )
    assert expected in " ".join(refused.value.message_dict["xlsform"])
    assert Survey.objects.count() == 1
    assert SurveyVersion.objects.count() == 1


def test_a_new_version_must_keep_the_form_id_and_raise_the_version(fieldwork):
    survey = fieldwork.survey
    with pytest.raises(ValidationError, match="exists already"):
        services.add_survey_version(
            actor=fieldwork.admin, survey=survey, file_name="v.xlsx", data=skills_survey()
        )
    with pytest.raises(ValidationError, match="form id"):
        services.add_survey_version(
            actor=fieldwork.admin, survey=survey, file_name="v.xlsx", data=skills_survey("2", form_id="other")
        )
    with pytest.raises(ValidationError, match="exists already"):
        services.create_survey(
            actor=fieldwork.admin, project=fieldwork.project, file_name="v.xlsx", data=skills_survey("3")
        )
    services.add_survey_version(
        actor=fieldwork.admin, survey=survey, file_name="v.xlsx", data=skills_survey("4")
    )
    assert list(survey.versions.values_list("version", flat=True)) == ["4", "2025030101"]
