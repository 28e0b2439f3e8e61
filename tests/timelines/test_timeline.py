"""Shared timelines: notes and tasks follow what the reader may see; mentions and tasks notify; my work."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.accounts.models import Notification
from assetlink.programmes.models import Role
from assetlink.timelines import selectors, services
from assetlink.timelines.subjects import TimelineOf
from tests import factories


@pytest.fixture
def shared_person(world):
    return factories.make_person(world.programme, share_with=world.organisation)


def test_notes_follow_who_may_see_the_record(world, admin, shared_person):
    caseworker = world.user(Role.PARTNER_STAFF)
    target = TimelineOf(world.programme, shared_person)
    services.add_note(actor=caseworker, target=target, body="Booked the OET for March")
    services.add_note(actor=caseworker, target=target, body="Worried about rent arrears", is_private=True)
    other_staff = factories.make_member(
        world.programme, Role.PARTNER_STAFF, factories.make_partner(world.programme).organisation
    )
    with pytest.raises(PermissionDenied):
        services.add_note(actor=other_staff, target=target, body="Hello")  # cannot see the person
    assert [n.body for n in selectors.timeline(admin, target)] == [
        "Worried about rent arrears",
        "Booked the OET for March",
    ]
    colleague = factories.make_member(world.programme, Role.PARTNER_STAFF, world.organisation)
    assert len(selectors.timeline(colleague, target)) == 2
    client = Client()
    client.force_login(world.user(Role.PARTICIPANT))
    # Participants have no timeline: their own page does not show staff notes.
    shared_person.user = world.user(Role.PARTICIPANT)
    shared_person.save(update_fields=["user"])
    page = client.get(
        reverse("people:detail", kwargs={"slug": world.programme.slug, "person_id": shared_person.pk})
    )
    assert page.status_code == 200 and "Booked the OET" not in page.content.decode()


def test_tasks_and_mentions_notify_and_land_in_my_work(world, admin, shared_person):
    caseworker = world.user(Role.PARTNER_STAFF)
    lead_staff = factories.make_member(world.programme, Role.PARTNER_STAFF, world.lead.organisation)
    target = TimelineOf(world.programme, world.lead.organisation)
    due = datetime.date.today() - datetime.timedelta(days=1)
    task = services.add_note(
        actor=admin,
        target=target,
        body="Send the consortium agreement",
        assignee=caseworker,
        due_on=due,
        mentions=[world.lead.organisation],
    )
    assert Notification.objects.filter(user=caseworker, kind="task_assigned").count() == 1
    assert Notification.objects.filter(user=lead_staff, kind="mentioned").count() == 1
    client = Client()
    client.force_login(caseworker)
    page = client.get(reverse("journeys:my_work", kwargs={"slug": world.programme.slug})).content.decode()
    assert "Send the consortium agreement" in page and "Overdue" in page
    with pytest.raises(PermissionDenied):
        services.complete_task(actor=lead_staff, note=task)
    services.complete_task(actor=caseworker, note=task)
    with pytest.raises(ValidationError):
        services.complete_task(actor=caseworker, note=task)
    page = client.get(reverse("journeys:my_work", kwargs={"slug": world.programme.slug})).content.decode()
    assert "Send the consortium agreement" not in page


def test_a_task_cannot_go_to_someone_who_cannot_see_the_record(world, admin):
    hidden = factories.make_person(world.programme)
    with pytest.raises(ValidationError) as refused:
        services.add_note(
            actor=admin,
            target=TimelineOf(world.programme, hidden),
            body="Call back",
            assignee=world.user(Role.PARTNER_STAFF),
        )
    assert "assignee" in refused.value.message_dict


def test_the_note_form_shows_its_errors_and_keeps_the_text(world, admin, shared_person):
    client = Client()
    client.force_login(admin)
    url = reverse(
        "timelines:note_add",
        kwargs={"slug": world.programme.slug, "subject": "person", "subject_id": shared_person.pk},
    )
    response = client.post(url, {"note-body": "Chase the DBS", "note-due_on": "not a date"})
    assert response.status_code == 422 and "Chase the DBS" in response.content.decode()
    response = client.post(url, {"note-body": "Chase the DBS"})
    assert response.status_code == 302 and "#timeline" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Chase the DBS" in page


def test_the_registers_show_the_timeline_only_through_the_panel_registry():
    """People, organisations and opportunities import nothing of timelines or journeys; timelines adds its
    panel."""
    from pathlib import Path

    from assetlink.web import panels

    assert [panel.template for panel in panels._panels] == ["timelines/includes/timeline.html"]
    for app in ("people", "organisations", "opportunities"):
        source = Path(f"src/assetlink/{app}/views.py").read_text()
        assert "assetlink.journeys" not in source and "assetlink.timelines" not in source, app


def test_every_kind_of_record_with_a_timeline_and_who_registered_it():
    """The registry of subjects: timelines registers the registers' records, journeys adds referrals."""
    from assetlink.timelines.subjects import subjects

    assert {word: subject.label for word, subject in subjects().items()} == {
        "referral": "journeys.referral",
        "person": "people.person",
        "organisation": "organisations.organisation",
        "opportunity": "opportunities.opportunity",
    }


@pytest.mark.django_db
def test_a_timeline_address_of_an_unknown_kind_or_another_programmes_record_is_not_found(
    world, other_world, admin
):
    other_person = factories.make_person(other_world.programme)
    client = Client()
    client.force_login(admin)
    for subject, subject_id in (("spaceship", 1), ("person", other_person.pk)):
        url = reverse(
            "timelines:note_add",
            kwargs={"slug": world.programme.slug, "subject": subject, "subject_id": subject_id},
        )
        assert client.post(url, {"note-body": "Hello"}).status_code == 404
