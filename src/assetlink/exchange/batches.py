"""Checking or committing one stored import batch, inline or in the worker; its outcome kept on it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from assetlink.audit import services as audit
from assetlink.background.services import report_progress
from assetlink.encryption import decrypt_bytes
from assetlink.exchange.models import ImportBatch
from assetlink.exchange.pipeline import ImportResult, run_import


def process_batch(batch_id: int, *, commit: bool, task_run_id: int | None = None) -> ImportResult:
    """Check or commit one batch and record the outcome on it (called inline or by the worker)."""
    batch = ImportBatch.objects.select_related("programme", "started_by").get(pk=batch_id)

    def progress(done: int, total: int) -> None:
        if task_run_id is not None:
            report_progress(task_run_id, done=done, total=total)

    result = run_import(
        actor=batch.started_by,
        programme=batch.programme,
        kind=batch.kind,
        data=decrypt_bytes(bytes(batch.content)),
        file_name=batch.file_name,
        commit=commit,
        progress=progress,
    )
    with transaction.atomic():
        if result.errors:
            status = ImportBatch.Status.INVALID
        elif commit:
            status = ImportBatch.Status.IMPORTED
        else:
            status = ImportBatch.Status.READY
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=status,
            row_count=result.rows,
            written=result.written if commit and not result.errors else 0,
            errors=[error.as_dict() for error in result.errors[:2000]],
            # Once imported, the file's personal data lives only in the records it created.
            content=b"" if status == ImportBatch.Status.IMPORTED else batch.content,
            finished_at=timezone.now() if status == ImportBatch.Status.IMPORTED else None,
        )
        if commit:
            audit.record(
                batch.started_by,
                "import.committed" if not result.errors else "import.failed",
                batch,
                programme=batch.programme,
                after={"rows": result.rows, "written": result.written, "errors": len(result.errors)},
            )
    return result
