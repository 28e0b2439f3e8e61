"""The areas of a programme as a table, and its spaces (the map is in places/map)."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from assetlink.places import services
from assetlink.places.forms import SpaceForm
from assetlink.places.models import SpaceKind, SpaceStatus
from assetlink.places.selectors import areas_of, space_in, spaces_of
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit
from assetlink.web.pagination import page_context


@programme_view("places.view_areas")
def area_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    areas = (
        areas_of(programme)
        .annotate(postcode_count=Count("postcodes"))
        .order_by("deprivation_decile", "deprivation_rank", "name")
    )
    context = {
        "programme": programme,
        "can_manage": request.user.has_perm("places.manage_areas", programme),
        "has_demo_areas": areas.filter(is_demo=True).exists(),
        **page_context(request, areas, per_page=100),
    }
    return render(request, "places/area_list.html", context)


@programme_view("places.view_spaces")
def space_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    spaces = spaces_of(programme)
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    if kind in SpaceKind.values:
        spaces = spaces.filter(kind=kind)
    if status in SpaceStatus.values:
        spaces = spaces.filter(status=status)
    if request.GET.get("step_free") == "1":
        spaces = spaces.filter(step_free=True)
    context = {
        "programme": programme,
        "kinds": SpaceKind.choices,
        "statuses": SpaceStatus.choices,
        "selected_kind": kind,
        "selected_status": status,
        "step_free": request.GET.get("step_free") == "1",
        "can_manage": request.user.has_perm("places.manage_spaces", programme),
        **page_context(request, spaces.order_by("name")),
    }
    return render(request, "places/space_list.html", context)


@programme_view("places.view_spaces")
def space_detail(request: AuthenticatedHttpRequest, programme: Programme, space_id: int) -> HttpResponse:
    space = space_in(programme, space_id)
    context = {
        "programme": programme,
        "space": space,
        "can_manage": request.user.has_perm("places.manage_spaces", programme),
    }
    return render(request, "places/space_detail.html", context)


def _space_form_page(
    request: AuthenticatedHttpRequest, programme: Programme, space_id: int | None
) -> HttpResponse:
    space = space_in(programme, space_id) if space_id else None
    form = SpaceForm(request.POST or None, programme=programme, instance=space)
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.save_space(actor=request.user, programme=programme, space=space, **data),
            message=_("The space has been saved."),
            then=lambda saved: reverse("places:space", kwargs={"slug": programme.slug, "space_id": saved.pk}),
        )
    ):
        return done
    cancel = (
        reverse("places:space", kwargs={"slug": programme.slug, "space_id": space.pk})
        if space
        else reverse("places:spaces", kwargs={"slug": programme.slug})
    )
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": _("Edit %(name)s") % {"name": space.name} if space else _("Add a space"),
            "cancel_url": cancel,
        },
    )


@programme_view("places.manage_spaces")
def space_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _space_form_page(request, programme, None)


@programme_view("places.manage_spaces")
def space_edit(request: AuthenticatedHttpRequest, programme: Programme, space_id: int) -> HttpResponse:
    return _space_form_page(request, programme, space_id)
