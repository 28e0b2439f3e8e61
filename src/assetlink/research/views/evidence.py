"""Research pages of what is made of the responses: a survey's counts and cross-tabs (under the disclosure
rule) and its responses as a spreadsheet; a project's codebook, documents and coded excerpts with the
coders' agreement; findings with their evidence and proposed assets; the areas' development plans. Each
page links along the evidence chain both ways, as far as the reader may open."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.engine.agreement import interpretation
from assetlink.exchange.exports import MEDIA_TYPES, csv_file, workbook
from assetlink.places.models import Area
from assetlink.programmes.disclosure import rule_for
from assetlink.programmes.models import Programme
from assetlink.research import analysis, selectors, services
from assetlink.research.forms import (
    ActionForm,
    ActionStatusForm,
    AnswersForm,
    CodeForm,
    DecisionForm,
    ExcerptForm,
    FindingForm,
    GoalForm,
    KeepTableForm,
    PlanForm,
    ProposalForm,
    TranscriptForm,
)
from assetlink.research.models import Action, ActionStatus, AssetKind, Excerpt, ProposalStatus
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit, submit_or_retry


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


def _survey(programme: Programme, survey_id: int, **_other: Any) -> Any:
    return _found(selectors.survey_in(programme, survey_id)).project


def _project(programme: Programme, project_id: int, **_other: Any) -> Any:
    return _found(selectors.project_in(programme, project_id))


def _document(programme: Programme, document_id: int, **_other: Any) -> Any:
    return _found(selectors.document_in(programme, document_id)).project


def _excerpt(programme: Programme, excerpt_id: int, **_other: Any) -> Any:
    return _found(
        Excerpt.objects.select_related("document__project")
        .filter(document__project__programme=programme, pk=excerpt_id)
        .first()
    )


def _table(programme: Programme, table_id: int, **_other: Any) -> Any:
    return _found(selectors.table_in(programme, table_id)).survey.project


def _finding(programme: Programme, finding_id: int, **_other: Any) -> Any:
    return _found(selectors.finding_in(programme, finding_id)).project


def _proposal(programme: Programme, proposal_id: int, **_other: Any) -> Any:
    return _found(selectors.proposal_in(programme, proposal_id)).finding.project


def _plan(programme: Programme, plan_id: int) -> Any:
    return _found(selectors.plan_in(programme, plan_id))


# Counts and cross-tabs


def _crosstab_context(survey: Any, rows: str, columns: str, approved_only: bool, rule: Any) -> dict[str, Any]:
    language = _language()
    context: dict[str, Any] = {"crosstab": None, "frequency": None, "analysis_error": ""}
    try:
        row_dimension = analysis.dimension(survey, rows, language)
        if columns:
            context["crosstab"] = analysis.crosstab(
                survey,
                row_dimension,
                analysis.dimension(survey, columns, language),
                rule,
                approved_only=approved_only,
            )
        else:
            context["frequency"] = analysis.frequency(
                survey, row_dimension, rule, approved_only=approved_only
            )
    except analysis.AnalysisError as error:
        context["analysis_error"] = str(error)
    return context


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_survey)
def survey_analysis(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    rule = rule_for(request.user, programme)
    dimensions = analysis.dimensions(found, _language())
    rows, columns = request.GET.get("rows", ""), request.GET.get("columns", "")
    approved_only = request.GET.get("approved") == "1"
    can_analyse = request.user.has_perm("research.analyse", found.project)
    context: dict[str, Any] = {
        "programme": programme,
        "survey": found,
        "dimensions": dimensions,
        "rows": rows,
        "columns": columns,
        "approved_only": approved_only,
        "suppresses": rule.suppresses,
        "frequencies": [
            analysis.frequency(found, dimension, rule, approved_only=approved_only)
            for dimension in dimensions
        ],
        "can_export": request.user.has_perm("research.review_responses", found.project),
        "crosstab": None,
        "keep_form": None,
    }
    status = 200
    if rows:
        context.update(_crosstab_context(found, rows, columns, approved_only, rule))
        status = 422 if context["analysis_error"] else 200
        if can_analyse and not context["analysis_error"]:
            context["keep_form"] = KeepTableForm(
                initial={"rows": rows, "columns": columns, "approved_only": approved_only}
            )
    return render(request, "research/analysis.html", context, status=status)


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_survey)
def keep_table(request: AuthenticatedHttpRequest, programme: Programme, survey_id: int) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    form = KeepTableForm(request.POST)
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: services.keep_table(actor=request.user, survey=found, **data),
        _("The table is kept; a finding can now cite it."),
        lambda table: reverse("research:table", kwargs={"slug": programme.slug, "table_id": table.pk}),
        heading=found.title,
        back=reverse("research:survey_analysis", kwargs={"slug": programme.slug, "survey_id": found.pk}),
    )


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_table)
def table(request: AuthenticatedHttpRequest, programme: Programme, table_id: int) -> HttpResponse:
    found = selectors.table_in(programme, table_id)
    assert found is not None
    rule = rule_for(request.user, programme)
    context = {
        "programme": programme,
        "table": found,
        "survey": found.survey,
        "suppresses": rule.suppresses,
        "findings": selectors.cited(request.user, found.findings.select_related("project")),
        **_crosstab_context(found.survey, found.rows, found.columns, found.approved_only, rule),
    }
    return render(request, "research/table.html", context)


@programme_view("research.view_research", object_permission="research.review_responses", load_object=_survey)
def responses_export(
    request: AuthenticatedHttpRequest, programme: Programme, survey_id: int, sheet_format: str
) -> HttpResponse:
    found = selectors.survey_in(programme, survey_id)
    assert found is not None
    if sheet_format not in MEDIA_TYPES:
        raise Http404
    sheets = analysis.sheets(found)
    if sheet_format == "csv":
        _title, headers, rows = sheets[0]
        content = csv_file(headers, rows)
    else:
        content = workbook(sheets)
    response = HttpResponse(content, content_type=MEDIA_TYPES[sheet_format])
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{found.form_id}-responses-{stamp}.{sheet_format}"'
    )
    return response


# Coding


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_project)
def coding(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    can_analyse = request.user.has_perm("research.analyse", found)
    language = _language()
    answer_questions = [
        (f"{survey.pk}:{path}", f"{survey.title} — {label}")
        for survey in found.surveys.all()
        for path, label in services.text_questions(survey, language)
    ]
    pairs = selectors.agreement(found)
    context = {
        "programme": programme,
        "project": found,
        "codebook": selectors.codebook(found),
        "documents": selectors.documents_of(found),
        "agreement": [
            {
                "pair": pair,
                "pooled_words": interpretation(pair.pooled.kappa) if pair.pooled.kappa is not None else "",
            }
            for pair in pairs
        ],
        "can_analyse": can_analyse,
        "code_form": CodeForm(project=found) if can_analyse else None,
        "transcript_form": TranscriptForm() if can_analyse else None,
        "answers_form": AnswersForm(questions=answer_questions) if can_analyse and answer_questions else None,
    }
    return render(request, "research/coding.html", context)


def _coding_url(programme: Programme, project: Any) -> str:
    return reverse("research:coding", kwargs={"slug": programme.slug, "project_id": project.pk})


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_project)
def add_code(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    here = _coding_url(programme, found)
    return submit_or_retry(
        request,
        programme,
        CodeForm(request.POST, project=found),
        lambda data: services.save_code(actor=request.user, project=found, **data),
        _("The code is in the codebook."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_project)
def add_transcript(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    return submit_or_retry(
        request,
        programme,
        TranscriptForm(request.POST),
        lambda data: services.add_transcript(actor=request.user, project=found, **data),
        _("The transcript is added; you can code it now."),
        lambda document: reverse(
            "research:document", kwargs={"slug": programme.slug, "document_id": document.pk}
        ),
        heading=found.title,
        back=_coding_url(programme, found),
    )


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_project)
def documents_from_answers(
    request: AuthenticatedHttpRequest, programme: Programme, project_id: int
) -> HttpResponse:
    found = _project(programme, project_id)
    language = _language()
    surveys = {str(survey.pk): survey for survey in found.surveys.all()}
    choices = [
        (f"{survey.pk}:{path}", f"{survey.title} — {label}")
        for survey in surveys.values()
        for path, label in services.text_questions(survey, language)
    ]
    form = AnswersForm(request.POST, questions=choices)
    here = _coding_url(programme, found)

    def make(data: dict[str, Any]) -> int:
        survey_id, _colon, path = data["question"].partition(":")
        return services.documents_from_answers(
            actor=request.user, survey=surveys[survey_id], question_path=path, language=language
        )

    return submit_or_retry(
        request,
        programme,
        form,
        make,
        _("The answers are documents to code now."),
        here,
        heading=found.title,
        back=here,
    )


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_document)
def document(request: AuthenticatedHttpRequest, programme: Programme, document_id: int) -> HttpResponse:
    found = selectors.document_in(programme, document_id)
    assert found is not None
    can_analyse = request.user.has_perm("research.analyse", found.project)
    excerpts = list(
        found.excerpts.select_related("coder").prefetch_related("codes", "findings").order_by("start", "pk")
    )
    for excerpt in excerpts:
        excerpt.coder_name = selectors.colleague_name(excerpt.coder, programme)  # type: ignore[attr-defined]
        excerpt.removable = request.user.has_perm("research.remove_excerpt", excerpt)  # type: ignore[attr-defined]
    context = {
        "programme": programme,
        "document": found,
        "project": found.project,
        "passages": selectors.passages(found),
        "excerpts": excerpts,
        "can_open_response": found.submission_id is not None,
        "excerpt_form": ExcerptForm(project=found.project) if can_analyse else None,
    }
    return render(request, "research/document.html", context)


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_document)
def code_excerpt(request: AuthenticatedHttpRequest, programme: Programme, document_id: int) -> HttpResponse:
    found = selectors.document_in(programme, document_id)
    assert found is not None
    here = reverse("research:document", kwargs={"slug": programme.slug, "document_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        ExcerptForm(request.POST, project=found.project),
        lambda data: services.code_excerpt(
            actor=request.user,
            document=found,
            quote=data["quote"],
            codes=list(data["codes"]),
            occurrence=data["occurrence"] or 1,
            start=data["start"],
        ),
        _("The passage is coded."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.view_research", object_permission="research.remove_excerpt", load_object=_excerpt)
def remove_excerpt(request: AuthenticatedHttpRequest, programme: Programme, excerpt_id: int) -> HttpResponse:
    found = _excerpt(programme, excerpt_id)
    here = reverse("research:document", kwargs={"slug": programme.slug, "document_id": found.document_id})
    services.remove_excerpt(actor=request.user, excerpt=found)
    messages.success(request, _("The coding is taken back."))
    return redirect(here)


def _codebook_rows(project: Any) -> tuple[list[str], list[list[Any]]]:
    headers = ["code", "under", "path", "description", "excerpts"]
    rows = [
        [
            code.name,
            code.parent.name if code.parent else "",
            selectors.code_path(code),
            code.description,
            used,
        ]
        for code, _depth, used in selectors.codebook(project)
    ]
    return headers, rows


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_project)
def codebook_export(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    headers, rows = _codebook_rows(found)
    response = HttpResponse(csv_file(headers, rows), content_type=MEDIA_TYPES["csv"])
    response["Content-Disposition"] = (
        f'attachment; filename="codebook-{datetime.date.today().isoformat()}.csv"'
    )
    return response


@programme_view("research.view_research", object_permission="research.view_responses", load_object=_project)
def excerpts_export(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    excerpts = (
        Excerpt.objects.filter(document__project=found)
        .select_related("document", "coder")
        .prefetch_related("codes__parent")
        .order_by("document__title", "start", "pk")
    )
    headers = ["document", "kind", "start", "end", "excerpt", "codes", "coder"]
    rows = [
        [
            excerpt.document.title,
            excerpt.document.kind,
            excerpt.start,
            excerpt.end,
            excerpt.text,
            [selectors.code_path(code) for code in excerpt.codes.all()],
            selectors.colleague_name(excerpt.coder, programme),
        ]
        for excerpt in excerpts
    ]
    response = HttpResponse(csv_file(headers, rows), content_type=MEDIA_TYPES["csv"])
    response["Content-Disposition"] = (
        f'attachment; filename="coded-excerpts-{datetime.date.today().isoformat()}.csv"'
    )
    return response


# Findings and proposed assets


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_project)
def add_finding(request: AuthenticatedHttpRequest, programme: Programme, project_id: int) -> HttpResponse:
    found = _project(programme, project_id)
    return submit_or_retry(
        request,
        programme,
        FindingForm(request.POST, project=found),
        lambda data: services.save_finding(
            actor=request.user,
            project=found,
            title=data["title"],
            summary=data["summary"],
            kind=data["kind"],
            areas=list(data["areas"]),
            asset_kinds=data["asset_kinds"],
            excerpts=list(data["excerpts"]),
            tables=list(data["tables"]),
        ),
        _("The finding is recorded."),
        lambda finding: reverse(
            "research:finding", kwargs={"slug": programme.slug, "finding_id": finding.pk}
        ),
        heading=found.title,
        back=reverse("research:project", kwargs={"slug": programme.slug, "project_id": found.pk}),
    )


@programme_view("research.view_research", object_permission="research.view_project", load_object=_finding)
def finding(request: AuthenticatedHttpRequest, programme: Programme, finding_id: int) -> HttpResponse:
    found = selectors.finding_in(programme, finding_id)
    assert found is not None
    can_analyse = request.user.has_perm("research.analyse", found.project)
    can_decide = request.user.has_perm("research.manage_research", programme)
    sees_responses = request.user.has_perm("research.view_responses", found.project)
    proposals = list(found.proposals.select_related("area", "skill", "organisation", "space"))
    for proposal in proposals:
        # One decision form per proposal on the page, each with its own field ids.
        proposal.decision_form = (  # type: ignore[attr-defined]
            DecisionForm(auto_id=f"decide-{proposal.pk}-%s")
            if can_decide and proposal.status == ProposalStatus.PROPOSED
            else None
        )
    kinds = dict(AssetKind.choices)
    context = {
        "programme": programme,
        "finding": found,
        "project": found.project,
        "asset_kind_labels": [kinds.get(kind, kind) for kind in found.asset_kinds],
        "excerpts": (
            found.excerpts.select_related("document").prefetch_related("codes") if sees_responses else []
        ),
        "tables": found.tables.select_related("survey"),
        "sees_responses": sees_responses,
        "proposals": proposals,
        "actions": found.actions.select_related("plan__area", "owner"),
        "proposal_form": ProposalForm(programme=programme) if can_analyse else None,
    }
    return render(request, "research/finding.html", context)


@require_POST
@programme_view("research.view_research", object_permission="research.analyse", load_object=_finding)
def propose_asset(request: AuthenticatedHttpRequest, programme: Programme, finding_id: int) -> HttpResponse:
    found = selectors.finding_in(programme, finding_id)
    assert found is not None
    here = reverse("research:finding", kwargs={"slug": programme.slug, "finding_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        ProposalForm(request.POST, programme=programme),
        lambda data: services.propose_asset(actor=request.user, finding=found, **data),
        _("The asset is proposed; the programme admin reviews it into the register."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.manage_research")
def decide_proposal(
    request: AuthenticatedHttpRequest, programme: Programme, proposal_id: int
) -> HttpResponse:
    found = _found(selectors.proposal_in(programme, proposal_id))
    here = reverse("research:finding", kwargs={"slug": programme.slug, "finding_id": found.finding_id})
    return submit_or_retry(
        request,
        programme,
        DecisionForm(request.POST),
        lambda data: services.decide_proposal(actor=request.user, proposal=found, **data),
        _("The decision is recorded."),
        here,
        heading=found.name,
        back=here,
    )


# Community economic development plans


@programme_view("research.view_research")
def plans(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    can_manage = request.user.has_perm("research.manage_plans", programme)
    form = PlanForm(request.POST or None, programme=programme) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        done = submit(
            request,
            form,
            lambda data: services.save_plan(actor=request.user, programme=programme, **data),
            message=_("The plan is started."),
            then=lambda plan: reverse("research:plan", kwargs={"slug": programme.slug, "plan_id": plan.pk}),
        )
        if done:
            return done
    context = {
        "programme": programme,
        "plans": [(plan, selectors.progress(plan)) for plan in selectors.plans_of(programme)],
        "form": form,
        "proposals": selectors.proposals_awaiting(programme) if can_manage else None,
    }
    status = 422 if form is not None and form.is_bound and form.errors else 200
    return render(request, "research/plans.html", context, status=status)


@programme_view("research.view_research")
def plan(request: AuthenticatedHttpRequest, programme: Programme, plan_id: int) -> HttpResponse:
    found = _plan(programme, plan_id)
    can_manage = request.user.has_perm("research.manage_plans", programme)
    actions = list(
        found.actions.select_related("owner", "goal").prefetch_related("findings__project", "opportunities")
    )
    for action in actions:
        action.cited = selectors.cited(request.user, action.findings.all())
    context = {
        "programme": programme,
        "plan": found,
        "progress": selectors.progress(found),
        "goals": found.goals.select_related("indicator"),
        "actions": actions,
        "goal_form": GoalForm(programme=programme) if can_manage else None,
        "action_form": ActionForm(plan=found) if can_manage else None,
        "status_form": ActionStatusForm() if can_manage else None,
        "status_choices": ActionStatus.choices,
    }
    return render(request, "research/plan.html", context)


def _plan_url(programme: Programme, plan_id: int) -> str:
    return reverse("research:plan", kwargs={"slug": programme.slug, "plan_id": plan_id})


@require_POST
@programme_view("research.manage_plans")
def add_goal(request: AuthenticatedHttpRequest, programme: Programme, plan_id: int) -> HttpResponse:
    found = _plan(programme, plan_id)
    here = _plan_url(programme, found.pk)
    return submit_or_retry(
        request,
        programme,
        GoalForm(request.POST, programme=programme),
        lambda data: services.add_goal(actor=request.user, plan=found, **data),
        _("The goal is added."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.manage_plans")
def add_action(request: AuthenticatedHttpRequest, programme: Programme, plan_id: int) -> HttpResponse:
    found = _plan(programme, plan_id)
    here = _plan_url(programme, found.pk)
    return submit_or_retry(
        request,
        programme,
        ActionForm(request.POST, plan=found),
        lambda data: services.save_action(
            actor=request.user,
            plan=found,
            title=data["title"],
            goal=data["goal"],
            owner=data["owner"],
            due_on=data["due_on"],
            status=data["status"],
            findings=list(data["findings"]),
            opportunities=list(data["opportunities"]),
        ),
        _("The action is added."),
        here,
        heading=found.title,
        back=here,
    )


@require_POST
@programme_view("research.manage_plans")
def action_status(request: AuthenticatedHttpRequest, programme: Programme, action_id: int) -> HttpResponse:
    found = _found(
        Action.objects.select_related("plan").filter(plan__programme=programme, pk=action_id).first()
    )
    here = _plan_url(programme, found.plan_id)
    return submit_or_retry(
        request,
        programme,
        ActionStatusForm(request.POST),
        lambda data: services.set_action_status(actor=request.user, action=found, status=data["status"]),
        _("The action's status is changed."),
        here,
        heading=found.plan.title,
        back=here,
    )


@programme_view("research.view_research")
def skill_pools(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    areas = list(Area.objects.filter(programme=programme).order_by("name"))
    chosen = next((area for area in areas if area.code == request.GET.get("area")), None)
    context = {
        "programme": programme,
        "pools": selectors.skill_pools(request.user, programme, chosen),
        "areas": areas,
        "chosen": chosen,
    }
    return render(request, "research/skill_pools.html", context)
