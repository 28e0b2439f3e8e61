"""Requests as a given user: a signed-in browser client, and an API call with a fresh token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from assetlink.accounts.services import create_api_token
from tests import factories


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: Any, method: str, path: str, body: Any = None, **extra: Any) -> Any:
    """Call the API as the user; `body` is sent as JSON (an empty object for a write without one)."""
    _token, secret = create_api_token(actor=user, name=f"t{next(factories._sequence)}")
    if body is None and method != "GET" and "data" not in extra:
        body = {}
    if body is not None:
        extra.update(data=json.dumps(body), content_type="application/json")
    return Client().generic(method, path, HTTP_AUTHORIZATION=f"Bearer {secret}", **extra)
