"""The one written form of a postcode, shared by what stores postcodes and what looks them up."""

from __future__ import annotations


def normalise_postcode(postcode: str) -> str:
    """Upper case without spaces: "b66 2ab" → "B662AB"."""
    return "".join(postcode.split()).upper()
