"""The organisations of a programme's asset register: list, register, profile, edit, and profile parts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.journeys.timeline import TimelineOf, timeline_context
from assetlink.organisations import selectors, services
from assetlink.organisations.forms import PART_FORMS, PART_TITLES, OrganisationForm
from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.places.selectors import areas_of
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors
from assetlink.web.pagination import page_context
from assetlink.web.parts import add_part, part_section, remove_part

change_organisation = programme_view(
    "organisations.view_register",
    object_permission="organisations.change_organisation",
    load_object=selectors.organisation_in,
)


@programme_view("organisations.view_register")
def organisation_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    organisations = selectors.organisations_of(programme)
    query = request.GET.get("q", "").strip()
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(capabilities__description__icontains=query)
            | Q(capabilities__cpv_code__startswith=query)
        ).distinct()
    kind = request.GET.get("kind", "")
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    area = request.GET.get("area", "")
    if area.isdigit():
        organisations = organisations.filter(area_id=int(area))
    context = {
        "programme": programme,
        "query": query,
        "kinds": OrganisationKind.choices,
        "selected_kind": kind,
        "areas": areas_of(programme).order_by("name"),
        "selected_area": area,
        "can_register": request.user.has_perm("organisations.add_to_register", programme),
        **page_context(request, organisations.order_by("name")),
    }
    template = (
        "organisations/list.html#results" if request.headers.get("HX-Request") else "organisations/list.html"
    )
    return render(request, template, context)


@programme_view("organisations.add_to_register")
def organisation_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = OrganisationForm(request.POST or None, programme=programme, initial={"country": programme.country})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.register_organisation(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is in the register.") % {"name": organisation.name})
            return redirect("organisations:detail", slug=programme.slug, organisation_id=organisation.pk)
    return render(
        request, "organisations/form.html", {"programme": programme, "form": form, "organisation": None}
    )


def _detail_context(
    request: AuthenticatedHttpRequest, programme: Programme, organisation: Organisation, **forms: Any
) -> dict[str, Any]:
    partnership = organisation.partnerships.filter(programme=programme).first()
    can_edit = request.user.has_perm("organisations.change_organisation", organisation)
    return {
        **timeline_context(request, TimelineOf(programme, organisation)),
        "programme": programme,
        "organisation": organisation,
        "partnership": partnership,
        "led_work_packages": partnership.led_work_packages.all() if partnership else [],
        "work_packages": partnership.work_packages.all() if partnership else [],
        "can_edit": can_edit,
        "parts": [
            part_section(
                kind=part,
                title=PART_TITLES[part],
                items=getattr(organisation, part).all(),
                form=forms.get(part) or (PART_FORMS[part](prefix=part) if can_edit else None),
                add_url=reverse(
                    "organisations:part_add",
                    kwargs={"slug": programme.slug, "organisation_id": organisation.pk, "part": part},
                ),
                remove_route=(
                    (
                        "organisations:part_remove",
                        {"slug": programme.slug, "organisation_id": organisation.pk, "part": part},
                    )
                    if can_edit
                    else None
                ),
            )
            for part in PART_FORMS
        ],
    }


@programme_view("organisations.view_register")
def organisation_detail(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int
) -> HttpResponse:
    organisation = selectors.organisation_in(programme, organisation_id)
    return render(request, "organisations/detail.html", _detail_context(request, programme, organisation))


@change_organisation
def organisation_edit(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int
) -> HttpResponse:
    organisation = selectors.organisation_in(programme, organisation_id)
    form = OrganisationForm(
        request.POST or None, programme=programme, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                actor=request.user, organisation=organisation, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("organisations:detail", slug=programme.slug, organisation_id=organisation.pk)
    return render(
        request,
        "organisations/form.html",
        {"programme": programme, "organisation": organisation, "form": form},
    )


def _profile_url(programme: Programme, organisation: Organisation, part: str) -> str:
    url = reverse("organisations:detail", kwargs={"slug": programme.slug, "organisation_id": organisation.pk})
    return f"{url}#{part}"


@change_organisation
@require_POST
def organisation_part_add(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int, part: str
) -> HttpResponse:
    if part not in PART_FORMS:
        raise Http404
    organisation = selectors.organisation_in(programme, organisation_id)
    return add_part(
        request,
        form=PART_FORMS[part](request.POST, prefix=part),
        save=lambda data: services.add_part(
            actor=request.user, organisation=organisation, part=part, programme=programme, **data
        ),
        title=PART_TITLES[part],
        done_url=_profile_url(programme, organisation, part),
        show_again=lambda form: render(
            request,
            "organisations/detail.html",
            _detail_context(request, programme, organisation, **{part: form}),
            status=422,
        ),
    )


@change_organisation
@require_POST
def organisation_part_remove(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int, part: str, item_id: int
) -> HttpResponse:
    if part not in PART_FORMS:
        raise Http404
    organisation = selectors.organisation_in(programme, organisation_id)
    return remove_part(
        request,
        remove=lambda: services.remove_part(
            actor=request.user, organisation=organisation, part=part, item_id=item_id, programme=programme
        ),
        title=PART_TITLES[part],
        done_url=_profile_url(programme, organisation, part),
    )
