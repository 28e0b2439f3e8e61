"""Local spend pages: share of spend local, in the region and elsewhere per period, by category and by
supplier kind and size; the local area; the supplier review queue; LM3 studies and suppliers' returns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.engine.periods import PeriodKind
from assetlink.organisations.models import Organisation
from assetlink.programmes.disclosure import rule_for
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.spend import selectors, services
from assetlink.spend.charts import locality_chart
from assetlink.spend.forms import LocalAreaForm, ReturnForm, ReviewForm, ShiftForm, StudyForm
from assetlink.spend.models import LinkStatus, Study, Supplier
from assetlink.spend.rules import ReturnDue
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit

KINDS = {
    PeriodKind.QUARTER.value: PeriodKind.QUARTER,
    PeriodKind.FINANCIAL_YEAR.value: PeriodKind.FINANCIAL_YEAR,
    PeriodKind.YEAR.value: PeriodKind.YEAR,
}


@programme_view("spend.view_spend")
def overview(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    kind = KINDS.get(request.GET.get("period", ""), PeriodKind.QUARTER)
    periods = selectors.spend_periods(programme, kind)
    rule = rule_for(request.user, programme)
    rows = selectors.released(selectors.by_locality(programme, periods).get("", []), rule)
    year = selectors.last_full_year(programme)
    shift_form = ShiftForm(request.GET if "points" in request.GET else None)
    points = shift_form.cleaned_data["points"] if shift_form.is_valid() else Decimal(5)
    context = {
        "programme": programme,
        "kind": kind,
        "rows": rows,
        "chart": locality_chart(rows, _("Spend by where the supplier is")) if rows else None,
        "local_area": services.local_area_of(programme),
        "year": year,
        "by_category": selectors.breakdown(programme, year, "category", rule),
        "by_kind": selectors.breakdown(programme, year, "supplier_kind", rule),
        "by_size": selectors.breakdown(programme, year, "supplier_size", rule),
        "shift_form": shift_form if shift_form.is_bound else ShiftForm(initial={"points": points}),
        "shift": selectors.worth_of_shift(programme, year, points),
        "links": selectors.link_counts(programme),
        "can_manage": request.user.has_perm("spend.manage_spend", programme),
        "localities": selectors.LOCALITIES,
    }
    return render(request, "spend/overview.html", context)


@programme_view("spend.manage_spend")
def local_area(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    current = services.local_area_of(programme)
    initial = {
        "areas": list(current.areas.all()) if current.pk else [],
        "districts": " ".join(current.districts),
        "region": " ".join(current.region),
    }
    form = LocalAreaForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda _data: services.save_local_area(
                actor=request.user, programme=programme, **form.cleaned_places()
            ),
            message=_("The local area is saved and every spend line placed again."),
            then=reverse("spend:overview", kwargs={"slug": programme.slug}),
        )
        if done:
            return done
    status = 422 if form.is_bound else 200
    return render(request, "spend/local_area.html", {"programme": programme, "form": form}, status=status)


@programme_view("spend.manage_spend")
def review(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    queue = list(selectors.review_queue(programme)[:50])
    items = [(supplier, ReviewForm(supplier=supplier, prefix=f"s{supplier.pk}")) for supplier in queue]
    return render(
        request,
        "spend/review.html",
        {
            "programme": programme,
            "items": items,
            "waiting": selectors.link_counts(programme).get(LinkStatus.REVIEW, 0),
        },
    )


@programme_view("spend.manage_spend")
@require_POST
def resolve(request: AuthenticatedHttpRequest, programme: Programme, supplier_id: int) -> HttpResponse:
    supplier = get_object_or_404(Supplier, programme=programme, pk=supplier_id, status=LinkStatus.REVIEW)
    form = ReviewForm(request.POST, supplier=supplier, prefix=f"s{supplier.pk}")
    done = submit(
        request,
        form,
        lambda data: services.resolve_supplier(
            actor=request.user, supplier=supplier, organisation=data["organisation"]
        ),
        message=_("The supplier's link is settled."),
        then=reverse("spend:review", kwargs={"slug": programme.slug}),
    )
    if done:
        return done
    queue = list(selectors.review_queue(programme)[:50])
    items = [
        (item, form if item.pk == supplier.pk else ReviewForm(supplier=item, prefix=f"s{item.pk}"))
        for item in queue
    ]
    return render(request, "spend/review.html", {"programme": programme, "items": items}, status=422)


@programme_view("spend.view_spend")
def studies(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    can_manage = request.user.has_perm("spend.manage_spend", programme)
    form = StudyForm(request.POST or None, programme=programme) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        done = submit(
            request,
            form,
            lambda data: services.save_study(
                actor=request.user,
                programme=programme,
                buyer=data["buyer"],
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                total_wages=data["total_wages"],
                local_wages=data["local_wages"],
                employee_local_share=data["employee_local_share"] / 100,
                wages_source=data["wages_source"],
            ),
            message=_("The LM3 study is saved."),
            then=lambda study: reverse("spend:study", kwargs={"slug": programme.slug, "study_id": study.pk}),
        )
        if done:
            return done
    found = [
        (study, selectors.study_figures(study))
        for study in Study.objects.filter(programme=programme).select_related("buyer")
    ]
    context = {"programme": programme, "studies": found, "form": form}
    return render(
        request, "spend/studies.html", context, status=422 if form is not None and form.is_bound else 200
    )


@programme_view("spend.view_spend")
def study(request: AuthenticatedHttpRequest, programme: Programme, study_id: int) -> HttpResponse:
    found = get_object_or_404(
        Study.objects.select_related("buyer", "programme"), programme=programme, pk=study_id
    )
    figures = selectors.study_figures(found)
    shows_returns = request.user.has_perm("spend.manage_spend", programme)
    context = {"programme": programme, "study": found, "figures": figures, "shows_returns": shows_returns}
    return render(request, "spend/study.html", context)


def _own_organisation(user: Any, programme: Programme) -> Organisation | None:
    membership = roles_of(user).get(programme.pk)
    return membership.organisation if membership is not None and membership.organisation_id else None


@programme_view("spend.view_returns_due")
def returns(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """The LM3 returns asked of the user's own organisation, each with its form."""
    organisation = _own_organisation(request.user, programme)
    due = selectors.returns_due(programme, organisation.pk) if organisation else []
    items = []
    for found, item in due:
        initial = (
            {
                "total_costs": item.total_costs,
                "local_staff": item.local_staff,
                "local_suppliers": item.local_suppliers,
            }
            if item
            else None
        )
        items.append((found, item, ReturnForm(initial=initial, prefix=f"r{found.pk}")))
    return render(
        request, "spend/returns.html", {"programme": programme, "organisation": organisation, "items": items}
    )


@programme_view("spend.view_returns_due")
@require_POST
def submit_return(request: AuthenticatedHttpRequest, programme: Programme, study_id: int) -> HttpResponse:
    organisation = _own_organisation(request.user, programme)
    found = get_object_or_404(Study, programme=programme, pk=study_id)
    if organisation is None or not request.user.has_perm(
        "spend.submit_return", ReturnDue(found, organisation)
    ):
        raise Http404
    form = ReturnForm(request.POST, prefix=f"r{found.pk}")
    done = submit(
        request,
        form,
        lambda data: services.submit_return(
            actor=request.user, study=found, organisation=organisation, **data
        ),
        message=_("Thank you: your return is saved."),
        then=reverse("spend:returns", kwargs={"slug": programme.slug}),
    )
    if done:
        return done
    messages.error(request, _("The return was not saved; see the errors below."))
    items = [
        (item_study, item, form if item_study.pk == found.pk else ReturnForm(prefix=f"r{item_study.pk}"))
        for item_study, item in selectors.returns_due(programme, organisation.pk)
    ]
    context = {"programme": programme, "organisation": organisation, "items": items}
    return render(request, "spend/returns.html", context, status=422)
