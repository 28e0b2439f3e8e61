"""Writing the catalogue: drafts by editors, published by another reviewer, subscribers told; networks;
event registrations with a waiting list; subscriptions confirmed by e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from assetlink.catalogue import selectors, services
from assetlink.catalogue.models import PracticeStatus, RegistrationStatus, Subscription
from tests import factories
from tests.catalogue.conftest import TEXTS, conference, publish, write
from tests.matching.helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_a_practice_needs_its_original_language_and_a_title_in_each_language_it_has(catalogue):
    with pytest.raises(ValidationError, match="original language"):
        write(catalogue.editor, "no-english", [], texts={"es": TEXTS["es"]})
    with pytest.raises(ValidationError) as refused:
        write(
            catalogue.editor, "half-spanish", [], texts={"en": TEXTS["en"], "es": {"summary": "Sin título"}}
        )
    assert "title_es" in refused.value.error_dict
    with pytest.raises(ValidationError, match="address name"):
        write(catalogue.editor, "use-it-birmingham", [])
    with pytest.raises(PermissionDenied):
        write(factories.make_user(), "stranger", [])


def test_a_practice_is_published_by_a_reviewer_other_than_its_author(catalogue):
    practice = catalogue.practice
    with pytest.raises(ValidationError, match="awaiting review"):
        services.publish(actor=catalogue.reviewer, practice=practice)
    services.submit_for_review(actor=catalogue.editor, practice=practice)
    with pytest.raises(PermissionDenied):
        services.publish(actor=catalogue.editor, practice=practice)
    own = write(catalogue.reviewer, "reviewers-own", [catalogue.jobs])
    services.submit_for_review(actor=catalogue.reviewer, practice=own)
    with pytest.raises(ValidationError, match="Another reviewer"):
        services.publish(actor=catalogue.reviewer, practice=own)
    services.publish(actor=catalogue.reviewer, practice=practice)
    assert practice.status == PracticeStatus.PUBLISHED and practice.reviewed_by == catalogue.reviewer
    # Published, it is corrected by a reviewer, not by an editor.
    with pytest.raises(PermissionDenied):
        write(catalogue.editor, "use-it-birmingham", [], practice=practice)
    write(
        catalogue.reviewer,
        "use-it-birmingham",
        [catalogue.jobs],
        practice=practice,
        city_population=1_145_000,
    )


def test_a_reviewer_sends_a_practice_back_with_a_note(catalogue):
    services.submit_for_review(actor=catalogue.editor, practice=catalogue.practice)
    with pytest.raises(ValidationError, match="should change"):
        services.send_back(actor=catalogue.reviewer, practice=catalogue.practice, note=" ")
    services.send_back(actor=catalogue.reviewer, practice=catalogue.practice, note="Add the results.")
    assert catalogue.practice.status == PracticeStatus.DRAFT


def test_texts_fall_back_to_the_original_language(catalogue):
    practice = write(catalogue.editor, "english-only", [], texts={"en": TEXTS["en"]})
    assert selectors.text_of(practice, "sl").language == "en"
    assert selectors.text_of(catalogue.practice, "sl").title.startswith("Skupnostni")


def test_confirmed_subscribers_of_its_themes_are_told_when_a_practice_is_published(
    catalogue, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follower = services.subscribe(email="Follower@Example.org", themes=[catalogue.jobs], language="es")
        services.subscribe(email="unconfirmed@example.org", themes=[catalogue.jobs])
        other = services.subscribe(email="other@example.org", themes=[catalogue.cohesion])
    assert run_queued_tasks("send_email_task") == 3
    confirm_link = next(line for line in mailoutbox[0].body.splitlines() if "/confirm/" in line)
    token = confirm_link.split("/subscribe/")[1].split("/confirm/")[0]
    services.confirm_subscription(token=token)
    services.confirm_subscription(token=signing.dumps(other.pk, salt=services.CONFIRM_SALT))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(catalogue, catalogue.practice)
    assert run_queued_tasks("send_email_task") == 1
    [told] = mailoutbox
    assert told.to == ["follower@example.org"]
    assert "Investigadores comunitarios" in told.subject and "/practices/use-it-birmingham/" in told.body
    leave = next(line for line in told.body.splitlines() if "/unsubscribe/" in line).split("/unsubscribe/")[1]
    services.unsubscribe(token=leave.strip("/"))
    assert not Subscription.objects.filter(pk=follower.pk).exists()
    with pytest.raises(ValidationError, match="not valid"):
        services.confirm_subscription(token="forged")


def test_an_event_fills_up_and_a_cancelled_place_goes_to_the_first_waiting(catalogue):
    event = conference(catalogue)
    first, first_token = services.register(event=event, name="Ana", email="ana@example.org")
    second, _token = services.register(event=event, name="Borut", email="borut@example.org")
    third, _token = services.register(event=event, name="Cene", email="cene@example.org")
    assert [first.status, second.status, third.status] == ["registered", "waiting", "waiting"]
    with pytest.raises(ValidationError, match="registered for the event already"):
        services.register(event=event, name="Ana again", email="ANA@example.org")
    services.cancel_registration(token=first_token)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.REGISTERED and third.status == RegistrationStatus.WAITING
    with pytest.raises(ValidationError, match="cancelled already"):
        services.cancel_registration(token=first_token)
    event.registration_open = False
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        services.register(event=event, name="Dita", email="dita@example.org")
    with pytest.raises(ValidationError, match="ends after"):
        services.add_session(
            actor=catalogue.editor,
            event=event,
            starts_at=datetime.datetime(2022, 11, 8, 10, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2022, 11, 8, 9, tzinfo=datetime.UTC),
            titles={"en": "Opening"},
        )
