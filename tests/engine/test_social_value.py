"""Social value: a test per counting rule, the worked example in docs/impact.md equal to the code, and a
property test that no entry is counted twice within a theme."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assetlink.engine.social_value import (
    Counted,
    Entry,
    Proxy,
    SocialValueMeasure,
    attribution,
    price,
    totals_by_measure,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "impact.md"
GBP = Proxy(Decimal(5000), "GBP", "hire", "illustrative", 2026)
DAY = datetime.date(2025, 1, 1)


def measure(code="hire", theme="jobs", types=("job.started",), counted=Counted.ENTRIES, **rules):
    return SocialValueMeasure(code, theme, frozenset(types), counted, rules.pop("proxy", GBP), **rules)


def entry(id_, type_="job.started", subject="P1", days=0, quantity=None, value=None, contracts=None):
    return Entry(id_, type_, subject, DAY + datetime.timedelta(days=days), quantity, value, contracts or {})


def test_value_is_quantity_times_proxy_times_one_minus_deadweight_times_attribution():
    (line,) = price(
        [measure(deadweight=Decimal("0.25"))],
        [entry(1, contracts={"C1": Decimal(3), "C2": Decimal(1)})],
        contract="C1",
    )
    assert (line.quantity, line.proxy, line.deadweight, line.attribution) == (
        1,
        5000,
        Decimal("0.25"),
        Decimal("0.75"),
    )
    assert line.value == Decimal(5000) * Decimal("0.75") * Decimal("0.75")


def test_a_hire_counts_in_its_first_year_only():
    entries = [entry(1, days=0), entry(2, days=200), entry(3, days=365), entry(4, subject="P2", days=400)]
    lines = price([measure(first_year_only=True)], entries)
    assert [line.entry_id for line in lines] == [1, 2, 4]
    assert [line.entry_id for line in price([measure()], entries)] == [1, 2, 3, 4]


def test_full_time_equivalents_come_from_hours():
    hours = measure(counted=Counted.QUANTITY, types=("job.sustained",), hours_per_fte=Decimal(1650))
    (line,) = price([hours], [entry(1, "job.sustained", quantity=Decimal(825))])
    assert line.quantity == Decimal("0.5") and line.value == Decimal(2500)
    with pytest.raises(ValueError, match="quantity of hours"):
        measure(hours_per_fte=Decimal(1650))


def test_an_entry_serving_several_contracts_is_shared_and_counts_once_for_the_programme():
    shared = entry(1, contracts={"C1": Decimal(1), "C2": Decimal(1)})
    assert attribution(shared, "C1") == attribution(shared, "C2") == Decimal("0.5")
    assert attribution(shared, "C3") == 0 and attribution(entry(2), "C1") == 0
    assert attribution(shared, None) == 1
    assert [line.value for line in price([measure()], [shared])] == [Decimal(5000)]
    assert price([measure()], [entry(2)], contract="C1") == []


def test_deadweight_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="deadweight"):
        measure(deadweight=Decimal("1.5"))


def test_no_entry_is_counted_twice_within_a_theme_but_may_count_in_another():
    jobs_a = measure("a", "jobs")
    jobs_b = measure("b", "jobs")
    wellbeing = measure("c", "wellbeing")
    lines = price([jobs_a, jobs_b, wellbeing], [entry(1)])
    assert [(line.measure, line.theme) for line in lines] == [("a", "jobs"), ("c", "wellbeing")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["jobs", "community", "environment"]),
            st.sets(st.sampled_from(["job.started", "volunteer.hours", "grant.won"]), min_size=1),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["job.started", "volunteer.hours", "grant.won"]),
            st.sampled_from(["P1", "P2", "P3"]),
            st.integers(0, 800),
            st.integers(1, 50),
        ),
        max_size=25,
    ),
    st.sampled_from([None, "C1"]),
)
def test_property_no_entry_is_counted_twice_within_a_theme(specs, rows, contract):
    measures = [
        measure(f"m{index}", theme, tuple(types), Counted.QUANTITY, first_year_only=first_year)
        for index, (theme, types, first_year) in enumerate(specs)
    ]
    entries = [
        entry(
            index,
            type_,
            subject,
            days,
            quantity=Decimal(amount),
            contracts={"C1": Decimal(1), "C2": Decimal(index % 3)},
        )
        for index, (type_, subject, days, amount) in enumerate(rows)
    ]
    lines = price(measures, entries, contract=contract)
    seen = [(line.theme, line.entry_id) for line in lines]
    assert len(seen) == len(set(seen))
    # Nothing is lost either: an entry some measure of a theme counts is priced once in that theme.
    for theme in {spec[0] for spec in specs}:
        countable = {
            e.id
            for e in entries
            for m in measures
            if m.theme == theme and e.entry_type in m.entry_types and not m.first_year_only
        }
        priced = {line.entry_id for line in lines if line.theme == theme}
        assert countable <= priced or contract == "C1"
    assert sum(totals_by_measure(lines).values(), Decimal(0)) == sum(
        (line.value for line in lines), Decimal(0)
    )


def _tables() -> tuple[list[list[str]], list[list[str]]]:
    text = DOC.read_text()
    section = text[text.index("### Worked example: social value") : text.index("### Worked example: LM3")]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| measure") and not line.startswith("| entry")
    ]
    return [r for r in rows if len(r) == 6 and not r[0].isdigit()], [r for r in rows if r[0].isdigit()]


def _number(text: str) -> Decimal:
    return Decimal(re.search(r"[0-9][0-9,.]*", text).group(0).replace(",", ""))


def test_the_documented_worked_example_equals_the_code():
    measure_rows, entry_rows = _tables()
    measures = []
    for code, theme, counts, proxy, deadweight, rules in measure_rows:
        kind = Counted.ENTRIES if counts.startswith("entries") else Counted.QUANTITY
        hours = re.search(r"([0-9,]+) hours per FTE", rules)
        measures.append(
            SocialValueMeasure(
                code,
                theme,
                frozenset(re.findall(r"`([a-z._0-9]+)`", counts)),
                kind,
                Proxy(_number(proxy), "GBP", proxy, "illustrative", 2026),
                deadweight=_number(deadweight) / 100,
                first_year_only="first year only" in rules,
                hours_per_fte=Decimal(hours.group(1).replace(",", "")) if hours else None,
            )
        )
    entries = [
        Entry(
            int(number),
            type_,
            subject,
            datetime.date.fromisoformat(day),
            Decimal(quantity) if quantity else None,
            None,
            {name.strip(): Decimal(1) for name in contracts.split(",") if name.strip()},
        )
        for number, type_, subject, day, quantity, contracts in entry_rows
    ]
    text = DOC.read_text()
    total = _number(re.search(r"Total \*\*([0-9,.]+)\*\*", text).group(1))
    for_c1 = _number(re.search(r"= \*\*([0-9,.]+)\*\*\. `tests/engine/test_social_value.py`", text).group(1))
    assert sum((line.value for line in price(measures, entries)), Decimal(0)) == total
    assert sum((line.value for line in price(measures, entries, contract="C1")), Decimal(0)) == for_c1
