"""Respondents: anonymous by default; an identified one linked to a record the reviewer may see, or added
to the register with their consent to community research once the response is approved; withdrawal
unlinks them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.people.models import ConsentPurpose, ConsentState, Person
from assetlink.programmes.models import Role
from assetlink.research import collection, services
from tests import factories
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db


def receive(fieldwork, identify: str, number: int = 1):
    return collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(identify=identify, instance_id=f"uuid:respondent-{identify}-{number}"),
        files={},
        source="collect",
    ).submission


def test_an_anonymous_respondent_cannot_be_linked_to_anyone(fieldwork, world):
    anonymous = receive(fieldwork, "no")
    person = factories.make_person(world.programme)
    with pytest.raises(ValidationError, match="stayed anonymous"):
        services.link_respondent(actor=fieldwork.admin, submission=anonymous, person=person)


def test_an_identified_respondent_is_linked_only_to_a_record_the_reviewer_may_see(fieldwork, world):
    identified = receive(fieldwork, "yes")
    assert identified.consent == "identified"
    person = factories.make_person(world.programme)
    # The lead researcher reviews the project's responses but sees nobody in the register.
    with pytest.raises(ValidationError, match="No person you may see"):
        services.link_respondent(actor=fieldwork.researcher.user, submission=identified, person=person)
    services.link_respondent(actor=fieldwork.admin, submission=identified, person=person)
    identified.refresh_from_db()
    assert identified.respondent == person
    assert identified.log.filter(action="edited", changes={"respondent": "linked"}).exists()
    # A person of another programme is never visible from this one.
    other = factories.make_person(factories.make_programme())
    with pytest.raises(ValidationError):
        services.link_respondent(actor=fieldwork.admin, submission=identified, person=other)
    services.withdraw_response(actor=fieldwork.admin, submission=identified)
    identified.refresh_from_db()
    assert identified.respondent is None


def test_a_respondent_enters_the_register_after_review_with_their_research_consent(fieldwork, world):
    identified = receive(fieldwork, "yes")
    with pytest.raises(ValidationError, match="Approve the response"):
        services.register_respondent(
            actor=fieldwork.admin, submission=identified, given_name="Farah", family_name="Iqbal"
        )
    services.review_submission(actor=fieldwork.admin, submission=identified, status="approved")
    with pytest.raises(PermissionDenied):
        services.register_respondent(
            actor=fieldwork.colleague.user, submission=identified, given_name="Farah", family_name="Iqbal"
        )
    person = services.register_respondent(
        actor=fieldwork.admin, submission=identified, given_name="Farah", family_name="Iqbal"
    )
    assert person.area == identified.area and person.programme == world.programme
    assert ConsentState.objects.get(person=person, purpose=ConsentPurpose.RESEARCH).given
    identified.refresh_from_db()
    assert identified.respondent == person
    with pytest.raises(ValidationError, match="linked to a person already"):
        services.register_respondent(
            actor=fieldwork.admin, submission=identified, given_name="Farah", family_name="Iqbal"
        )


def test_the_response_page_offers_linking_to_its_reviewer_and_keeps_a_refused_reference(fieldwork, world):
    identified = receive(fieldwork, "yes")
    services.review_submission(actor=fieldwork.admin, submission=identified, status="approved")
    url = reverse("research:response", kwargs={"slug": world.programme.slug, "submission_id": identified.pk})
    admin = Client()
    admin.force_login(fieldwork.admin)
    page = admin.get(url).content.decode()
    assert "Link the response" in page and 'value="Farah"' in page and 'value="Iqbal"' in page
    refused = admin.post(url + "respondent/link/", {"reference": "P999999"})
    assert refused.status_code == 422 and "P999999" in refused.content.decode()
    done = admin.post(url + "respondent/register/", {"given_name": "Farah", "family_name": "Iqbal"})
    assert done.status_code == 302 and Person.objects.filter(given_name="Farah").exists()
    linked = admin.get(url).content.decode()
    assert "their record in the register" in linked and "Link the response" not in linked
    # Partner staff reading the shared project see that a record is linked, not whose it is.
    fieldwork.project.shared_with.add(world.organisation)
    staff = Client()
    staff.force_login(world.user(Role.PARTNER_STAFF))
    shown = staff.get(url).content.decode()
    person = Person.objects.get(given_name="Farah")
    assert "linked to a record in the register" in shown and f"/people/{person.pk}/" not in shown
