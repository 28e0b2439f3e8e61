"""URLs of the platform operator's own page (not of any programme)."""

from django.urls import path

from assetlink.programmes import views

app_name = "operator"

urlpatterns = [
    path("", views.operator_home, name="home"),
    path("access/<int:access_id>/end/", views.operator_access_close, name="access_end"),
]
