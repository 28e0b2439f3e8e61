"""Statistical disclosure control: the one rule every figure passes before it leaves the programme team.

Small counts are hidden (primary suppression), then enough other cells are hidden that no hidden cell can
be worked out exactly from what is shown and the totals (secondary suppression), and only then are the
shown counts rounded. A rate is hidden whenever the count it is built on is hidden.

A table is checked as a system of linear equations: every line (a row or a column, with its total) says
that its cells add up to its total. A hidden cell can be recovered exactly if and only if every solution
of the system gives it the same value, i.e. if no direction in the system's null space moves it. Every
hidden cell is at least 1, so a direction that moves it also yields a different non-negative solution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class Hidden(StrEnum):
    """Why a cell is not shown."""

    NO = ""
    SMALL = "small"  # a count from 1 to the threshold
    SECONDARY = "secondary"  # shown, it would let someone recover a small count
    RATE = "rate"  # a rate built on a hidden count


@dataclass(frozen=True)
class DisclosureRule:
    """Counts from 1 to `largest_hidden` are hidden; shown counts are rounded to a multiple of `round_to`."""

    largest_hidden: int = 7
    round_to: int = 1

    def __post_init__(self) -> None:
        if self.largest_hidden < 0:
            raise ValueError("largest_hidden must not be negative")
        if self.round_to < 1:
            raise ValueError("round_to must be at least 1")

    @property
    def suppresses(self) -> bool:
        return self.largest_hidden > 0 or self.round_to > 1


# Figures that stay inside the programme team pass through this rule: nothing hidden, nothing rounded.
NO_CONTROL = DisclosureRule(largest_hidden=0, round_to=1)


@dataclass(frozen=True)
class Cell:
    """One figure as released: its value (None when hidden) and why it is hidden."""

    value: int | float | Decimal | None
    hidden: Hidden = Hidden.NO

    @property
    def is_hidden(self) -> bool:
        return self.hidden is not Hidden.NO

    def as_data(self) -> dict[str, int | float | str | None]:
        """The cell for JSON: its value (null when hidden) and why it is hidden ("" when shown)."""
        value = float(self.value) if isinstance(self.value, Decimal) else self.value
        return {"value": value, "hidden": self.hidden.value}


@dataclass
class _System:
    """Cells with their true values, and lines: (cells that add up, the cell holding their total)."""

    values: list[int]
    lines: list[tuple[list[int], int]]
    hidden: list[Hidden] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.hidden = [Hidden.NO] * len(self.values)

    def lines_through(self, cell: int) -> list[list[int]]:
        return [[*members, total] for members, total in self.lines if cell == total or cell in members]


def _round(value: int, step: int) -> int:
    if step <= 1:
        return value
    return ((value + step // 2) // step) * step


def _is_small(value: int, rule: DisclosureRule) -> bool:
    return 0 < value <= rule.largest_hidden


def _hide_one_more(system: _System, line: list[int]) -> bool:
    """Hide the smallest non-zero shown cell of a line; False when the line has none left."""
    candidates = [c for c in line if system.hidden[c] is Hidden.NO and system.values[c] > 0]
    if not candidates:
        return False
    chosen = min(candidates, key=lambda c: (system.values[c], c))
    system.hidden[chosen] = Hidden.SECONDARY
    return True


def recoverable_cells(lines: Sequence[tuple[Sequence[int], int]], hidden: Sequence[bool]) -> set[int]:
    """The hidden cells whose value the shown cells and the lines' equations pin down exactly."""
    unknowns = [index for index, is_hidden in enumerate(hidden) if is_hidden]
    position = {cell: column for column, cell in enumerate(unknowns)}
    # One equation per line, over the hidden cells only: members minus total; shown cells are constants.
    rows: list[list[Fraction]] = []
    for members, total in lines:
        row = [Fraction(0)] * len(unknowns)
        for member in members:
            if member in position:
                row[position[member]] += 1
        if total in position:
            row[position[total]] -= 1
        if any(row):
            rows.append(row)
    pivots = _row_reduce(rows, len(unknowns))
    free = set(range(len(unknowns))) - {column for column, _ in pivots}
    determined = set()
    for column, row in pivots:
        if not any(row[other] for other in free):
            determined.add(unknowns[column])
    return determined


