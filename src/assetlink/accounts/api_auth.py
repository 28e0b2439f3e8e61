"""API authentication: per-user bearer tokens, or the browser session (with the same MFA rule as the UI)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from assetlink.accounts.middleware import needs_second_factor
from assetlink.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


class SessionWithSecondFactorAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and settings.ASSETLINK_STAFF_MFA_REQUIRED and needs_second_factor(user):
            return None
        return user
