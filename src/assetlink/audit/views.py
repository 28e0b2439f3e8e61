"""The audit log page: changes and accesses, filtered, with a CSV export in the background."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assetlink.audit import selectors, services
from assetlink.audit.forms import LogFilterForm
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.pagination import page_context


def _log_page(request: AuthenticatedHttpRequest, programme: Programme, tab: str) -> HttpResponse:
    form = LogFilterForm(request.GET or None, object_types=selectors.audit_object_types(programme))
    filters = form.filters() if request.GET else selectors.LogFilters()
    entries = (
        selectors.audit_entries(programme, filters)
        if tab == "changes"
        else selectors.access_entries(programme, filters)
    )
    context = {"programme": programme, "tab": tab, "form": form, **page_context(request, entries)}
    template = "audit/log.html#results" if request.headers.get("HX-Request") else "audit/log.html"
    return render(request, template, context)


@programme_view("audit.view_log")
def audit_log(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _log_page(request, programme, "changes")


@programme_view("audit.view_log")
def access_log(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _log_page(request, programme, "access")


@programme_view("audit.export_log")
@require_POST
def export_log(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = LogFilterForm(request.POST, object_types=selectors.audit_object_types(programme))
    run = services.start_audit_export(actor=request.user, programme=programme, filters=form.as_query())
    return redirect("background:task_run", task_run_id=run.pk)
