"""Opportunity and investment pages for members, and the public pages of open opportunities."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.exchange.standards.jobposting import job_posting
from assetlink.exchange.standards.ocds import release_package
from assetlink.exchange.standards.threesixty import grant_package
from assetlink.opportunities import selectors, services
from assetlink.opportunities.forms import (
    PART_FORMS,
    PART_TITLES,
    AwardForm,
    InvestmentForm,
    OpportunityForm,
    PhaseForm,
)
from assetlink.opportunities.models import FILLED_KINDS, Opportunity, OpportunityKind, OpportunityStatus
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.web.access import AuthenticatedHttpRequest, programme_view, public
from assetlink.web.forms import submit
from assetlink.web.pagination import page_context
from assetlink.web.panels import record_panels
from assetlink.web.parts import add_part, part_section, remove_part
from assetlink.web.structured import json_ld as structured_data

opportunity_page = programme_view(
    "opportunities.view_opportunities",
    object_permission="opportunities.view_opportunity",
    load_object=selectors.opportunity_in,
)
change_opportunity = programme_view(
    "opportunities.view_opportunities",
    object_permission="opportunities.change_opportunity",
    load_object=selectors.opportunity_in,
)
JOB_LIKE = {OpportunityKind.JOB, OpportunityKind.TRAINING, OpportunityKind.VOLUNTEERING}


def _filtered(request: HttpRequest, opportunities: Any) -> tuple[Any, dict[str, Any]]:
    kind, status, query = (
        request.GET.get("kind", ""),
        request.GET.get("status", ""),
        request.GET.get("q", "").strip(),
    )
    if kind in OpportunityKind.values:
        opportunities = opportunities.filter(kind=kind)
    if status in OpportunityStatus.values:
        opportunities = opportunities.filter(status=status)
    if query:
        opportunities = opportunities.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(occupation__preferred_label__icontains=query)
        )
    return opportunities, {
        "kinds": OpportunityKind.choices,
        "statuses": OpportunityStatus.choices,
        "selected_kind": kind,
        "selected_status": status,
        "query": query,
    }


@programme_view("opportunities.view_opportunities")
def opportunity_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    opportunities, filters = _filtered(request, selectors.opportunities_visible_to(request.user, programme))
    context = {
        "programme": programme,
        "can_create": request.user.has_perm("opportunities.create_opportunity", programme),
        "create_kinds": OpportunityKind.choices,
        **filters,
        **page_context(request, opportunities.order_by("status", "closes_on", "title")),
    }
    template = (
        "opportunities/list.html#results" if request.headers.get("HX-Request") else "opportunities/list.html"
    )
    return render(request, template, context)


def _form_page(
    request: AuthenticatedHttpRequest, programme: Programme, kind: str, opportunity: Opportunity | None
) -> HttpResponse:
    membership = roles_of(request.user).get(programme.pk)
    initial = {"owner": membership.organisation_id} if membership and membership.organisation_id else {}
    form = OpportunityForm(
        request.POST or None, programme=programme, kind=kind, instance=opportunity, initial=initial
    )

    def save(data: dict[str, Any]) -> Opportunity:
        if opportunity is None:
            return services.create_opportunity(actor=request.user, programme=programme, kind=kind, **data)
        return services.update_opportunity(actor=request.user, opportunity=opportunity, **data)

    if request.method == "POST" and (
        done := submit(
            request,
            form,
            save,
            message=_("The opportunity has been saved."),
            then=lambda saved: reverse(
                "opportunities:detail", kwargs={"slug": programme.slug, "opportunity_id": saved.pk}
            ),
        )
    ):
        return done
    heading = (
        _("Edit %(title)s") % {"title": opportunity.title}
        if opportunity
        else _("New opportunity: %(kind)s") % {"kind": OpportunityKind(kind).label}
    )
    cancel = (
        reverse("opportunities:detail", kwargs={"slug": programme.slug, "opportunity_id": opportunity.pk})
        if opportunity
        else reverse("opportunities:list", kwargs={"slug": programme.slug})
    )
    intro = _("It is saved as a draft; open it when it is ready to be seen.") if opportunity is None else ""
    return render(
        request,
        "web/object_form.html",
        {"programme": programme, "form": form, "heading": heading, "cancel_url": cancel, "intro": intro},
    )


@programme_view("opportunities.create_opportunity")
def opportunity_new(request: AuthenticatedHttpRequest, programme: Programme, kind: str) -> HttpResponse:
    if kind not in OpportunityKind.values:
        raise Http404
    return _form_page(request, programme, kind, None)


@change_opportunity
def opportunity_edit(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return _form_page(request, programme, opportunity.kind, opportunity)


def _next_statuses(opportunity: Opportunity) -> list[tuple[str, Any]]:
    allowed = services.TRANSITIONS[OpportunityStatus(opportunity.status)]
    ends = {OpportunityStatus.FILLED} if opportunity.kind in FILLED_KINDS else {OpportunityStatus.AWARDED}
    return [
        (status.value, status.label)
        for status in OpportunityStatus
        if status in allowed
        and (status not in {OpportunityStatus.FILLED, OpportunityStatus.AWARDED} or status in ends)
    ]


def _detail_context(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity: Opportunity, **forms: Any
) -> dict[str, Any]:
    can_change = request.user.has_perm("opportunities.change_opportunity", opportunity)
    keys = {"slug": programme.slug, "opportunity_id": opportunity.pk}
    parts = [
        part_section(
            kind=part,
            title=PART_TITLES[part],
            items=services.PART_MODELS[part]._default_manager.filter(opportunity=opportunity),
            form=forms.get(part) or (form_class(prefix=part) if can_change else None),
            add_url=reverse("opportunities:part_add", kwargs={**keys, "part": part}),
            remove_route=("opportunities:part_remove", {**keys, "part": part}) if can_change else None,
        )
        for part, form_class in PART_FORMS.items()
        if part != "lots" or opportunity.kind == OpportunityKind.CONTRACT
    ]
    return {
        **record_panels(request, programme, opportunity),
        "programme": programme,
        "opportunity": opportunity,
        "can_change": can_change,
        "parts": parts,
        "next_statuses": _next_statuses(opportunity) if can_change else [],
        "status_errors": forms.get("status_errors", []),
        "award_form": forms.get("award") or AwardForm(prefix="award", programme=programme),
        "matching_link": _matching_link(request.user, programme, opportunity),
    }


def _matching_link(user: Any, programme: Programme, opportunity: Opportunity) -> dict[str, str] | None:
    """Where this user can see what the opportunity was matched with, if anywhere."""
    keys = {"slug": programme.slug, "opportunity_id": opportunity.pk}
    if opportunity.kind in JOB_LIKE and user.has_perm("matching.view_opportunity_candidates", opportunity):
        return {"url": reverse("matching:candidates", kwargs=keys), "label": _("Matched candidates")}
    if not user.has_perm("matching.view_supply_matches", programme):
        return None
    if opportunity.kind == OpportunityKind.CONTRACT:
        return {"url": reverse("matching:consortia", kwargs=keys), "label": _("Suppliers and consortia")}
    if opportunity.kind == OpportunityKind.CHALLENGE:
        return {"url": reverse("matching:providers", kwargs=keys), "label": _("Providers and collaborations")}
    return None


@opportunity_page
def opportunity_detail(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return render(request, "opportunities/detail.html", _detail_context(request, programme, opportunity))


@change_opportunity
@require_POST
def opportunity_status(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    try:
        services.change_status(
            actor=request.user, opportunity=opportunity, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        context = _detail_context(request, programme, opportunity, status_errors=error.messages)
        return render(request, "opportunities/detail.html", context, status=422)
    messages.success(
        request, _("The opportunity is now %(status)s.") % {"status": opportunity.get_status_display()}
    )
    return redirect("opportunities:detail", slug=programme.slug, opportunity_id=opportunity.pk)


@change_opportunity
@require_POST
def opportunity_part_add(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int, part: str
) -> HttpResponse:
    if part not in PART_FORMS:
        raise Http404
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return add_part(
        request,
        form=PART_FORMS[part](request.POST, prefix=part),
        save=lambda data: services.add_part(actor=request.user, opportunity=opportunity, part=part, **data),
        title=PART_TITLES[part],
        done_url=_part_url(programme, opportunity, part),
        show_again=lambda form: render(
            request,
            "opportunities/detail.html",
            _detail_context(request, programme, opportunity, **{part: form}),
            status=422,
        ),
    )


@change_opportunity
@require_POST
def opportunity_part_remove(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int, part: str, item_id: int
) -> HttpResponse:
    if part not in PART_FORMS:
        raise Http404
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return remove_part(
        request,
        remove=lambda: services.remove_part(
            actor=request.user, opportunity=opportunity, part=part, item_id=item_id
        ),
        title=PART_TITLES[part],
        done_url=_part_url(programme, opportunity, part),
    )


def _part_url(programme: Programme, opportunity: Opportunity, part: str) -> str:
    url = reverse("opportunities:detail", kwargs={"slug": programme.slug, "opportunity_id": opportunity.pk})
    return f"{url}#{part}"


@programme_view("opportunities.view_investments")
def investment_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    context = {
        "programme": programme,
        "can_manage": request.user.has_perm("opportunities.manage_investments", programme),
        **page_context(request, selectors.investments_of(programme)),
    }
    return render(request, "opportunities/investment_list.html", context)


@programme_view("opportunities.view_investments")
def investment_detail(
    request: AuthenticatedHttpRequest, programme: Programme, investment_id: int
) -> HttpResponse:
    investment = selectors.investment_in(programme, investment_id)
    can_manage = request.user.has_perm("opportunities.manage_investments", programme)
    opportunities = selectors.opportunities_visible_to(request.user, programme).filter(investment=investment)
    counts = {kind.label: opportunities.filter(kind=kind).count() for kind in OpportunityKind}
    context = {
        "programme": programme,
        "investment": investment,
        "can_manage": can_manage,
        "phase_form": PhaseForm(prefix="phase") if can_manage else None,
        "counts": {label: count for label, count in counts.items() if count},
        "opportunities": opportunities.order_by("kind", "title")[:50],
    }
    return render(request, "opportunities/investment_detail.html", context)


def _investment_form_page(
    request: AuthenticatedHttpRequest, programme: Programme, investment_id: int | None
) -> HttpResponse:
    investment = selectors.investment_in(programme, investment_id) if investment_id else None
    form = InvestmentForm(request.POST or None, programme=programme, instance=investment)
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.save_investment(
                actor=request.user, programme=programme, investment=investment, **data
            ),
            message=_("The investment has been saved."),
            then=lambda saved: reverse(
                "opportunities:investment", kwargs={"slug": programme.slug, "investment_id": saved.pk}
            ),
        )
    ):
        return done
    heading = _("Edit %(name)s") % {"name": investment.name} if investment else _("Add an investment")
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": heading,
            "cancel_url": reverse("opportunities:investments", kwargs={"slug": programme.slug}),
        },
    )


@programme_view("opportunities.manage_investments")
def investment_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _investment_form_page(request, programme, None)


@programme_view("opportunities.manage_investments")
def investment_edit(
    request: AuthenticatedHttpRequest, programme: Programme, investment_id: int
) -> HttpResponse:
    return _investment_form_page(request, programme, investment_id)


@programme_view("opportunities.manage_investments")
@require_POST
def investment_phase_add(
    request: AuthenticatedHttpRequest, programme: Programme, investment_id: int
) -> HttpResponse:
    investment = selectors.investment_in(programme, investment_id)
    form = PhaseForm(request.POST, prefix="phase")
    if form.is_valid():
        try:
            services.add_phase(actor=request.user, investment=investment, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The phase has been added."))
    else:
        messages.error(
            request,
            _("The phase was not added: %(errors)s")
            % {
                "errors": " ".join(
                    f"{form.fields[name].label}: {' '.join(str(error) for error in errors)}"
                    for name, errors in form.errors.items()
                    if name in form.fields
                )
            },
        )
    return redirect("opportunities:investment", slug=programme.slug, investment_id=investment.pk)


@public
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    opportunities, filters = _filtered(request, selectors.open_opportunities(programme))
    context = {
        "programme": programme,
        **filters,
        **page_context(request, opportunities.order_by("closes_on", "title")),
    }
    return render(request, "opportunities/public_list.html", context)


@public
def public_detail(request: HttpRequest, slug: str, opportunity_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    opportunity = get_object_or_404(selectors.open_opportunities(programme), pk=opportunity_id)
    json_ld = ""
    if opportunity.kind in JOB_LIKE:
        posting = job_posting(opportunity, url=request.build_absolute_uri())
        json_ld = structured_data(posting)
    context = {
        "programme": programme,
        "opportunity": opportunity,
        "json_ld": json_ld,
        "skills": opportunity.skill_requirements.select_related("skill"),
        "credentials": opportunity.credential_requirements.all(),
        "lots": opportunity.lots.all(),
    }
    return render(request, "opportunities/public_detail.html", context)


def _json_file(data: Any, name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public
def public_jobs(request: HttpRequest, slug: str) -> HttpResponse:
    """Open jobs, training and volunteering places as schema.org JobPosting objects."""
    programme = get_object_or_404(Programme, slug=slug)
    jobs = (
        selectors.open_opportunities(programme)
        .filter(kind__in=JOB_LIKE)
        .prefetch_related("skill_requirements__skill", "credential_requirements")
    )
    postings = [
        job_posting(
            job,
            url=request.build_absolute_uri(
                reverse("open:detail", kwargs={"slug": slug, "opportunity_id": job.pk})
            ),
        )
        for job in jobs
    ]
    return _json_file(postings, f"{slug}-jobs.json")


@public
def public_contracts(request: HttpRequest, slug: str) -> HttpResponse:
    """Contracts past their draft as an OCDS release package: open contracting, for everyone."""
    programme = get_object_or_404(Programme, slug=slug)
    contracts = (
        Opportunity.objects.filter(programme=programme, kind=OpportunityKind.CONTRACT)
        .exclude(status=OpportunityStatus.DRAFT)
        .select_related("owner", "awarded_to", "programme")
        .prefetch_related("lots")
        .order_by("pk")
    )
    return _json_file(
        release_package(programme, list(contracts), request.build_absolute_uri()),
        f"{slug}-contracts.ocds.json",
    )


@public
def public_grants(request: HttpRequest, slug: str) -> HttpResponse:
    """Awarded grants as a 360Giving package."""
    programme = get_object_or_404(Programme, slug=slug)
    grants = (
        Opportunity.objects.filter(
            programme=programme,
            kind=OpportunityKind.GRANT,
            status=OpportunityStatus.AWARDED,
            awarded_to__isnull=False,
        )
        .select_related("owner", "funder", "awarded_to", "area", "investment", "programme")
        .order_by("pk")
    )
    return _json_file(
        grant_package(programme, list(grants), request.build_absolute_uri()), f"{slug}-grants.360giving.json"
    )
