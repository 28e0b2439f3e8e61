"""The OpenRosa server API as ODK Collect speaks it, replayed from recorded requests: the form list and its
hashes, form and media download, the submission handshake, 201 on a submission, a repeated instance taken
once, and every refusal answered with an OpenRosa message and nothing written."""

from __future__ import annotations

import hashlib
from xml.etree import ElementTree

import pytest

from assetlink.audit.models import AuditEntry
from assetlink.research import services
from assetlink.research.models import Attachment, Submission
from tests.research.replay import replay
from tests.research.sample import response_xml, skills_survey

LIST = "{http://openrosa.org/xforms/xformsList}"
MANIFEST = "{http://openrosa.org/xforms/xformsManifest}"
RESPONSE = "{http://openrosa.org/http/response}"
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4 + b"\xff\xd9"
pytestmark = pytest.mark.django_db


def assert_openrosa_headers(response) -> None:
    assert response["X-OpenRosa-Version"] == "1.0"
    assert response["Date"].endswith("GMT")
    assert response["Content-Language"]


def message_of(response) -> tuple[str, str]:
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{RESPONSE}OpenRosaResponse"
    message = root.find(f"{RESPONSE}message")
    assert message is not None
    return message.get("nature", ""), message.text or ""


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_the_form_list_offers_the_surveys_of_the_researchers_projects_with_their_hashes(fieldwork):
    response = replay("form_list", key=fieldwork.secret)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert_openrosa_headers(response)
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{LIST}xforms"
    (entry,) = root.findall(f"{LIST}xform")
    assert entry.findtext(f"{LIST}formID") == "household_skills"
    assert entry.findtext(f"{LIST}name") == "Household skills"
    assert entry.findtext(f"{LIST}version") == "2025030101"
    assert entry.findtext(f"{LIST}descriptionText") == "Skills on our streets"
    # The hash is the MD5 of exactly what the download URL gives: Collect compares them to skip a download.
    form = replay_get(entry.findtext(f"{LIST}downloadUrl"))
    assert form.status_code == 200
    assert_openrosa_headers(form)
    assert entry.findtext(f"{LIST}hash") == "md5:" + hashlib.md5(form.content).hexdigest()
    assert b'id="household_skills"' in form.content
    assert b"jr://file-csv/assetlink-areas.csv" in form.content
    assert entry.findtext(f"{LIST}manifestUrl")


def replay_get(url: str | None):
    from django.test import Client

    assert url
    return Client().get(path_of(url), HTTP_X_OPENROSA_VERSION="1.0")


def test_the_manifest_lists_the_register_lists_as_csv_media_with_matching_hashes(fieldwork):
    entry = ElementTree.fromstring(replay("form_list", key=fieldwork.secret).content).find(f"{LIST}xform")
    manifest = replay_get(entry.findtext(f"{LIST}manifestUrl"))
    assert manifest.status_code == 200
    assert_openrosa_headers(manifest)
    root = ElementTree.fromstring(manifest.content)
    assert root.tag == f"{MANIFEST}manifest"
    files = {f.findtext(f"{MANIFEST}filename"): f for f in root.findall(f"{MANIFEST}mediaFile")}
    assert set(files) == {"assetlink-areas.csv", "assetlink-esco-skills.csv"}
    areas = replay_get(files["assetlink-areas.csv"].findtext(f"{MANIFEST}downloadUrl"))
    assert areas.content.decode().splitlines() == ["name,label", "MX1,Matrix Heath"]
    assert (
        files["assetlink-areas.csv"].findtext(f"{MANIFEST}hash")
        == "md5:" + hashlib.md5(areas.content).hexdigest()
    )
    skills = replay_get(files["assetlink-esco-skills.csv"].findtext(f"{MANIFEST}downloadUrl"))
    lines = skills.content.decode().splitlines()
    assert lines[0] == "name,label" and len(lines) > 10000
    assert all(line.startswith("http://data.europa.eu/esco/skill/") for line in lines[1:50])


