"""Submitting a form through a service: on success a message and a redirect; on refusal the service's
errors shown on the form the user submitted, keeping what they typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def show_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach errors to their fields where the form has them, otherwise to the whole form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    message: Any,
    then: str | Callable[[Any], str],
) -> HttpResponse | None:
    """Validate the form and save its data through the service. Saved: the success message (or a function
    of what `save` returned giving it) and a redirect to `then` (an address, or such a function). Refused
    by the form or the service: None, with the errors on the form, for the view to show the page again."""
    if not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        show_service_errors(form, error)
        return None
    messages.success(request, message(saved) if callable(message) else message)
    return redirect(then(saved) if callable(then) else then)


def submit_or_retry(
    request: HttpRequest,
    programme: Any,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    message: str,
    then: str | Callable[[Any], str],
    *,
    heading: str,
    back: str,
) -> HttpResponse:
    """Send a form posted to an address of its own through its service: saved, a message and a redirect;
    refused, the form shown again (what was typed, and why it was refused) under a heading, with the way
    back."""
    done = submit(request, form, save, message=message, then=then)
    if done:
        return done
    context = {"programme": programme, "form": form, "heading": heading, "back": back, "action": request.path}
    return render(request, "web/retry.html", context, status=422)
