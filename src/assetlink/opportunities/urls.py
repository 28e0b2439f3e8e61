"""URLs of a programme's investments and opportunities."""

from django.urls import path

from assetlink.opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("new/<slug:kind>/", views.opportunity_new, name="new"),
    path("<int:opportunity_id>/", views.opportunity_detail, name="detail"),
    path("<int:opportunity_id>/edit/", views.opportunity_edit, name="edit"),
    path("<int:opportunity_id>/status/", views.opportunity_status, name="status"),
    path("<int:opportunity_id>/<slug:part>/add/", views.opportunity_part_add, name="part_add"),
    path(
        "<int:opportunity_id>/<slug:part>/<int:item_id>/remove/",
        views.opportunity_part_remove,
        name="part_remove",
    ),
    path("investments/", views.investment_list, name="investments"),
    path("investments/new/", views.investment_new, name="investment_new"),
    path("investments/<int:investment_id>/", views.investment_detail, name="investment"),
    path("investments/<int:investment_id>/edit/", views.investment_edit, name="investment_edit"),
    path("investments/<int:investment_id>/phases/", views.investment_phase_add, name="phase_add"),
]
