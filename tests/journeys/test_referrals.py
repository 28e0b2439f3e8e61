"""Closed-loop referrals: consent decides whether a referral may be sent and what the receiver sees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.accounts.models import Notification
from assetlink.impact.models import Outcome
from assetlink.journeys import services
from assetlink.journeys.models import Referral, ReferralStatus
from assetlink.people.services import add_item, record_consent
from assetlink.programmes.models import Role
from tests import factories


@pytest.fixture
def sender(world):
    """Staff of a partner that supports the person (their caseworker), in another organisation."""
    partner = factories.make_partner(world.programme)
    return factories.make_member(world.programme, Role.PARTNER_STAFF, partner.organisation)


@pytest.fixture
def person(world, sender):
    organisation = sender.memberships.get().organisation
    person = factories.make_person(
        world.programme, share_with=organisation, email="amara@example.org", phone="07700 900123"
    )
    add_item(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        part="qualifications",
        title="BSc Nursing",
        awarding_country="NG",
        eqf_level=6,
    )
    return person


@pytest.fixture
def service(world, admin):
    """A service of world.organisation, whose staff member is world.user(PARTNER_STAFF)."""
    return services.save_service(
        actor=admin, programme=world.programme, organisation=world.organisation, name="NMC exam coaching"
    )


def consent_to_referral(world, person, organisation, parts=("name", "qualifications")):
    record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        purpose="referral",
        given=True,
        organisation=organisation,
        method="written",
        evidence="Signed form in the case file",
        parts=parts,
    )


def test_a_referral_without_the_matching_consent_is_refused_and_nothing_is_written(
    world, sender, person, service
):
    with pytest.raises(ValidationError) as refused:
        services.send_referral(actor=sender, person=person, service=service, reason="Exam practice")
    message = " ".join(refused.value.messages)
    assert person.reference in message and world.organisation.name in message
    assert "has not agreed to be referred" in message
    assert not Referral.objects.exists()
    assert not Outcome.objects.filter(entry_type="person.referred").exists()


def test_the_refusal_is_shown_on_the_form_and_keeps_what_was_typed(world, sender, person, service):
    client = Client()
    client.force_login(sender)
    url = reverse("journeys:refer", kwargs={"slug": world.programme.slug, "person_id": person.pk})
    response = client.post(url, {"service": service.pk, "reason": "Exam practice, twice a week"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "has not agreed to be referred to" in page
    assert "Exam practice, twice a week" in page


def test_the_receiver_sees_only_the_consented_parts_on_the_page_and_in_the_api(
    world, sender, person, service
):
    consent_to_referral(world, person, world.organisation)
    referral = services.send_referral(actor=sender, person=person, service=service, reason="Exam practice")
    receiver = world.user(Role.PARTNER_STAFF)
    client = Client()
    client.force_login(receiver)
    page = client.get(
        reverse("journeys:referral", kwargs={"slug": world.programme.slug, "referral_id": referral.pk})
    ).content.decode()
    assert person.display_name in page and "BSc Nursing" in page
    assert "amara@example.org" not in page and "07700 900123" not in page
    assert "Open the whole record" not in page
    # The receiver may not open the person's record itself.
    record_url = reverse("people:detail", kwargs={"slug": world.programme.slug, "person_id": person.pk})
    assert client.get(record_url).status_code == 403
    from assetlink.accounts.services import create_api_token

    _token, secret = create_api_token(actor=receiver, name="receiver")
    body = (
        Client()
        .get(
            f"/api/v1/programmes/{world.programme.slug}/referrals/{referral.pk}",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        .json()
    )
    assert {item["part"] for item in body["shared"]} == {"name", "qualifications"}
    assert "amara@example.org" not in str(body)
    assert body["whole_record"] is False
    # The sender, who holds the whole record, sees it all.
    client.force_login(sender)
    page = client.get(
        reverse("journeys:referral", kwargs={"slug": world.programme.slug, "referral_id": referral.pk})
    ).content.decode()
    assert "amara@example.org" in page


def test_withdrawn_consent_leaves_the_receiver_only_the_reference(world, sender, person, service):
    consent_to_referral(world, person, world.organisation)
    referral = services.send_referral(actor=sender, person=person, service=service, reason="Exam practice")
    record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        purpose="referral",
        given=False,
        organisation=world.organisation,
        method="written",
    )
    client = Client()
    client.force_login(world.user(Role.PARTNER_STAFF))
    page = client.get(
        reverse("journeys:referral", kwargs={"slug": world.programme.slug, "referral_id": referral.pk})
    ).content.decode()
    assert person.reference in page and person.display_name not in page and "BSc Nursing" not in page


def test_the_loop_closes_with_notifications_and_ledger_entries(world, sender, person, service):
    consent_to_referral(world, person, world.organisation)
    receiver = world.user(Role.PARTNER_STAFF)
    referral = services.send_referral(actor=sender, person=person, service=service, reason="Exam practice")
    assert Notification.objects.filter(user=receiver, kind="referral_received").count() == 1
    sent = Outcome.objects.get(entry_type="person.referred")
    assert sent.related_id == str(referral.pk) and sent.recording_organisation == referral.from_organisation
    with pytest.raises(ValidationError):
        services.complete_referral(actor=receiver, referral=referral, result="achieved")  # not accepted yet
    with pytest.raises(PermissionDenied):
        services.answer_referral(actor=sender, referral=referral, accept=True)  # only the receiver answers
    services.answer_referral(actor=receiver, referral=referral, accept=True)
    assert referral.complete_by == referral.answered_on + datetime.timedelta(
        days=service.complete_within_days
    )
    assert Notification.objects.filter(user=sender, kind="referral_accepted").count() == 1
    services.complete_referral(actor=receiver, referral=referral, result="achieved", note="Passed the OSCE")
    completed = Outcome.objects.get(entry_type="referral.completed")
    assert completed.data["result"] == "achieved" and completed.recording_organisation == world.organisation
    assert Notification.objects.filter(user=sender, kind="referral_completed").count() == 1
    assert referral.status == ReferralStatus.COMPLETED


def test_declining_needs_a_reason_and_overdue_referrals_are_flagged(world, sender, person, service):
    consent_to_referral(world, person, world.organisation)
    long_ago = datetime.date.today() - datetime.timedelta(days=20)
    referral = services.send_referral(
        actor=sender, person=person, service=service, reason="Exam practice", sent_on=long_ago
    )
    assert referral.is_overdue
    receiver = world.user(Role.PARTNER_STAFF)
    client = Client()
    client.force_login(receiver)
    inbox = client.get(reverse("journeys:referrals", kwargs={"slug": world.programme.slug}) + "?overdue=1")
    assert referral.reference in inbox.content.decode() and "Overdue" in inbox.content.decode()
    with pytest.raises(ValidationError) as no_reason:
        services.answer_referral(actor=receiver, referral=referral, accept=False)
    assert "reason" in no_reason.value.message_dict
    services.answer_referral(
        actor=receiver, referral=referral, accept=False, reason="Course is full until May"
    )
    assert referral.status == ReferralStatus.DECLINED and not referral.is_overdue


def test_a_third_partner_neither_sees_nor_answers_the_referral(world, sender, person, service):
    consent_to_referral(world, person, world.organisation)
    referral = services.send_referral(actor=sender, person=person, service=service, reason="Exam practice")
    third = factories.make_member(
        world.programme, Role.PARTNER_STAFF, factories.make_partner(world.programme).organisation
    )
    client = Client()
    client.force_login(third)
    url = reverse("journeys:referral", kwargs={"slug": world.programme.slug, "referral_id": referral.pk})
    assert client.get(url).status_code == 403
    inbox = client.get(reverse("journeys:referrals", kwargs={"slug": world.programme.slug})).content.decode()
    assert referral.reference not in inbox
    with pytest.raises(PermissionDenied):
        services.answer_referral(actor=third, referral=referral, accept=True)


def test_overdue_referrals_are_reminded_once_per_late_step(world, sender, person, service):
    consent_to_referral(world, person, world.organisation)
    receiver = world.user(Role.PARTNER_STAFF)
    sent_on = datetime.date.today() - datetime.timedelta(days=40)
    referral = services.send_referral(
        actor=sender, person=person, service=service, reason="Exam", sent_on=sent_on
    )
    assert services.remind_overdue_referrals() == 1
    assert services.remind_overdue_referrals() == 0
    assert Notification.objects.filter(user=receiver, kind="referral_overdue").count() == 1
    assert Notification.objects.filter(user=sender, kind="referral_overdue").count() == 1
    services.answer_referral(
        actor=receiver, referral=referral, accept=True, answered_on=sent_on + datetime.timedelta(days=2)
    )
    assert services.remind_overdue_referrals() == 1  # the outcome is late now (30 days after acceptance)
    assert services.remind_overdue_referrals() == 0


@pytest.mark.django_db
def test_a_partner_that_accepted_a_referral_records_what_came_of_it(world):
    """The ground journeys adds to the ledger's rule: only once the referral is accepted."""
    import datetime

    from django.core.exceptions import PermissionDenied

    from assetlink.impact.services import record_outcome
    from assetlink.journeys import services as journeys
    from assetlink.people.models import ConsentPurpose
    from assetlink.people.services import record_consent

    admin = world.user(Role.PROGRAMME_ADMIN)
    receiver = factories.make_partner(world.programme).organisation
    receiver_staff = factories.make_member(world.programme, Role.PARTNER_STAFF, receiver)
    person = factories.make_person(world.programme, share_with=receiver)
    # Not the person's caseworker through sharing: the referral is the only ground left.
    record_consent(
        actor=admin,
        person=person,
        purpose=ConsentPurpose.REFERRAL,
        given=True,
        organisation=receiver,
        method="written",
        evidence="Signed referral form",
        parts=("name",),
    )
    record_consent(
        actor=admin,
        person=person,
        purpose=ConsentPurpose.SHARING,
        given=False,
        organisation=receiver,
        method="written",
    )
    service = journeys.save_service(
        actor=admin, programme=world.programme, organisation=receiver, name="Jobs"
    )
    referral = journeys.send_referral(actor=admin, person=person, service=service, reason="Work")

    def record() -> None:
        record_outcome(
            actor=type(receiver_staff).objects.get(pk=receiver_staff.pk),
            programme=world.programme,
            entry_type="job.started",
            subject=person,
            occurred_on=datetime.date(2025, 6, 1),
            evidence="Contract signed",
        )

    with pytest.raises(PermissionDenied):
        record()
    journeys.answer_referral(actor=receiver_staff, referral=referral, accept=True)
    record()


def test_a_referral_to_a_job_links_to_it_and_its_answer_is_a_named_group(world, sender, person):
    from assetlink.opportunities import services as opportunity_services

    admin = world.user(Role.PROGRAMME_ADMIN)
    from assetlink.taxonomy.selectors import concepts_labelled

    job = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Porter",
        owner=world.organisation,
        occupation=concepts_labelled("hospital porter", kind="occupation")[0],
    )
    opportunity_services.change_status(actor=admin, opportunity=job, status="open")
    consent_to_referral(world, person, world.organisation)
    referral = services.send_referral(actor=sender, person=person, opportunity=job, reason="Ready now")
    client = Client()
    client.force_login(world.user(Role.PARTNER_STAFF))
    page = client.get(
        reverse("journeys:referral", kwargs={"slug": world.programme.slug, "referral_id": referral.pk})
    ).content.decode()
    assert f'href="/p/{world.programme.slug}/opportunities/{job.pk}/">Porter</a>' in page
    # Accept or decline: a group of radio buttons named by its legend.
    answer = page[page.index('id="answer-title"') :]
    assert '<fieldset class="field field--group' in answer and "<legend>Answer" in answer
