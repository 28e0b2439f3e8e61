"""Consortia for a contract no single organisation can deliver: every lot covered, every certificate and
insurance held by a member, combined capacity at least the value — at the least cost, where each member
costs less the more local, social and capable it is, so fewer members are preferred.

Solved exactly as a 0–1 programme with HiGHS (`scipy.optimize.milp`); alternatives come from solving
again with each earlier answer cut off. A greedy heuristic and an exhaustive search are kept beside it
for the benchmark and the property tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from assetlink.engine.scoring import Reason
from assetlink.engine.supply import (
    COVERED,
    ContractProfile,
    EnterpriseProfile,
    lot_coverage,
    meets_certificate,
    meets_insurance,
)

MEMBER_COST = 1.0
LOCAL_DISCOUNT = 0.3
SOCIAL_DISCOUNT = 0.3
QUALITY_DISCOUNT = 0.2
MAX_MEMBERS = 6


@dataclass(frozen=True, slots=True)
class Consortium:
    members: tuple[str, ...]
    cost: float
    capacity: float
    lot_leads: tuple[tuple[str, str], ...]  # (lot key, member key best placed to deliver it)
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class ConsortiumProblem:
    """The contract's requirements as columns an organisation covers or not."""

    contract: ContractProfile
    enterprises: tuple[EnterpriseProfile, ...]
    coverage: np.ndarray  # enterprises × lots, degree 0..1
    covers: np.ndarray  # enterprises × requirements (lots, certificates, insurance), 0/1
    requirement_names: tuple[str, ...]
    costs: np.ndarray
    capacities: np.ndarray
    max_members: int


def member_cost(enterprise: EnterpriseProfile, quality: float) -> float:
    """What one member adds to the objective: always positive, so that fewer members is better."""
    return round(
        MEMBER_COST
        - LOCAL_DISCOUNT * enterprise.is_local
        - SOCIAL_DISCOUNT * enterprise.is_social
        - QUALITY_DISCOUNT * quality,
        6,
    )


def build_problem(
    contract: ContractProfile, enterprises: Sequence[EnterpriseProfile], max_members: int = MAX_MEMBERS
) -> ConsortiumProblem:
    coverage = np.array(
        [[lot_coverage(enterprise, lot) for lot in contract.lots] for enterprise in enterprises], dtype=float
    ).reshape(len(enterprises), len(contract.lots))
    lot_columns = coverage >= COVERED
    certificate_columns = np.array(
        [[meets_certificate(e, name) for name in contract.certificates] for e in enterprises], dtype=bool
    ).reshape(len(enterprises), len(contract.certificates))
    insurance_columns = np.array(
        [
            [meets_insurance(e, kind, cover) for kind, cover in contract.insurance.items()]
            for e in enterprises
        ],
        dtype=bool,
    ).reshape(len(enterprises), len(contract.insurance))
    covers = np.hstack([lot_columns, certificate_columns, insurance_columns]).astype(float)
    quality = np.array(
        [row[row >= COVERED].mean() if (row >= COVERED).any() else 0.0 for row in coverage], dtype=float
    )
    costs = np.array([member_cost(e, q) for e, q in zip(enterprises, quality, strict=True)], dtype=float)
    names = (*(lot.title for lot in contract.lots), *contract.certificates, *contract.insurance)
    capacities = np.array([e.capacity for e in enterprises], dtype=float)
    return ConsortiumProblem(
        contract, tuple(enterprises), coverage, covers, names, costs, capacities, max_members
    )


def is_feasible(problem: ConsortiumProblem, chosen: Sequence[int]) -> bool:
    if not chosen or len(chosen) > problem.max_members:
        return False
    covered = problem.covers[list(chosen)].max(axis=0) if problem.covers.shape[1] else np.array([])
    capacity = float(problem.capacities[list(chosen)].sum())
    return bool((covered >= 1).all()) and capacity >= problem.contract.value - 1e-6


def uncovered(problem: ConsortiumProblem) -> list[Reason]:
    """Why no consortium exists: requirements nobody covers, or not enough capacity between them all."""
    reasons = [
        Reason("nobody_covers", {"requirement": name})
        for column, name in enumerate(problem.requirement_names)
        if not problem.covers[:, column].any()
    ]
    best_capacity = float(np.sort(problem.capacities)[::-1][: problem.max_members].sum())
    if best_capacity < problem.contract.value:
        reasons.append(
            Reason(
                "capacity_short",
                {"capacity": best_capacity, "value": problem.contract.value, "members": problem.max_members},
            )
        )
    return reasons


