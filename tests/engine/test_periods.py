"""Reporting periods: a UK financial year runs April to March and its quarters follow it."""

import datetime
import itertools

import pytest

from assetlink.engine.periods import (
    PeriodKind,
    elapsed_share,
    period_containing,
    period_from_key,
    periods_between,
)


def test_a_uk_financial_year_and_its_quarters_start_in_april() -> None:
    day = datetime.date(2026, 2, 14)
    year = period_containing(day, PeriodKind.FINANCIAL_YEAR, financial_year_starts=4)
    assert (year.start, year.end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    quarter = period_containing(day, PeriodKind.QUARTER, financial_year_starts=4)
    assert (quarter.start, quarter.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert period_containing(datetime.date(2026, 4, 1), PeriodKind.QUARTER, financial_year_starts=4).end == (
        datetime.date(2026, 6, 30)
    )


def test_periods_tile_a_range_without_gaps() -> None:
    months = periods_between(datetime.date(2024, 11, 20), datetime.date(2025, 2, 3), PeriodKind.MONTH)
    assert [m.start.month for m in months] == [11, 12, 1, 2]
    for earlier, later in itertools.pairwise(months):
        assert later.start - earlier.end == datetime.timedelta(days=1)
    assert months[1].end == datetime.date(2024, 12, 31)


def test_a_key_names_one_period_and_a_wrong_start_is_refused() -> None:
    period = period_from_key("financial_year:2025-04-01", financial_year_starts=4)
    assert period.end == datetime.date(2026, 3, 31) and period.key == "financial_year:2025-04-01"
    with pytest.raises(ValueError):
        period_from_key("quarter:2025-02-01")
    with pytest.raises(ValueError):
        period_from_key("fortnight:2025-02-01")


def test_elapsed_share_runs_from_zero_to_one() -> None:
    year = period_containing(datetime.date(2025, 6, 1), PeriodKind.YEAR)
    assert elapsed_share(year, datetime.date(2024, 12, 31)) == 0
    assert elapsed_share(year, datetime.date(2025, 12, 31)) == 1
    assert 0.49 < elapsed_share(year, datetime.date(2025, 7, 1)) < 0.51
