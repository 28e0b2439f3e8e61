"""Social value in money from ledger entries: each measure prices a quantity with a visible proxy under
counting rules kept in code, and every pound keeps the entry, proxy and rules behind it.

value = quantity × proxy × (1 − deadweight) × attribution

Rules: a hire counts in its first year only (per measure and subject); hours become full-time
equivalents; an entry serving several contracts is shared between them; within one theme no entry is
counted twice (the first measure in the list that counts it keeps it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

ONE_YEAR = datetime.timedelta(days=365)
CENT = Decimal("0.01")


class Counted(StrEnum):
    ENTRIES = "entries"  # one per entry
    QUANTITY = "quantity"  # the entry's quantity (hours, headcount)
    VALUE = "value"  # the entry's money value


@dataclass(frozen=True)
class Proxy:
    """What one unit is worth, and where that figure comes from."""

    value: Decimal
    currency: str
    unit: str
    source: str
    year: int


@dataclass(frozen=True)
class SocialValueMeasure:
    code: str
    theme: str
    entry_types: frozenset[str]
    counted: Counted
    proxy: Proxy
    deadweight: Decimal = Decimal(0)  # the share that would have happened anyway, 0 to 1
    first_year_only: bool = False
    hours_per_fte: Decimal | None = None  # counts full-time equivalents from hours when set

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.deadweight <= Decimal(1):
            raise ValueError(f"{self.code}: deadweight must be between 0 and 1")
        if self.hours_per_fte is not None and self.hours_per_fte <= 0:
            raise ValueError(f"{self.code}: hours per FTE must be positive")
        if self.hours_per_fte is not None and self.counted is not Counted.QUANTITY:
            raise ValueError(f"{self.code}: full-time equivalents come from a quantity of hours")


@dataclass(frozen=True)
class Entry:
    """A ledger entry as social value reads it: shares per contract when it serves several."""

    id: int
    entry_type: str
    subject: str
    occurred_on: datetime.date
    quantity: Decimal | None = None
    value: Decimal | None = None
    contracts: Mapping[str, Decimal] = field(default_factory=dict)  # contract → share; empty: not shared


@dataclass(frozen=True)
class Line:
    """One priced entry: everything needed to check the pound it adds."""

    entry_id: int
    measure: str
    theme: str
    quantity: Decimal
    proxy: Decimal
    deadweight: Decimal
    attribution: Decimal
    value: Decimal


def attribution(entry: Entry, contract: str | None) -> Decimal:
    """The entry's share for one contract (its stated share of the contracts it serves, or an equal
    split; nothing when it serves other contracts or none); the whole entry for the programme."""
    if contract is None:
        return Decimal(1)
    if contract not in entry.contracts:
        return Decimal(0)
    total = sum(entry.contracts.values(), Decimal(0))
    if total <= 0:
        return Decimal(1) / Decimal(len(entry.contracts))
    return entry.contracts[contract] / total


def counted_quantity(measure: SocialValueMeasure, entry: Entry) -> Decimal:
    """What one entry counts under a measure, before any share: 1, its quantity (or FTE), or its value."""
    if measure.counted is Counted.ENTRIES:
        return Decimal(1)
    if measure.counted is Counted.VALUE:
        return entry.value or Decimal(0)
    quantity = entry.quantity or Decimal(0)
    if measure.hours_per_fte is not None:
        return quantity / measure.hours_per_fte
    return quantity


def _first_dates(measure: SocialValueMeasure, entries: Sequence[Entry]) -> dict[str, datetime.date]:
    first: dict[str, datetime.date] = {}
    for entry in entries:
        if entry.entry_type in measure.entry_types:
            day = first.get(entry.subject)
            if day is None or entry.occurred_on < day:
                first[entry.subject] = entry.occurred_on
    return first


def price(
    measures: Sequence[SocialValueMeasure], entries: Iterable[Entry], *, contract: str | None = None
) -> list[Line]:
    """Every entry priced by the measures that count it, for one contract or all; one line per entry
    and theme at most."""
    listed = sorted(entries, key=lambda entry: (entry.occurred_on, entry.id))
    claimed: set[tuple[str, int]] = set()
    lines: list[Line] = []
    for measure in measures:
        first = _first_dates(measure, listed) if measure.first_year_only else {}
        for entry in listed:
            if entry.entry_type not in measure.entry_types or (measure.theme, entry.id) in claimed:
                continue
            if measure.first_year_only and entry.occurred_on >= first[entry.subject] + ONE_YEAR:
                continue
            share = attribution(entry, contract)
            if share == 0:
                continue
            quantity = counted_quantity(measure, entry)
            exact = quantity * measure.proxy.value * (Decimal(1) - measure.deadweight) * share
            value = exact.quantize(CENT, rounding=ROUND_HALF_UP)  # each line to the cent, so totals add up
            claimed.add((measure.theme, entry.id))
            lines.append(
                Line(
                    entry.id,
                    measure.code,
                    measure.theme,
                    quantity,
                    measure.proxy.value,
                    measure.deadweight,
                    share,
                    value,
                )
            )
    return lines


def totals_by_measure(lines: Iterable[Line]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.measure] = totals.get(line.measure, Decimal(0)) + line.value
    return totals
