"""What a dashboard shows: every indicator per period against its target, on track or behind, with its
trend and the ledger rows behind each number; and equity by deprivation decile. Figures pass through the
viewer's disclosure rule before they are returned."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from assetlink.engine.disclosure import (
    Cell,
    DisclosureRule,
    protect_list,
    protect_rate,
    protect_series,
)
from assetlink.engine.equity import AreaOutcomes, equity
from assetlink.engine.periods import Period, PeriodKind, elapsed_share
from assetlink.impact.indicators import sources
from assetlink.impact.indicators.query import WHOLE, Scope
from assetlink.impact.indicators.values import (
    COUNT_MEASURES,
    Series,
    numerator_series,
    population,
    programme_span,
    ratio,
    reporting_periods,
    unit_of,
)
from assetlink.impact.models import Accumulation, Denominator, Indicator, Target
from assetlink.places.models import Area
from assetlink.programmes.models import Programme


@dataclass
class PeriodFigure:
    period: Period
    actual: Cell
    target: Decimal | None
    status: str  # "on_track", "behind" or "" when there is nothing to compare
    drill: str  # the address of the rows behind the figure


@dataclass
class IndicatorRow:
    indicator: Indicator
    unit: str
    periods: list[PeriodFigure]
    to_date: Cell
    target: Decimal | None  # the programme-to-date target
    expected: Decimal | None  # where the programme target's straight line stands today
    status: str
    trend: str  # "rising", "falling", "steady" or ""
    drill: str

    @property
    def progress(self) -> int | None:
        if self.target is None or not self.target or self.to_date.is_hidden or self.to_date.value is None:
            return None
        return int(Decimal(str(self.to_date.value)) * 100 / self.target)


@dataclass
class Dashboard:
    programme: Programme
    kind: PeriodKind
    periods: list[Period]
    scope: Scope
    rows: list[IndicatorRow] = field(default_factory=list)


def _compare(actual: Cell, target: Decimal | None, higher_is_better: bool) -> str:
    if target is None or actual.is_hidden or actual.value is None:
        return ""
    value = Decimal(str(actual.value))
    met = value >= target if higher_is_better else value <= target
    return "on_track" if met else "behind"


def _released(series: Series, indicator: Indicator, rule: DisclosureRule) -> tuple[list[Cell], list[Cell]]:
    """Per-period and running figures after the rule: counts hidden and rounded, sums hidden with their
    entry counts, so that a hidden period cannot be recovered from the running total."""
    count_like = indicator.measure in COUNT_MEASURES and not indicator.plus_id
    counts = [int(value) for value in series.per_period] if count_like else series.entries
    opening = int(series.opening) if count_like else series.opening_entries
    per_period, running, _opening = protect_series(counts, opening, rule)
    if count_like:
        return per_period, running
    running_values = series.running

    def keep(cells: list[Cell], values: Sequence[Decimal]) -> list[Cell]:
        return [cell if cell.is_hidden else Cell(value) for cell, value in zip(cells, values, strict=True)]

    return keep(per_period, series.per_period), keep(running, running_values)


def _rate_cells(
    cells: list[Cell], numerators: Sequence[Decimal], denominators: Sequence[Decimal], factor: Decimal
) -> list[Cell]:
    rates = []
    for cell, top, bottom in zip(cells, numerators, denominators, strict=True):
        value = ratio(top, bottom, factor)
        rates.append(protect_rate(cell, None if value is None else value.quantize(Decimal("0.01"))))
    return rates


def _targets(indicator: Indicator, scope: Scope) -> dict[tuple[str, datetime.date], Target]:
    scoped = Q(work_package_id=scope.work_package_id) & Q(area_id=scope.area_id)
    return {(target.period_kind, target.period_start): target for target in indicator.targets.filter(scoped)}


def _drill(indicator: Indicator, scope: Scope, since: datetime.date | None, until: datetime.date) -> str:
    """The address of the rows behind a figure: ledger entries, or the page of the indicator's source."""
    if indicator.source:
        return sources.page_of(indicator)
    query: dict[str, Any] = {"indicator": indicator.code, "until": until.isoformat()}
    if since is not None:
        query["since"] = since.isoformat()
    for name in ("work_package_id", "recording_organisation_id", "area_id"):
        if getattr(scope, name) is not None:
            query[name.removesuffix("_id")] = getattr(scope, name)
    return reverse("impact:ledger", kwargs={"slug": indicator.programme.slug}) + "?" + urlencode(query)


def _trend(cells: list[Cell]) -> str:
    shown = [Decimal(str(cell.value)) for cell in cells[-2:] if not cell.is_hidden and cell.value is not None]
    if len(shown) < 2 or len(cells) < 2:
        return ""
    if shown[1] > shown[0]:
        return "rising"
    return "falling" if shown[1] < shown[0] else "steady"


