"""URLs of a programme's exports: /p/<slug>/exports/<list>.<format>."""

from django.urls import path

from assetlink.exchange import views

app_name = "exports"

urlpatterns = [
    path("<slug:name>.<slug:fmt>", views.export_list, name="file"),
]
