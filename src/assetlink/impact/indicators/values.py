"""An indicator's values per period, to date, by group and over its denominator, from the effective ledger."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from assetlink.engine.periods import Period, PeriodKind, periods_between
from assetlink.impact.indicators import facts, sources
from assetlink.impact.indicators.query import DISTINCT_KEYS, WHOLE, Bucket, Definition, Scope, run
from assetlink.impact.models import Accumulation, Denominator, Indicator, Measure
from assetlink.places.models import Area
from assetlink.programmes.models import Programme

COUNT_MEASURES = frozenset({Measure.ENTRIES, Measure.SUBJECTS, Measure.RELATED})


def unit_of(indicator: Indicator) -> str:
    """ "count", "money" or "quantity"; a ratio keeps its numerator's unit with "rate" in front."""
    base = {Measure.VALUE: "money", Measure.QUANTITY: "quantity"}.get(Measure(indicator.measure), "count")
    return f"rate:{base}" if indicator.denominator else base


def definition_of(indicator: Indicator) -> Definition:
    return Definition(
        measure=indicator.measure,
        entry_types=list(indicator.entry_types),
        filters=dict(indicator.filters),
        subject_has=list(indicator.subject_has),
        subject_lacks=list(indicator.subject_lacks),
    )


def programme_span(
    programme: Programme, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """From the programme's start to its end, or to today while it runs."""
    today = today or timezone.localdate()
    end = programme.ends_on if programme.ends_on and programme.ends_on < today else today
    return programme.starts_on, max(end, programme.starts_on)


def reporting_periods(
    programme: Programme, kind: PeriodKind, *, count: int = 12, today: datetime.date | None = None
) -> list[Period]:
    """The last `count` periods of a kind up to today (or the programme's end), oldest first."""
    start, end = programme_span(programme, today)
    if kind is PeriodKind.PROGRAMME:
        return [Period(start, end, kind)]
    periods = periods_between(start, end, kind, financial_year_starts=programme.financial_year_starts)
    return periods[-count:]


@dataclass
class Series:
    """One indicator over consecutive periods: what each period added, and the running total after it."""

    periods: list[Period]
    per_period: list[Decimal]
    entries: list[int]  # entries behind each period's figure (the count itself for count measures)
    opening: Decimal  # the running total before the first period
    opening_entries: int

    @property
    def running(self) -> list[Decimal]:
        totals, total = [], self.opening
        for value in self.per_period:
            total += value
            totals.append(total)
        return totals

    def shown(self, accumulation: str) -> list[Decimal]:
        return self.running if accumulation == Accumulation.CUMULATIVE else self.per_period

    def plus(self, other: Series) -> Series:
        return Series(
            self.periods,
            [a + b for a, b in zip(self.per_period, other.per_period, strict=True)],
            [a + b for a, b in zip(self.entries, other.entries, strict=True)],
            self.opening + other.opening,
            self.opening_entries + other.opening_entries,
        )


def _series_from(buckets: dict[int, Bucket], size: int, periods: Sequence[Period]) -> Series:
    before = buckets.get(-1, Bucket())
    return Series(
        list(periods),
        [buckets.get(index, Bucket()).value for index in range(size)],
        [buckets.get(index, Bucket()).entries for index in range(size)],
        before.value,
        before.entries,
    )


def numerator_series(
    indicator: Indicator, periods: Sequence[Period], scope: Scope = WHOLE, group: str = ""
) -> dict[Any, Series]:
    """Group → the indicator's numerator over the periods ("" is the only group when ungrouped).

    A distinct count that accumulates counts each subject once, in the period of its first entry, so that
    the running total is the number of distinct subjects to date.
    """
    first_time = indicator.accumulation == Accumulation.CUMULATIVE and indicator.measure in DISTINCT_KEYS
    definition = definition_of(indicator)
    summarised = (
        scope == WHOLE
        and group in ("", "area", "decile")
        and facts.summarisable(indicator)
        and facts.whole_months(periods)
        and facts.is_fresh(indicator, definition)
    )
    if indicator.source:
        # Spend, social value and LM3 belong to the programme as a whole; they have no groups or scopes.
        rows = sources.buckets(indicator, periods) if scope == WHOLE and not group else {}
    elif summarised:
        rows = facts.read(indicator, periods, group)
    else:
        rows = run(
            definition, indicator.programme_id, periods, scope=scope, group=group, first_time_only=first_time
        )
    by_group: dict[Any, dict[int, Bucket]] = {}
    for (bucket, grp), figures in rows.items():
        by_group.setdefault(grp if group else "", {})[bucket] = figures
    if not group:
        by_group.setdefault("", {})
    result = {grp: _series_from(buckets, len(periods), periods) for grp, buckets in by_group.items()}
    if indicator.plus_id:
        plus = indicator.plus
        assert plus is not None
        for grp, series in numerator_series(plus, periods, scope, group).items():
            empty = _series_from({}, len(periods), periods)
            result[grp] = result.get(grp, empty).plus(series)
    return result


def population(programme: Programme, indicator: Indicator, scope: Scope = WHOLE) -> int:
    """Residents of the areas the indicator (and the scope) covers: the denominator of a rate per resident."""
    areas = Area.objects.filter(programme=programme)
    if scope.area_id is not None:
        areas = areas.filter(pk=scope.area_id)
    for name, values in indicator.filters.items():
        key, negate = name.removeprefix("not_"), name.startswith("not_")
        lookup = {"decile": "deprivation_decile__in", "area": "code__in"}.get(key)
        if lookup:
            areas = areas.exclude(**{lookup: values}) if negate else areas.filter(**{lookup: values})
    return int(areas.aggregate(total=Sum("population"))["total"] or 0)


def ratio(numerator: Decimal, denominator: Decimal, factor: Decimal) -> Decimal | None:
    if not denominator:
        return None
    return numerator * factor / denominator


def to_date(indicator: Indicator, until: datetime.date | None = None, scope: Scope = WHOLE) -> Decimal | None:
    """The indicator's value over the whole programme up to a day (today by default)."""
    programme = indicator.programme
    start, end = programme_span(programme, until)
    period = [Period(start, end, PeriodKind.PROGRAMME)]
    series = numerator_series(indicator, period, scope)[""]
    numerator = series.running[-1]
    if indicator.denominator == Denominator.INDICATOR and indicator.denominator_indicator is not None:
        below = numerator_series(indicator.denominator_indicator, period, scope)[""].running[-1]
        return ratio(numerator, below, indicator.factor)
    if indicator.denominator == Denominator.POPULATION:
        return ratio(numerator, Decimal(population(programme, indicator, scope)), indicator.factor)
    return numerator
