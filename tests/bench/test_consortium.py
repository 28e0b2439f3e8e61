"""Benchmark (d): the exact consortium optimiser against the greedy heuristic on generated contracts —
objective (member cost, lower is better), how often greedy finds no consortium when one exists, and time."""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path

from assetlink.engine.consortium import best_consortia, build_problem, greedy_consortium
from assetlink.engine.supply import ContractProfile, EnterpriseProfile, LotNeed

ROOT = Path(__file__).resolve().parents[2]


def generated(
    rng: random.Random, enterprises: int, lots: int
) -> tuple[ContractProfile, list[EnterpriseProfile]]:
    codes = [
        f"{rng.randrange(10, 99)}{rng.randrange(100, 999)}000-{rng.randrange(10)}" for _ in range(lots * 2)
    ]
    contract_lots = tuple(
        LotNeed(f"l{i}", f"Lot {i}", float(rng.randrange(20, 200) * 1000), codes[i]) for i in range(lots)
    )
    value = sum(lot.value for lot in contract_lots)
    suppliers = [
        EnterpriseProfile(
            key=f"e{i}",
            name=f"Enterprise {i}",
            cpv_codes=tuple(rng.sample(codes, rng.randrange(1, 4))),
            capacity=float(rng.randrange(10, 400) * 1000),
            certificates=("ISO 9001",) if rng.random() < 0.5 else (),
            is_local=rng.random() < 0.5,
            is_social=rng.random() < 0.4,
        )
        for i in range(enterprises)
    ]
    return ContractProfile("c", "Contract", value, contract_lots, certificates=("ISO 9001",)), suppliers


def test_optimiser_against_greedy():
    rng = random.Random(5)
    rows = []
    for enterprises, lots in ((20, 3), (40, 5), (60, 8), (120, 10)):
        gaps, greedy_missed, exact_times, greedy_times, solved = [], 0, [], [], 0
        for _ in range(50):
            problem = build_problem(*generated(rng, enterprises, lots))
            started = time.perf_counter()
            best = best_consortia(problem, alternatives=1)
            exact_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            greedy = greedy_consortium(problem)
            greedy_times.append(time.perf_counter() - started)
            if not best:
                continue
            solved += 1
            if greedy is None:
                greedy_missed += 1
            else:
                gaps.append(greedy.cost / best[0].cost - 1)
        rows.append(
            {
                "enterprises": enterprises,
                "lots": lots,
                "contracts_with_a_consortium": solved,
                "greedy_found_none": greedy_missed,
                "greedy_cost_above_optimum_mean_pct": round(100 * statistics.mean(gaps), 1) if gaps else None,
                "greedy_cost_above_optimum_max_pct": round(100 * max(gaps), 1) if gaps else None,
                "greedy_optimal_share": round(sum(1 for g in gaps if g < 1e-9) / len(gaps), 3)
                if gaps
                else None,
                "exact_ms_median": round(1000 * statistics.median(exact_times), 1),
                "greedy_ms_median": round(1000 * statistics.median(greedy_times), 2),
            }
        )
    out = ROOT / "var" / "bench" / "consortium.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2))
    print(json.dumps(rows, indent=2))
    assert all(row["contracts_with_a_consortium"] > 0 for row in rows)
