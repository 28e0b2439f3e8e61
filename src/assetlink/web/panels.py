"""Panels and figures that apps above add to pages of the layers below them (journeys: the notes-and-tasks
timeline on the page of a person, an organisation or an opportunity; impact: the outcomes recorded on a
programme's overview), registered in their `AppConfig.ready`, so that the pages below import none of them."""

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


@dataclass(frozen=True)
class ProgrammeFigure:
    """A number shown under "At a glance" on a programme's overview: its label and how to count it."""

    label: Any  # a lazily translated string
    count: Callable[[Any], int]


_figures: list[ProgrammeFigure] = []


def add_programme_figure(figure: ProgrammeFigure) -> None:
    """Show this figure on every programme's overview, after those already added."""
    if figure not in _figures:
        _figures.append(figure)


def programme_figures(programme: Any) -> list[tuple[Any, int]]:
    """(label, value) of every registered figure for this programme."""
    return [(figure.label, figure.count(programme)) for figure in _figures]
