"""Indicators over what the ledger does not hold itself: an anchor's spend lines, the ledger priced as
social value, and LM3 studies; each gives the same per-period figures (value and the rows behind it)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.urls import reverse

from assetlink.engine.periods import Period
from assetlink.impact.indicators.query import Bucket
from assetlink.impact.models import Indicator, Measure, Source
from assetlink.impact.social_value import priced_by_day
from assetlink.spend import selectors as spend

# What each source may measure and filter by.
MEASURES = {
    Source.SPEND: frozenset({Measure.VALUE, Measure.ENTRIES}),
    Source.SOCIAL_VALUE: frozenset({Measure.VALUE, Measure.ENTRIES}),
    Source.LM3: frozenset({Measure.VALUE}),
}
FILTERS: dict[str, frozenset[str]] = {
    Source.SPEND: frozenset(spend.FILTERS),
    Source.SOCIAL_VALUE: frozenset({"theme", "measure"}),
    Source.LM3: frozenset({"part"}),
}
# The parts of an LM3 study an indicator sums: R1, R2, R3, or R1 + R2 + R3 (LM3 = that over R1).
LM3_PARTS = ("spend", "local", "respent", "turnover")


def _spend(indicator: Indicator, periods: Sequence[Period]) -> dict[int, Bucket]:
    found = spend.totals(indicator.programme_id, periods, filters=dict(indicator.filters))
    counts = indicator.measure == Measure.ENTRIES
    return {
        bucket: Bucket(Decimal(lines) if counts else Decimal(amount), lines)
        for (bucket, _group), (amount, lines) in found.items()
    }


def _index(day: Any, periods: Sequence[Period]) -> int | None:
    if day < periods[0].start:
        return spend.OUTSIDE
    return next((i for i, period in enumerate(periods) if period.start <= day <= period.end), None)


def _social_value(indicator: Indicator, periods: Sequence[Period]) -> dict[int, Bucket]:
    filters = dict(indicator.filters)
    lines = priced_by_day(
        indicator.programme_id, themes=filters.get("theme", ()), measures=filters.get("measure", ())
    )
    buckets: dict[int, Bucket] = {}
    for day, value in lines:
        index = _index(day, periods)
        if index is None:
            continue
        bucket = buckets.setdefault(index, Bucket())
        bucket.value += Decimal(1) if indicator.measure == Measure.ENTRIES else value
        bucket.entries += 1
    return buckets


def _lm3(indicator: Indicator, periods: Sequence[Period]) -> dict[int, Bucket]:
    part = (indicator.filters.get("part") or ["turnover"])[0]
    buckets: dict[int, Bucket] = {}
    for index, studies in spend.studies_ending(indicator.programme_id, periods).items():
        bucket = buckets.setdefault(index, Bucket())
        for figures in studies:
            result = figures.result
            value = {
                "spend": result.r1,
                "local": result.r2,
                "respent": result.r3,
                "turnover": result.r1 + result.r2 + result.r3,
            }[part]
            bucket.value += value
            bucket.entries += spend.study_lines(figures.study).count()
    return buckets


def buckets(indicator: Indicator, periods: Sequence[Period]) -> dict[tuple[int, Any], Bucket]:
    """(period index, "") → the indicator's figures, from its source; -1 holds what came before."""
    if not periods:
        return {}
    compute = {Source.SPEND: _spend, Source.SOCIAL_VALUE: _social_value, Source.LM3: _lm3}[
        Source(indicator.source)
    ]
    return {(index, ""): bucket for index, bucket in compute(indicator, periods).items()}


def page_of(indicator: Indicator) -> str:
    """Where the rows behind a source's figure are shown."""
    name = {
        Source.SPEND: "spend:overview",
        Source.SOCIAL_VALUE: "results:social_value",
        Source.LM3: "spend:studies",
    }[Source(indicator.source)]
    return reverse(name, kwargs={"slug": indicator.programme.slug})
