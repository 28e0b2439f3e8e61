"""URLs of matching within a programme."""

from django.urls import path

from assetlink.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("recompute/", views.recompute_programme, name="recompute"),
    path("mine/", views.my_matches, name="mine"),
    path("people/<int:person_id>/", views.person_matches, name="person"),
    path("people/<int:person_id>/recompute/", views.person_recompute, name="person_recompute"),
    path("opportunities/<int:opportunity_id>/candidates/", views.opportunity_candidates, name="candidates"),
    path("opportunities/<int:opportunity_id>/consortia/", views.contract_consortia, name="consortia"),
    path("opportunities/<int:opportunity_id>/providers/", views.challenge_providers, name="providers"),
    path(
        "opportunities/<int:opportunity_id>/recompute/",
        views.opportunity_recompute,
        name="opportunity_recompute",
    ),
    path("organisations/<int:organisation_id>/", views.organisation_matches, name="organisation"),
    path("matches/<uuid:match_handle>/status/", views.match_status, name="status"),
    path("matches/<uuid:match_handle>/refer/", views.match_refer, name="refer"),
    path("providers/<uuid:provider_match_handle>/connect/", views.provider_connect, name="connect"),
]
