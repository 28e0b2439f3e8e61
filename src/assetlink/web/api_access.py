"""API permission checks, as in web.access: 404 outside the user's programmes, 403 without the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja.errors import HttpError

from assetlink.programmes.models import Programme
from assetlink.programmes.rules import operator_access_in
from assetlink.programmes.selectors import programmes_for
from assetlink.web.access import SAFE_METHODS, Access

Handler = TypeVar("Handler", bound=Callable[..., Any])


def declares(access: Access) -> Callable[[Handler], Handler]:
    """Attach the access rule a handler enforces, for the permission matrix test to read."""

    def decorator(handler: Handler) -> Handler:
        handler.access = access  # type: ignore[attr-defined]
        return handler

    return decorator


def programme_for(request: HttpRequest, slug: str, access: Access, **url_kwargs: Any) -> Programme:
    """The programme of the URL if the user belongs to it and the access rule allows them."""
    programme = programmes_for(request.user).filter(slug=slug).first()
    if programme is None:
        raise HttpError(404, gettext("There is no page at this address, or it is not yours to see."))
    if not access.allows(request.user, programme, url_kwargs):
        raise HttpError(403, gettext("Your role in this programme does not allow this."))
    if request.method not in SAFE_METHODS and operator_access_in(request.user, programme):
        raise HttpError(403, gettext("An operator access is for reading only."))
    return programme
