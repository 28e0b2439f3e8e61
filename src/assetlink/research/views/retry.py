"""How a research form posted to an address of its own finishes: saved, a message and a redirect; refused,
the form shown again (what was typed, and why it was refused) under a heading, with the way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest
from assetlink.web.forms import submit


def submit_or_retry(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    message: str,
    then: str | Callable[[Any], str],
    *,
    heading: str,
    back: str,
) -> HttpResponse:
    done = submit(request, form, save, message=message, then=then)
    if done:
        return done
    context = {"programme": programme, "form": form, "heading": heading, "back": back, "action": request.path}
    return render(request, "research/retry.html", context, status=422)
