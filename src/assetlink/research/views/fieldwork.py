"""Research pages: projects with their team, stage, surveys and payments; a survey's versions and responses
and the browser filler; researchers with their accreditation, training, projects and the keys their phones
sign in with."""

from __future__ import annotations

import json
from typing import Any

from csp.decorators import csp_update
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.people.selectors import people_visible_to
from assetlink.programmes.models import Programme
from assetlink.research import collection, selectors, services
from assetlink.research.forms import (
    EDITOR_ROWS,
    MOST_EDITOR_ROWS,
    FindingForm,
    KeyForm,
    PaymentForm,
    ProjectForm,
    QuestionRows,
    ResearcherForm,
    StageForm,
    SurveyEditorForm,
    TeamMemberForm,
    XlsFormUpload,
    draft_questions,
)
from assetlink.research.models import CollectorKey, Source, SubmissionStatus, SurveyVersion
from assetlink.research.xforms import LIST_OF_FILE, REGISTER_LISTS
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors, submit, submit_or_retry
from assetlink.web.pagination import page_context


def _project(programme: Programme, project_id: int, **_other: Any) -> Any:
    project = selectors.project_in(programme, project_id)
    if project is None:
        raise Http404
    return project


def _survey(programme: Programme, survey_id: int, **_other: Any) -> Any:
    survey = selectors.survey_in(programme, survey_id)
    if survey is None:
        raise Http404
    return survey.project


def _researcher(programme: Programme, researcher_id: int, **_other: Any) -> Any:
    researcher = selectors.researcher_in(programme, researcher_id)
    if researcher is None:
        raise Http404
    return researcher


def status_code(form: Any) -> int:
    return 422 if form is not None and form.is_bound and form.errors else 200