def test_one_form_is_listed_when_asked_by_its_id(fieldwork):
    listed = ElementTree.fromstring(
        replay("form_list_one", key=fieldwork.secret, form_id="nothing_here").content
    )
    assert listed.findall(f"{LIST}xform") == []
    listed = ElementTree.fromstring(
        replay("form_list_one", key=fieldwork.secret, form_id="household_skills").content
    )
    assert len(listed.findall(f"{LIST}xform")) == 1


def test_head_on_submission_answers_204_with_the_size_the_server_takes(fieldwork, settings):
    settings.RESEARCH_MAX_SUBMISSION_BYTES = 12345678
    response = replay("submission_head", key=fieldwork.secret)
    assert response.status_code == 204
    assert_openrosa_headers(response)
    assert response["X-OpenRosa-Accept-Content-Length"] == "12345678"


def test_a_submission_is_created_once_and_a_repeat_answers_201_without_a_duplicate(
    fieldwork, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    xml = response_xml().decode()
    first = replay("submission", key=fieldwork.secret, xml=xml, photo=PHOTO)
    assert first.status_code == 201, first.content
    assert_openrosa_headers(first)
    assert first["X-OpenRosa-Accept-Content-Length"]
    assert message_of(first)[0] == "submit_success"
    submission = Submission.objects.get()
    assert submission.instance_id == "uuid:6f1c2b9e-4a0d-4e8b-9d56-2f7a1c3e8b01"
    assert submission.researcher == fieldwork.researcher
    assert submission.source == "collect"
    assert submission.area.code == "MX1"
    assert submission.consent == "anonymous"
    assert submission.answers["age"] == "34"
    assert submission.answers["household"] == [
        {"member_age": "12", "member_work": "school"},
        {"member_age": "41", "member_work": "cleaner"},
    ]
    (photo,) = submission.attachments.all()
    assert photo.name == "1740913307441.jpg" and photo.content_type == "image/jpeg"
    assert photo.file.read() == PHOTO
    again = replay("submission", key=fieldwork.secret, xml=xml, photo=PHOTO)
    assert again.status_code == 201
    assert Submission.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert submission.log.count() == 1


def test_a_submission_split_in_two_posts_gathers_its_attachments_into_one_response(
    fieldwork, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    xml = response_xml(instance_id="uuid:0d5e4c3b-2a19-4f87-b6e5-d4c3b2a19f87").decode()
    assert replay("submission_split_first", key=fieldwork.secret, xml=xml, photo=PHOTO).status_code == 201
    assert (
        replay(
            "submission_split_second", key=fieldwork.secret, xml=xml, recording=b"\x00\x00\x00\x18ftypM4A "
        ).status_code
        == 201
    )
    (submission,) = Submission.objects.all()
    assert sorted(submission.attachments.values_list("name", flat=True)) == [
        "1740913452001.jpg",
        "1740913452002.m4a",
    ]


def test_different_content_under_an_instance_id_already_received_is_refused_with_409(fieldwork):
    assert (
        replay("submission", key=fieldwork.secret, xml=response_xml().decode(), photo=PHOTO).status_code
        == 201
    )
    changed = replay(
        "submission", key=fieldwork.secret, xml=response_xml(idea="Something else").decode(), photo=PHOTO
    )
    assert changed.status_code == 409
    assert message_of(changed)[0] == "error"
    assert Submission.objects.get().answers["idea"] == "A job club in the library"


@pytest.mark.parametrize(
    ("xml", "status", "words"),
    [
        (response_xml(form_id="no_such_form").decode(), 404, "no_such_form"),
        (response_xml(version="1999").decode(), 404, "1999"),
        ("<data id='household_skills'><meta><instanceID>uuid:1</instanceID></meta>", 400, "malformed"),
        ("<data id='household_skills' version='2025030101'><age>3</age></data>", 400, "instance id"),
        (
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><data id="household_skills">&e;</data>',
            400,
            "",
        ),
    ],
    ids=["unknown form", "unknown version", "malformed XML", "no instance id", "entities"],
)
def test_a_broken_submission_gets_an_openrosa_error_and_writes_nothing(fieldwork, xml, status, words):
    entries = AuditEntry.objects.count()
    response = replay("submission", key=fieldwork.secret, xml=xml, photo=PHOTO)
    assert response.status_code == status
    assert_openrosa_headers(response)
    nature, text = message_of(response)
    assert nature == "error" and words in text
    assert Submission.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_a_closed_survey_refuses_new_submissions_but_takes_a_retry_of_one_it_has(fieldwork):
    assert (
        replay("submission", key=fieldwork.secret, xml=response_xml().decode(), photo=PHOTO).status_code
        == 201
    )
    services.set_survey_open(actor=fieldwork.admin, survey=fieldwork.survey, is_open=False)
    retry = replay("submission", key=fieldwork.secret, xml=response_xml().decode(), photo=PHOTO)
    assert retry.status_code == 201
    new = replay(
        "submission", key=fieldwork.secret, xml=response_xml(instance_id="uuid:new").decode(), photo=PHOTO
    )
    assert new.status_code == 403
    assert Submission.objects.count() == 1
    # A closed survey is no longer offered to phones.
    listed = ElementTree.fromstring(replay("form_list", key=fieldwork.secret).content)
    assert listed.findall(f"{LIST}xform") == []


def test_an_oversized_submission_is_refused_with_413(fieldwork, settings):
    settings.RESEARCH_MAX_SUBMISSION_BYTES = 2000
    response = replay("submission", key=fieldwork.secret, xml=response_xml().decode(), photo=PHOTO * 3)
    assert response.status_code == 413
    assert response["X-OpenRosa-Accept-Content-Length"] == "2000"
    assert Submission.objects.count() == 0


def test_an_older_version_still_takes_submissions_after_a_new_one_is_uploaded(fieldwork):
    services.add_survey_version(
        actor=fieldwork.admin,
        survey=fieldwork.survey,
        file_name="v2.xlsx",
        data=skills_survey(version="2025040101"),
    )
    listed = ElementTree.fromstring(replay("form_list", key=fieldwork.secret).content)
    assert [e.findtext(f"{LIST}version") for e in listed.findall(f"{LIST}xform")] == ["2025040101"]
    old = replay("submission", key=fieldwork.secret, xml=response_xml().decode(), photo=PHOTO)
    assert old.status_code == 201
    assert Submission.objects.get().version.version == "2025030101"


def test_a_revoked_or_unknown_key_reaches_nothing(fieldwork):
    services.revoke_key(actor=fieldwork.admin, key=fieldwork.key)
    for name, fill in [
        ("form_list", {}),
        ("submission_head", {}),
        ("submission", {"xml": response_xml().decode(), "photo": PHOTO}),
    ]:
        response = replay(name, key=fieldwork.secret, **fill)
        assert response.status_code == 403, name
        assert_openrosa_headers(response)
    assert replay("form_list", key="not-a-key").status_code == 403
    assert Submission.objects.count() == 0


def test_a_researcher_of_another_project_or_programme_sees_no_form_and_cannot_submit(
    fieldwork, world, other_world
):
    from tests.research.conftest import start_fieldwork

    elsewhere = start_fieldwork(other_world)
    listed = ElementTree.fromstring(replay("form_list", key=elsewhere.secret).content)
    forms = [e.findtext(f"{LIST}formID") for e in listed.findall(f"{LIST}xform")]
    assert forms == ["household_skills"]  # the same form id, but their own programme's survey
    assert (
        replay("submission", key=elsewhere.secret, xml=response_xml().decode(), photo=PHOTO).status_code
        == 201
    )
    assert Submission.objects.get().survey == elsewhere.survey
    entry = ElementTree.fromstring(replay("form_list", key=fieldwork.secret).content).find(f"{LIST}xform")
    foreign = entry.findtext(f"{LIST}downloadUrl").replace(fieldwork.secret, elsewhere.secret)
    assert replay_get(foreign).status_code == 404
    # A researcher of this programme who is not on the team gets no form and may not submit.
    outsider = services.save_researcher(actor=fieldwork.admin, programme=world.programme, name="Nadia O.")
    _key, secret = services.issue_key(actor=fieldwork.admin, researcher=outsider, label="Nadia's phone")
    assert ElementTree.fromstring(replay("form_list", key=secret).content).findall(f"{LIST}xform") == []
    refused = replay("submission", key=secret, xml=response_xml(instance_id="uuid:x").decode(), photo=PHOTO)
    assert refused.status_code == 404
