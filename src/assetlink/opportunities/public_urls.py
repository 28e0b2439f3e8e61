"""Public pages of a programme's open opportunities (no sign-in)."""

from django.urls import path

from assetlink.opportunities import views

app_name = "open"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:opportunity_id>/", views.public_detail, name="detail"),
    path("jobs.json", views.public_jobs, name="jobs"),
    path("contracts.ocds.json", views.public_contracts, name="contracts"),
    path("grants.360giving.json", views.public_grants, name="grants"),
]
