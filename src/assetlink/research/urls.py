"""URLs of a programme's research pages."""

from django.urls import path

from assetlink.research import views

app_name = "research"

urlpatterns = [
    path("", views.projects, name="projects"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("projects/<int:project_id>/stage/", views.project_stage, name="project_stage"),
    path("projects/<int:project_id>/team/", views.project_team, name="project_team"),
    path("projects/<int:project_id>/surveys/", views.project_survey, name="project_survey"),
    path("projects/<int:project_id>/payments/", views.project_payment, name="project_payment"),
    path("surveys/<int:survey_id>/", views.survey, name="survey"),
    path("surveys/<int:survey_id>/versions/", views.survey_version, name="survey_version"),
    path("surveys/<int:survey_id>/open/", views.survey_open, name="survey_open"),
    path(
        "surveys/<int:survey_id>/versions/<int:version_id>.<str:fmt>", views.survey_file, name="survey_file"
    ),
    path("surveys/<int:survey_id>/fill/", views.fill, name="fill"),
    path("surveys/<int:survey_id>/fill/form.xml", views.fill_form, name="fill_form"),
    path("surveys/<int:survey_id>/fill/media/<str:file_name>", views.fill_media, name="fill_media"),
    path("surveys/<int:survey_id>/fill/worker.js", views.fill_worker, name="fill_worker"),
    path("surveys/<int:survey_id>/fill/submission", views.fill_submission, name="fill_submission"),
    path("responses/<int:submission_id>/", views.response, name="response"),
    path("responses/<int:submission_id>/withdraw/", views.response_withdraw, name="response_withdraw"),
    path("researchers/", views.researchers, name="researchers"),
    path("researchers/<int:researcher_id>/", views.researcher, name="researcher"),
    path("researchers/<int:researcher_id>/keys/<int:key_id>/revoke/", views.revoke_key, name="revoke_key"),
]
