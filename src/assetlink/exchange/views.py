"""Import pages: upload and check a file, read every problem, then import it or discard it."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.exchange import selectors, services
from assetlink.exchange.exports import export_response
from assetlink.exchange.forms import UploadForm
from assetlink.exchange.pipeline import importer_class, importers_for
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors
from assetlink.web.pagination import page_context


@programme_view("exchange.use_imports")
def import_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    importers = importers_for(request.user, programme)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        kinds=[(importer.kind, str(importer.title)) for importer in importers],
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.upload_import(
                actor=request.user,
                programme=programme,
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                data=upload.read(),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return redirect("exchange:detail", slug=programme.slug, batch_id=batch.pk)
    context = {
        "programme": programme,
        "form": form,
        "importers": [
            {"kind": importer.kind, "title": importer.title, "columns": importer.columns()}
            for importer in importers
        ],
        **page_context(request, selectors.imports_visible_to(request.user, programme)),
    }
    return render(request, "exchange/list.html", context)


view_import = programme_view(
    "exchange.use_imports", object_permission="exchange.view_import", load_object=selectors.import_in
)


@view_import
def import_detail(request: AuthenticatedHttpRequest, programme: Programme, batch_id: int) -> HttpResponse:
    batch = selectors.import_in(programme, batch_id)
    template = "exchange/detail.html#status" if request.headers.get("HX-Request") else "exchange/detail.html"
    return render(
        request, template, {"programme": programme, "batch": batch, "title": importer_class(batch.kind).title}
    )


@view_import
@require_POST
def import_commit(request: AuthenticatedHttpRequest, programme: Programme, batch_id: int) -> HttpResponse:
    batch = selectors.import_in(programme, batch_id)
    try:
        batch = services.commit_import(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if batch.status == batch.Status.IMPORTED:
            messages.success(request, _("%(count)s rows imported.") % {"count": batch.written})
    return redirect("exchange:detail", slug=programme.slug, batch_id=batch.pk)


@view_import
@require_POST
def import_discard(request: AuthenticatedHttpRequest, programme: Programme, batch_id: int) -> HttpResponse:
    batch = selectors.import_in(programme, batch_id)
    try:
        services.discard_import(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file has been discarded; nothing was imported."))
    return redirect("exchange:list", slug=programme.slug)


@programme_view(
    "exchange.use_imports", object_permission="exchange.run_import_kind", load_object=selectors.import_kind
)
def import_template(request: AuthenticatedHttpRequest, programme: Programme, kind: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    csv.writer(response).writerow([column.name for column in importer_class(kind).columns()])
    return response


@programme_view(
    "programmes.view_programme", object_permission="exchange.export_list", load_object=selectors.export_kind
)
def export_list(request: AuthenticatedHttpRequest, programme: Programme, name: str, fmt: str) -> HttpResponse:
    kind = selectors.export_kind(programme, name, fmt)
    return export_response(
        user=request.user,
        programme=programme,
        definition=kind.definition,
        fmt=fmt,
        base_url=request.build_absolute_uri(),
    )