def _row_reduce(rows: list[list[Fraction]], width: int) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form; returns (pivot column, its row) pairs."""
    pivots: list[tuple[int, list[Fraction]]] = []
    remaining = [row[:] for row in rows]
    for column in range(width):
        pivot_row = next((row for row in remaining if row[column] != 0), None)
        if pivot_row is None:
            continue
        remaining.remove(pivot_row)
        scale = pivot_row[column]
        pivot_row = [entry / scale for entry in pivot_row]
        for others in (remaining, [row for _, row in pivots]):
            for row in others:
                if row[column] != 0:
                    factor = row[column]
                    for index in range(width):
                        row[index] -= factor * pivot_row[index]
        pivots.append((column, pivot_row))
    return pivots


def _protect(system: _System, rule: DisclosureRule) -> list[Cell]:
    for index, value in enumerate(system.values):
        if _is_small(value, rule):
            system.hidden[index] = Hidden.SMALL
    if any(system.hidden):
        _secondary_suppression(system)
    return [
        Cell(None, system.hidden[index])
        if system.hidden[index] is not Hidden.NO
        else Cell(_round(value, rule.round_to))
        for index, value in enumerate(system.values)
    ]


def _secondary_suppression(system: _System) -> None:
    while True:
        # A line with one hidden cell gives it away by subtraction: hide a second.
        changed = True
        while changed:
            changed = False
            for members, total in system.lines:
                line = [*members, total]
                if sum(1 for cell in line if system.hidden[cell] is not Hidden.NO) == 1:
                    changed |= _hide_one_more(system, line)
        # Lines can also combine to give a cell away; the exact check finds those.
        exposed = recoverable_cells(system.lines, [flag is not Hidden.NO for flag in system.hidden])
        if not exposed:
            return
        cell = min(exposed)
        lines = sorted(system.lines_through(cell), key=lambda line: sum(1 for c in line if system.hidden[c]))
        if any(_hide_one_more(system, line) for line in lines):
            continue
        # Its own lines have nothing left to hide (the shown zeros pin it): widen to every cell. With every
        # non-zero cell hidden nothing is recoverable, since the true values then solve the system's
        # homogeneous form with every hidden component non-zero.
        if not _hide_one_more(system, list(range(len(system.values)))):
            raise AssertionError("a hidden cell stays recoverable with every non-zero cell hidden")


@dataclass(frozen=True)
class ProtectedTable:
    """A table as released: its cells, row totals, column totals and grand total."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


def protect_table(counts: Sequence[Sequence[int]], rule: DisclosureRule) -> ProtectedTable:
    """Release a table of counts with its row, column and grand totals."""
    height = len(counts)
    width = len(counts[0]) if height else 0
    if any(len(row) != width for row in counts):
        raise ValueError("every row of the table must have the same number of cells")
    if any(value < 0 for row in counts for value in row):
        raise ValueError("counts must not be negative")
    # Cells laid out row by row, then the row totals, the column totals and the grand total.
    values = [value for row in counts for value in row]
    row_total = len(values)
    values += [sum(row) for row in counts]
    column_total = len(values)
    values += [sum(row[column] for row in counts) for column in range(width)]
    grand_total = len(values)
    values.append(sum(values[row_total:column_total]))
    lines = [([r * width + c for c in range(width)], row_total + r) for r in range(height)]
    lines += [([r * width + c for r in range(height)], column_total + c) for c in range(width)]
    lines.append((list(range(row_total, column_total)), grand_total))
    lines.append((list(range(column_total, grand_total)), grand_total))
    released = _protect(_System(values, lines), rule)
    return ProtectedTable(
        cells=[released[r * width : (r + 1) * width] for r in range(height)],
        row_totals=released[row_total:column_total],
        column_totals=released[column_total:grand_total],
        total=released[grand_total],
    )


def protect_list(counts: Sequence[int], rule: DisclosureRule) -> tuple[list[Cell], Cell]:
    """Release a list of counts (e.g. one per area) and its total."""
    if any(value < 0 for value in counts):
        raise ValueError("counts must not be negative")
    values = [*counts, sum(counts)]
    released = _protect(_System(values, [(list(range(len(counts))), len(counts))]), rule)
    return released[:-1], released[-1]


def protect_series(
    per_period: Sequence[int], opening: int, rule: DisclosureRule
) -> tuple[list[Cell], list[Cell], Cell]:
    """Release counts per period, their running totals and the opening total, which reveal each other."""
    if opening < 0 or any(value < 0 for value in per_period):
        raise ValueError("counts must not be negative")
    size = len(per_period)
    values = [*per_period, opening]
    running = opening
    for value in per_period:
        running += value
        values.append(running)
    # Cell `size` is the opening total; the running total after period k is cell size + 1 + k.
    lines = [([size + k, k], size + 1 + k) for k in range(size)]
    released = _protect(_System(values, lines), rule)
    return released[:size], released[size + 1 :], released[size]


def protect_count(count: int, rule: DisclosureRule) -> Cell:
    """Release one count that belongs to no table."""
    cells, _total = protect_list([count], rule)
    return cells[0]


def protect_rate(count: Cell, rate: int | float | Decimal | None) -> Cell:
    """A rate (or a sum of money) built on a count: hidden when that count is hidden."""
    return Cell(None, Hidden.RATE) if count.is_hidden else Cell(rate)
