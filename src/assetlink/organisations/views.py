"""The organisations of a programme's asset register: list, register, profile, edit, and profile parts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.organisations import selectors, services
from assetlink.organisations.forms import PART_FORMS, PART_TITLES, LinkRequestForm, OrganisationForm
from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.organisations.rules import RegisterEntry
from assetlink.places.selectors import areas_of
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit
from assetlink.web.pagination import page_context
from assetlink.web.panels import record_panels
from assetlink.web.parts import add_part, part_section, remove_part

change_organisation = programme_view(
    "organisations.view_register",
    object_permission="organisations.change_organisation",
    load_object=selectors.organisation_in,
)


change_register_entry = programme_view(
    "organisations.view_register",
    object_permission="organisations.change_register_entry",
    load_object=selectors.register_entry_in,
)


@programme_view("organisations.view_register")
def organisation_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    organisations = selectors.organisations_of(programme)
    query = request.GET.get("q", "").strip()
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(capabilities__programme=programme, capabilities__description__icontains=query)
            | Q(capabilities__programme=programme, capabilities__cpv_code__startswith=query)
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
        name, country = form.cleaned_data["name"], form.cleaned_data["country"]
        if form.cleaned_data["ask_to_link"] and selectors.organisation_held_elsewhere(
            programme, name, country
        ):
            done = submit(
                request,
                form,
                lambda _data: services.request_link(
                    actor=request.user, programme=programme, name=name, country=country
                ),
                message=_("A request to link %(name)s has been sent to its holders.") % {"name": name},
                then=reverse("organisations:link_requests", kwargs={"slug": programme.slug}),
            )
        else:
            done = submit(
                request,
                form,
                lambda data: services.register_organisation(
                    actor=request.user,
                    programme=programme,
                    **{field: value for field, value in data.items() if field != "ask_to_link"},
                ),
                message=lambda organisation: _("%(name)s is in the register.") % {"name": organisation.name},
                then=lambda organisation: reverse(
                    "organisations:detail",
                    kwargs={"slug": programme.slug, "organisation_id": organisation.pk},
                ),
            )
        if done:
            return done
    return render(
        request, "organisations/form.html", {"programme": programme, "form": form, "organisation": None}
    )


@programme_view("organisations.view_register")
def link_request_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    can_request = request.user.has_perm("organisations.add_to_register", programme)
    form = LinkRequestForm(request.POST or None, initial={"country": programme.country})
    if request.method == "POST":
        if not can_request:
            raise PermissionDenied("organisations.add_to_register")
        done = submit(
            request,
            form,
            lambda data: services.request_link(actor=request.user, programme=programme, **data),
            message=_("The request has been sent to the organisation's holders."),
            then=reverse("organisations:link_requests", kwargs={"slug": programme.slug}),
        )
        if done:
            return done
    context = {
        "programme": programme,
        "form": form if can_request else None,
        "to_answer": selectors.link_requests_to_answer(request.user, programme),
        "sent": selectors.link_requests_sent(programme)[:100],
    }
    return render(request, "organisations/link_requests.html", context, status=422 if form.errors else 200)


@programme_view(
    "organisations.view_register",
    object_permission="organisations.answer_link_request",
    load_object=selectors.link_request_to_answer,
)
@require_POST
def link_request_answer(
    request: AuthenticatedHttpRequest, programme: Programme, link_request_id: int
) -> HttpResponse:
    link = selectors.link_request_to_answer(programme, link_request_id)
    accept = request.POST.get("accept") == "1"
    services.answer_link_request(actor=request.user, link=link, accept=accept)
    if accept:
        messages.success(
            request,
            _("%(programme)s may now list %(name)s.")
            % {"programme": link.programme.name, "name": link.organisation.name},
        )
    else:
        messages.success(request, _("The request has been declined."))
    return redirect("organisations:link_requests", slug=programme.slug)


def _detail_context(
    request: AuthenticatedHttpRequest, programme: Programme, organisation: Organisation, **forms: Any
) -> dict[str, Any]:
    partnership = organisation.partnerships.filter(programme=programme).first()
    can_edit = request.user.has_perm("organisations.change_organisation", organisation)
    can_record = request.user.has_perm(
        "organisations.change_register_entry", RegisterEntry(programme, organisation)
    )
    return {
        **record_panels(request, programme, organisation),
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
                form=forms.get(part) or (PART_FORMS[part](prefix=part) if can_record else None),
                add_url=reverse(
                    "organisations:part_add",
                    kwargs={"slug": programme.slug, "organisation_id": organisation.pk, "part": part},
                ),
                remove_route=(
                    (
                        "organisations:part_remove",
                        {"slug": programme.slug, "organisation_id": organisation.pk, "part": part},
                    )
                    if can_record
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
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.update_organisation(
                actor=request.user, organisation=organisation, programme=programme, **data
            ),
            message=_("The profile has been saved."),
            then=reverse(
                "organisations:detail", kwargs={"slug": programme.slug, "organisation_id": organisation.pk}
            ),
        )
    ):
        return done
    return render(
        request,
        "organisations/form.html",
        {"programme": programme, "organisation": organisation, "form": form},
    )


def _profile_url(programme: Programme, organisation: Organisation, part: str) -> str:
    url = reverse("organisations:detail", kwargs={"slug": programme.slug, "organisation_id": organisation.pk})
    return f"{url}#{part}"


@change_register_entry
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


@change_register_entry
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
