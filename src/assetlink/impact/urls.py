"""URLs of a programme's outcome ledger."""

from django.urls import path

from assetlink.impact import views

app_name = "impact"

urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("record/", views.record, name="record"),
    path("<int:outcome_id>/", views.outcome_detail, name="outcome"),
    path("<int:outcome_id>/verify/", views.outcome_verify, name="verify"),
    path("<int:outcome_id>/correct/", views.outcome_correct, name="correct"),
]
