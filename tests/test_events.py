"""Domain events: the registry as documented, delivery only after commit, none while deferred."""

from __future__ import annotations

import pytest
from django.db import transaction

from assetlink import events


def test_every_event_and_its_handlers():
    """The whole registry: what each event tells which app (docs/architecture.md lists the same)."""
    assert events.handlers() == {
        "PersonChanged": ["assetlink.matching.triggers.refresh_person"],
        "ConsentChanged": ["assetlink.matching.triggers.refresh_person"],
        "OpportunityChanged": ["assetlink.matching.triggers.refresh_opportunity"],
        "OrganisationChanged": ["assetlink.matching.triggers.refresh_organisation"],
    }


@pytest.fixture
def heard(monkeypatch):
    """A listener of OrganisationChanged for the length of one test."""
    seen: list[int] = []
    registry = {**events._registry}
    monkeypatch.setattr(
        events,
        "_registry",
        {**registry, events.OrganisationChanged: [lambda e: seen.append(e.organisation_id)]},
    )
    return seen


@pytest.mark.django_db
def test_a_handler_hears_only_what_was_committed(heard, django_capture_on_commit_callbacks):
    # (The test itself runs in a transaction: the helper runs what a commit would run.)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        events.publish(events.OrganisationChanged(1))
        assert heard == []  # not before the commit
    assert heard == [1]
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        events.publish(events.OrganisationChanged(2))
        raise RuntimeError("rolled back")
    assert heard == [1]
    with django_capture_on_commit_callbacks(execute=True), events.events_deferred(), transaction.atomic():
        events.publish(events.OrganisationChanged(3))
    assert heard == [1]


def test_only_domain_events_can_be_subscribed_to():
    with pytest.raises(TypeError):
        events.subscribe(dict, print)


@pytest.mark.django_db
def test_a_change_of_a_register_queues_matching_without_the_register_knowing_matching(
    world, django_capture_on_commit_callbacks
):
    """People, organisations and opportunities publish; matching's handler queues the recomputation."""
    from django_tasks_db.models import DBTaskResult

    from assetlink.people import services
    from assetlink.programmes.models import Role
    from tests import factories

    person = factories.make_person(world.programme)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_person(actor=world.user(Role.PROGRAMME_ADMIN), person=person, given_name="Changed")
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "assetlink.matching.tasks.refresh_person_task"
    ]
    from pathlib import Path

    source = "".join(
        Path(f"src/assetlink/{app}/services.py").read_text()
        for app in ("people", "organisations", "opportunities")
    )
    assert "assetlink.matching" not in source
