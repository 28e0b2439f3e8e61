"""URLs of a programme's areas."""

from django.urls import path

from assetlink.places import views

app_name = "places"

urlpatterns = [
    path("", views.area_list, name="areas"),
]
