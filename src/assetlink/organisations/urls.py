"""URLs of organisation profiles within a programme."""

from django.urls import path

from assetlink.organisations import views

app_name = "organisations"

urlpatterns = [
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("<int:organisation_id>/edit/", views.organisation_edit, name="edit"),
]
