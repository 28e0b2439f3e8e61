"""The registry of what other apps hold about a person: each app that keeps records of people registers,
in its `AppConfig.ready`, how to export them (the person's own data download) and how to erase them.
`people.erasure` iterates the registry, so people never imports the apps above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assetlink.people.models import Person

ERASED = "[erased]"


@dataclass(frozen=True)
class PersonalData:
    """One kind of record about a person that an app keeps.

    `models` names every model (app_label.ModelName) whose rows this entry exports or erases, so that a
    test can prove each model pointing at a person is covered. `export` returns what goes under `name`
    in the person's data download (None: nothing to show); `erase` removes or blanks what would
    identify the person, keeping anonymous history where figures rely on it.
    """

    name: str
    models: tuple[str, ...]
    export: Callable[[Person], Any] | None = None
    erase: Callable[[Person], None] | None = None


_registry: dict[str, PersonalData] = {}


def register_personal_data(entry: PersonalData) -> None:
    """Add (or replace, by name) what one app keeps about people."""
    _registry[entry.name] = entry


def personal_data() -> list[PersonalData]:
    """Every registered kind of record about people, in registration order."""
    return list(_registry.values())


def plain(value: Any) -> Any:
    """A value as JSON takes it (dates as ISO text, decimals as numbers)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
