"""URLs of a programme's research pages."""

from django.urls import path

from assetlink.research.views import evidence, responses
from assetlink.research.views import fieldwork as views

app_name = "research"

urlpatterns = [
    path("", views.projects, name="projects"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("projects/<int:project_id>/stage/", views.project_stage, name="project_stage"),
    path("projects/<int:project_id>/team/", views.project_team, name="project_team"),
    path("projects/<int:project_id>/surveys/", views.project_survey, name="project_survey"),
    path("projects/<int:project_id>/surveys/new/", views.survey_editor, name="survey_editor"),
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
    path("responses/<int:submission_id>/", responses.response, name="response"),
    path("responses/<int:submission_id>/answers/", responses.response_correct, name="response_correct"),
    path("responses/<int:submission_id>/withdraw/", responses.response_withdraw, name="response_withdraw"),
    path("responses/<int:submission_id>/respondent/link/", responses.respondent_link, name="respondent_link"),
    path(
        "responses/<int:submission_id>/respondent/register/",
        responses.respondent_register,
        name="respondent_register",
    ),
    path("surveys/<int:survey_id>/analysis/", evidence.survey_analysis, name="survey_analysis"),
    path("surveys/<int:survey_id>/tables/", evidence.keep_table, name="keep_table"),
    path(
        "surveys/<int:survey_id>/responses.<str:sheet_format>",
        evidence.responses_export,
        name="responses_export",
    ),
    path("tables/<int:table_id>/", evidence.table, name="table"),
    path("projects/<int:project_id>/coding/", evidence.coding, name="coding"),
    path("projects/<int:project_id>/codes/", evidence.add_code, name="add_code"),
    path("projects/<int:project_id>/transcripts/", evidence.add_transcript, name="add_transcript"),
    path("projects/<int:project_id>/answers/", evidence.documents_from_answers, name="answers_to_code"),
    path("projects/<int:project_id>/codebook.csv", evidence.codebook_export, name="codebook_export"),
    path("projects/<int:project_id>/excerpts.csv", evidence.excerpts_export, name="excerpts_export"),
    path("projects/<int:project_id>/findings/", evidence.add_finding, name="add_finding"),
    path("documents/<int:document_id>/", evidence.document, name="document"),
    path("documents/<int:document_id>/excerpts/", evidence.code_excerpt, name="code_excerpt"),
    path("excerpts/<int:excerpt_id>/remove/", evidence.remove_excerpt, name="remove_excerpt"),
    path("findings/<int:finding_id>/", evidence.finding, name="finding"),
    path("findings/<int:finding_id>/proposals/", evidence.propose_asset, name="propose_asset"),
    path("proposals/<int:proposal_id>/decide/", evidence.decide_proposal, name="decide_proposal"),
    path("skill-pools/", evidence.skill_pools, name="skill_pools"),
    path("plans/", evidence.plans, name="plans"),
    path("plans/<int:plan_id>/", evidence.plan, name="plan"),
    path("plans/<int:plan_id>/goals/", evidence.add_goal, name="add_goal"),
    path("plans/<int:plan_id>/actions/", evidence.add_action, name="add_action"),
    path("actions/<int:action_id>/status/", evidence.action_status, name="action_status"),
    path("researchers/", views.researchers, name="researchers"),
    path("researchers/<int:researcher_id>/", views.researcher, name="researcher"),
    path("researchers/<int:researcher_id>/keys/<int:key_id>/revoke/", views.revoke_key, name="revoke_key"),
]