def _describe(problem: ConsortiumProblem, chosen: Sequence[int]) -> Consortium:
    members = [problem.enterprises[i] for i in chosen]
    reasons: list[Reason] = []
    leads: list[tuple[str, str]] = []
    for column, lot in enumerate(problem.contract.lots):
        lead = max(chosen, key=lambda i: (problem.coverage[i, column], problem.capacities[i]))
        leads.append((lot.key, problem.enterprises[lead].key))
        reasons.append(Reason("lot_lead", {"lot": lot.title, "member": problem.enterprises[lead].name}))
    capacity = float(problem.capacities[list(chosen)].sum())
    reasons.append(Reason("combined_capacity", {"capacity": capacity, "value": problem.contract.value}))
    local = sum(member.is_local for member in members)
    social = sum(member.is_social for member in members)
    reasons.append(Reason("members_profile", {"members": len(members), "local": local, "social": social}))
    return Consortium(
        tuple(member.key for member in members),
        round(float(problem.costs[list(chosen)].sum()), 6),
        capacity,
        tuple(leads),
        tuple(reasons),
    )


def best_consortia(problem: ConsortiumProblem, alternatives: int = 3) -> list[Consortium]:
    """The cheapest consortia, best first, each differing from the earlier ones by at least one member."""
    count = len(problem.enterprises)
    if count == 0:
        return []
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []
    for column in range(problem.covers.shape[1]):
        rows.append(problem.covers[:, column])
        lower.append(1.0)
        upper.append(np.inf)
    rows.append(problem.capacities)
    lower.append(problem.contract.value)
    upper.append(np.inf)
    rows.append(np.ones(count))
    lower.append(1.0)
    upper.append(float(problem.max_members))
    found: list[Consortium] = []
    for _ in range(alternatives):
        constraint = LinearConstraint(np.vstack(rows), np.array(lower), np.array(upper))
        result = milp(
            c=problem.costs,
            constraints=constraint,
            integrality=np.ones(count),
            bounds=Bounds(np.zeros(count), np.ones(count)),
        )
        if not result.success or result.x is None:
            break
        chosen = [i for i in range(count) if result.x[i] > 0.5]
        found.append(_describe(problem, chosen))
        # No-good cut: this exact set of members may not be chosen again.
        cut = np.zeros(count)
        cut[chosen] = 1.0
        rows.append(cut)
        lower.append(-np.inf)
        upper.append(float(len(chosen) - 1))
    return found


def greedy_consortium(problem: ConsortiumProblem) -> Consortium | None:
    """A quick answer for comparison: add the member covering most of what is left per cost, then the
    largest capacities, until everything is covered."""
    chosen: list[int] = []
    remaining = set(range(len(problem.enterprises)))
    needed = np.ones(problem.covers.shape[1], dtype=bool)
    while needed.any() and remaining:
        best = max(remaining, key=lambda i: (problem.covers[i, needed].sum() / problem.costs[i], -i))
        if problem.covers[best, needed].sum() == 0:
            return None
        chosen.append(best)
        remaining.discard(best)
        needed &= problem.covers[best] < 1
    if needed.any():
        return None
    while float(problem.capacities[chosen].sum()) < problem.contract.value and remaining:
        best = max(remaining, key=lambda i: (problem.capacities[i] / problem.costs[i], -i))
        chosen.append(best)
        remaining.discard(best)
    return _describe(problem, sorted(chosen)) if is_feasible(problem, chosen) else None


def exhaustive_best_cost(problem: ConsortiumProblem) -> float | None:
    """The optimum by trying every set of members (small problems only: the reference for tests)."""
    best: float | None = None
    count = len(problem.enterprises)
    for size in range(1, min(problem.max_members, count) + 1):
        for chosen in itertools.combinations(range(count), size):
            if is_feasible(problem, chosen):
                cost = float(problem.costs[list(chosen)].sum())
                best = cost if best is None else min(best, cost)
    return best


def candidates_for(
    contract: ContractProfile, enterprises: Sequence[EnterpriseProfile], limit: int = 60
) -> list[EnterpriseProfile]:
    """Organisations worth considering: those covering a lot or holding a required certificate or
    insurance, the best covering first (keeps the programme small for city-scale registers)."""
    scored = []
    for enterprise in enterprises:
        best = max((lot_coverage(enterprise, lot) for lot in contract.lots), default=0.0)
        compliant = any(meets_certificate(enterprise, name) for name in contract.certificates) or any(
            meets_insurance(enterprise, kind, cover) for kind, cover in contract.insurance.items()
        )
        if best >= COVERED or compliant:
            scored.append((best, enterprise.capacity, enterprise))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].key))
    return [item[2] for item in scored[:limit]]
