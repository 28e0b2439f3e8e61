"""The public results page's content: headline indicators against targets, equity by decile and a map of
the areas by decile, all under the programme's published disclosure rule; and the same aggregates as open
data, so that the page and its data never differ."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.engine.periods import Period, PeriodKind
from assetlink.impact.indicators.charts import equity_chart
from assetlink.impact.indicators.dashboards import (
    EquityView,
    IndicatorRow,
    equity_of,
    indicator_row,
    people_indicator,
)
from assetlink.impact.indicators.query import WHOLE
from assetlink.impact.indicators.values import programme_span
from assetlink.impact.models import Indicator
from assetlink.places.models import Area
from assetlink.programmes.disclosure import published_rule
from assetlink.programmes.models import Programme
from assetlink.web.charts import Chart, base_spec


@dataclass
class PublicResults:
    programme: Programme
    as_of: datetime.date
    headline: list[IndicatorRow]
    equity: EquityView | None
    charts: list[Chart]


def area_map(programme: Programme, equity: EquityView | None) -> Chart | None:
    """The programme's areas shaded by deprivation decile, with each decile's released rate per 1,000."""
    areas = Area.objects.filter(programme=programme, geometry__isnull=False, deprivation_decile__isnull=False)
    rates = {row.decile: row.per_thousand for row in equity.rows} if equity else {}
    features = []
    for area in areas:
        rate = rates.get(area.deprivation_decile or 0)
        features.append(
            {
                "type": "Feature",
                "geometry": area.geometry,
                "properties": {
                    "name": area.name,
                    "decile": area.deprivation_decile,
                    "rate": None
                    if rate is None or rate.is_hidden or rate.value is None
                    else float(rate.value),
                },
            }
        )
    if not features:
        return None
    title = _("Areas by deprivation decile")
    spec = base_spec(title, [], width=520, height=420)
    spec["data"] = {
        "values": {"type": "FeatureCollection", "features": features},
        "format": {"property": "features"},
    }
    spec["projection"] = {"type": "mercator"}
    spec["mark"] = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5}
    spec["encoding"] = {
        "color": {
            "field": "properties.decile",
            "type": "ordinal",
            "title": _("Deprivation decile (1 = most deprived)"),
            "scale": {"scheme": "purpleblue", "reverse": True},
        },
        "tooltip": [
            {"field": "properties.name", "title": _("Area")},
            {"field": "properties.decile", "title": _("Decile")},
            {"field": "properties.rate", "title": _("Per 1,000 residents in its decile")},
        ],
    }
    description = _(
        "%(count)s areas, shaded from the most deprived (darkest) to the least deprived decile."
    ) % {"count": len(features)}
    return Chart("public-map", spec, description, title=title)


def public_results(programme: Programme, today: datetime.date | None = None) -> PublicResults:
    today = today or timezone.localdate()
    rule = published_rule(programme)
    start, end = programme_span(programme, today)
    whole = [Period(start, end, PeriodKind.PROGRAMME)]
    headline = [
        indicator_row(indicator, whole, WHOLE, rule, today)
        for indicator in Indicator.objects.filter(programme=programme, is_headline=True).select_related(
            "programme", "plus", "denominator_indicator"
        )
    ]
    people = people_indicator(programme)
    equity = equity_of(people, rule, today=today) if people is not None else None
    charts = [equity_chart(equity)] if equity is not None else []
    shaded = area_map(programme, equity)
    if shaded is not None:
        charts.append(shaded)
    return PublicResults(programme, today, headline, equity, charts)


def _value(cell: Any) -> Any:
    return "" if cell.is_hidden or cell.value is None else cell.value


def open_data(results: PublicResults) -> list[dict[str, Any]]:
    """Exactly the aggregates the page shows, one row each, with why a value is hidden."""
    rows: list[dict[str, Any]] = []
    for row in results.headline:
        rows.append(
            {
                "table": "headline",
                "indicator": row.indicator.code,
                "name": row.indicator.label,
                "decile": "",
                "value": _value(row.to_date),
                "hidden": row.to_date.hidden.value,
                "target": row.target if row.target is not None else "",
                "as_of": results.as_of.isoformat(),
            }
        )
    if results.equity is not None:
        for decile in results.equity.rows:
            for measure, cell in (("outcomes", decile.outcomes), ("per_1000_residents", decile.per_thousand)):
                rows.append(
                    {
                        "table": f"equity_{measure}",
                        "indicator": results.equity.indicator.code,
                        "name": results.equity.indicator.label,
                        "decile": decile.decile,
                        "value": _value(cell),
                        "hidden": cell.hidden.value,
                        "target": "",
                        "as_of": results.as_of.isoformat(),
                    }
                )
    return rows


OPEN_DATA_COLUMNS = ["table", "indicator", "name", "decile", "value", "hidden", "target", "as_of"]


def open_data_csv(results: PublicResults) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OPEN_DATA_COLUMNS)
    writer.writeheader()
    for row in open_data(results):
        writer.writerow(row)
    return buffer.getvalue()


def dataset_metadata(results: PublicResults, *, page_url: str, csv_url: str, json_url: str) -> dict[str, Any]:
    """schema.org Dataset describing the open data behind the page."""
    programme = results.programme
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _("Results of %(programme)s") % {"programme": programme.name},
        "description": _(
            "Headline indicators against targets and outcomes per 1,000 residents by deprivation decile, "
            "computed from the programme's outcome ledger; small counts are hidden."
        ),
        "url": page_url,
        "dateModified": results.as_of.isoformat(),
        "temporalCoverage": f"{programme.starts_on.isoformat()}/{results.as_of.isoformat()}",
        "spatialCoverage": {"@type": "Place", "name": programme.city},
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": programme.name},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": csv_url},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": json_url},
        ],
    }
