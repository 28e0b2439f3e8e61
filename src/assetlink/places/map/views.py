"""The map page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from assetlink.places.map.selectors import map_layers
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view


@programme_view("places.view_areas")
def area_map(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    layers = map_layers(request.user, programme)
    context = {
        "programme": programme,
        "layers": layers,
        "map_settings": {
            "tiles": settings.ASSETLINK_MAP_TILES_URL,
            "attribution": settings.ASSETLINK_MAP_TILES_ATTRIBUTION,
            "labels": {
                "decile": _("Deprivation decile"),
                "organisation": _("Organisation"),
                "space": _("Space"),
                "opportunity": _("Open opportunity"),
                "areas": _("Areas by deprivation decile"),
                # %(count)s is filled in by the map's script.
                "cluster": _("Records here: %(count)s"),
                "more": _("Not listed here: %(count)s more; zoom in to see them"),
                "zoom_in": _("Zoom in"),
                "zoom_out": _("Zoom out"),
                "close": _("Close"),
            },
        },
    }
    return render(request, "places/map.html", context)
