"""Starting background tasks on behalf of a user and reporting their progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django_tasks.base import Task

from assetlink.background.models import TaskRun

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme


def start_task(
    *, actor: User, task: Task[Any, Any], kind: str, programme: Programme | None = None, **arguments: Any
) -> TaskRun:
    """Queue a task for the worker; the task receives `task_run_id` to report progress on."""
    with transaction.atomic():
        run = TaskRun.objects.create(started_by=actor, programme=programme, kind=kind)
        result = task.enqueue(task_run_id=run.pk, **arguments)
        TaskRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id))
    run.refresh_from_db()
    return run


def report_progress(task_run_id: int, *, done: int, total: int, message: str = "") -> None:
    """Record how far a running task has got."""
    TaskRun.objects.filter(pk=task_run_id).update(
        status=TaskRun.Status.RUNNING, done=done, total=total, message=message[:300]
    )


def finish_task(task_run_id: int, *, succeeded: bool, message: str = "", result_file: str = "") -> None:
    """Record that a task has finished, with its outcome and any file it produced."""
    TaskRun.objects.filter(pk=task_run_id).update(
        status=TaskRun.Status.SUCCEEDED if succeeded else TaskRun.Status.FAILED,
        message=message[:300],
        result_file=result_file,
    )
