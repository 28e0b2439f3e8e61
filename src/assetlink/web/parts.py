"""Pages with "parts" (a person's skills, an organisation's capabilities, an opportunity's lots…): the
sections that list them with their add and remove forms, and the views that add and remove one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from assetlink.web.forms import submit


def part_section(
    *,
    kind: str,
    title: Any,
    items: Iterable[Any],
    form: forms.BaseForm | None,
    add_url: str,
    remove_route: tuple[str, dict[str, Any]] | None,
) -> dict[str, Any]:
    """One section for web/includes/parts.html: its items with their remove address, and the add form.

    `remove_route` is the URL name and keyword arguments of the remove view, less the item's `item_id`;
    None when the viewer may not remove.
    """
    rows = []
    for item in items:
        remove_url = ""
        if remove_route is not None:
            name, kwargs = remove_route
            remove_url = reverse(name, kwargs={**kwargs, "item_id": item.pk})
        rows.append({"item": item, "remove_url": remove_url})
    return {"kind": kind, "title": title, "rows": rows, "form": form, "add_url": add_url}


def add_part(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    title: Any,
    done_url: str,
    show_again: Callable[[forms.BaseForm], HttpResponse],
) -> HttpResponse:
    """Validate the form, save through the service, and go back; on error show the page with the form."""
    message = _("Added to %(section)s.") % {"section": title}
    return submit(request, form, save, message=message, then=done_url) or show_again(form)


def remove_part(
    request: HttpRequest, *, remove: Callable[[], Any], title: Any, done_url: str
) -> HttpResponse:
    """Remove one part through the service and go back, saying what happened."""
    try:
        remove()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed from %(section)s.") % {"section": title})
    return redirect(done_url)
