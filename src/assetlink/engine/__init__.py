"""Pure-Python core of assetlink: no Django imports; plain data in, plain data out.

The text-to-concept functions below use a taxonomy built once per process from the ESCO data the
installed packages ship (with label embeddings cached at install time); `use_taxonomy` swaps in another
(e.g. one built from a deployment's own ESCO download).
"""

from __future__ import annotations

import threading

from assetlink.engine.concepts import ScoredConcept, SkillMention
from assetlink.engine.taxonomy import Taxonomy

ENGINE_VERSION = "1.1"

__all__ = [
    "ENGINE_VERSION",
    "ScoredConcept",
    "SkillMention",
    "Taxonomy",
    "classify_occupation",
    "default_taxonomy",
    "extract_skills",
    "packaged_taxonomy",
    "use_taxonomy",
]

_lock = threading.Lock()
_taxonomy: Taxonomy | None = None


def packaged_taxonomy(*, compute_embeddings: bool = True) -> Taxonomy:
    """A taxonomy of the ESCO skills and occupations shipped by the installed data packages."""
    from assetlink.engine.embeddings import E5Embedder
    from assetlink.engine.esco_sources import read_packaged_occupations, read_packaged_skills

    skills, _groups = read_packaged_skills()
    return Taxonomy(
        [*skills, *read_packaged_occupations()],
        embedder=E5Embedder(),
        compute_embeddings=compute_embeddings,
    )


def use_taxonomy(taxonomy: Taxonomy | None) -> None:
    """Make this taxonomy the one the module-level functions use (None: back to the packaged one)."""
    global _taxonomy
    with _lock:
        _taxonomy = taxonomy


def default_taxonomy() -> Taxonomy:
    """The taxonomy in use, built from the packages on first call."""
    global _taxonomy
    with _lock:
        if _taxonomy is None:
            _taxonomy = packaged_taxonomy()
        return _taxonomy


def classify_occupation(title: str, lang: str = "en", k: int = 5) -> list[ScoredConcept]:
    """The k ESCO occupations most likely meant by a job title, best first."""
    return default_taxonomy().classify_occupation(title, lang, k)


def extract_skills(text: str, lang: str = "en") -> list[SkillMention]:
    """The ESCO skills a text names, in the order they appear."""
    return default_taxonomy().extract_skills(text, lang)
