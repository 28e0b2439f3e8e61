"""URLs of the user's own account pages (sign-in itself is allauth's)."""

from django.urls import path

from assetlink.accounts import views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
