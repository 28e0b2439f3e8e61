"""A task's progress page (polled with htmx, refreshed without it) and its result file."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from assetlink.background.models import TaskRun
from assetlink.web.access import AuthenticatedHttpRequest, signed_in


@signed_in
def task_run_detail(request: AuthenticatedHttpRequest, task_run_id: int) -> HttpResponse:
    run = get_object_or_404(TaskRun, pk=task_run_id, started_by=request.user)
    template = (
        "background/task_run.html#progress"
        if request.headers.get("HX-Request")
        else "background/task_run.html"
    )
    return render(request, template, {"run": run})


@signed_in
def task_run_download(request: AuthenticatedHttpRequest, task_run_id: int) -> FileResponse:
    run = get_object_or_404(TaskRun, pk=task_run_id, started_by=request.user)
    if run.status != TaskRun.Status.SUCCEEDED or not run.result_file:
        raise Http404
    path = (Path(settings.MEDIA_ROOT) / run.result_file).resolve()
    if not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
