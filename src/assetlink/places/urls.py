"""URLs of a programme's areas."""

from django.urls import path

from assetlink.places import views
from assetlink.places.map import views as map_views

app_name = "places"

urlpatterns = [
    path("", views.area_list, name="areas"),
    path("map/", map_views.area_map, name="map"),
    path("spaces/", views.space_list, name="spaces"),
    path("spaces/new/", views.space_new, name="space_new"),
    path("spaces/<int:space_id>/", views.space_detail, name="space"),
    path("spaces/<int:space_id>/edit/", views.space_edit, name="space_edit"),
]
