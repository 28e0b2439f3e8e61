"""People: registration with consent, what staff may see, encryption at rest, self-service, erasure."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from assetlink.audit.models import AccessLogEntry
from assetlink.impact.models import Outcome, OutcomeType
from assetlink.people import erasure, selectors, services
from assetlink.people.models import ConsentPurpose, Person
from assetlink.people.services import ConsentChoice
from assetlink.places.models import Area, PostcodeArea
from assetlink.programmes.models import Role
from tests import factories
from tests.matching.helpers import run_queued_tasks
from tests.stored_text import every_text_column_containing

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"


def staff_of_another_partner(world):
    partner = factories.make_partner(world.programme)
    return factories.make_member(world.programme, Role.PARTNER_STAFF, partner.organisation)


@pytest.mark.django_db
def test_staff_registration_must_record_sharing_with_their_own_organisation(world):
    staff = world.user(Role.PARTNER_STAFF)
    with pytest.raises(ValidationError, match="holds their record"):
        services.register_person(
            actor=staff,
            programme=world.programme,
            consents=[ConsentChoice(ConsentPurpose.MATCHING, True)],
            given_name="Farah",
        )
    person = services.register_person(
        actor=staff,
        programme=world.programme,
        consents=[ConsentChoice(ConsentPurpose.SHARING, True, world.organisation)],
        given_name="Farah",
        email="farah@example.org",
    )
    assert person.reference.startswith("P") and str(person) == person.reference
    assert list(selectors.people_visible_to(staff, world.programme)) == [person]
    assert Outcome.objects.filter(entry_type=OutcomeType.PERSON_ENGAGED, subject_id=str(person.pk)).exists()
    assert Outcome.objects.filter(entry_type=OutcomeType.CONSENT_GIVEN, subject_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_partner_staff_of_an_organisation_without_sharing_consent_cannot_see_the_person(world):
    person = factories.make_person(world.programme, share_with=world.organisation)
    other_staff = staff_of_another_partner(world)
    assert person not in selectors.people_visible_to(other_staff, world.programme)
    client = Client()
    client.force_login(other_staff)
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 403
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/export.json").status_code == 403
    # Once the person agrees to share with that organisation, its staff may see them.
    services.record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        purpose=ConsentPurpose.SHARING,
        given=True,
        organisation=other_staff.memberships.get().organisation,
        method="written",
        evidence="Signed form in the case file",
    )
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 200


@pytest.mark.django_db
def test_withdrawing_sharing_consent_ends_the_caseworkers_access(world):
    staff = world.user(Role.PARTNER_STAFF)
    person = factories.make_person(world.programme, share_with=world.organisation)
    client = Client()
    client.force_login(staff)
    url = f"/p/{world.programme.slug}/people/{person.pk}/"
    assert client.get(url).status_code == 200
    assert AccessLogEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk), viewer=staff
    ).exists()
    services.record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        purpose=ConsentPurpose.SHARING,
        given=False,
        organisation=world.organisation,
        method="verbal",
    )
    assert client.get(url).status_code == 403
    assert person.consents.count() == 3  # the history is kept: matching, sharing given, sharing withdrawn


@pytest.mark.django_db
def test_contact_details_and_right_to_work_are_not_readable_in_the_database(world):
    person = factories.make_person(
        world.programme,
        email="secret.person@example.org",
        phone="07700 900123",
        right_to_work="refugee",
        address="12 Hidden Lane",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email, phone, right_to_work, address FROM people_person WHERE id = %s", [person.pk]
        )
        row = cursor.fetchone()
    assert all(value.startswith("fernet:") for value in row)
    assert "secret.person" not in " ".join(row) and "refugee" not in " ".join(row)
    fresh = Person.objects.get(pk=person.pk)
    assert (
        fresh.email == "secret.person@example.org" and fresh.get_right_to_work_display() == "Refugee status"
    )
    # and the audit trail holds no clear copy either
    from assetlink.audit.models import AuditEntry

    after = AuditEntry.objects.get(action="person.registered", object_id=str(person.pk)).after
    assert after["email"] == "•••" and after["given_name"] == "•••"


@pytest.mark.django_db
def test_postcode_places_a_person_in_their_area(world):
    area = Area.objects.create(programme=world.programme, code="E01", name="Soho", deprivation_decile=1)
    PostcodeArea.objects.create(programme=world.programme, postcode="B66", area=area)
    person = factories.make_person(world.programme, postcode="b66 2ab")
    assert person.area == area and person.postcode == "B66 2AB"


@pytest.mark.django_db
def test_a_participant_edits_their_own_profile_and_adds_what_they_bring(world):
    participant = world.user(Role.PARTICIPANT)
    person = factories.make_person(world.programme, user=participant)
    client = Client()
    client.force_login(participant)
    assert client.get(f"/p/{world.programme.slug}/people/me/").status_code == 302
    base = f"/p/{world.programme.slug}/people/{person.pk}/"
    response = client.post(
        base + "occupations/add/",
        {
            "occupations-occupation": "whatever",
            "occupations-occupation_uri": NURSE,
            "occupations-years": "6",
            "occupations-country": "ng",
        },
    )
    assert response.status_code == 302
    assert person.occupations.get().occupation.uri == NURSE
    # a label typed in full, without choosing a suggestion, is understood too
    client.post(
        base + "skills/add/", {"skills-skill": "Haskell", "skills-level": "basic", "skills-evidence": "self"}
    )
    assert person.skills.get().skill.preferred_label == "Haskell"
    # a bad entry keeps what was typed and says why
    bad = client.post(
        base + "credentials/add/",
        {
            "credentials-kind": "language_test",
            "credentials-name": "IELTS",
            "credentials-status": "",
            "credentials-score": "7.5",
        },
    )
    assert bad.status_code == 422
    assert 'value="7.5"' in bad.text and "This field is required" in bad.text
    # consent withdrawn by the person themself
    client.post(
        base + "consent/",
        {"consent-purpose": "matching", "consent-decision": "withdraw", "consent-method": "self_service"},
    )
    assert not selectors.has_consent(person, ConsentPurpose.MATCHING)
    export = client.get(base + "export.json").json()
    assert export["reference"] == person.reference
    assert export["occupations"][0]["occupation"]["uri"] == NURSE
    assert [c["given"] for c in export["consents"]] == [True, False]


@pytest.mark.django_db
def test_another_participant_cannot_reach_a_record(world):
    person = factories.make_person(world.programme, user=world.user(Role.PARTICIPANT))
    stranger = factories.make_member(world.programme, Role.PARTICIPANT)
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 403
    assert client.get(f"/p/{world.programme.slug}/people/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_person(actor=stranger, person=person, given_name="Hacked")


@pytest.mark.django_db
def test_self_registration_creates_account_profile_and_consent(world):
    world.programme.allows_self_registration = True
    world.programme.save()
    client = Client()
    response = client.post(
        f"/p/{world.programme.slug}/join/",
        {
            "given_name": "Nadia",
            "family_name": "Haddad",
            "email": "nadia@example.org",
            "password": "a-long-and-unusual-passphrase",
            "agree_record": "on",
            "matching": "on",
        },
    )
    assert response.status_code == 200 and "Check your e-mail" in response.text
    person = Person.objects.get(user__email="nadia@example.org")
    assert person.registered_via == "self"
    assert selectors.has_consent(person, ConsentPurpose.MATCHING)
    assert selectors.has_consent(person, ConsentPurpose.SHARING, world.lead.organisation)
    assert client.login(email="nadia@example.org", password="a-long-and-unusual-passphrase")
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 200
    # without the agreement nothing is created and the form keeps what was typed
    again = Client().post(
        f"/p/{world.programme.slug}/join/",
        {"given_name": "Omar", "email": "omar@example.org", "password": "x"},
    )
    assert again.status_code == 200 and 'value="Omar"' in again.text
    assert not Person.objects.filter(given_name="Omar").exists()


@pytest.mark.django_db
def test_self_registration_does_not_tell_a_visitor_who_has_an_account(
    world, other_world, mailoutbox, django_capture_on_commit_callbacks
):
    """An address that has an account (here a member of another programme) gets the same page as a new
    one; only the address's owner learns, by e-mail, that it was already registered."""
    world.programme.allows_self_registration = True
    world.programme.save()
    known = other_world.user(Role.PARTNER_STAFF).email
    answers = {}
    for email in (known, "someone.new@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(
                f"/p/{world.programme.slug}/join/",
                {
                    "given_name": "Ana",
                    "email": email,
                    "password": "a-long-and-unusual-passphrase",
                    "agree_record": "on",
                },
            )
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.text)
        answers[email] = (response.status_code, page.replace(email, "EMAIL"))
    assert answers[known] == answers["someone.new@example.org"]
    assert not Person.objects.filter(programme=world.programme, email=known).exists()
    assert run_queued_tasks("send_email_task") == 2
    by_address = {message.to[0]: message.body for message in mailoutbox}
    assert "already has an account" in by_address[known]
    assert "has been created" in by_address["someone.new@example.org"]


