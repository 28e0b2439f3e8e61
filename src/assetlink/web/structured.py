"""schema.org metadata as JSON-LD, safe to put in a page: no text inside can close its script element."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe


def json_ld(data: dict[str, Any]) -> SafeString:
    """The JSON for a `<script type="application/ld+json">` element, with "<" escaped."""
    return mark_safe(json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c"))  # noqa: S308
