"""Decorators that declare and enforce who may reach a view.

Every view of assetlink carries one of these; the permission matrix test reads the declaration
(`view.access`) of every URL pattern and checks the behaviour for each kind of user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, Literal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from assetlink.programmes.rules import operator_access_in
from assetlink.programmes.selectors import programmes_for

if TYPE_CHECKING:
    from assetlink.accounts.models import User

View = Callable[..., HttpResponseBase]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Access:
    """Who may reach a view: anyone, any signed-in user, or members of a programme with a permission."""

    # "collector": an OpenRosa endpoint, reached with a researcher's live key in the address.
    # "catalogue": a page of the good-practice catalogue's editors, who hold no programme role for it.
    scope: Literal["public", "signed_in", "programme", "platform", "collector", "catalogue"]
    permission: str = ""
    # A further permission on one object of the programme, which `load_object` finds from the URL.
    object_permission: str = ""
    load_object: Callable[..., Any] | None = None

    def allows(self, user: Any, programme: Any, url_kwargs: dict[str, Any]) -> bool:
        """Whether this user may open the view for this programme and URL."""
        if self.scope in {"platform", "catalogue"}:
            return bool(user.has_perm(self.permission))
        if not user.has_perm(self.permission, programme):
            return False
        if self.object_permission and self.load_object is not None:
            return bool(user.has_perm(self.object_permission, self.load_object(programme, **url_kwargs)))
        return True


def public(view: View) -> View:
    """Anyone may open this view, signed in or not."""
    view.access = Access("public")  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in user; the view itself limits what it shows to the user's own records."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access = Access("signed_in")  # type: ignore[attr-defined]
    return wrapped


def platform_view(
    permission: str, *, scope: Literal["platform", "catalogue"] = "platform"
) -> Callable[[View], View]:
    """A page of the platform itself (not of a programme): 403 unless the user holds the permission. The
    catalogue's editing pages are such pages, for the catalogue's editors (scope "catalogue")."""
    access = Access(scope, permission)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied(permission)
            return view(request, *args, **kwargs)

        wrapped.access = access  # type: ignore[attr-defined]
        return wrapped

    return decorator


def programme_view(
    permission: str, *, object_permission: str = "", load_object: Callable[..., Any] | None = None
) -> Callable[[View], View]:
    """A page of one programme: 404 unless the user belongs to it, 403 without the permission(s)."""
    access = Access("programme", permission, object_permission, load_object)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            programme = get_object_or_404(programmes_for(request.user), slug=slug)
            if not access.allows(request.user, programme, kwargs):
                raise PermissionDenied(permission)
            if request.method not in SAFE_METHODS and operator_access_in(request.user, programme):
                raise PermissionDenied("operator access is read-only")
            request.programme = programme  # type: ignore[attr-defined]
            return view(request, programme, *args, **kwargs)

        wrapped.access = access  # type: ignore[attr-defined]
        return wrapped

    return decorator


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind `signed_in` or `programme_view` receives: its user is signed in."""

    user: User
