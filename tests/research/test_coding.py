"""Qualitative coding: free-text answers and transcripts as documents, a hierarchical codebook, passages
coded by several coders with their agreement, exports, and a withdrawn response taking its coded
excerpts with it."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.programmes.models import Role
from assetlink.research import collection, selectors, services
from assetlink.research.models import Document, Excerpt
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db

TALK = "We cook together on Fridays. Amal fixes bikes. We cook for the mosque at Eid."


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def codebook(fieldwork):
    skills = services.save_code(actor=fieldwork.admin, project=fieldwork.project, name="Skills")
    cooking = services.save_code(
        actor=fieldwork.admin, project=fieldwork.project, name="Cooking", parent=skills
    )
    repair = services.save_code(
        actor=fieldwork.admin, project=fieldwork.project, name="Repair", parent=skills
    )
    return skills, cooking, repair


def test_the_answers_to_a_free_text_question_become_documents_once(fieldwork):
    for number, idea in enumerate(["A job club in the library", "", "Childminding courses"]):
        collection.receive(
            researcher=fieldwork.researcher,
            xml=response_xml(instance_id=f"uuid:answer-{number}", idea=idea),
            files={},
            source="collect",
        )
    questions = dict(services.text_questions(fieldwork.survey, "en"))
    assert "/data/idea" in questions and "/data/household/member_work" in questions
    assert "/data/age" not in questions
    made = services.documents_from_answers(
        actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/idea"
    )
    assert made == 2
    assert sorted(Document.objects.values_list("text", flat=True)) == [
        "A job club in the library",
        "Childminding courses",
    ]
    assert (
        services.documents_from_answers(
            actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/idea"
        )
        == 0
    )
    # Answers given in a repeat are joined in one document per response.
    services.documents_from_answers(
        actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/household/member_work"
    )
    assert Document.objects.filter(question_path="/data/household/member_work").first().text == (
        "school\n\ncleaner"
    )
    with pytest.raises(ValidationError, match="free-text"):
        services.documents_from_answers(
            actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/age"
        )


def test_the_codebook_nests_and_refuses_a_loop_or_a_twin(fieldwork, codebook):
    skills, cooking, _repair = codebook
    assert [(code.name, depth) for code, depth, _used in selectors.codebook(fieldwork.project)] == [
        ("Skills", 0),
        ("Cooking", 1),
        ("Repair", 1),
    ]
    assert selectors.code_path(cooking) == "Skills › Cooking"
    with pytest.raises(ValidationError, match="under itself"):
        services.save_code(
            actor=fieldwork.admin, project=fieldwork.project, name="Skills", parent=cooking, code=skills
        )
    with pytest.raises(ValidationError, match="has this code"):
        services.save_code(actor=fieldwork.admin, project=fieldwork.project, name="cooking", parent=skills)


def test_a_passage_is_found_by_its_words_or_where_it_was_selected(fieldwork, codebook):
    _skills, cooking, _repair = codebook
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    first = services.code_excerpt(actor=fieldwork.admin, document=document, quote="We cook", codes=[cooking])
    second = services.code_excerpt(
        actor=fieldwork.admin, document=document, quote="We cook", codes=[cooking], occurrence=2
    )
    selected = services.code_excerpt(
        actor=fieldwork.admin,
        document=document,
        quote="We cook",
        codes=[cooking],
        start=TALK.rindex("We cook"),
    )
    assert (first.start, second.start, selected.start) == (0, TALK.rindex("We cook"), TALK.rindex("We cook"))
    with pytest.raises(ValidationError, match="not in the document"):
        services.code_excerpt(
            actor=fieldwork.admin, document=document, quote="We cook", codes=[cooking], occurrence=3
        )
    with pytest.raises(ValidationError, match="at least one code"):
        services.code_excerpt(actor=fieldwork.admin, document=document, quote="Amal", codes=[])


def test_a_code_of_another_project_and_a_stranger_are_refused(fieldwork, codebook, world):
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    other = services.save_project(
        actor=fieldwork.admin,
        programme=world.programme,
        title="Other",
        question="?",
        lead_organisation=world.lead.organisation,
    )
    foreign = services.save_code(actor=fieldwork.admin, project=other, name="Elsewhere")
    with pytest.raises(ValidationError, match="own records"):
        services.code_excerpt(actor=fieldwork.admin, document=document, quote="Amal", codes=[foreign])
    with pytest.raises(PermissionDenied):
        services.code_excerpt(
            actor=world.user(Role.PARTNER_STAFF), document=document, quote="Amal", codes=[codebook[1]]
        )


def test_two_coders_agreement_is_shown_as_kappa_and_exported(fieldwork, codebook, world):
    _skills, cooking, repair = codebook
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    amina, tomasz = fieldwork.researcher.user, fieldwork.colleague.user
    services.code_excerpt(
        actor=amina, document=document, quote="We cook together on Fridays.", codes=[cooking]
    )
    services.code_excerpt(actor=amina, document=document, quote="Amal fixes bikes.", codes=[repair])
    services.code_excerpt(actor=tomasz, document=document, quote="We cook together", codes=[cooking])
    services.code_excerpt(actor=tomasz, document=document, quote="Amal fixes bikes.", codes=[repair])
    [pair] = selectors.agreement(fieldwork.project)
    assert {pair.first, pair.second} == {"Amina K.", "Tomasz W."} and pair.documents == 1
    by_code = dict(pair.by_code)
    assert by_code["Skills › Repair"].kappa == 1.0
    # 77 characters: both marked 16, Amina alone 12 more; kappa (0.844 − 0.579) / 0.421
    assert by_code["Skills › Cooking"].kappa == pytest.approx(0.629, abs=0.001)
    page = client_of(fieldwork.admin).get(
        reverse("research:coding", kwargs={"slug": world.programme.slug, "project_id": fieldwork.project.pk})
    )
    assert "Cohen's kappa" in page.content.decode() and "substantial" in page.content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(
                client_of(fieldwork.admin)
                .get(
                    reverse(
                        "research:excerpts_export",
                        kwargs={"slug": world.programme.slug, "project_id": fieldwork.project.pk},
                    )
                )
                .content.decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == 4 and {row["codes"] for row in rows} == {"Skills › Cooking", "Skills › Repair"}
    assert {row["coder"] for row in rows} == {"Amina K.", "Tomasz W."}
    codebook_csv = client_of(fieldwork.admin).get(
        reverse(
            "research:codebook_export",
            kwargs={"slug": world.programme.slug, "project_id": fieldwork.project.pk},
        )
    )
    assert "Skills › Cooking" in codebook_csv.content.decode("utf-8-sig")


def test_only_the_coder_or_the_admin_takes_a_coding_back(fieldwork, codebook):
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    excerpt = services.code_excerpt(
        actor=fieldwork.researcher.user, document=document, quote="Amal", codes=[codebook[2]]
    )
    with pytest.raises(PermissionDenied):
        services.remove_excerpt(actor=fieldwork.colleague.user, excerpt=excerpt)
    services.remove_excerpt(actor=fieldwork.researcher.user, excerpt=excerpt)
    assert not Excerpt.objects.exists()


def test_a_withdrawn_response_takes_its_documents_and_excerpts_with_it(fieldwork, codebook):
    submission = collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(idea="My sister sews for weddings"),
        files={},
        source="collect",
    ).submission
    services.documents_from_answers(
        actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/idea"
    )
    document = Document.objects.get(submission=submission)
    excerpt = services.code_excerpt(
        actor=fieldwork.admin, document=document, quote="sews", codes=[codebook[0]]
    )
    finding = services.save_finding(
        actor=fieldwork.admin,
        project=fieldwork.project,
        title="Sewing at home",
        summary="Some sew for a living.",
        kind="asset",
        excerpts=[excerpt],
    )
    services.withdraw_response(actor=fieldwork.admin, submission=submission)
    assert not Document.objects.exists() and not Excerpt.objects.exists()
    assert finding.excerpts.count() == 0
    assert "sews" not in str(list(Excerpt.objects.values()))


def test_coding_on_the_page_keeps_what_was_typed_when_refused(fieldwork, codebook, world):
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    client = client_of(fieldwork.researcher.user)
    url = reverse("research:code_excerpt", kwargs={"slug": world.programme.slug, "document_id": document.pk})
    refused = client.post(url, {"quote": "We bake", "occurrence": 1, "codes": [codebook[1].pk]})
    assert refused.status_code == 422
    assert "We bake" in refused.content.decode() and "not in the document" in refused.content.decode()
    done = client.post(url, {"quote": "We cook", "occurrence": 1, "codes": [codebook[1].pk]})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert '<mark data-excerpts="' in page and "Amina K." in page


def test_a_coder_without_a_researcher_record_is_never_shown_by_their_e_mail_address(
    fieldwork, codebook, world
):
    document = services.add_transcript(
        actor=fieldwork.admin, project=fieldwork.project, title="Group", text=TALK
    )
    services.code_excerpt(actor=fieldwork.admin, document=document, quote="Amal", codes=[codebook[2]])
    fieldwork.project.shared_with.add(world.organisation)
    staff = client_of(world.user(Role.PARTNER_STAFF))
    page = staff.get(
        reverse("research:document", kwargs={"slug": world.programme.slug, "document_id": document.pk})
    ).content.decode()
    assert "Amal" in page and fieldwork.admin.email not in page.split("Coded excerpts")[1]
