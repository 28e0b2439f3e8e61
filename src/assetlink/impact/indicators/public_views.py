"""The public results page of a programme (off until an admin publishes it), its embeddable snippet and
its open data; no sign-in."""

from __future__ import annotations

import json

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from assetlink.impact.indicators.public import dataset_metadata, open_data, open_data_csv, public_results
from assetlink.programmes.models import Programme
from assetlink.web.access import public
from assetlink.web.structured import json_ld


def _published(slug: str) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if not programme.publishes_results:
        raise Http404
    return programme


@public
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _published(slug)
    results = public_results(programme)
    urls = {
        name: request.build_absolute_uri(reverse(f"public_results:{name}", kwargs={"slug": slug}))
        for name in ("page", "csv", "json", "embed")
    }
    metadata = dataset_metadata(results, page_url=urls["page"], csv_url=urls["csv"], json_url=urls["json"])
    context = {"programme": programme, "results": results, "urls": urls, "json_ld": json_ld(metadata)}
    return render(request, "impact/public/results.html", context)


@public
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def results_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The headline figures alone, for other sites to show in an iframe."""
    programme = _published(slug)
    results = public_results(programme)
    return render(request, "impact/public/embed.html", {"programme": programme, "results": results})


def _open_file(content: str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _published(slug)
    return _open_file(
        open_data_csv(public_results(programme)), "text/csv; charset=utf-8", f"{slug}-results.csv"
    )


@public
def results_json(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _published(slug)
    rows = open_data(public_results(programme))
    body = json.dumps({"programme": programme.slug, "rows": rows}, ensure_ascii=False, indent=1, default=str)
    return _open_file(body, "application/json; charset=utf-8", f"{slug}-results.json")
