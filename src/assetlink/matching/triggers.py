"""Matching's handlers of domain events: queue the recomputation of the matches that a change affects
(delivered after the writing transaction commits; the worker recomputes)."""

from __future__ import annotations

from assetlink import events


def refresh_person(event: events.PersonChanged | events.ConsentChanged) -> None:
    """A person's profile or consent changed: their matches are recomputed in the background."""
    from assetlink.matching.tasks import refresh_person_task

    refresh_person_task.enqueue(person_id=event.person_id)


def refresh_opportunity(event: events.OpportunityChanged) -> None:
    """An opportunity changed: its candidates are recomputed in the background."""
    from assetlink.matching.tasks import refresh_opportunity_task

    refresh_opportunity_task.enqueue(opportunity_id=event.opportunity_id)


def refresh_organisation(event: events.OrganisationChanged) -> None:
    """An organisation changed: the open contracts and challenges it may serve are rematched."""
    from assetlink.matching.tasks import refresh_organisation_task

    refresh_organisation_task.enqueue(organisation_id=event.organisation_id)


def subscribe() -> None:
    events.subscribe(events.PersonChanged, refresh_person)
    events.subscribe(events.ConsentChanged, refresh_person)
    events.subscribe(events.OpportunityChanged, refresh_opportunity)
    events.subscribe(events.OrganisationChanged, refresh_organisation)