@pytest.mark.django_db
def test_self_registration_is_throttled_per_connection(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    world.programme.allows_self_registration = True
    world.programme.save()
    statuses = []
    for number in range(3):
        statuses.append(
            Client()
            .post(
                f"/p/{world.programme.slug}/join/",
                {
                    "given_name": f"Visitor {number}",
                    "email": f"visitor{number}@example.org",
                    "password": "a-long-and-unusual-passphrase",
                    "agree_record": "on",
                },
            )
            .status_code
        )
    assert statuses == [200, 200, 429]
    assert Person.objects.filter(given_name__startswith="Visitor").count() == 2


@pytest.mark.django_db
def test_self_registration_is_closed_unless_the_programme_opens_it(world):
    assert Client().get(f"/p/{world.programme.slug}/join/").status_code == 404


@pytest.mark.django_db
def test_erasure_leaves_no_trace_of_name_or_contact_details_while_counts_survive(world):
    admin = world.user(Role.PROGRAMME_ADMIN)
    world.programme.allows_self_registration = True
    world.programme.save()
    client = Client()
    client.post(
        f"/p/{world.programme.slug}/join/",
        {
            "given_name": "Zebulon",
            "family_name": "Quillfeather",
            "email": "zeb.quill@example.org",
            "password": "a-long-and-unusual-passphrase",
            "agree_record": "on",
            "matching": "on",
        },
    )
    person = Person.objects.get(family_name="Quillfeather")
    services.update_person(actor=admin, person=person, phone="07700 955512", address="4 Quill Street")
    services.add_item(actor=admin, person=person, part="languages", language="ar", level="native")
    services.request_erasure(actor=person.user, person=person)
    staff_client = Client()
    staff_client.force_login(admin)
    staff_client.get(f"/p/{world.programme.slug}/people/{person.pk}/")  # an access-log entry
    staff_client.get(f"/p/{world.programme.slug}/members/")
    staff_client.get(f"/p/{world.programme.slug}/audit/?person=Quillfeather")
    engaged_before = Outcome.objects.filter(
        programme=world.programme, entry_type=OutcomeType.PERSON_ENGAGED
    ).count()
    for needle in ("Quillfeather", "zeb.quill", "Zebulon", "Quill Street", "955512"):
        assert every_text_column_containing(needle) or needle in {"Quill Street", "955512"}, needle

    response = staff_client.post(
        f"/p/{world.programme.slug}/people/{person.pk}/erase/", {"confirm": person.reference}
    )
    assert response.status_code == 302

    for needle in ("Quillfeather", "zeb.quill", "Zebulon", "Quill Street", "955512"):
        assert every_text_column_containing(needle) == [], needle
    person.refresh_from_db()
    assert person.erased_at is not None and person.given_name == "" and person.email == ""
    assert (
        Outcome.objects.filter(programme=world.programme, entry_type=OutcomeType.PERSON_ENGAGED).count()
        == engaged_before
    )
    assert not person.languages.exists()
    assert not person.user.is_active
    # the erased person's former account cannot sign in
    assert not Client().login(email="zeb.quill@example.org", password="a-long-and-unusual-passphrase")


@pytest.mark.django_db
def test_only_a_programme_admin_erases(world):
    person = factories.make_person(world.programme, share_with=world.organisation)
    with pytest.raises(PermissionDenied):
        erasure.erase_person(actor=world.user(Role.PARTNER_STAFF), person=person)


@pytest.mark.django_db
def test_api_shows_a_person_only_with_consent_and_logs_every_read(world):
    from assetlink.accounts.services import create_api_token

    person = factories.make_person(world.programme, share_with=world.organisation, email="api@example.org")
    _token, secret = create_api_token(actor=world.user(Role.PARTNER_STAFF), name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    url = f"/api/v1/programmes/{world.programme.slug}/people/{person.pk}"
    response = Client().get(url, **headers)
    assert response.status_code == 200 and response.json()["email"] == "api@example.org"
    assert AccessLogEntry.objects.filter(object_id=str(person.pk), channel="api").count() == 1
    listed = Client().get(f"/api/v1/programmes/{world.programme.slug}/people", **headers).json()
    assert [item["reference"] for item in listed["items"]] == [person.reference]
    other = staff_of_another_partner(world)
    _token, other_secret = create_api_token(actor=other, name="test")
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {other_secret}").status_code == 403
    assert (
        Client()
        .get(f"/api/v1/programmes/{world.programme.slug}/people", HTTP_AUTHORIZATION=f"Bearer {other_secret}")
        .json()["items"]
        == []
    )


@pytest.mark.django_db
def test_field_keys_rotate_without_losing_data(world, settings):
    import io

    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ASSETLINK_FIELD_KEYS = old
    person = factories.make_person(world.programme, email="rotate@example.org")
    settings.ASSETLINK_FIELD_KEYS = f"{new},{old}"
    call_command("rotate_field_keys", stdout=io.StringIO())
    settings.ASSETLINK_FIELD_KEYS = new  # the old key is gone
    assert Person.objects.get(pk=person.pk).email == "rotate@example.org"


@pytest.mark.django_db
def test_staff_record_a_consent_for_someone_only_with_how_and_evidence_and_the_person_is_told(world):
    """The review's finding: a caseworker's API call gave another organisation access with no evidence."""
    import json

    from assetlink.accounts.services import create_api_token
    from assetlink.people.models import Consent

    caseworker = world.user(Role.PARTNER_STAFF)
    person = factories.make_person(
        world.programme, share_with=world.organisation, user=world.user(Role.PARTICIPANT)
    )
    other = factories.make_partner(world.programme).organisation
    _token, secret = create_api_token(actor=caseworker, name="consent")
    url = f"/api/v1/programmes/{world.programme.slug}/people/{person.pk}/consents"

    def post(body):
        return Client().post(
            url, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )

    before = Consent.objects.count()
    refused = post({"purpose": "sharing", "organisation_id": other.pk})
    assert refused.status_code == 422 and "method" in refused.json()["detail"]
    refused = post({"purpose": "sharing", "organisation_id": other.pk, "method": "verbal"})
    assert refused.status_code == 422 and "evidence" in refused.json()["detail"]
    refused = post(
        {"purpose": "sharing", "organisation_id": other.pk, "method": "self_service", "evidence": "x"}
    )
    assert refused.status_code == 422
    assert Consent.objects.count() == before
    assert not selectors.has_consent(person, ConsentPurpose.SHARING, other)
    accepted = post(
        {
            "purpose": "sharing",
            "organisation_id": other.pk,
            "method": "verbal",
            "evidence": "Phone call of 3 March, recorded",
        }
    )
    assert accepted.status_code == 201
    consent = Consent.objects.latest("pk")
    assert (consent.method, consent.evidence, consent.recorded_by) == (
        "verbal",
        "Phone call of 3 March, recorded",
        caseworker,
    )
    notice = person.user.notifications.get(kind="consent_recorded")
    assert notice.params["organisation"] == other.name
    # Worded in the reader's language when read, whatever the recorder's language was.
    reader = Client()
    reader.force_login(person.user)
    inbox = reader.get("/account/notifications/", HTTP_ACCEPT_LANGUAGE="es").text
    assert "Compartir con una organización concreta" in inbox and "otorgado" in inbox
    assert "Sharing with a named organisation" not in inbox
    # The person's own page shows who recorded it and on what evidence.
    client = Client()
    client.force_login(person.user)
    page = client.get(f"/p/{world.programme.slug}/people/{person.pk}/").text
    assert "Phone call of 3 March, recorded" in page
    # The person decides for themself without evidence.
    from assetlink.people.services import record_consent

    record_consent(actor=person.user, person=person, purpose=ConsentPurpose.RESEARCH, given=True)


@pytest.mark.django_db
def test_registering_someone_who_shares_with_other_partners_needs_evidence(world):
    """The same door at registration: staff may not let another organisation see a new record without
    saying what records the person's agreement; the form keeps what was typed."""
    from assetlink.people.models import Consent

    staff = world.user(Role.PARTNER_STAFF)
    other = factories.make_partner(world.programme).organisation
    consents = [
        ConsentChoice(ConsentPurpose.SHARING, True, world.organisation),
        ConsentChoice(ConsentPurpose.SHARING, True, other),
    ]
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.register_person(
            actor=staff, programme=world.programme, consents=consents, given_name="Idris"
        )
    assert other.name in str(error.value.message_dict["evidence"])
    assert Person.objects.count() == before
    client = Client()
    client.force_login(staff)
    page = client.post(
        f"/p/{world.programme.slug}/people/new/",
        {
            "profile-given_name": "Idris",
            "consent-share_with": [world.organisation.pk, other.pk],
            "consent-method": "written",
        },
    )
    assert page.status_code == 200 and 'value="Idris"' in page.text and "registration form" in page.text
    assert Person.objects.count() == before
    person = services.register_person(
        actor=staff,
        programme=world.programme,
        consents=consents,
        given_name="Idris",
        evidence="Signed registration form, ref. 2291",
    )
    assert (
        Consent.objects.get(person=person, organisation=other).evidence
        == "Signed registration form, ref. 2291"
    )
    # Sharing with one's own organisation only is part of registering and needs nothing more.
    services.register_person(
        actor=staff,
        programme=world.programme,
        consents=[ConsentChoice(ConsentPurpose.SHARING, True, world.organisation)],
        given_name="Lena",
    )
