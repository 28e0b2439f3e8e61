"""`{{ cell|figure }}`: a released figure with the locale's digit grouping, or a marked gap where hidden."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.translation import gettext as _

from assetlink.engine.disclosure import Cell, Hidden

register = template.Library()


def _reason(hidden: str) -> str:
    if hidden == Hidden.SMALL:
        return _("Hidden: a small number that could identify someone.")
    if hidden == Hidden.RATE:
        return _("Hidden: the count behind this rate is hidden.")
    return _("Hidden so that a small number elsewhere cannot be worked out from the totals.")


@register.filter
def figure(cell: Cell | dict[str, Any] | None, places: int = 0) -> str:
    """Render a disclosure-controlled cell (or its JSON form); None renders as a dash."""
    if cell is None:
        return "—"
    value, hidden = (cell.value, cell.hidden) if isinstance(cell, Cell) else (cell["value"], cell["hidden"])
    if hidden:
        return format_html('<abbr class="hidden-figure" title="{}">*</abbr>', _reason(hidden))
    if value is None:
        return "—"
    return str(intcomma(round(value, places) if places else value))
