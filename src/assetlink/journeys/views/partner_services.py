"""Pages of partners' services: the list, adding and editing one."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from assetlink.journeys import selectors, services
from assetlink.journeys.forms import (
    ServiceForm,
)
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit


@programme_view("journeys.view_services")
def service_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    items = [
        {"service": service, "can_change": request.user.has_perm("journeys.change_service", service)}
        for service in selectors.services_of(programme)
    ]
    return render(
        request,
        "journeys/services.html",
        {
            "programme": programme,
            "items": items,
            "can_add": request.user.has_perm("journeys.add_service", programme),
        },
    )


def _service_form(request: AuthenticatedHttpRequest, programme: Programme, service: Any) -> HttpResponse:
    is_admin = request.user.has_perm("journeys.act_for_any_organisation", programme)
    form = ServiceForm(
        request.POST or None,
        instance=service,
        programme=programme,
        choose_organisation=service is None and is_admin,
    )
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.save_service(
                actor=request.user,
                programme=programme,
                service=selectors.service_in(programme, service.pk) if service else None,
                organisation=data.get("organisation"),
                **{name: data[name] for name in ServiceForm.Meta.fields},
            ),
            message=_("The service has been saved."),
            then=reverse("journeys:services", kwargs={"slug": programme.slug}),
        )
    ):
        return done
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": _("Change the service") if service else _("Offer a service"),
            "intro": _(
                "Partners refer people to a service; it promises to answer and to close the loop in time."
            ),
            "cancel_url": reverse("journeys:services", kwargs={"slug": programme.slug}),
        },
        status=422 if form.errors else 200,
    )


@programme_view("journeys.add_service")
def service_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _service_form(request, programme, None)


@programme_view(
    "journeys.view_services", object_permission="journeys.change_service", load_object=selectors.service_in
)
def service_edit(request: AuthenticatedHttpRequest, programme: Programme, service_id: int) -> HttpResponse:
    return _service_form(request, programme, selectors.service_in(programme, service_id))
