"""Checks that every app's services share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def reject_unknown_fields(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    """Refuse a write that names fields the service does not change, naming them."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
