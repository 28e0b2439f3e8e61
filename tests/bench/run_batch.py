"""One batch benchmark run in its own process (so its peak memory is its own); prints JSON.

python tests/bench/run_batch.py PEOPLE OPPORTUNITIES [--k 20] [--sample 2000]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc

import numpy as np

from assetlink.engine import default_taxonomy
from assetlink.engine.batch import TopK, brute_force_top_k, recall, top_k
from assetlink.engine.scoring import SoftModel
from tests.bench.synthetic import opportunities_matrix, people_matrix, universe


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("people", type=int)
    parser.add_argument("opportunities", type=int)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument(
        "--new-opportunity", action="store_true", help="also time one opportunity → top-100 people"
    )
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    world = universe(taxonomy)
    started = time.perf_counter()
    people = people_matrix(world, args.people)
    opportunities = opportunities_matrix(world, SoftModel(taxonomy), args.opportunities)
    generated = time.perf_counter() - started

    tracemalloc.start()
    started = time.perf_counter()
    found = top_k(people, opportunities, args.k)
    batch_seconds = time.perf_counter() - started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sample = min(args.sample, args.people)
    rows = np.random.default_rng(3).choice(args.people, sample, replace=False)
    started = time.perf_counter()
    exact = brute_force_top_k(people[rows], opportunities, args.k)
    baseline_sample_seconds = time.perf_counter() - started
    baseline_seconds = baseline_sample_seconds * args.people / sample
    result = {
        "people": args.people,
        "opportunities": args.opportunities,
        "k": args.k,
        "generate_s": round(generated, 1),
        "batch_s": round(batch_seconds, 2),
        "batch_traced_peak_mb": round(traced_peak / 2**20),
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "baseline_sample": sample,
        "baseline_s_extrapolated": round(baseline_seconds, 1),
        "speedup_vs_baseline": round(baseline_seconds / batch_seconds, 1),
        "recall_at_k_on_sample": round(recall(TopK(found.columns[rows], found.scores[rows]), exact), 4),
        "people_nnz_per_row": round(people.nnz / args.people, 1),
        "opportunity_nnz_per_row": round(opportunities.nnz / args.opportunities, 1),
    }
    if args.new_opportunity:
        result.update(new_opportunity(people, opportunities))
    print(json.dumps(result))


def new_opportunity(people, opportunities) -> dict[str, float]:
    """One new opportunity scored against every person, the 100 best kept: the sparse way and dense."""
    transposed = people.T.tocsr()
    timings, dense_timings = [], []
    for row in range(20):
        vector = opportunities[row]
        started = time.perf_counter()
        scores = (vector @ transposed).toarray().ravel()
        best = np.argpartition(-scores, 100)[:100]
        best = best[np.argsort(-scores[best])]
        timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        dense = people @ vector.toarray().ravel()
        dense_best = np.argpartition(-dense, 100)[:100]
        dense_timings.append(time.perf_counter() - started)
        # Both ways find the same 100 best scores (ties may pick different people).
        assert np.allclose(np.sort(scores[best]), np.sort(dense[dense_best]), atol=1e-5)
    return {
        "new_opportunity_top100_ms_median": round(1000 * float(np.median(timings)), 1),
        "new_opportunity_top100_ms_p95": round(1000 * float(np.percentile(timings, 95)), 1),
        "new_opportunity_dense_ms_median": round(1000 * float(np.median(dense_timings)), 1),
    }


if __name__ == "__main__":
    main()
