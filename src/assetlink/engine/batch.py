"""Top-k soft scores for many people over many opportunities at once.

People and opportunities become rows of two sparse matrices over one feature space (skills, skill
groups, occupations for proximity, experience and aspiration: `scoring.SoftModel`), so every pair's
soft score is one entry of their product. The product is taken a block of people at a time and only
the k best of each row are kept: memory stays bounded by the block, not by people × opportunities.
A brute-force baseline computes the same scores densely for comparison (benchmarks and tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from assetlink.engine.scoring import Feature, OpportunityProfile, PersonProfile, SoftModel

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class TopK:
    """For each person (row): the columns of their k best opportunities and the scores, best first.
    Unused places (fewer than k opportunities with any score) hold column -1 and score 0."""

    columns: IntArray
    scores: FloatArray


class FeatureSpace:
    """Column numbers for features, assigned as they are first seen."""

    def __init__(self) -> None:
        self.columns: dict[Feature, int] = {}

    def column(self, feature: Feature) -> int:
        return self.columns.setdefault(feature, len(self.columns))

    def matrix(self, rows: Iterable[Mapping[Feature, float]], *, grow: bool = True) -> sparse.csr_matrix:
        """A CSR matrix of rows of feature values; unknown features are added or, if not `grow`, dropped."""
        data: list[float] = []
        indices: list[int] = []
        pointers = [0]
        for row in rows:
            for feature, value in row.items():
                if grow:
                    column = self.column(feature)
                elif feature in self.columns:
                    column = self.columns[feature]
                else:
                    continue
                indices.append(column)
                data.append(value)
            pointers.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), np.asarray(pointers)),
            shape=(len(pointers) - 1, max(len(self.columns), 1)),
        )


def build_matrices(
    model: SoftModel, people: Sequence[PersonProfile], opportunities: Sequence[OpportunityProfile]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """People × features and opportunities × features, over one feature space."""
    space = FeatureSpace()
    opportunity_rows = []
    for opportunity in opportunities:
        merged: dict[Feature, float] = {}
        for weights in model.opportunity_weights(opportunity).values():
            for feature, weight in weights.items():
                merged[feature] = merged.get(feature, 0.0) + weight
        opportunity_rows.append(merged)
    opportunity_matrix = space.matrix(opportunity_rows)
    # A person's feature no opportunity asks for cannot change a score: it is left out.
    person_matrix = space.matrix((model.person_vector(person) for person in people), grow=False)
    width = len(space.columns)
    return _resized(person_matrix, width), _resized(opportunity_matrix, width)


def _resized(matrix: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    matrix = sparse.csr_matrix(matrix)
    matrix.resize((matrix.shape[0], max(width, 1)))
    return matrix


def top_k(people: sparse.csr_matrix, opportunities: sparse.csr_matrix, k: int, *, block: int = 4096) -> TopK:
    """The k best opportunities of every person by soft score, from the sparse product taken by blocks."""
    count = people.shape[0]
    k = max(1, min(k, opportunities.shape[0]))
    columns = np.full((count, k), -1, dtype=np.int64)
    scores = np.zeros((count, k), dtype=np.float32)
    transposed = sparse.csc_matrix(opportunities.T.astype(np.float32))
    for start in range(0, count, block):
        stop = min(start + block, count)
        product = sparse.csr_matrix(people[start:stop] @ transposed)
        _keep_best(product, k, columns[start:stop], scores[start:stop])
    return TopK(columns, scores)


def _keep_best(product: sparse.csr_matrix, k: int, columns: IntArray, scores: FloatArray) -> None:
    """Write the k largest entries of each row of a sparse block, best first (ties: lower column).

    Each row's k-th largest value is found with a partial sort of that row alone; only entries at or
    above it are then sorted, so the cost follows the block's non-zeros, not rows × opportunities."""
    lengths = np.diff(product.indptr)
    data = product.data.astype(np.float32, copy=False)
    thresholds = np.zeros(product.shape[0], dtype=np.float32)
    for row in np.flatnonzero(lengths > k):
        segment = data[product.indptr[row] : product.indptr[row + 1]]
        thresholds[row] = np.partition(segment, len(segment) - k)[len(segment) - k]
    keep = (data >= np.repeat(thresholds, lengths)) & (data > 0)
    rows = np.repeat(np.arange(product.shape[0]), lengths)[keep]
    cols = product.indices[keep].astype(np.int64)
    values = data[keep]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(rows, np.arange(product.shape[0]))
    rank = np.arange(len(rows)) - starts[rows]
    chosen = rank < k
    columns[rows[chosen], rank[chosen]] = cols[chosen]
    scores[rows[chosen], rank[chosen]] = values[chosen]


def brute_force_top_k(
    people: sparse.csr_matrix, opportunities: sparse.csr_matrix, k: int, *, block: int = 256
) -> TopK:
    """The same top-k from dense scores of every pair (the baseline: exact, and slow at scale)."""
    count = people.shape[0]
    k = max(1, min(k, opportunities.shape[0]))
    dense_opportunities = opportunities.toarray().astype(np.float32).T
    columns = np.full((count, k), -1, dtype=np.int64)
    scores = np.zeros((count, k), dtype=np.float32)
    for start in range(0, count, block):
        stop = min(start + block, count)
        block_scores = people[start:stop].toarray().astype(np.float32) @ dense_opportunities
        best = np.argpartition(-block_scores, k - 1, axis=1)[:, :k]
        best_scores = np.take_along_axis(block_scores, best, axis=1)
        order = np.lexsort((best, -best_scores), axis=1)
        best = np.take_along_axis(best, order, axis=1)
        best_scores = np.take_along_axis(best_scores, order, axis=1)
        empty = best_scores <= 0
        best[empty] = -1
        best_scores[empty] = 0
        columns[start:stop], scores[start:stop] = best, best_scores
    return TopK(columns, scores)


def recall(found: TopK, exact: TopK) -> float:
    """Share of the exact top-k (entries with a score) that the found top-k holds; a found entry tied
    with the exact k-th score counts too, since either of two equal scores may take the last place."""
    hits = total = 0
    for row in range(exact.columns.shape[0]):
        wanted = {int(c) for c in exact.columns[row] if c >= 0}
        if not wanted:
            continue
        last = float(exact.scores[row][len(wanted) - 1])
        got = [
            (int(c), float(v)) for c, v in zip(found.columns[row], found.scores[row], strict=True) if c >= 0
        ]
        hits += min(len(wanted), sum(1 for c, v in got if c in wanted or abs(v - last) <= 1e-6))
        total += len(wanted)
    return hits / total if total else 1.0
