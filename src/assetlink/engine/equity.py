"""Equity of outcomes by deprivation: rates per 1,000 residents by decile, the most deprived fifth's share,
and the concentration curve with its index."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AreaOutcomes:
    """One area's deprivation rank (1 = most deprived), decile, population and outcomes."""

    rank: int
    decile: int
    population: int
    outcomes: float


@dataclass(frozen=True)
class DecileRate:
    decile: int
    population: int
    outcomes: float
    per_thousand: float | None  # None when the decile has no residents on record


@dataclass(frozen=True)
class Equity:
    deciles: list[DecileRate]
    most_deprived_share: float | None  # outcomes in deciles 1-2 over all outcomes in areas with a decile
    curve: list[tuple[float, float]]  # (cumulative share of residents, cumulative share of outcomes)
    concentration_index: float | None  # > 0: outcomes concentrated in the more deprived areas


def rates_by_decile(populations: Mapping[int, int], outcomes: Mapping[int, float]) -> list[DecileRate]:
    """Outcomes per 1,000 residents in each decile from 1 to 10."""
    rates = []
    for decile in range(1, 11):
        population = populations.get(decile, 0)
        count = outcomes.get(decile, 0)
        rates.append(
            DecileRate(decile, population, count, (count * 1000 / population) if population else None)
        )
    return rates


def concentration_curve(areas: Sequence[AreaOutcomes]) -> list[tuple[float, float]]:
    """Areas from most to least deprived: cumulative shares of residents against shares of outcomes."""
    ordered = sorted((area for area in areas if area.population > 0), key=lambda area: area.rank)
    residents = sum(area.population for area in ordered)
    total = sum(area.outcomes for area in ordered)
    if not residents or not total:
        return []
    points = [(0.0, 0.0)]
    people = 0
    reached = 0.0
    for area in ordered:
        people += area.population
        reached += area.outcomes
        points.append((people / residents, reached / total))
    return points


def concentration_index(curve: Sequence[tuple[float, float]]) -> float | None:
    """Twice the area between the curve and the diagonal: 0 is even, 1 is everything in the most deprived."""
    if len(curve) < 2:
        return None
    area = sum((x1 - x0) * (y0 + y1) / 2 for (x0, y0), (x1, y1) in itertools.pairwise(curve))
    return 2 * area - 1


def equity(areas: Sequence[AreaOutcomes]) -> Equity:
    """Everything the equity page shows, from each area's rank, decile, population and outcomes."""
    populations: dict[int, int] = {}
    outcomes: dict[int, float] = {}
    for area in areas:
        populations[area.decile] = populations.get(area.decile, 0) + area.population
        outcomes[area.decile] = outcomes.get(area.decile, 0) + area.outcomes
    total = sum(outcomes.values())
    curve = concentration_curve(areas)
    return Equity(
        deciles=rates_by_decile(populations, outcomes),
        most_deprived_share=(outcomes.get(1, 0) + outcomes.get(2, 0)) / total if total else None,
        curve=curve,
        concentration_index=concentration_index(curve),
    )
