"""Notifications: one per event, grouped by what they are about, a person named only to those who may see
the person, and by e-mail at once or in a daily digest as each user chooses (sent by the worker)."""

import datetime

import pytest
from django.utils import timezone

from assetlink.accounts import services
from assetlink.accounts.models import Notification, NotificationSetting
from assetlink.programmes.models import Role
from tests.factories import make_person
from tests.http import signed_in
from tests.matching.helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


def strong_match(world, user, person, opportunity="Staff Nurse", event="strong_match:1:2"):
    return services.notify(
        user=user,
        kind="strong_match",
        params={"person": person.reference, "opportunity": opportunity},
        programme=world.programme,
        event=event,
    )


def test_one_notification_per_event_grouped_and_naming_people_only_for_their_readers(world):
    person = make_person(
        world.programme, share_with=world.organisation, given_name="Amara", family_name="Okafor"
    )
    caseworker, enterprise = world.user(Role.PARTNER_STAFF), world.user(Role.ENTERPRISE_MEMBER)
    assert strong_match(world, caseworker, person) is not None
    assert strong_match(world, caseworker, person) is None  # the same event again: no second notice
    strong_match(world, enterprise, person)
    assert Notification.objects.filter(user=caseworker).count() == 1
    page = signed_in(caseworker).get("/account/notifications/").content.decode()
    assert "Strong new matches (1)" in page and "A strong new match for Amara Okafor" in page
    other = signed_in(enterprise).get("/account/notifications/").content.decode()
    assert person.reference in other and "Amara" not in other  # not a reader of the person's record


def test_e_mail_at_once_or_in_a_daily_digest(world, mailoutbox, django_capture_on_commit_callbacks):
    person = make_person(world.programme, share_with=world.organisation)
    caseworker, admin = world.user(Role.PARTNER_STAFF), world.user(Role.PROGRAMME_ADMIN)
    response = signed_in(caseworker).post("/account/notifications/", {"email": "immediate"})
    assert response.status_code == 302
    services.save_notification_setting(actor=admin, email="daily")
    with django_capture_on_commit_callbacks(execute=True):
        strong_match(world, caseworker, person, event="a")
        strong_match(world, admin, person, opportunity="Porter", event="b")
        strong_match(world, admin, person, opportunity="Cleaner", event="c")
    assert run_queued_tasks("send_email_task") == 1
    assert mailoutbox[0].to == [caseworker.email] and "Staff Nurse" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert run_queued_tasks("send_email_task") == 1
    digest = mailoutbox[1]
    assert digest.to == [admin.email] and "2 new notifications" in digest.subject
    assert "Porter" in digest.body and "Cleaner" in digest.body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(timezone.now() + datetime.timedelta(seconds=2)) == 0  # nothing new since
    assert NotificationSetting.objects.get(user=admin).last_digest_at is not None
    refused = signed_in(caseworker).post("/account/notifications/", {"email": "hourly"})
    assert refused.status_code == 422
