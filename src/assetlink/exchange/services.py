"""Uploading, checking, committing and discarding imports; large files go to the background worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.encryption import encrypt_bytes
from assetlink.exchange.batches import process_batch
from assetlink.exchange.models import ImportBatch
from assetlink.exchange.pipeline import importer_class
from assetlink.exchange.tabular import UnreadableFileError, unpacked_size
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

# Files that unpack to more than this are read, checked and imported by the worker, with a progress
# page: a web request never parses a large file. (About 300 rows of a typical register file.)
INLINE_BYTES = 64 * 1024


def upload_import(
    *, actor: User, programme: Programme, kind: str, file_name: str, data: bytes
) -> ImportBatch:
    """Keep an uploaded file (encrypted) and check it: each invalid row and field reported, none written."""
    importer = importer_class(kind)
    require(actor, importer.permission, programme)
    if len(data) > importer.max_bytes:
        raise ValidationError(
            {
                "file": _("The file is larger than %(megabytes)s MB; split it into several files.")
                % {"megabytes": importer.max_bytes // (1024 * 1024)}
            }
        )
    try:
        size = unpacked_size(data, file_name)
    except UnreadableFileError as problem:
        raise ValidationError({"file": str(problem)}) from problem
    batch = ImportBatch.objects.create(
        programme=programme,
        kind=kind,
        started_by=actor,
        file_name=file_name[:200],
        content=encrypt_bytes(data),
        size=size,
    )
    audit.record(
        actor, "import.uploaded", batch, programme=programme, after={"kind": kind, "file": batch.file_name}
    )
    _run(batch, commit=False)
    batch.refresh_from_db()
    return batch


def commit_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Write a checked file: every row or, if any row now fails, none."""
    _require_own(actor, batch)
    if batch.status != ImportBatch.Status.READY:
        raise ValidationError(_("Only a file that has been checked without errors can be imported."))
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING)
    _run(batch, commit=True)
    batch.refresh_from_db()
    return batch


def discard_import(*, actor: User, batch: ImportBatch) -> None:
    """Forget an uploaded file without importing it."""
    _require_own(actor, batch)
    if batch.status in {ImportBatch.Status.IMPORTED, ImportBatch.Status.IMPORTING}:
        raise ValidationError(_("This file has already been imported."))
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.DISCARDED, content=b"", finished_at=timezone.now()
    )
    audit.record(actor, "import.discarded", batch, programme=batch.programme)


def _require_own(actor: User, batch: ImportBatch) -> None:
    require(actor, importer_class(batch.kind).permission, batch.programme)
    if batch.started_by_id != actor.pk and not actor.has_perm("programmes.change_programme", batch.programme):
        raise PermissionDenied("exchange.own_import")


def _run(batch: ImportBatch, *, commit: bool) -> None:
    if batch.size > INLINE_BYTES:
        from assetlink.background.services import start_task
        from assetlink.exchange.tasks import process_import

        run = start_task(
            actor=batch.started_by,
            task=process_import,
            kind="import.commit" if commit else "import.check",
            programme=batch.programme,
            batch_id=batch.pk,
            commit=commit,
        )
        ImportBatch.objects.filter(pk=batch.pk).update(task_run=run)
    else:
        process_batch(batch.pk, commit=commit)
