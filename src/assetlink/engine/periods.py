"""Reporting periods: months, quarters, calendar and financial years, and the programme to date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    FINANCIAL_YEAR = "financial_year"
    PROGRAMME = "programme"


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days [start, end] of one kind."""

    start: datetime.date
    end: datetime.date
    kind: PeriodKind

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    @property
    def key(self) -> str:
        """A stable text key, e.g. 'quarter:2024-04-01', used in URLs, snapshots and targets."""
        return f"{self.kind.value}:{self.start.isoformat()}"


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _months_in(kind: PeriodKind) -> int:
    return {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12, PeriodKind.FINANCIAL_YEAR: 12}[
        kind
    ]


def _first_month(kind: PeriodKind, financial_year_starts: int) -> int:
    """The month (1-12) a period of this kind can start in, counted so that periods tile the year."""
    if kind is PeriodKind.FINANCIAL_YEAR:
        return financial_year_starts
    # Quarters follow the financial year, so that a UK programme's Q1 is April to June.
    if kind is PeriodKind.QUARTER:
        return financial_year_starts
    return 1


def period_containing(
    day: datetime.date,
    kind: PeriodKind,
    *,
    financial_year_starts: int = 1,
    programme: tuple[datetime.date, datetime.date] | None = None,
) -> Period:
    """The period of this kind that contains the day."""
    if not 1 <= financial_year_starts <= 12:
        raise ValueError("financial_year_starts must be a month from 1 to 12")
    if kind is PeriodKind.PROGRAMME:
        if programme is None:
            raise ValueError("the programme's dates are needed for a programme-to-date period")
        return Period(programme[0], programme[1], kind)
    length = _months_in(kind)
    offset = (day.month - _first_month(kind, financial_year_starts)) % length
    start = _add_months(day.replace(day=1), -offset)
    end = _add_months(start, length) - datetime.timedelta(days=1)
    return Period(start, end, kind)


def period_from_key(
    key: str, *, financial_year_starts: int = 1, programme: tuple[datetime.date, datetime.date] | None = None
) -> Period:
    """The period a key names; ValueError when the key is malformed or does not start a period."""
    kind_text, _, start_text = key.partition(":")
    kind = PeriodKind(kind_text)
    start = datetime.date.fromisoformat(start_text)
    period = period_containing(start, kind, financial_year_starts=financial_year_starts, programme=programme)
    if period.start != start:
        raise ValueError(f"{start_text} does not start a {kind.value}")
    return period


def periods_between(
    first_day: datetime.date,
    last_day: datetime.date,
    kind: PeriodKind,
    *,
    financial_year_starts: int = 1,
) -> list[Period]:
    """The periods of this kind that overlap [first_day, last_day], in order."""
    if kind is PeriodKind.PROGRAMME:
        return [Period(first_day, last_day, kind)]
    if last_day < first_day:
        return []
    periods = []
    period = period_containing(first_day, kind, financial_year_starts=financial_year_starts)
    while period.start <= last_day:
        periods.append(period)
        period = period_containing(
            period.end + datetime.timedelta(days=1), kind, financial_year_starts=financial_year_starts
        )
    return periods


def elapsed_share(period: Period, today: datetime.date) -> float:
    """How much of a period has passed by the end of `today`, from 0 to 1."""
    if today < period.start:
        return 0.0
    if today >= period.end:
        return 1.0
    return ((today - period.start).days + 1) / ((period.end - period.start).days + 1)
