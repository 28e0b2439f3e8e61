"""URLs of the good-practice catalogue: public pages at /practices/ and the editors' pages below them."""

from django.urls import path

from assetlink.catalogue import editor_views, transfer_views, views

app_name = "catalogue"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("feed.atom", views.feed, name="feed"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/<str:token>/confirm/", views.confirm_subscription, name="confirm_subscription"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("networks/<slug:slug>/", views.network, name="network"),
    path("events/<slug:slug>/", views.event, name="event"),
    path("registrations/<str:token>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("edit/", editor_views.editing, name="editing"),
    path("edit/new/", editor_views.practice_edit, name="practice_new"),
    path("edit/networks/new/", editor_views.network_edit, name="network_new"),
    path("edit/networks/<slug:slug>/", editor_views.network_edit, name="network_edit"),
    path("edit/events/new/", editor_views.event_edit, name="event_new"),
    path("edit/events/<slug:slug>/", editor_views.event_edit, name="event_edit"),
    path(
        "edit/events/<slug:slug>/registrations/", editor_views.event_registrations, name="event_registrations"
    ),
    path(
        "edit/events/<slug:slug>/registrations.csv",
        editor_views.event_registrations_csv,
        name="event_registrations_csv",
    ),
    path(
        "edit/events/<slug:slug>/registrations/<int:registration_id>/cancel/",
        editor_views.registration_cancel,
        name="registration_cancel",
    ),
    path("edit/import/", editor_views.package_import, name="package_import"),
    path("edit/themes/", editor_views.themes, name="themes"),
    path("edit/themes/<slug:code>/", editor_views.theme_edit, name="theme_edit"),
    path("edit/themes/<slug:code>/remove/", editor_views.theme_remove, name="theme_remove"),
    path("edit/<slug:slug>/package.json", editor_views.package_export, name="package_export"),
    path("edit/<slug:slug>/", editor_views.practice_edit, name="practice_edit"),
    path("edit/<slug:slug>/<slug:step>/", editor_views.practice_step, name="practice_step"),
    path("<slug:slug>/adopt/", transfer_views.adopt, name="adopt"),
    path("<slug:slug>/", views.practice, name="practice"),
]
