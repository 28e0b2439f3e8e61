"""URLs of background task progress."""

from django.urls import path

from assetlink.background import views

app_name = "background"

urlpatterns = [
    path("<int:task_run_id>/", views.task_run_detail, name="task_run"),
    path("<int:task_run_id>/download/", views.task_run_download, name="download"),
]
