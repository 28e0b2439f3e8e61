"""Results pages: the programme's dashboard (or a work package's, a partner's, an area's), equity by
deprivation decile, and snapshots frozen for reports with what was revised since."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.engine.disclosure import NO_CONTROL
from assetlink.engine.periods import Period, PeriodKind, period_from_key
from assetlink.impact.indicators import services
from assetlink.impact.indicators.charts import concentration_chart, equity_chart, indicator_chart
from assetlink.impact.indicators.dashboards import dashboard, equity_of, people_indicator
from assetlink.impact.indicators.facts import all_fresh
from assetlink.impact.indicators.forms import (
    DashboardForm,
    EquityForm,
    FreezeForm,
    IndicatorForm,
    ReportForm,
    TargetForm,
)
from assetlink.impact.indicators.query import Scope
from assetlink.impact.indicators.reports import FunderReport, build_report, report_pdf, report_xlsx
from assetlink.impact.indicators.tasks import queue_summary_refresh
from assetlink.impact.indicators.values import programme_span, reporting_periods
from assetlink.impact.models import Indicator, Snapshot, Target
from assetlink.impact.models.indicators import PERIOD_CHOICES
from assetlink.impact.social_value import social_value_summary
from assetlink.programmes.disclosure import published_rule, rule_for
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit
from assetlink.web.templatetags.figures import period_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIOD_LABELS = dict(PERIOD_CHOICES)


@programme_view("impact.view_indicators")
def results(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = DashboardForm(request.GET or None, programme=programme)
    kind, scope, scoped_to = PeriodKind.QUARTER, Scope(), None
    if form.is_valid():
        data = form.cleaned_data
        kind = PeriodKind(data["period"] or PeriodKind.QUARTER)
        scope = Scope(
            work_package_id=data["work_package"].pk if data["work_package"] else None,
            recording_organisation_id=data["partner"].pk if data["partner"] else None,
            area_id=data["area"].pk if data["area"] else None,
        )
        scoped_to = data["work_package"] or data["partner"] or data["area"]
    rule = rule_for(request.user, programme)
    board = dashboard(programme, rule, kind=kind, scope=scope)
    if not all_fresh(programme):
        queue_summary_refresh(programme)
    can_freeze = request.user.has_perm("impact.freeze_snapshot", programme)
    return render(
        request,
        "impact/results/dashboard.html",
        {
            "programme": programme,
            "form": form,
            "board": board,
            "sections": [(row, indicator_chart(row)) for row in board.rows],
            "scoped_to": scoped_to,
            "rule": rule,
            "can_drill": request.user.has_perm("impact.view_ledger", programme),
            "can_freeze": can_freeze,
            "freeze_form": FreezeForm(initial={"period": board.periods[-1].key}) if board.periods else None,
        },
    )


@programme_view("impact.view_indicators")
def equity(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = EquityForm(request.GET or None, programme=programme)
    chosen = form.cleaned_data.get("indicator") if form.is_valid() else None
    indicator = chosen or people_indicator(programme)
    view = equity_of(indicator, rule_for(request.user, programme)) if indicator is not None else None
    context = {
        "programme": programme,
        "form": form,
        "view": view,
        "deciles_chart": equity_chart(view) if view else None,
        "curve_chart": concentration_chart(view) if view else None,
    }
    return render(request, "impact/results/equity.html", context)


@programme_view("impact.freeze_snapshot")
@require_POST
def freeze(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = FreezeForm(request.POST)

    def freeze_period(data: dict[str, str]) -> Snapshot:
        try:
            period = period_from_key(
                data["period"],
                financial_year_starts=programme.financial_year_starts,
                programme=programme_span(programme),
            )
        except ValueError:
            raise Http404 from None
        return services.freeze_snapshot(
            actor=request.user, programme=programme, period=period, note=data["note"]
        )

    done = submit(
        request,
        form,
        freeze_period,
        message=_("The period's figures are frozen in a new snapshot."),
        then=reverse("results:snapshots", kwargs={"slug": programme.slug}),
    )
    if done:
        return done
    context = {**_snapshots_context(programme), "freeze_form": form}
    return render(request, "impact/results/snapshots.html", context, status=422)


def _snapshots_context(programme: Programme) -> dict[str, object]:
    return {"programme": programme, "snapshots": Snapshot.objects.filter(programme=programme)}


@programme_view("impact.view_indicators")
def snapshots(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "impact/results/snapshots.html", _snapshots_context(programme))


@programme_view("impact.view_indicators")
def snapshot_detail(
    request: AuthenticatedHttpRequest, programme: Programme, snapshot_id: int
) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, programme=programme, pk=snapshot_id)
    revised = services.revisions_since(snapshot)
    rule = rule_for(request.user, programme)
    rows = services.released_snapshot(snapshot, rule, revised)
    return render(
        request,
        "impact/results/snapshot.html",
        {"programme": programme, "snapshot": snapshot, "rows": rows, "today": timezone.localdate()},
    )


def report_periods(programme: Programme) -> list[tuple[str, str]]:
    """Periods a report can cover, newest first: months, quarters, financial and calendar years, to date."""
    today = timezone.localdate()
    choices: list[tuple[str, str]] = []
    span = programme_span(programme, today)
    kinds = (
        (PeriodKind.MONTH, 12),
        (PeriodKind.QUARTER, 8),
        (PeriodKind.FINANCIAL_YEAR, 4),
        (PeriodKind.YEAR, 4),
    )
    for kind, count in kinds:
        for period in reversed(reporting_periods(programme, kind, count=count, today=today)):
            choices.append((period.key, f"{PERIOD_LABELS[kind]}: {period_label(period)}"))
    whole = Period(span[0], span[1], PeriodKind.PROGRAMME)
    choices.append((whole.key, str(PERIOD_LABELS[PeriodKind.PROGRAMME])))
    return choices


def _report(
    request: AuthenticatedHttpRequest, programme: Programme
) -> tuple[ReportForm, FunderReport | None]:
    exact_allowed = request.user.has_perm("programmes.see_exact_figures", programme)
    periods = report_periods(programme)
    data = request.GET if "period" in request.GET else {"period": periods[0][0], "audience": "funder"}
    form = ReportForm(data, programme=programme, periods=periods, exact_allowed=exact_allowed)
    if not form.is_valid():
        return form, None
    audience = form.cleaned_data["audience"] or "funder"
    rule = NO_CONTROL if audience == "team" and exact_allowed else published_rule(programme)
    return form, build_report(programme, form.cleaned_data["period"], rule, audience=audience)


@programme_view("impact.view_indicators")
def report(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form, funder_report = _report(request, programme)
    status = 200 if funder_report is not None else 422
    context = {
        "programme": programme,
        "form": form,
        "report": funder_report,
        "query": request.GET.urlencode(),
    }
    return render(request, "impact/results/report.html", context, status=status)


def _download(request: AuthenticatedHttpRequest, programme: Programme, fmt: str) -> HttpResponse:
    form, funder_report = _report(request, programme)
    if funder_report is None:
        context = {"programme": programme, "form": form, "report": None, "query": ""}
        return render(request, "impact/results/report.html", context, status=422)
    period = funder_report.period
    name = f"{programme.slug}-report-{period.start.isoformat()}-{period.end.isoformat()}"
    if fmt == "pdf":
        response = HttpResponse(report_pdf(funder_report), content_type="application/pdf")
    else:
        response = HttpResponse(report_xlsx(funder_report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@programme_view("impact.view_indicators")
def report_as_pdf(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _download(request, programme, "pdf")


@programme_view("impact.view_indicators")
def report_as_xlsx(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _download(request, programme, "xlsx")


@programme_view("impact.view_indicators")
def indicator_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    indicators = Indicator.objects.filter(programme=programme).select_related("plus", "denominator_indicator")
    return render(
        request,
        "impact/results/indicators.html",
        {
            "programme": programme,
            "indicators": indicators.prefetch_related("targets__work_package", "targets__area"),
            "can_manage": request.user.has_perm("impact.manage_indicators", programme),
        },
    )


@programme_view("impact.manage_indicators")
def indicator_edit(request: AuthenticatedHttpRequest, programme: Programme, code: str = "") -> HttpResponse:
    editing = get_object_or_404(Indicator, programme=programme, code=code) if code else None
    initial = (
        IndicatorForm.initial_of(editing)
        if editing
        else {"measure": "subjects", "accumulation": "cumulative"}
    )
    form = IndicatorForm(request.POST or None, initial=initial, programme=programme, editing=editing)

    def save(data: dict[str, Any]) -> Indicator:
        return services.define_indicator(
            actor=request.user,
            programme=programme,
            code=editing.code if editing else data["code"],
            **form.definition(editing.filters if editing else {}),
        )

    if request.method == "POST" and (
        done := submit(
            request,
            form,
            save,
            message=_("The indicator is saved."),
            then=reverse("results:indicators", kwargs={"slug": programme.slug}),
        )
    ):
        return done
    status = 422 if form.errors else 200
    context = {"programme": programme, "form": form, "editing": editing}
    return render(request, "impact/results/indicator_form.html", context, status=status)


@programme_view("impact.manage_indicators")
def target_set(request: AuthenticatedHttpRequest, programme: Programme, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, programme=programme, code=code)
    form = TargetForm(request.POST or None, programme=programme)

    def save(data: dict[str, Any]) -> Target:
        return services.set_target(
            actor=request.user,
            indicator=indicator,
            period_kind=data["period_kind"],
            period_start=data["period_start"] or programme.starts_on,
            value=data["value"],
            baseline=data["baseline"],
            work_package=data["work_package"],
            area=data["area"],
            source=data["source"],
        )

    if request.method == "POST" and (
        done := submit(
            request,
            form,
            save,
            message=_("The target is saved."),
            then=reverse("results:indicators", kwargs={"slug": programme.slug})
            + f"#indicator-{indicator.code}",
        )
    ):
        return done
    status = 422 if form.errors else 200
    context = {"programme": programme, "form": form, "indicator": indicator}
    return render(request, "impact/results/target_form.html", context, status=status)


@programme_view("impact.view_indicators")
def social_value(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """Each measure with its proxy, rules and total; the programme team also sees the priced entries."""
    summary = social_value_summary(
        programme,
        rule_for(request.user, programme),
        shows_entries=request.user.has_perm("impact.view_every_outcome", programme),
    )
    context = {"programme": programme, **summary}
    return render(request, "impact/results/social_value.html", context)
