"""Benchmarks (a) and (b): batch top-20 for every person over all open opportunities at 10k, 100k and 1M
people × 10k and 50k opportunities, and one new opportunity → top-100 people at 1M. Each size runs in its
own process (`run_batch.py`) so its peak memory is its own; the baseline (dense brute force) runs in the
same process on a sample and is scaled up. Figures go to var/bench/batch.json and docs/matching.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZES = [
    (10_000, 10_000),
    (10_000, 50_000),
    (100_000, 10_000),
    (100_000, 50_000),
    (1_000_000, 10_000),
    (1_000_000, 50_000),
]


def test_batch_grid():
    results = []
    for people, opportunities in SIZES:
        command = [
            sys.executable,
            str(Path(__file__).with_name("run_batch.py")),
            str(people),
            str(opportunities),
        ]
        if people == 1_000_000:
            command.append("--new-opportunity")
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
            timeout=3600,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(results[-1], flush=True)
    out = ROOT / "var" / "bench" / "batch.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    assert all(result["recall_at_k_on_sample"] >= 0.999 for result in results)
