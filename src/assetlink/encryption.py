"""Encryption of sensitive fields at rest: Fernet tokens under a list of keys, the first one current.

Keys come from ASSETLINK_FIELD_KEYS (comma-separated) or, with DEBUG on only, from var/field_keys, which
`make setup` creates. Adding a new key in front and running `assetlink rotate_field_keys` re-encrypts
every value under it; old keys can then be removed.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.crypto import salted_hmac

PREFIX = "fernet:"


@functools.cache
def _keys_from(value: str) -> MultiFernet:
    keys = [key.strip() for key in value.replace("\n", ",").split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(
            "No field encryption key: set ASSETLINK_FIELD_KEYS (var/field_keys, which `make setup` writes, "
            "is read only with DEBUG on)."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"A field encryption key is not a valid Fernet key: {error}") from error


def cipher() -> MultiFernet:
    """The keys in use, read once per value of the setting."""
    configured = getattr(settings, "ASSETLINK_FIELD_KEYS", "") or os.environ.get("ASSETLINK_FIELD_KEYS", "")
    if not configured and settings.DEBUG:
        # A key kept in a file beside the database is for local work only; production sets the variable.
        key_file = Path(settings.VAR_DIR) / "field_keys"
        if key_file.exists():
            configured = key_file.read_text()
    return _keys_from(configured)


def encrypt(plain: str) -> str:
    return PREFIX + cipher().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return cipher().decrypt(stored.removeprefix(PREFIX).encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with the configured keys (was a key removed too early?)"
        ) from error


def encrypt_bytes(plain: bytes) -> bytes:
    return cipher().encrypt(plain)


def decrypt_bytes(stored: bytes) -> bytes:
    return cipher().decrypt(bytes(stored))


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; the empty string stays empty so blank fields cost nothing.

    The database never sees the plain text, so such a field cannot be searched or ordered by SQL.
    """

    encrypted = True

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in {"isnull", "exact"}:
            raise TypeError(f"Encrypted fields cannot be searched with '{lookup_name}'.")
        return super().get_lookup(lookup_name)


def blind_index(purpose: str, value: str) -> str:
    """A keyed hash of an encrypted field's value, so that SQL can find equal values without reading
    any: the same value gives the same index, and the index cannot be turned back into the value
    without the site's secret key ("" for an empty value)."""
    value = value.strip().casefold()
    if not value:
        return ""
    return salted_hmac(f"assetlink.blind_index.{purpose}", value, algorithm="sha256").hexdigest()[:32]


def encrypted_field_names(model: type[models.Model]) -> list[str]:
    """Names of the encrypted fields of a model."""
    return [field.name for field in model._meta.concrete_fields if getattr(field, "encrypted", False)]
