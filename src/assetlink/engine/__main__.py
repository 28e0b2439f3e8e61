"""`python -m assetlink.engine`: embed the labels of the packaged ESCO data once, at set-up time."""

from __future__ import annotations

import time

from assetlink.engine import packaged_taxonomy
from assetlink.engine.embeddings import cache_directory

if __name__ == "__main__":
    started = time.perf_counter()
    taxonomy = packaged_taxonomy(compute_embeddings=True)
    print(
        f"ESCO label embeddings ready in {cache_directory()} "
        f"({len(taxonomy.concepts)} concepts, {time.perf_counter() - started:.1f} s)"
    )
