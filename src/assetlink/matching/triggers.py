"""Queue recomputation of matches when something they depend on changes (called by other apps' services
inside their transactions; the task is queued only once the transaction commits)."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.db import transaction

_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("matching_deferred", default=False)


@contextlib.contextmanager
def deferred_matching() -> Iterator[None]:
    """Within this block, changes queue no recomputation (bulk loads recompute once at the end)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def _queue(task_name: str, **arguments: Any) -> None:
    if _deferred.get():
        return

    def enqueue() -> None:
        from assetlink.matching import tasks

        getattr(tasks, task_name).enqueue(**arguments)

    transaction.on_commit(enqueue)


def schedule_person(person: Any) -> None:
    """A person's profile or consent changed: their matches are recomputed in the background."""
    _queue("refresh_person_task", person_id=person.pk)


def schedule_opportunity(opportunity: Any) -> None:
    """An opportunity changed: its candidates are recomputed in the background."""
    _queue("refresh_opportunity_task", opportunity_id=opportunity.pk)


def schedule_organisation(organisation: Any) -> None:
    """An organisation changed: the open contracts and challenges it may serve are rematched."""
    _queue("refresh_organisation_task", organisation_id=organisation.pk)
