"""`{{ cell|figure }}`: a released figure with the locale's digit grouping, or a marked gap where hidden."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from assetlink.engine.disclosure import Cell, Hidden
from assetlink.engine.periods import Period, PeriodKind

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
    value: Any
    if isinstance(cell, Cell):
        value, hidden = cell.value, cell.hidden
    elif isinstance(cell, dict):
        value, hidden = cell["value"], cell["hidden"]
    else:
        raise TypeError(f"figure expects a released cell, not {type(cell).__name__}: {cell!r}")
    if hidden:
        return format_html('<abbr class="hidden-figure" title="{}">*</abbr>', _reason(hidden))
    if value is None:
        return "—"
    return str(intcomma(round(value, places) if places else value))


@register.filter
def period_label(period: Period) -> str:
    """A period in the locale's words: "March 2026", "Apr–Jun 2025", "2025", "2025–26"."""
    if period.kind is PeriodKind.MONTH:
        return date_format(period.start, "YEAR_MONTH_FORMAT")
    if period.kind is PeriodKind.QUARTER:
        return f"{date_format(period.start, 'M')}–{date_format(period.end, 'M Y')}"
    if period.kind is PeriodKind.YEAR:
        return str(period.start.year)
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        if period.start.month == 1:
            return str(period.start.year)
        return f"{period.start.year}–{period.end.year % 100:02d}"
    return _("Programme to date")


@register.filter
def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


@register.filter
def share_figure(cell: Cell) -> str:
    """A released share (0 to 1) as a percentage; hidden as the figure filter hides it."""
    if cell.is_hidden:
        return figure(cell)
    return percent(None if cell.value is None else float(cell.value))
