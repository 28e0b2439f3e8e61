"""The local spend page's chart: each period's spend stacked by where the suppliers are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from assetlink.spend.models import Locality
from assetlink.spend.selectors import LOCALITIES, ReleasedRow
from assetlink.web.charts import Chart, base_spec
from assetlink.web.templatetags.figures import period_label

COLOURS = ["#1f5f99", "#5a8f29", "#8a3c00", "#6b6b6b"]


def locality_chart(rows: Sequence[ReleasedRow], title: str) -> Chart:
    """Stacked bars per period (hidden amounts are left out)."""
    labels = [str(Locality(locality).label) for locality in LOCALITIES]
    values: list[dict[str, Any]] = []
    for order, row in enumerate(rows):
        for label, cell in zip(labels, row.amounts, strict=True):
            if not cell.is_hidden and cell.value:
                values.append(
                    {
                        "order": order,
                        "period": period_label(row.label),
                        "where": label,
                        "amount": float(cell.value),
                    }
                )
    spec = base_spec(title, values)
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "sort": {"field": "order"}, "title": _("Period")},
        "y": {"field": "amount", "type": "quantitative", "stack": "normalize", "title": _("Share of spend")},
        "color": {
            "field": "where",
            "type": "nominal",
            "title": _("Supplier"),
            "scale": {"domain": labels, "range": COLOURS},
        },
        "order": {"field": "rank", "sort": "ascending"},  # local at the foot of each bar
    }
    description = _(
        "Share of each period's spend with local suppliers, in the wider region, elsewhere and where the "
        "supplier's place is unknown; the table below gives the figures."
    )
    return Chart("local-spend", spec, description, title)
