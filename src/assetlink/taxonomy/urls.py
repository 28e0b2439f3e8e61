"""URLs of the reference taxonomies."""

from django.urls import path

from assetlink.taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("esco/search/", views.search, name="search"),
]
