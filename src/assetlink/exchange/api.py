"""API for imports (upload, check, commit) and exports (every list, in its formats)."""

import datetime
from typing import Any

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from assetlink.exchange import selectors, services
from assetlink.exchange.exports import export_response
from assetlink.exchange.models import ImportBatch
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["imports and exports"])

USE_IMPORTS = Access("programme", "exchange.use_imports")
VIEW_IMPORT = Access(
    "programme",
    "exchange.use_imports",
    object_permission="exchange.view_import",
    load_object=selectors.import_in,
)
EXPORT = Access(
    "programme",
    "programmes.view_programme",
    object_permission="exchange.export_list",
    load_object=selectors.export_kind,
)


class RowErrorOut(Schema):
    row: int | str
    field: str
    message: str


class ImportOut(Schema):
    id: int
    kind: str
    file_name: str
    status: str
    row_count: int
    written: int
    errors: list[RowErrorOut]
    created_at: datetime.datetime
    task_run_id: int | None


@router.post("/programmes/{slug}/imports", response={201: ImportOut})
@declares(USE_IMPORTS)
def upload(request: AuthenticatedHttpRequest, slug: str, kind: Form[str], file: File[UploadedFile]) -> Any:
    """Upload a CSV, XLSX or GeoJSON file: it is checked (every row) and nothing is written yet."""
    programme = programme_for(request, slug, USE_IMPORTS)
    return 201, services.upload_import(
        actor=request.user, programme=programme, kind=kind, file_name=file.name or "upload", data=file.read()
    )


@router.get("/programmes/{slug}/imports/{batch_id}", response=ImportOut)
@declares(VIEW_IMPORT)
def get_import(request: AuthenticatedHttpRequest, slug: str, batch_id: int) -> ImportBatch:
    return selectors.import_in(programme_for(request, slug, VIEW_IMPORT, batch_id=batch_id), batch_id)


@router.post("/programmes/{slug}/imports/{batch_id}/commit", response=ImportOut)
@declares(VIEW_IMPORT)
def commit(request: AuthenticatedHttpRequest, slug: str, batch_id: int) -> ImportBatch:
    """Write a checked file: all rows or none."""
    programme = programme_for(request, slug, VIEW_IMPORT, batch_id=batch_id)
    return services.commit_import(actor=request.user, batch=selectors.import_in(programme, batch_id))


@router.get("/programmes/{slug}/exports/{name}/{fmt}")
@declares(EXPORT)
def export(request: AuthenticatedHttpRequest, slug: str, name: str, fmt: str) -> Any:
    """A list as a file: csv or xlsx; also hsds (organisations), geojson, ocds and 360giving."""
    programme = programme_for(request, slug, EXPORT, name=name, fmt=fmt)
    kind = selectors.export_kind(programme, name, fmt)
    return export_response(
        user=request.user,
        programme=programme,
        definition=kind.definition,
        fmt=fmt,
        base_url=request.build_absolute_uri(),
    )
