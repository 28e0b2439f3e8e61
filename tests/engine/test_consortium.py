"""Consortia: the optimiser is optimal (against exhaustive search), never worse than greedy, and says
which requirement nobody covers when there is no consortium."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assetlink.engine.consortium import (
    best_consortia,
    build_problem,
    candidates_for,
    exhaustive_best_cost,
    greedy_consortium,
    is_feasible,
)
from assetlink.engine.supply import ContractProfile, EnterpriseProfile, LotNeed, match_contract

CODES = ["55520000-1", "90910000-9", "77314000-4", "79710000-4", "72253000-3", "60130000-8"]


@st.composite
def problems(draw):
    lot_codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    lots = tuple(LotNeed(f"lot{i}", f"Lot {i}", 100.0, code) for i, code in enumerate(lot_codes))
    certificates = tuple(draw(st.lists(st.sampled_from(["ISO 9001", "Safe Contractor"]), max_size=1)))
    value = draw(st.integers(50, 900))
    enterprises = tuple(
        EnterpriseProfile(
            key=f"e{i}",
            name=f"Enterprise {i}",
            cpv_codes=tuple(draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))),
            capacity=float(draw(st.integers(0, 400))),
            certificates=tuple(
                draw(st.lists(st.sampled_from(["ISO 9001", "Safe Contractor"]), max_size=2, unique=True))
            ),
            is_local=draw(st.booleans()),
            is_social=draw(st.booleans()),
        )
        for i in range(draw(st.integers(1, 8)))
    )
    contract = ContractProfile("c", "Contract", float(value), lots, certificates)
    return build_problem(contract, enterprises, max_members=draw(st.integers(1, 4)))


@settings(max_examples=150, deadline=None)
@given(problems())
def test_the_optimiser_finds_the_exhaustive_optimum(problem):
    found = best_consortia(problem, alternatives=2)
    optimum = exhaustive_best_cost(problem)
    if optimum is None:
        assert found == []
        return
    assert found, "a consortium exists but none was found"
    assert abs(found[0].cost - optimum) < 1e-6
    indices = {e.key: i for i, e in enumerate(problem.enterprises)}
    for consortium in found:
        assert is_feasible(problem, [indices[key] for key in consortium.members])
    if len(found) == 2:
        assert set(found[0].members) != set(found[1].members)
        assert found[1].cost >= found[0].cost - 1e-9
    greedy = greedy_consortium(problem)
    if greedy is not None:
        assert greedy.cost >= found[0].cost - 1e-9


def contract_with_lots() -> ContractProfile:
    return ContractProfile(
        "c1",
        "Hospital facilities",
        500_000,
        (
            LotNeed("l1", "Catering", 250_000, "55520000-1"),
            LotNeed("l2", "Cleaning", 150_000, "90910000-9"),
            LotNeed("l3", "Grounds", 100_000, "77314000-4"),
        ),
        certificates=("ISO 9001",),
    )


def test_no_single_enterprise_but_a_local_social_consortium():
    enterprises = [
        EnterpriseProfile(
            "caterer",
            "Kitchen Co-op",
            ("55520000-1",),
            capacity=260_000,
            is_local=True,
            is_social=True,
            certificates=("ISO 9001",),
        ),
        EnterpriseProfile(
            "cleaner", "Clean CIC", ("90910000-9",), capacity=160_000, is_local=True, is_social=True
        ),
        EnterpriseProfile(
            "gardens", "Green Spaces", ("77314000-4",), capacity=120_000, is_local=True, is_social=True
        ),
        EnterpriseProfile(
            "national",
            "National FM plc",
            ("55520000-1", "90910000-9"),
            capacity=5_000_000,
            certificates=("ISO 9001",),
        ),
    ]
    contract = contract_with_lots()
    assert not any(match_contract(e, contract).can_deliver_alone for e in enterprises)
    best = best_consortia(build_problem(contract, candidates_for(contract, enterprises)), alternatives=3)
    assert set(best[0].members) == {"caterer", "cleaner", "gardens"}
    assert dict(best[0].lot_leads)["l1"] == "caterer"
    assert any(reason.code == "combined_capacity" for reason in best[0].reasons)
    assert len(best) >= 2


def test_when_nobody_covers_a_lot_the_answer_names_it():
    from assetlink.engine.consortium import uncovered

    enterprises = [
        EnterpriseProfile(
            "caterer", "Kitchen Co-op", ("55520000-1",), capacity=900_000, certificates=("ISO 9001",)
        )
    ]
    problem = build_problem(contract_with_lots(), enterprises)
    assert best_consortia(problem) == []
    missing = {
        reason.params["requirement"] for reason in uncovered(problem) if reason.code == "nobody_covers"
    }
    assert missing == {"Cleaning", "Grounds"}


def test_contract_match_explains_coverage_capacity_and_social_value():
    caterer = EnterpriseProfile(
        "caterer",
        "Kitchen Co-op",
        ("55520000-1",),
        ("school and hospital catering",),
        260_000,
        is_local=True,
        is_social=True,
        social_value=("real Living Wage employer",),
    )
    result = match_contract(caterer, contract_with_lots())
    assert result.covered_lots == ("l1",)
    assert not result.can_deliver_alone
    codes = [reason.code for reason in result.reasons]
    assert (
        codes.count("lot_not_covered") == 2 and "social_enterprise" in codes and "compliance_missing" in codes
    )
    assert result.components["capacity"] == round(260_000 / 500_000, 4)
