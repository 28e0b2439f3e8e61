"""URLs of a programme's pages, all under /p/<slug>/."""

from django.urls import path

from assetlink.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_home, name="home"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/new/", views.partner_new, name="partner_new"),
    path("partners/<int:partner_id>/", views.partner_edit, name="partner_edit"),
    path("work-packages/", views.work_package_list, name="work_packages"),
    path("work-packages/new/", views.work_package_new, name="work_package_new"),
    path("work-packages/<int:work_package_id>/", views.work_package_detail, name="work_package"),
    path("work-packages/<int:work_package_id>/edit/", views.work_package_edit, name="work_package_edit"),
    path("members/", views.member_list, name="members"),
    path("members/invite/", views.member_invite, name="invite"),
    path("members/<int:membership_id>/", views.member_detail, name="member"),
    path("members/<int:membership_id>/role/", views.member_change_role, name="member_role"),
    path("members/<int:membership_id>/access/", views.member_set_active, name="member_active"),
    path("invitations/<int:invitation_id>/withdraw/", views.invitation_revoke, name="invitation_revoke"),
    path("settings/", views.programme_settings, name="settings"),
    path("operator-access/", views.operator_access_list, name="operator_accesses"),
    path("operator-access/<int:access_id>/end/", views.operator_access_end, name="operator_access_end"),
]