def indicator_row(
    indicator: Indicator, periods: list[Period], scope: Scope, rule: DisclosureRule, today: datetime.date
) -> IndicatorRow:
    programme = indicator.programme
    series = numerator_series(indicator, periods, scope)[""]
    per_period, running = _released(series, indicator, rule)
    cumulative = indicator.accumulation == Accumulation.CUMULATIVE
    shown = running if cumulative else per_period
    if indicator.denominator:
        if indicator.denominator == Denominator.INDICATOR and indicator.denominator_indicator is not None:
            below = numerator_series(indicator.denominator_indicator, periods, scope)[""].shown(
                indicator.accumulation
            )
        else:
            below = [Decimal(population(programme, indicator, scope))] * len(periods)
        shown = _rate_cells(shown, series.shown(indicator.accumulation), below, indicator.factor)
    targets = _targets(indicator, scope)
    figures = []
    for period, cell in zip(periods, shown, strict=True):
        target = targets.get((period.kind.value, period.start))
        figures.append(
            PeriodFigure(
                period,
                cell,
                target.value if target else None,
                _compare(cell, target.value if target else None, indicator.higher_is_better),
                _drill(indicator, scope, None if cumulative else period.start, period.end),
            )
        )
    _start, end = programme_span(programme, today)
    whole = targets.get((PeriodKind.PROGRAMME.value, programme.starts_on))
    expected = None
    if whole is not None:
        baseline = whole.baseline or Decimal(0)
        span = Period(programme.starts_on, programme.ends_on or end, PeriodKind.PROGRAMME)
        expected = baseline + (whole.value - baseline) * Decimal(str(elapsed_share(span, today)))
        expected = expected.quantize(Decimal("0.01"))
    latest = shown[-1] if shown else Cell(None)
    if not cumulative:
        # A rate may have no value in the latest periods (an LM3 study ends once a year): the latest known.
        known = [
            figure.actual for figure in figures if figure.actual.is_hidden or figure.actual.value is not None
        ]
        latest = known[-1] if known else Cell(None)
    return IndicatorRow(
        indicator=indicator,
        unit=unit_of(indicator),
        periods=figures,
        to_date=latest,
        target=whole.value if whole else None,
        expected=expected,
        status=_compare(latest, expected, indicator.higher_is_better)
        if whole
        else (figures[-1].status if figures else ""),
        trend=_trend(shown),
        drill=_drill(indicator, scope, None, end),
    )


def dashboard(
    programme: Programme,
    rule: DisclosureRule,
    *,
    kind: PeriodKind = PeriodKind.QUARTER,
    scope: Scope = WHOLE,
    count: int = 12,
    today: datetime.date | None = None,
) -> Dashboard:
    """Every indicator of the programme over the last `count` periods of a kind, under the viewer's rule."""
    today = today or timezone.localdate()
    periods = reporting_periods(programme, kind, count=count, today=today)
    board = Dashboard(programme, kind, periods, scope)
    indicators = Indicator.objects.filter(programme=programme).select_related(
        "programme", "plus", "denominator_indicator"
    )
    for indicator in indicators:
        if indicator.position >= 999:  # parts of a headline figure are shown inside it
            continue
        if indicator.source and scope != WHOLE:  # spend, social value and LM3 have no scopes
            continue
        board.rows.append(indicator_row(indicator, periods, scope, rule, today))
    return board


def people_indicator(programme: Programme) -> Indicator | None:
    """What equity is shown for: people engaged, or else the first headline count."""
    counts = Indicator.objects.filter(
        programme=programme, denominator="", measure__in=["subjects", "entries"]
    )
    return counts.filter(code="people_engaged").first() or counts.filter(is_headline=True).first()


@dataclass
class DecileRow:
    decile: int
    population: int
    outcomes: Cell
    per_thousand: Cell


@dataclass
class EquityView:
    indicator: Indicator
    rows: list[DecileRow]
    total: Cell
    most_deprived_share: float | None
    curve: list[tuple[float, float]]
    concentration_index: float | None
    without_decile: Cell  # outcomes whose subject has no area with a decile


def equity_of(
    indicator: Indicator, rule: DisclosureRule, *, scope: Scope = WHOLE, today: datetime.date | None = None
) -> EquityView:
    """The indicator to date by the deprivation decile of each subject's area, per 1,000 residents.

    The programme team's curve runs area by area; everyone else's is drawn from the released decile
    counts, and disappears when one of them is hidden, so that no single area's count can be read off it.
    """
    programme = indicator.programme
    start, end = programme_span(programme, today)
    by_area = numerator_series(indicator, [Period(start, end, PeriodKind.PROGRAMME)], scope, group="area")
    areas = list(Area.objects.filter(programme=programme, deprivation_decile__isnull=False))
    outcomes = {area_id: series.running[-1] for area_id, series in by_area.items()}
    known = {area.pk for area in areas}
    without_decile = sum((value for area_id, value in outcomes.items() if area_id not in known), Decimal(0))
    exact = equity(
        [
            AreaOutcomes(
                rank=area.deprivation_rank or (area.deprivation_decile or 10) * 1_000_000,
                decile=area.deprivation_decile or 10,
                population=area.population or 0,
                outcomes=float(outcomes.get(area.pk, 0)),
            )
            for area in areas
        ]
    )
    counts, total = protect_list([int(rate.outcomes) for rate in exact.deciles], rule)
    rows = [
        DecileRow(
            rate.decile,
            rate.population,
            cell,
            protect_rate(cell, None if rate.per_thousand is None else round(rate.per_thousand, 2)),
        )
        for rate, cell in zip(exact.deciles, counts, strict=True)
    ]
    share, curve, index = exact.most_deprived_share, exact.curve, exact.concentration_index
    if rule.suppresses:
        if any(cell.is_hidden for cell in counts):
            share, curve, index = None, [], None
        else:
            released = equity(
                [
                    AreaOutcomes(row.decile, row.decile, row.population, float(row.outcomes.value or 0))
                    for row in rows
                ]
            )
            share, curve, index = released.most_deprived_share, released.curve, released.concentration_index
    return EquityView(
        indicator, rows, total, share, curve, index, protect_list([int(without_decile)], rule)[0][0]
    )
