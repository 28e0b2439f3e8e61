"""Text normalisation shared by label search and matching: case, accents and spacing do not count."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Lower-case, without accents, with single spaces: "  Enfermería  GENERAL" → "enfermeria general"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(bare.split())
