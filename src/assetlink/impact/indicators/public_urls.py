"""Public results of a programme (no sign-in): the page, an embeddable snippet and open data."""

from django.urls import path

from assetlink.impact.indicators import public_views

app_name = "public_results"

urlpatterns = [
    path("", public_views.results_page, name="page"),
    path("embed/", public_views.results_embed, name="embed"),
    path("results.csv", public_views.results_csv, name="csv"),
    path("results.json", public_views.results_json, name="json"),
]
