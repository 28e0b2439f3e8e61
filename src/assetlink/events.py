"""Domain events: a lower layer says what happened, higher layers subscribe, and are told after commit.

Events are small frozen dataclasses named in the past tense of the domain. A subscriber registers its
handlers in its `AppConfig.ready` with `subscribe`; a service calls `publish` inside its transaction,
and each handler runs once that transaction has committed (never for a write that rolled back).
`handlers()` lists the whole registry, which a test compares with what docs/architecture.md says.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction


@dataclass(frozen=True, slots=True)
class PersonChanged:
    """A person's profile, or a part of it (languages, skills, credentials…), changed."""

    person_id: int


@dataclass(frozen=True, slots=True)
class ConsentChanged:
    """A person gave or withdrew consent for one purpose."""

    person_id: int
    purpose: str


@dataclass(frozen=True, slots=True)
class OpportunityChanged:
    """An opportunity, its requirements or its status changed."""

    opportunity_id: int


@dataclass(frozen=True, slots=True)
class OrganisationChanged:
    """An organisation's profile or what a programme recorded of it changed."""

    organisation_id: int


Event = PersonChanged | ConsentChanged | OpportunityChanged | OrganisationChanged
EVENT_TYPES: tuple[type[Any], ...] = (PersonChanged, ConsentChanged, OpportunityChanged, OrganisationChanged)

_registry: dict[type[Any], list[Callable[[Any], None]]] = defaultdict(list)
_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("events_deferred", default=False)


def subscribe(event_type: type[Any], handler: Callable[[Any], None]) -> None:
    """Have `handler(event)` called after commit for every published event of this type (once)."""
    if event_type not in EVENT_TYPES:
        raise TypeError(f"{event_type!r} is not a domain event")
    if handler not in _registry[event_type]:
        _registry[event_type].append(handler)


def publish(event: Event) -> None:
    """Tell the subscribers once the current transaction commits (at once outside a transaction)."""
    if _deferred.get():
        return
    for handler in list(_registry[type(event)]):
        transaction.on_commit(functools.partial(handler, event))


@contextlib.contextmanager
def events_deferred() -> Iterator[None]:
    """Within this block nothing is delivered: bulk loads, whose caller brings every subscriber up to
    date once at the end (the demo recomputes each programme's matches after building it)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def handlers() -> dict[str, list[str]]:
    """Every event and the dotted names of its handlers, for tests and docs."""
    return {
        event_type.__name__: [
            f"{handler.__module__}.{handler.__qualname__}" for handler in _registry[event_type]
        ]
        for event_type in EVENT_TYPES
    }
