"""The OpenRosa server API that ODK Collect speaks: form list, form download with its media manifest, and
submission (HEAD to learn the size limit, POST of the XML with its attachments). A researcher's phone signs
in with the key in the server address it is given; a revoked key stops working at once."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from xml.etree import ElementTree

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from assetlink.research import collection
from assetlink.research.models import CollectorKey, Source
from assetlink.research.xforms import LIST_OF_FILE, REGISTER_LISTS
from assetlink.web.access import Access

FORM_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
RESPONSE_NS = "http://openrosa.org/http/response"
XML_TYPE = "text/xml; charset=utf-8"


def openrosa_headers(response: HttpResponse, *, accept_length: bool = False) -> HttpResponse:
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    response["Content-Language"] = (get_language() or "en").split("-")[0]
    if accept_length:
        response["X-OpenRosa-Accept-Content-Length"] = str(collection.max_submission_bytes())
    return response


def message(status: int, text: str, *, nature: str = "", accept_length: bool = False) -> HttpResponse:
    """An OpenRosa response envelope carrying one message for the person holding the phone."""
    root = ElementTree.Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    _child(root, "message", text, **({"nature": nature} if nature else {}))
    return openrosa_headers(
        HttpResponse(_document(root), status=status, content_type=XML_TYPE), accept_length=accept_length
    )


def _child(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _document(root: ElementTree.Element) -> bytes:
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def collector_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An OpenRosa endpoint: reached with a live collector key in the address, refused (403) without."""

    @wraps(view)
    def wrapped(request: HttpRequest, key: str, *args: Any, **kwargs: Any) -> HttpResponse:
        holder = collection.collector(key)
        if holder is None:
            return message(
                403, _("This server address holds no valid key: ask your coordinator for a new one.")
            )
        return view(request, holder, key, *args, **kwargs)

    wrapped.access = Access("collector")  # type: ignore[attr-defined]
    return wrapped


@collector_view
def form_list(request: HttpRequest, key: CollectorKey, secret: str) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return message(405, _("Ask for the form list with GET."))
    wanted = request.GET.get("formID", "")
    root = ElementTree.Element("xforms", xmlns=FORM_LIST_NS)
    for version in collection.forms_for(key.researcher):
        survey = version.survey
        if wanted and survey.form_id != wanted:
            continue
        arguments = {
            "key": secret,
            "form_id": survey.form_id,
            "version_id": version.pk,
        }
        entry = _child(root, "xform")
        _child(entry, "formID", survey.form_id)
        _child(entry, "name", version.title or survey.title)
        _child(entry, "version", version.version)
        _child(entry, "hash", f"md5:{version.xform_md5}")
        _child(entry, "descriptionText", survey.project.title)
        _child(
            entry,
            "downloadUrl",
            request.build_absolute_uri(reverse("research_openrosa:form", kwargs=arguments)),
        )
        if version.register_lists:
            manifest_url = reverse("research_openrosa:manifest", kwargs=arguments)
            _child(entry, "manifestUrl", request.build_absolute_uri(manifest_url))
    return openrosa_headers(HttpResponse(_document(root), content_type=XML_TYPE))


@collector_view
def form(request: HttpRequest, key: CollectorKey, secret: str, form_id: str, version_id: int) -> HttpResponse:
    version = collection.version_by_id(key.researcher, form_id, version_id)
    if version is None:
        return message(404, _("No such form."))
    return openrosa_headers(HttpResponse(version.xform, content_type=XML_TYPE))


@collector_view
def manifest(
    request: HttpRequest, key: CollectorKey, secret: str, form_id: str, version_id: int
) -> HttpResponse:
    version = collection.version_by_id(key.researcher, form_id, version_id)
    if version is None:
        return message(404, _("No such form."))
    root = ElementTree.Element("manifest", xmlns=MANIFEST_NS)
    for name in version.register_lists:
        file_name = REGISTER_LISTS[name]
        data = collection.register_list(key.researcher.programme, name)
        url = reverse(
            "research_openrosa:media",
            kwargs={
                "key": secret,
                "form_id": form_id,
                "version_id": version.pk,
                "file_name": file_name,
            },
        )
        entry = _child(root, "mediaFile")
        _child(entry, "filename", file_name)
        _child(entry, "hash", f"md5:{collection.md5_of(data)}")
        _child(entry, "downloadUrl", request.build_absolute_uri(url))
    return openrosa_headers(HttpResponse(_document(root), content_type=XML_TYPE))


@collector_view
def media(
    request: HttpRequest, key: CollectorKey, secret: str, form_id: str, version_id: int, file_name: str
) -> HttpResponse:
    version = collection.version_by_id(key.researcher, form_id, version_id)
    name = LIST_OF_FILE.get(file_name)
    if version is None or name is None or name not in version.register_lists:
        return message(404, _("No such file."))
    data = collection.register_list(key.researcher.programme, name)
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return openrosa_headers(response)


@csrf_exempt
@collector_view
def submission(request: HttpRequest, key: CollectorKey, secret: str) -> HttpResponse:
    if request.method in {"HEAD", "GET"}:
        # ODK Collect asks first, to learn the size limit (and that its key works).
        return openrosa_headers(HttpResponse(status=204), accept_length=True)
    if request.method != "POST":
        return message(405, _("Send submissions with POST."), accept_length=True)
    limit = collection.max_submission_bytes()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        return message(
            413,
            _("This submission is larger than the server takes (%(limit)s bytes).") % {"limit": limit},
            accept_length=True,
        )
    uploads = {name: found for name in request.FILES if (found := request.FILES.get(name)) is not None}
    upload = uploads.pop("xml_submission_file", None)
    if upload is None:
        return message(400, _("The submission has no xml_submission_file part."), accept_length=True)
    if (upload.size or 0) + sum(f.size or 0 for f in uploads.values()) > limit:
        return message(413, _("The attachments are larger than the server takes."), accept_length=True)
    try:
        received = collection.receive(
            researcher=key.researcher, xml=upload.read(), files=uploads, source=Source.COLLECT
        )
    except collection.RefusedError as refusal:
        return message(refusal.status, refusal.message, nature="error", accept_length=True)
    text = (
        _("Thank you: your response was received.")
        if received.created
        else _("This response was received already; nothing was duplicated.")
    )
    response = message(201, text, nature="submit_success", accept_length=True)
    response["Location"] = request.build_absolute_uri()
    return response
