"""The results pages' charts as Vega-Lite specifications: an indicator against its target line, outcomes
per 1,000 residents by decile, and the concentration curve. Hidden figures are left out of the data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from assetlink.engine.disclosure import Cell
from assetlink.engine.periods import Period, PeriodKind, elapsed_share
from assetlink.impact.indicators.dashboards import EquityView, IndicatorRow
from assetlink.web.charts import Chart, base_spec
from assetlink.web.templatetags.figures import period_label


def _number(cell: Cell) -> float | None:
    return None if cell.is_hidden or cell.value is None else float(cell.value)


def _trajectory(row: IndicatorRow, period: Period) -> float | None:
    """Where the straight line from the baseline to the programme's target stands at a period's end."""
    programme = row.indicator.programme
    target = next((t for t in row.indicator.targets.all() if t.period_kind == PeriodKind.PROGRAMME), None)
    if target is None or programme.ends_on is None:
        return None
    baseline = target.baseline or Decimal(0)
    span = Period(programme.starts_on, programme.ends_on, PeriodKind.PROGRAMME)
    return float(baseline + (target.value - baseline) * Decimal(str(elapsed_share(span, period.end))))


def indicator_chart(row: IndicatorRow) -> Chart:
    """Actual per period as a line with points, and the target (per period, or the programme's line)."""
    actual_label, target_label = _("Actual"), _("Target")
    values: list[dict[str, Any]] = []
    for order, figure in enumerate(row.periods):
        label = period_label(figure.period)
        target = float(figure.target) if figure.target is not None else _trajectory(row, figure.period)
        values.append(
            {"order": order, "period": label, "series": actual_label, "value": _number(figure.actual)}
        )
        if target is not None:
            values.append({"order": order, "period": label, "series": target_label, "value": target})
    spec = base_spec(row.indicator.label, values)
    spec["mark"] = {"type": "line", "point": True}
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "sort": {"field": "order"}, "title": _("Period")},
        "y": {"field": "value", "type": "quantitative", "title": row.indicator.label},
        "color": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [actual_label, target_label], "range": ["#1f5f99", "#8a3c00"]},
        },
        "strokeDash": {
            "field": "series",
            "type": "nominal",
            "legend": None,
            "scale": {"domain": [actual_label, target_label], "range": [[1, 0], [6, 4]]},
        },
        "tooltip": [{"field": "period", "title": _("Period")}, {"field": "value", "title": _("Value")}],
    }
    shown = [v for v in values if v["series"] == actual_label and v["value"] is not None]
    if shown:
        description = _("%(name)s: %(first)s in %(start)s, %(last)s in %(end)s.") % {
            "name": row.indicator.label,
            "first": f"{shown[0]['value']:,.0f}",
            "start": shown[0]["period"],
            "last": f"{shown[-1]['value']:,.0f}",
            "end": shown[-1]["period"],
        }
    else:
        description = _("%(name)s: no figure can be shown for these periods.") % {"name": row.indicator.label}
    if row.target is not None:
        description += " " + _("Target: %(target)s.") % {"target": f"{row.target:,.0f}"}
    return Chart(f"indicator-{row.indicator.code}", spec, description, title=row.indicator.label)


def equity_chart(view: EquityView) -> Chart:
    """Outcomes per 1,000 residents in each decile, the most deprived first."""
    values = [{"decile": row.decile, "rate": _number(row.per_thousand)} for row in view.rows]
    title = _("%(name)s per 1,000 residents by deprivation decile") % {"name": view.indicator.label}
    spec = base_spec(title, values)
    spec["mark"] = {"type": "bar", "color": "#1f5f99"}
    spec["encoding"] = {
        "x": {"field": "decile", "type": "ordinal", "title": _("Deprivation decile (1 = most deprived)")},
        "y": {"field": "rate", "type": "quantitative", "title": _("Per 1,000 residents")},
        "tooltip": [
            {"field": "decile", "title": _("Decile")},
            {"field": "rate", "title": _("Per 1,000 residents")},
        ],
    }
    shown = [v for v in values if v["rate"] is not None]
    if shown:
        highest = max(shown, key=lambda v: v["rate"] or 0.0)
        description = _("The highest rate is in decile %(decile)s: %(rate)s per 1,000 residents.") % {
            "decile": highest["decile"],
            "rate": f"{highest['rate']:.1f}",
        }
    else:
        description = _("No rate can be shown.")
    return Chart("equity-deciles", spec, description, title=title)


def concentration_chart(view: EquityView) -> Chart | None:
    """The concentration curve against the line of an even spread."""
    if not view.curve:
        return None
    values = [{"residents": x, "outcomes": y, "line": _("Outcomes")} for x, y in view.curve]
    values += [{"residents": x, "outcomes": x, "line": _("Even spread")} for x in (0.0, 1.0)]
    title = _("Concentration curve")
    spec = base_spec(title, values, width=320, height=320)
    spec["mark"] = {"type": "line", "point": True}
    spec["encoding"] = {
        "x": {
            "field": "residents",
            "type": "quantitative",
            "title": _("Share of residents, most deprived first"),
            "axis": {"format": "%"},
        },
        "y": {
            "field": "outcomes",
            "type": "quantitative",
            "title": _("Share of outcomes"),
            "axis": {"format": "%"},
        },
        "color": {
            "field": "line",
            "type": "nominal",
            "title": None,
            "scale": {"range": ["#1f5f99", "#777777"]},
        },
    }
    index = view.concentration_index
    description = _(
        "Concentration index %(index)s: above zero, outcomes lean towards the more deprived areas."
    ) % {"index": f"{index:.2f}" if index is not None else "—"}
    return Chart("equity-curve", spec, description, title=title)
