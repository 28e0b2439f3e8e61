"""Local Multiplier 3 (the New Economics Foundation's method), with its extrapolation made explicit.

LM3 = (R1 + R2 + R3) / R1, where R1 is the spend studied, R2 the part of it spent with local suppliers
and on local wages, and R3 what those local suppliers and employees re-spend locally. Suppliers' returns
give how much of what they received they spent locally; the responding suppliers' rate is applied to
all local suppliers, and employees' local share of spending to all local wages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SupplierReturn:
    """What one local supplier reported: what it received from the spend studied, and the share of its
    own spending (on staff and suppliers) that stayed local over the same period."""

    supplier: str
    received: Decimal
    local_share: Decimal

    def __post_init__(self) -> None:
        if self.received <= 0:
            raise ValueError(f"{self.supplier}: what was received must be more than zero")
        if not Decimal(0) <= self.local_share <= Decimal(1):
            raise ValueError(f"{self.supplier}: the local share must be between 0 and 1")

    @property
    def spent_locally(self) -> Decimal:
        return self.received * self.local_share


@dataclass(frozen=True)
class LM3:
    r1: Decimal
    r2_suppliers: Decimal
    r2_wages: Decimal
    covered: Decimal  # what the responding suppliers received
    reported_locally: Decimal  # what they said they re-spent locally
    supplier_rate: Decimal  # reported_locally / covered: the responding suppliers' local share
    employee_rate: Decimal
    r3_suppliers: Decimal  # supplier_rate × r2_suppliers: the extrapolation to every local supplier
    r3_wages: Decimal

    @property
    def r2(self) -> Decimal:
        return self.r2_suppliers + self.r2_wages

    @property
    def r3(self) -> Decimal:
        return self.r3_suppliers + self.r3_wages

    @property
    def coverage(self) -> Decimal:
        """The share of local supplier spend that the returns cover."""
        return self.covered / self.r2_suppliers if self.r2_suppliers else Decimal(0)

    @property
    def value(self) -> Decimal:
        return (self.r1 + self.r2 + self.r3) / self.r1


def lm3(
    *,
    spend: Decimal,
    local_supplier_spend: Decimal,
    local_wages: Decimal,
    returns: Sequence[SupplierReturn],
    employee_local_share: Decimal,
) -> LM3:
    """LM3 of a spend, from its local parts and the local suppliers' returns."""
    if spend <= 0:
        raise ValueError("the spend studied (R1) must be more than zero")
    if local_supplier_spend < 0 or local_wages < 0:
        raise ValueError("local spend and wages cannot be negative")
    if local_supplier_spend + local_wages > spend:
        raise ValueError("the local part (R2) cannot be more than the spend studied (R1)")
    if not Decimal(0) <= employee_local_share <= Decimal(1):
        raise ValueError("employees' local share of spending must be between 0 and 1")
    covered = sum((item.received for item in returns), Decimal(0))
    reported = sum((item.spent_locally for item in returns), Decimal(0))
    if covered > local_supplier_spend:
        raise ValueError("the returns cover more than was spent with local suppliers")
    rate = reported / covered if covered else Decimal(0)
    return LM3(
        r1=spend,
        r2_suppliers=local_supplier_spend,
        r2_wages=local_wages,
        covered=covered,
        reported_locally=reported,
        supplier_rate=rate,
        employee_rate=employee_local_share,
        r3_suppliers=rate * local_supplier_spend,
        r3_wages=employee_local_share * local_wages,
    )
