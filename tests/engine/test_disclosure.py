"""Disclosure control: small counts hidden, no hidden cell recoverable from totals, rounding after."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assetlink.engine.disclosure import (
    NO_CONTROL,
    Cell,
    DisclosureRule,
    Hidden,
    protect_count,
    protect_list,
    protect_rate,
    protect_series,
    protect_table,
)

RULE = DisclosureRule()


def _released(table: object) -> list[Cell]:
    return [
        *(cell for row in table.cells for cell in row),  # type: ignore[attr-defined]
        *table.row_totals,  # type: ignore[attr-defined]
        *table.column_totals,  # type: ignore[attr-defined]
        table.total,  # type: ignore[attr-defined]
    ]


def _uniquely_determined(counts: list[list[int]], released: list[Cell]) -> list[int]:
    """Hidden cells an attacker could solve for exactly, found with numpy's rank (not the engine's code).

    Unknowns are the hidden cells; every row and column must add up to its total and the totals to the
    grand total. A hidden cell is pinned down exactly when its unit vector lies in the equations' row space.
    """
    height, width = len(counts), len(counts[0])
    rows_at, columns_at, grand = height * width, height * width + height, height * width + height + width
    equations = []
    for r in range(height):
        equations.append(({r * width + c: 1 for c in range(width)}, rows_at + r))
    for c in range(width):
        equations.append(({r * width + c: 1 for r in range(height)}, columns_at + c))
    equations.append(({rows_at + r: 1 for r in range(height)}, grand))
    equations.append(({columns_at + c: 1 for c in range(width)}, grand))
    hidden = [index for index, cell in enumerate(released) if cell.is_hidden]
    if not hidden:
        return []
    column = {cell: position for position, cell in enumerate(hidden)}
    matrix = np.zeros((len(equations), len(hidden)))
    for row, (members, total) in enumerate(equations):
        for member in members:
            if member in column:
                matrix[row, column[member]] += 1
        if total in column:
            matrix[row, column[total]] -= 1
    rank = np.linalg.matrix_rank(matrix)
    pinned = []
    for cell, position in column.items():
        unit = np.zeros((1, len(hidden)))
        unit[0, position] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            pinned.append(cell)
    return pinned


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda height: st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(
                st.one_of(st.just(0), st.integers(1, 7), st.integers(8, 60)), min_size=width, max_size=width
            ),
            min_size=height,
            max_size=height,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(min_value=0, max_value=10), st.sampled_from([1, 5]))
def test_no_hidden_cell_can_be_recovered_from_what_is_shown(
    counts: list[list[int]], largest_hidden: int, round_to: int
) -> None:
    rule = DisclosureRule(largest_hidden=largest_hidden, round_to=1)
    released = _released(protect_table(counts, rule))
    true_values = [
        *(value for row in counts for value in row),
        *(sum(row) for row in counts),
        *(sum(row[c] for row in counts) for c in range(len(counts[0]))),
        sum(map(sum, counts)),
    ]
    for cell, value in zip(released, true_values, strict=True):
        if 0 < value <= largest_hidden:
            assert cell.hidden is Hidden.SMALL
        if cell.is_hidden:
            assert cell.value is None and value > 0  # zeros are never hidden, so every hidden cell is >= 1
        else:
            assert cell.value == value
    assert _uniquely_determined(counts, released) == []
    # Rounding happens after suppression: the same cells are hidden, the shown ones are rounded.
    rounded = _released(protect_table(counts, DisclosureRule(largest_hidden, round_to)))
    assert [c.is_hidden for c in rounded] == [c.is_hidden for c in released]
    for cell, exact in zip(rounded, released, strict=True):
        if not cell.is_hidden:
            assert cell.value is not None and exact.value is not None
            assert cell.value % round_to == 0 and abs(cell.value - exact.value) <= round_to // 2


def test_a_single_small_cell_forces_a_second_cell_in_its_row_and_column() -> None:
    table = protect_table([[3, 20, 30], [40, 50, 60]], RULE)
    assert table.cells[0][0] == Cell(None, Hidden.SMALL)
    # Row 0 and column 0 each needed a second hidden cell; the smallest ones were chosen.
    assert table.cells[0][1].hidden is Hidden.SECONDARY
    assert table.cells[1][0].hidden is Hidden.SECONDARY
    assert table.cells[1][1].hidden is Hidden.SECONDARY
    assert table.total == Cell(203)


def test_zeros_are_shown_and_counts_above_the_threshold_pass_unchanged() -> None:
    cells, total = protect_list([0, 8, 12], RULE)
    assert [cell.value for cell in cells] == [0, 8, 12]
    assert total == Cell(20)


def test_a_list_with_one_small_count_hides_another_and_keeps_the_total() -> None:
    cells, total = protect_list([2, 30, 9, 0], RULE)
    assert [cell.hidden for cell in cells] == [Hidden.SMALL, Hidden.NO, Hidden.SECONDARY, Hidden.NO]
    assert total.value == 41


def test_a_lone_count_is_hidden_when_small_and_rounded_when_asked() -> None:
    assert protect_count(5, RULE).is_hidden
    assert protect_count(0, RULE) == Cell(0)
    assert protect_count(12, DisclosureRule(round_to=5)) == Cell(10)
    assert protect_count(13, DisclosureRule(round_to=5)) == Cell(15)
    assert protect_count(3, NO_CONTROL) == Cell(3)


def test_a_rate_built_on_a_hidden_count_is_hidden() -> None:
    assert protect_rate(protect_count(4, RULE), 2.5) == Cell(None, Hidden.RATE)
    assert protect_rate(protect_count(40, RULE), 2.5) == Cell(2.5)


def test_a_ragged_or_negative_table_is_refused() -> None:
    with pytest.raises(ValueError, match="same number"):
        protect_table([[1, 2], [3]], RULE)
    with pytest.raises(ValueError, match="negative"):
        protect_list([-1], RULE)
    with pytest.raises(ValueError, match="round_to"):
        DisclosureRule(round_to=0)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.just(0), st.integers(1, 7), st.integers(8, 40)), min_size=1, max_size=8),
    st.one_of(st.just(0), st.integers(1, 7), st.integers(8, 40)),
)
def test_a_running_total_does_not_give_away_a_hidden_period(per_period: list[int], opening: int) -> None:
    periods, running, opening_cell = protect_series(per_period, opening, RULE)
    # Attack by subtraction: a shown running total minus the previous shown one is the period's count.
    totals = [opening + value for value in [0, *np.cumsum(per_period).tolist()]]
    shown_before = [not opening_cell.is_hidden, *(not cell.is_hidden for cell in running)]
    for k, cell in enumerate(periods):
        if 0 < per_period[k] <= RULE.largest_hidden:
            assert cell.is_hidden
        if cell.is_hidden:
            assert not (shown_before[k] and shown_before[k + 1]), (per_period, opening, k)
    for k, cell in enumerate(running):
        assert cell.is_hidden or cell.value == totals[k + 1]
