"""URLs of a programme's imports."""

from django.urls import path

from assetlink.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<int:batch_id>/", views.import_detail, name="detail"),
    path("<int:batch_id>/import/", views.import_commit, name="commit"),
    path("<int:batch_id>/discard/", views.import_discard, name="discard"),
    path("templates/<slug:kind>.csv", views.import_template, name="template"),
]
