"""URLs of the organisations of a programme's register."""

from django.urls import path

from assetlink.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_new, name="new"),
    path("link-requests/", views.link_request_list, name="link_requests"),
    path(
        "link-requests/<int:link_request_id>/answer/", views.link_request_answer, name="link_request_answer"
    ),
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("<int:organisation_id>/edit/", views.organisation_edit, name="edit"),
    path("<int:organisation_id>/<slug:part>/add/", views.organisation_part_add, name="part_add"),
    path(
        "<int:organisation_id>/<slug:part>/<int:item_id>/remove/",
        views.organisation_part_remove,
        name="part_remove",
    ),
]
