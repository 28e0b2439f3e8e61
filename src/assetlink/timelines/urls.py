"""URLs of timelines (under a programme)."""

from django.urls import path

from assetlink.timelines import views

app_name = "timelines"

urlpatterns = [
    path("<str:subject>/<int:subject_id>/notes/", views.note_add, name="note_add"),
    path("notes/<int:note_id>/done/", views.task_done, name="task_done"),
]
