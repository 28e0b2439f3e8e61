"""Panels that apps above add to the pages of records below them (journeys: the notes-and-tasks timeline
on the page of a person, an organisation or an opportunity), registered in their `AppConfig.ready`, so
that the registers' views import none of those apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PanelContext = Callable[[Any, Any, Any], dict[str, Any]]


@dataclass(frozen=True)
class RecordPanel:
    """A template included on record pages, and the function giving its context (request, programme,
    record); the context is merged into the page's."""

    template: str
    context: PanelContext


_panels: list[RecordPanel] = []


def add_record_panel(panel: RecordPanel) -> None:
    """Show this panel on the page of every record that offers panels."""
    if panel not in _panels:
        _panels.append(panel)


def record_panels(request: Any, programme: Any, record: Any) -> dict[str, Any]:
    """The context of every registered panel for this record, with `record_panels` naming the templates."""
    context: dict[str, Any] = {"record_panels": [panel.template for panel in _panels]}
    for panel in _panels:
        context.update(panel.context(request, programme, record))
    return context