@programme_view("research.view_research")
def projects(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    can_manage = request.user.has_perm("research.manage_research", programme)
    form = ProjectForm(request.POST or None, programme=programme) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        done = submit(
            request,
            form,
            lambda _data: services.save_project(
                actor=request.user, programme=programme, **form.service_arguments()
            ),
            message=_("The project is started."),
            then=lambda project: reverse(
                "research:project", kwargs={"slug": programme.slug, "project_id": project.pk}
            ),
        )
        if done:
            return done
    context = {
        "programme": programme,
        "projects": selectors.projects_for(request.user, programme),
        "form": form,
        "can_manage": can_manage,
        "own": selectors.own_researcher(request.user, programme),
    }
    return render(request, "research/projects.html", context, status=status_code(form))


@programme_view("research.view_research", object_permission="research.view_project", load_object=_project)
def project(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    can_change = request.user.has_perm("research.change_project", found)
    can_manage = request.user.has_perm("research.manage_research", programme)
    forms: dict[str, Any] = {}
    if can_change:
        forms = {
            "stage_form": StageForm(initial={"status": found.status}),
            "team_form": TeamMemberForm(programme=programme),
            "survey_form": XlsFormUpload(),
        }
    if can_manage:
        forms["payment_form"] = PaymentForm(project=found)
    if request.user.has_perm("research.analyse", found):
        forms["finding_form"] = FindingForm(project=found)
    context = {
        "programme": programme,
        "project": found,
        "team": found.team.select_related("researcher"),
        "surveys": selectors.surveys_of(found),
        "findings": selectors.findings_of(found),
        "payments": found.payments.select_related("researcher") if can_manage else None,
        "can_change": can_change,
        "can_manage": can_manage,
        "statements": [
            (code, found.ethics_statement.get(code, ""), found.consent_statement.get(code, ""))
            for code in sorted(set(found.ethics_statement) | set(found.consent_statement))
        ],
        **forms,
    }
    return render(request, "research/project.html", context)


def _on_project(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    project_id: int,
    form: Any,
    save: Any,
    message: str,
) -> HttpResponse:
    found = _project(programme, project_id)
    here = reverse("research:project", kwargs={"slug": programme.slug, "project_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: save(found, data),
        message,
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.view_research", object_permission="research.change_project", load_object=_project)
def project_stage(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    return _on_project(
        request,
        programme,
        project_id,
        StageForm(request.POST),
        lambda found, data: services.change_project_status(
            actor=request.user, project=found, status=data["status"]
        ),
        _("The project's stage is changed."),
    )


@require_POST
@programme_view("research.view_research", object_permission="research.change_project", load_object=_project)
def project_team(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    return _on_project(
        request,
        programme,
        project_id,
        TeamMemberForm(request.POST, programme=programme),
        lambda found, data: services.set_team_member(
            actor=request.user, project=found, researcher=data["researcher"], role=data["role"]
        ),
        _("The team is changed."),
    )


@require_POST
@programme_view("research.view_research", object_permission="research.change_project", load_object=_project)
def project_survey(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    return _on_project(
        request,
        programme,
        project_id,
        XlsFormUpload(request.POST, request.FILES),
        lambda found, data: services.create_survey(
            actor=request.user, project=found, file_name=data["xlsform"].name, data=data["xlsform"].read()
        ),
        _("The survey is added."),
    )


@require_POST
@programme_view("research.manage_research", object_permission="research.view_project", load_object=_project)
def project_payment(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    return _on_project(
        request,
        programme,
        project_id,
        PaymentForm(request.POST, project=found),
        lambda found, data: services.record_payment(actor=request.user, project=found, **data),
        _("The payment is recorded."),
    )


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_survey)
def survey(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    can_change = request.user.has_perm("research.change_project", found.project)
    status = request.GET.get("status", "")
    context = {
        "programme": programme,
        "survey": found,
        "versions": found.versions.select_related("uploaded_by"),
        "current": found.versions.first(),
        "counts": selectors.status_counts(found),
        "statuses": SubmissionStatus.choices,
        "status": status,
        "can_change": can_change,
        "can_collect": request.user.has_perm("research.collect", found.project),
        "version_form": XlsFormUpload() if can_change else None,
        **page_context(request, selectors.responses_of(found, status)),
    }
    return render(request, "research/survey.html", context)


@require_POST
@programme_view("research.view_research", object_permission="research.change_project", load_object=_survey)
def survey_version(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    form = XlsFormUpload(request.POST, request.FILES)
    here = reverse("research:survey", kwargs={"slug": programme.slug, "survey_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: services.add_survey_version(
            actor=request.user, survey=found, file_name=data["xlsform"].name, data=data["xlsform"].read()
        ),
        _("The new version is uploaded; phones take it when they next get blank forms."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.view_research", object_permission="research.change_project", load_object=_survey)
def survey_open(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    services.set_survey_open(actor=request.user, survey=found, is_open=request.POST.get("open") == "1")
    return redirect("research:survey", slug=programme.slug, survey_id=found.pk)


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_survey)
def survey_file(
    request: AuthenticatedHttpRequest, programme: Programme, survey_id: int, version_id: int, fmt: str
) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    version = found.versions.filter(pk=version_id).first()
    if version is None or fmt not in {"xlsx", "xml"}:
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            bytes(version.xlsform),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{found.form_id}-{version.pk}.xlsx"'
    else:
        response = HttpResponse(version.xform, content_type="text/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{found.form_id}-{version.pk}.xml"'
    return response


@programme_view("research.manage_research")
def researchers(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = ResearcherForm(
        request.POST or None, programme=programme, people=people_visible_to(request.user, programme)
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.save_researcher(actor=request.user, programme=programme, **data),
            message=_("The researcher is added."),
            then=lambda researcher: reverse(
                "research:researcher", kwargs={"slug": programme.slug, "researcher_id": researcher.pk}
            ),
        )
        if done:
            return done
    context = {
        "programme": programme,
        "researchers": selectors.researchers_of(programme),
        "without_record": selectors.community_researchers_without_record(programme),
        "form": form,
    }
    return render(request, "research/researchers.html", context, status=status_code(form))


@programme_view(
    "research.view_research", object_permission="research.view_researcher", load_object=_researcher
)
def researcher(request: AuthenticatedHttpRequest, programme: Programme, researcher_id: int) -> HttpResponse:
    found = _researcher(programme, researcher_id)
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            key, secret = services.issue_key(
                actor=request.user, researcher=found, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            form_list = reverse("research_openrosa:form_list", kwargs={"key": secret})
            server = request.build_absolute_uri(form_list.removesuffix("/formList"))
            return render(
                request,
                "research/key_issued.html",
                {"programme": programme, "researcher": found, "key": key, "server": server},
            )
    context = {
        "programme": programme,
        "researcher": found,
        "projects": selectors.responses_by_project(found),
        "training": selectors.training_of(found),
        "payments": found.payments.select_related("project"),
        "keys": found.keys.all(),
        "key_form": form,
    }
    return render(request, "research/researcher.html", context, status=status_code(form))


@require_POST
@programme_view("research.view_research", object_permission="research.manage_keys", load_object=_researcher)
def revoke_key(
    request: AuthenticatedHttpRequest, programme: Programme, researcher_id: int, key_id: int
) -> HttpResponse:
    found = _researcher(programme, researcher_id)
    key = CollectorKey.objects.filter(researcher=found, pk=key_id).first()
    if key is None:
        raise Http404
    services.revoke_key(actor=request.user, key=key)
    return redirect("research:researcher", slug=programme.slug, researcher_id=found.pk)


# Filling in a survey in the browser: ODK Web Forms parses XPath with WebAssembly and PrimeVue (its widgets)
# writes its styles into the page, so these pages alone allow both.
FILL_CSP = {
    "script-src": ["'wasm-unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "font-src": ["data:"],
    "img-src": ["blob:"],
}


def _current_version(programme: Programme, survey_id: int) -> SurveyVersion:
    found = selectors.survey_in(programme, survey_id)
    version = found.versions.order_by("-created_at", "-pk").first() if found is not None else None
    if version is None:
        raise Http404
    return version


@csp_update(FILL_CSP)
@programme_view("research.view_research", object_permission="research.collect", load_object=_survey)
def fill(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    version = _current_version(programme, survey_id)
    survey = version.survey
    context = {
        "programme": programme,
        "survey": survey,
        "takes_responses": survey.takes_responses,
        "media_names_json": json.dumps([REGISTER_LISTS[name] for name in version.register_lists]),
        "form_language": get_language(),
        "messages_for_script": {
            "ready": _("Ready: you can fill in responses, also without a connection."),
            "offline": _("No connection: responses are kept on this device until it is back."),
            "saved": _("The response is kept on this device; sending it…"),
            "waiting": _("Responses waiting on this device to be sent: %(count)s."),
            "refused": _("The server refused a response: %(message)s"),
            "failed": _("The form could not be opened. Reload the page to try again."),
        },
    }
    return render(request, "research/fill.html", context)


@programme_view("research.view_research", object_permission="research.collect", load_object=_survey)
def fill_form(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    version = _current_version(programme, survey_id)
    return HttpResponse(version.xform, content_type="text/xml; charset=utf-8")


@programme_view("research.view_research", object_permission="research.collect", load_object=_survey)
def fill_media(
    request: AuthenticatedHttpRequest, programme: Programme, survey_id: int, file_name: str
) -> HttpResponse:
    version = _current_version(programme, survey_id)
    name = LIST_OF_FILE.get(file_name)
    if name is None or name not in version.register_lists:
        raise Http404
    return HttpResponse(collection.register_list(programme, name), content_type="text/csv; charset=utf-8")


@programme_view("research.view_research", object_permission="research.collect", load_object=_survey)
def fill_worker(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    _current_version(programme, survey_id)
    response = render(request, "research/collect_worker.js", content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
@programme_view("research.view_research", object_permission="research.collect", load_object=_survey)
def fill_submission(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    """A response sent from the browser's outbox: 201 when new, 200 when it was received already, and the
    refusal's status with its message otherwise (the outbox keeps a refused response and shows why)."""
    researcher = selectors.own_researcher(request.user, programme)
    if researcher is None:
        raise Http404
    uploads = {name: found for name in request.FILES if (found := request.FILES.get(name)) is not None}
    upload = uploads.pop("xml_submission_file", None)
    if upload is None:
        return JsonResponse({"error": _("The response has no XML.")}, status=422)
    limit = collection.max_submission_bytes()
    if (upload.size or 0) + sum(f.size or 0 for f in uploads.values()) > limit:
        return JsonResponse(
            {
                "error": _("This response is larger than the server takes (%(limit)s bytes).")
                % {"limit": limit}
            },
            status=413,
        )
    try:
        received = collection.receive(
            researcher=researcher,
            xml=upload.read(),
            files=uploads,
            source=Source.BROWSER,
            actor=request.user,
            for_survey=_current_version(programme, survey_id).survey,
        )
    except collection.RefusedError as refusal:
        return JsonResponse({"error": refusal.message}, status=refusal.status)
    return JsonResponse(
        {"instance_id": received.submission.instance_id, "created": received.created},
        status=201 if received.created else 200,
    )


@programme_view("research.view_research", object_permission="research.change_project", load_object=_project)
def survey_editor(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    """Build a simple survey question by question; it is saved as an XLSForm, as if uploaded."""
    found = _project(programme, project_id)
    try:
        wanted = int(request.GET.get("rows", EDITOR_ROWS))
    except ValueError:
        wanted = EDITOR_ROWS
    rows_shown = max(1, min(wanted, MOST_EDITOR_ROWS))
    form = SurveyEditorForm(request.POST or None)
    rows = QuestionRows(
        request.POST or None,
        prefix="q",
        initial=[{} for _row in range(rows_shown)] if not request.POST else None,
    )
    if request.method == "POST" and rows.is_valid():
        done = submit(
            request,
            form,
            lambda data: services.build_survey(
                actor=request.user, project=found, questions=draft_questions(rows), **data
            ),
            message=_("The survey is saved as an XLSForm; you can download it and upload new versions."),
            then=lambda survey: reverse(
                "research:survey", kwargs={"slug": programme.slug, "survey_id": survey.pk}
            ),
        )
        if done:
            return done
    elif request.method == "POST":
        form.is_valid()
    context = {
        "programme": programme,
        "project": found,
        "form": form,
        "rows": rows,
        "more_rows": min(rows_shown + 4, MOST_EDITOR_ROWS),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "research/survey_editor.html", context, status=status)
