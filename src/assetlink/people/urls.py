"""URLs of people within a programme."""

from django.urls import path

from assetlink.people import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("searches/", views.save_search, name="save_search"),
    path("new/", views.person_register, name="register"),
    path("me/", views.my_profile, name="me"),
    path("erasure-requests/", views.erasure_request_list, name="erasure_requests"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
    path("<int:person_id>/consent/", views.person_consent, name="consent"),
    path("<int:person_id>/export.json", views.person_export, name="export"),
    path("<int:person_id>/request-erasure/", views.person_request_erasure, name="request_erasure"),
    path("<int:person_id>/erase/", views.person_erase, name="erase"),
    path("<int:person_id>/<slug:kind>/add/", views.person_item_add, name="item_add"),
    path("<int:person_id>/<slug:kind>/<int:item_id>/remove/", views.person_item_remove, name="item_remove"),
]
