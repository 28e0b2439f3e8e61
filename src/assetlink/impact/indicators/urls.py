"""URLs of a programme's results: dashboards, equity and snapshots."""

from django.urls import path

from assetlink.impact.indicators import contracts, views

app_name = "results"

urlpatterns = [
    path("", views.results, name="dashboard"),
    path("equity/", views.equity, name="equity"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/freeze/", views.freeze, name="freeze"),
    path("snapshots/<int:snapshot_id>/", views.snapshot_detail, name="snapshot"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/new/", views.indicator_edit, name="indicator_new"),
    path("indicators/<slug:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/targets/", views.target_set, name="target_set"),
    path("social-value/", views.social_value, name="social_value"),
    path("contracts/", contracts.contract_list, name="contracts"),
    path("contracts/<int:contract_id>/", contracts.contract_detail, name="contract"),
    path("contracts/<int:contract_id>/return/", contracts.contract_return, name="contract_return"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_as_pdf, name="report_pdf"),
    path("report.xlsx", views.report_as_xlsx, name="report_xlsx"),
]
