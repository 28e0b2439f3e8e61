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


@dataclass(frozen=True)
class HomeItem:
    """One thing on a home page that may need the reader: what it is, where to act on it, and when."""

    label: str
    url: str
    detail: str = ""
    urgent: bool = False
    flag: str = ""  # what the urgent mark says ("late" when not given)


@dataclass(frozen=True)
class HomeSection:
    """A part of a programme's home for the roles that hold `permission`: a title, the items that need the
    reader now (the first few, and how many in all), a link to all of them, and what to say when none do."""

    key: str
    title: Any  # lazily translated
    permission: str
    # (user, programme) → (the first items, how many in all), or None when the section is not for this reader
    items: Callable[[Any, Any], tuple[list[HomeItem], int] | None]
    empty: Any  # lazily translated
    more: Callable[[Any], str] | None = None  # programme → the page with all of them
    order: int = 50


_home_sections: list[HomeSection] = []


def add_home_section(section: HomeSection) -> None:
    """Show this section on the home of every reader who holds its permission."""
    if all(existing.key != section.key for existing in _home_sections):
        _home_sections.append(section)


def home_sections(user: Any, programme: Any) -> list[dict[str, Any]]:
    """The sections this reader's role may use, in order, each with its items."""
    shown = []
    for section in sorted(_home_sections, key=lambda section: (section.order, section.key)):
        if not user.has_perm(section.permission, programme):
            continue
        found = section.items(user, programme)
        if found is None:
            continue
        items, count = found
        shown.append(
            {
                "section": section,
                "items": items,
                "count": count,
                "more": section.more(programme) if section.more else "",
            }
        )
    return shown
