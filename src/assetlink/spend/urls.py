"""URLs of a programme's local spend and LM3 pages."""

from django.urls import path

from assetlink.spend import views

app_name = "spend"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("local-area/", views.local_area, name="local_area"),
    path("suppliers/review/", views.review, name="review"),
    path("suppliers/<int:supplier_id>/resolve/", views.resolve, name="resolve"),
    path("lm3/", views.studies, name="studies"),
    path("lm3/<int:study_id>/", views.study, name="study"),
    path("returns/", views.returns, name="returns"),
    path("returns/<int:study_id>/", views.submit_return, name="submit_return"),
]
