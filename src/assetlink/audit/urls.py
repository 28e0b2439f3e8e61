"""URLs of a programme's audit log."""

from django.urls import path

from assetlink.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_log, name="log"),
    path("access/", views.access_log, name="access"),
    path("export/", views.export_log, name="export"),
]
