"""LM3: the worked example in docs/impact.md equals what the code computes, and bad input is refused."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from assetlink.engine.lm3 import SupplierReturn, lm3

DOC = Path(__file__).resolve().parents[2] / "docs" / "impact.md"


def _section() -> str:
    text = DOC.read_text()
    return text[text.index("### Worked example: LM3") :]


def _inputs() -> dict[str, Decimal]:
    rows = re.findall(r"^\| ([^|]+?) \| ([0-9.,]+) \|$", _section(), flags=re.MULTILINE)
    return {label: Decimal(value.replace(",", "")) for label, value in rows}


def test_the_documented_worked_example_equals_the_code() -> None:
    inputs = _inputs()
    result = lm3(
        spend=inputs["R1: spend studied"],
        local_supplier_spend=inputs["R2: spent with local suppliers"],
        local_wages=inputs["R2: local wages"],
        returns=[
            SupplierReturn(
                name,
                inputs[f"return: supplier {name} received"],
                inputs[f"return: supplier {name} local share"],
            )
            for name in ("A", "B")
        ],
        employee_local_share=inputs["employees' local share of spending"],
    )
    documented = Decimal(re.search(r"LM3 = .*? = \*\*([0-9.]+)\*\*", _section(), flags=re.DOTALL).group(1))
    assert round(result.value, 2) == documented
    assert result.supplier_rate == Decimal("0.5") and result.r3 == Decimal(190000)
    assert round(result.coverage, 4) == Decimal("0.6667")


def test_impossible_inputs_are_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="R1"):
        lm3(
            spend=Decimal(0),
            local_supplier_spend=Decimal(0),
            local_wages=Decimal(0),
            returns=[],
            employee_local_share=Decimal(0),
        )
    with pytest.raises(ValueError, match="cannot be more than"):
        lm3(
            spend=Decimal(10),
            local_supplier_spend=Decimal(8),
            local_wages=Decimal(5),
            returns=[],
            employee_local_share=Decimal(0),
        )
    with pytest.raises(ValueError, match="cover more"):
        lm3(
            spend=Decimal(10),
            local_supplier_spend=Decimal(2),
            local_wages=Decimal(0),
            returns=[SupplierReturn("A", Decimal(3), Decimal("0.5"))],
            employee_local_share=Decimal(0),
        )
    with pytest.raises(ValueError, match="local share"):
        SupplierReturn("A", Decimal(3), Decimal("1.5"))


def test_without_returns_only_wages_are_re_spent() -> None:
    result = lm3(
        spend=Decimal(100),
        local_supplier_spend=Decimal(50),
        local_wages=Decimal(10),
        returns=[],
        employee_local_share=Decimal("0.5"),
    )
    assert result.r3 == Decimal(5) and result.value == Decimal("1.65")
