"""URLs of a programme's transfer plan."""

from django.urls import path

from assetlink.catalogue import transfer_views

app_name = "transfer"

urlpatterns = [
    path("", transfer_views.plan, name="plan"),
    path("milestones/", transfer_views.add_milestone, name="add_milestone"),
    path("milestones/<int:milestone_id>/done/", transfer_views.complete_milestone, name="complete_milestone"),
    path("local-group/", transfer_views.add_member, name="add_member"),
    path("changes/<int:change_id>/", transfer_views.explain_change, name="explain_change"),
]
