"""Site-wide URLs."""

from django.urls import path

from assetlink.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
