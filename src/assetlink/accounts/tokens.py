"""Secret tokens (API keys, invitations) are stored only as a digest; this is the one digest."""

from __future__ import annotations

import hashlib


def hash_token(token: str) -> str:
    """The stored form of a secret token."""
    return hashlib.sha256(token.encode()).hexdigest()
