"""Reading import batches: a user sees their own, a programme admin all of the programme's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from assetlink.exchange.exports import ListExport, export_definition
from assetlink.exchange.models import ImportBatch
from assetlink.exchange.pipeline import IMPORTERS, Importer, importer_class

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme


@dataclass(frozen=True)
class ImportKind:
    """One kind of import within a programme (the object that `exchange.run_import_kind` is asked about)."""

    programme: Programme
    importer: type[Importer]


def imports_visible_to(user: User, programme: Programme) -> QuerySet[ImportBatch]:
    batches = ImportBatch.objects.filter(programme=programme).select_related("started_by", "task_run")
    if user.has_perm("programmes.change_programme", programme):
        return batches
    return batches.filter(started_by=user)


def import_in(programme: Programme, batch_id: int) -> ImportBatch:
    """One upload of the programme, or 404 (the view's permission then decides whether it may be seen)."""
    return get_object_or_404(
        ImportBatch.objects.select_related("started_by", "task_run", "programme"),
        programme=programme,
        pk=batch_id,
    )


def import_kind(programme: Programme, kind: str) -> ImportKind:
    if kind not in IMPORTERS:
        raise Http404
    return ImportKind(programme, importer_class(kind))


@dataclass(frozen=True)
class ExportKind:
    """One export of a programme in one format (what `exchange.export_list` is asked about)."""

    programme: Programme
    definition: ListExport
    fmt: str


def export_kind(programme: Programme, name: str, fmt: str) -> ExportKind:
    definition = export_definition(name)
    if definition is None or fmt not in definition.formats:
        raise Http404
    return ExportKind(programme, definition, fmt)
