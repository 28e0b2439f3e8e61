"""Monthly summaries of indicators, so that a dashboard over millions of ledger rows reads thousands.

A summary holds, per indicator, month and subjects' area, what the month adds (entries and their sum;
for a distinct count that accumulates, the subjects first counted that month). Every period a dashboard
shows is a run of whole months, so its figures are sums of summary rows. A summary is used only while it
is fresh: computed from the ledger as it stands now (its last entry id) and for the indicator's current
definition; otherwise the figures come from the ledger itself, and a refresh is queued. Summaries equal
a recomputation from the ledger (tests/impact/test_facts.py, a property test)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from assetlink.engine.periods import Period
from assetlink.impact.indicators.query import DISTINCT_KEYS, Bucket, Definition, monthly
from assetlink.impact.models import (
    Accumulation,
    Indicator,
    IndicatorFact,
    IndicatorFacts,
    Measure,
    Outcome,
)
from assetlink.places.models import Area


def summarisable(indicator: Indicator) -> bool:
    """Whether the indicator's periods add up from monthly rows per area: not a distinct count per period
    (months do not add up), nor distinct related records (one network joined from two areas is one), and
    only over the ledger."""
    if indicator.measure == Measure.RELATED or indicator.source:
        return False
    return not (indicator.measure == Measure.SUBJECTS and indicator.accumulation == Accumulation.PER_PERIOD)


def definition_key(definition: Definition) -> str:
    text = json.dumps(
        [
            definition.measure,
            sorted(definition.entry_types),
            definition.filters,
            sorted(definition.subject_has),
            sorted(definition.subject_lacks),
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def ledger_watermark(programme_id: int) -> int:
    """The id of the programme's last ledger entry (0 for an empty ledger)."""
    last = (
        Outcome.objects.filter(programme_id=programme_id).order_by("-id").values_list("id", flat=True).first()
    )
    return int(last or 0)


def refresh(indicator: Indicator, definition: Definition) -> None:
    """Recompute the indicator's monthly summary from the ledger as it stands now."""
    if not summarisable(indicator):
        return
    through = ledger_watermark(indicator.programme_id)
    query, params = monthly(
        definition,
        indicator.programme_id,
        first_time_only=indicator.measure in DISTINCT_KEYS,
        through=through,
    )
    with transaction.atomic():
        IndicatorFact.objects.filter(indicator=indicator).delete()
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        IndicatorFact.objects.bulk_create(
            (
                IndicatorFact(
                    indicator=indicator,
                    month=month if isinstance(month, datetime.date) else datetime.date.fromisoformat(month),
                    area_id=area,
                    entries=entries,
                    value=Decimal(str(value or 0)),
                )
                for month, area, entries, value in rows
            ),
            batch_size=5000,
        )
        IndicatorFacts.objects.update_or_create(
            indicator=indicator,
            defaults={"through_outcome_id": through, "definition_key": definition_key(definition)},
        )


def is_fresh(indicator: Indicator, definition: Definition) -> bool:
    state = IndicatorFacts.objects.filter(indicator=indicator).first()
    return bool(
        state is not None
        and state.definition_key == definition_key(definition)
        and state.through_outcome_id == ledger_watermark(indicator.programme_id)
    )


def whole_months(periods: Sequence[Period]) -> bool:
    """Whether every period starts on a first of the month and ends on a last."""
    return all(
        period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1 for period in periods
    )


def _bucket(month: datetime.date, periods: Sequence[Period]) -> int | None:
    if month < periods[0].start:
        return -1
    for index, period in enumerate(periods):
        if period.start <= month <= period.end:
            return index
    return None


def read(indicator: Indicator, periods: Sequence[Period], group: str) -> dict[tuple[int, Any], Bucket]:
    """(bucket, group) → figures from the summary, shaped as the query builder's `run` returns them."""
    key = {"": "0", "area": "f.area_id", "decile": "a.deprivation_decile"}[group]
    join = f"LEFT JOIN {Area._meta.db_table} a ON a.id = f.area_id" if group == "decile" else ""
    # Table names and fixed column expressions only; values are parameters.
    query = (
        f"SELECT f.month, {key}, SUM(f.entries), SUM(f.value) FROM {IndicatorFact._meta.db_table} f {join} "  # noqa: S608
        f"WHERE f.indicator_id = %s AND f.month <= %s GROUP BY f.month{', ' + key if group else ''}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [indicator.pk, periods[-1].end])
        found = cursor.fetchall()
    rows: dict[tuple[int, Any], Bucket] = {}
    for month, grp, entries, value in found:
        day = month if isinstance(month, datetime.date) else datetime.date.fromisoformat(str(month)[:10])
        bucket = _bucket(day, periods)
        if bucket is None:
            continue
        figures = rows.setdefault((bucket, grp if group else 0), Bucket())
        figures.value += Decimal(str(value or 0))
        figures.entries += int(entries or 0)
    return rows


def refresh_programme(programme_id: int) -> int:
    """Refresh every stale summary of a programme; returns how many were recomputed."""
    from assetlink.impact.indicators.values import definition_of

    refreshed = 0
    for indicator in Indicator.objects.filter(programme_id=programme_id):
        definition = definition_of(indicator)
        if summarisable(indicator) and not is_fresh(indicator, definition):
            refresh(indicator, definition)
            refreshed += 1
    return refreshed


def all_fresh(programme: Any) -> bool:
    """Whether every summarisable indicator of the programme has a fresh summary."""
    from assetlink.impact.indicators.values import definition_of

    return all(
        is_fresh(indicator, definition_of(indicator))
        for indicator in Indicator.objects.filter(programme=programme)
        if summarisable(indicator)
    )
