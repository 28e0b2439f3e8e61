"""The areas of a programme, as a table (the map page builds on the same selector)."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from assetlink.places.selectors import areas_of
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
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
