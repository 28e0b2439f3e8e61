"""Sends users who hold a staff role to set up TOTP before they can use anything else."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from assetlink.programmes.models import STAFF_ROLES
from assetlink.programmes.rules import roles_of

# Paths a user without a second factor still needs: signing out, setting one up, static files, language.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


def needs_second_factor(user: object) -> bool:
    """True when the user holds a staff role somewhere and has not enrolled TOTP."""
    if not getattr(user, "is_authenticated", False):
        return False
    is_staff_somewhere = any(m.role in STAFF_ROLES for m in roles_of(user).values())
    if not is_staff_somewhere:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.ASSETLINK_STAFF_MFA_REQUIRED
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.path.startswith("/api/")
            and needs_second_factor(request.user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
