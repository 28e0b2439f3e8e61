"""Disparities of match outcomes across groups, with small-number suppression: no cell is shown for
a group smaller than the threshold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean


@dataclass(frozen=True, slots=True)
class Observation:
    """One person's matching outcome and the group they belong to for one characteristic."""

    group: str
    has_match: bool  # at least one match that is not "not eligible"
    best_score: float


@dataclass(frozen=True, slots=True)
class GroupRow:
    group: str
    people: int | None  # None: suppressed
    match_rate: float | None
    mean_best_score: float | None
    ratio_to_highest: float | None  # match rate ÷ the highest shown group's rate (four-fifths rule)

    @property
    def is_suppressed(self) -> bool:
        return self.people is None


def disparity_table(observations: Iterable[Observation], threshold: int) -> list[GroupRow]:
    """Per group: people, share with a match, mean best score and the ratio to the best-served group;
    groups under the threshold are suppressed (no total is given, so they cannot be worked out)."""
    groups: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        groups[observation.group].append(observation)
    shown = {group: rows for group, rows in groups.items() if len(rows) >= threshold}
    rates = {group: sum(row.has_match for row in rows) / len(rows) for group, rows in shown.items()}
    highest = max(rates.values(), default=0.0)
    table = []
    for group in sorted(groups):
        rows = groups[group]
        if group not in shown:
            table.append(GroupRow(group, None, None, None, None))
            continue
        table.append(
            GroupRow(
                group,
                len(rows),
                round(rates[group], 4),
                round(mean(row.best_score for row in rows), 4),
                round(rates[group] / highest, 4) if highest else None,
            )
        )
    return table
