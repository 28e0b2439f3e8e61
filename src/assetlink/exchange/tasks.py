"""Checking and committing large import files in the background."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from assetlink.background.services import finish_task
from assetlink.exchange.batches import process_batch
from assetlink.exchange.models import ImportBatch


@task()
def process_import(*, task_run_id: int, batch_id: int, commit: bool) -> int:
    """Run the pipeline on one batch, reporting progress; returns the number of errors found."""
    try:
        result = process_batch(batch_id, commit=commit, task_run_id=task_run_id)
    except Exception as error:
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED)
        finish_task(task_run_id, succeeded=False, message=str(error))
        raise
    if result.errors:
        message = _("%(count)s problems found") % {"count": len(result.errors)}
    elif commit:
        message = _("%(count)s rows imported") % {"count": result.written}
    else:
        message = _("%(count)s rows checked, no problems") % {"count": result.rows}
    finish_task(task_run_id, succeeded=True, message=message)
    return len(result.errors)
