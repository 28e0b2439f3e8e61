"""Checks that every app's services share, and what text the platform accepts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def reject_unknown_fields(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    """Refuse a write that names fields the service does not change, naming them."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})


# Control characters have no place in what people type: they break exports (XLSX refuses them), and
# PostgreSQL cannot store NUL. Tab, line feed and carriage return stay (multi-line text uses them).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_control_characters(value: str) -> str:
    """The text with its control characters removed (tab and line breaks kept)."""
    return CONTROL_CHARACTERS.sub("", value)


def cleaned_text(value: Any) -> Any:
    """A value from outside (a JSON document, a cell) with control characters removed from every string."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list):
        return [cleaned_text(item) for item in value]
    if isinstance(value, dict):
        return {cleaned_text(key): cleaned_text(item) for key, item in value.items()}
    return value
