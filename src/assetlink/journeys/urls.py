"""URLs of journeys within a programme."""

from django.urls import path

from assetlink.journeys import views

app_name = "journeys"

urlpatterns = [
    path("services/", views.service_list, name="services"),
    path("services/new/", views.service_new, name="service_new"),
    path("services/<int:service_id>/", views.service_edit, name="service_edit"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/answer/", views.referral_answer, name="referral_answer"),
    path("referrals/<int:referral_id>/complete/", views.referral_complete, name="referral_complete"),
    path("referrals/<int:referral_id>/withdraw/", views.referral_withdraw, name="referral_withdraw"),
    path("people/<int:person_id>/refer/", views.person_refer, name="refer"),
    path("people/<int:person_id>/pathways/", views.person_pathways, name="person_pathways"),
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/install/", views.pathway_install, name="pathway_install"),
    path("pathways/new/", views.pathway_new, name="pathway_new"),
    path("pathways/<int:template_id>/", views.pathway_detail, name="pathway"),
    path("pathways/<int:template_id>/edit/", views.pathway_edit, name="pathway_edit"),
    path("pathways/<int:template_id>/steps/", views.pathway_step_add, name="pathway_step_add"),
    path(
        "pathways/<int:template_id>/steps/<int:step_id>/remove/",
        views.pathway_step_remove,
        name="pathway_step_remove",
    ),
    path("enrolments/<int:enrolment_id>/step/", views.enrolment_step, name="enrolment_step"),
    path("enrolments/<int:enrolment_id>/leave/", views.enrolment_leave, name="enrolment_leave"),
    path("support/", views.support_list, name="support_list"),
    path("support/new/", views.support_new, name="support_new"),
    path("support/<int:support_id>/", views.support_detail, name="support"),
    path("support/<int:support_id>/edit/", views.support_edit, name="support_edit"),
    path("cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort"),
    path(
        "cohorts/<int:cohort_id>/participants/", views.cohort_participant_add, name="cohort_participant_add"
    ),
    path("cohorts/<int:cohort_id>/sessions/", views.cohort_session_add, name="cohort_session_add"),
    path(
        "cohorts/<int:cohort_id>/participants/<int:participation_id>/stage/",
        views.cohort_advance,
        name="cohort_advance",
    ),
    path("my-work/", views.my_work, name="my_work"),
]
