"""The funder report of a programme for one period: indicators against targets as frozen in the period's
snapshot (with revisions since), equity, the ledger's verification rate, charts and tables; as HTML, PDF
(WeasyPrint) and XLSX, under the disclosure rule of its audience."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.engine.disclosure import Cell, DisclosureRule, protect_count
from assetlink.engine.periods import Period, PeriodKind, elapsed_share
from assetlink.impact.indicators.charts import concentration_chart, equity_chart, indicator_chart
from assetlink.impact.indicators.dashboards import (
    EquityView,
    dashboard,
    equity_of,
    indicator_row,
    people_indicator,
)
from assetlink.impact.indicators.query import WHOLE
from assetlink.impact.indicators.services import released_snapshot, revisions_since
from assetlink.impact.models import Correction, Indicator, Outcome, Snapshot
from assetlink.impact.social_value import social_value_summary
from assetlink.programmes.models import Programme
from assetlink.web.charts import Chart


@dataclass
class ReportRow:
    code: str
    name: str
    unit: str
    value: Cell
    revised: Cell | None
    target: Decimal | None
    expected: Decimal | None
    status: str


@dataclass
class Verification:
    entries: Cell
    verified: Cell
    rate: float | None


@dataclass
class FunderReport:
    programme: Programme
    period: Period
    audience: str
    rule: DisclosureRule
    snapshot: Snapshot | None
    rows: list[ReportRow]
    verification: Verification
    equity: EquityView | None
    charts: list[Chart] = field(default_factory=list)
    social_value: dict[str, Any] | None = None
    generated_at: datetime.datetime = field(default_factory=timezone.now)


def _expected(indicator: Indicator, period: Period) -> tuple[Decimal | None, Decimal | None]:
    """The programme target, and where its straight line stands at the period's end."""
    programme = indicator.programme
    target = indicator.targets.filter(
        period_kind=PeriodKind.PROGRAMME, work_package__isnull=True, area__isnull=True
    ).first()
    if target is None:
        return None, None
    baseline = target.baseline or Decimal(0)
    span = Period(programme.starts_on, programme.ends_on or period.end, PeriodKind.PROGRAMME)
    expected = baseline + (target.value - baseline) * Decimal(str(elapsed_share(span, period.end)))
    return target.value, expected.quantize(Decimal("0.01"))


def _status(value: Cell, expected: Decimal | None, higher_is_better: bool) -> str:
    if expected is None or value.is_hidden or value.value is None:
        return ""
    reached = Decimal(str(value.value))
    return "on_track" if (reached >= expected if higher_is_better else reached <= expected) else "behind"


def _verification(programme: Programme, period: Period, rule: DisclosureRule) -> Verification:
    effective = Outcome.objects.filter(
        programme=programme, occurred_on__lte=period.end, corrected_by__isnull=True
    ).exclude(correction=Correction.REVERSAL)
    total = effective.count()
    verified = effective.filter(verification__isnull=False).count()
    return Verification(
        protect_count(total, rule),
        protect_count(verified, rule),
        verified / total if total and not protect_count(verified, rule).is_hidden else None,
    )


def latest_snapshot(programme: Programme, period: Period) -> Snapshot | None:
    return (
        Snapshot.objects.filter(programme=programme, period_kind=period.kind.value, period_start=period.start)
        .order_by("-version")
        .first()
    )


def build_report(
    programme: Programme, period: Period, rule: DisclosureRule, *, audience: str
) -> FunderReport:
    """Everything the report shows, already passed through the audience's disclosure rule."""
    snapshot = latest_snapshot(programme, period)
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(programme=programme, position__lt=999).select_related(
            "programme", "plus", "denominator_indicator"
        )
    }
    rows = []
    if snapshot is not None:
        for frozen in released_snapshot(snapshot, rule, revisions_since(snapshot)):
            indicator = indicators.get(frozen["code"])
            if indicator is None:
                continue
            target, expected = _expected(indicator, period)
            rows.append(
                ReportRow(
                    frozen["code"],
                    indicator.label,
                    frozen["unit"],
                    frozen["value"],
                    frozen["revised"],
                    target,
                    expected,
                    _status(frozen["value"], expected, indicator.higher_is_better),
                )
            )
    else:
        whole = [Period(programme.starts_on, period.end, PeriodKind.PROGRAMME)]
        for indicator in indicators.values():
            live = indicator_row(indicator, whole, WHOLE, rule, period.end)
            target, expected = _expected(indicator, period)
            rows.append(
                ReportRow(
                    indicator.code,
                    indicator.label,
                    live.unit,
                    live.to_date,
                    None,
                    target,
                    expected,
                    _status(live.to_date, expected, indicator.higher_is_better),
                )
            )
    board = dashboard(programme, rule, kind=PeriodKind.QUARTER, count=8, today=period.end)
    charts = [indicator_chart(row) for row in board.rows]
    people = people_indicator(programme)
    equity = equity_of(people, rule, today=period.end) if people is not None else None
    if equity is not None:
        charts.append(equity_chart(equity))
        curve = concentration_chart(equity)
        if curve is not None:
            charts.append(curve)
    return FunderReport(
        programme,
        period,
        audience,
        rule,
        snapshot,
        rows,
        _verification(programme, period, rule),
        equity,
        charts,
        social_value_summary(programme, rule, shows_entries=False),
    )


def report_html(report: FunderReport, *, for_print: bool = False) -> str:
    return render_to_string(
        "impact/results/report_print.html" if for_print else "impact/results/report_body.html",
        {"report": report},
    )


def report_pdf(report: FunderReport) -> bytes:
    """The report as PDF: the same HTML with the print stylesheet, charts as their static SVG."""
    import weasyprint

    stylesheet = finders.find("web/report.css")
    pdf = weasyprint.HTML(string=report_html(report, for_print=True)).write_pdf(
        stylesheets=[weasyprint.CSS(filename=stylesheet)] if stylesheet else None
    )
    return bytes(pdf or b"")


def _cell(cell: Cell | None) -> Any:
    if cell is None:
        return ""
    if cell.is_hidden:
        return "*"
    return float(cell.value) if isinstance(cell.value, Decimal) else cell.value


def report_xlsx(report: FunderReport) -> bytes:
    """The report's tables as a workbook: indicators, equity and verification, with the same suppression."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Indicators")[:31]
    sheet.append(
        [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Value"),
            _("Revised since the snapshot"),
            _("Target"),
            _("Expected by then"),
        ]
    )
    for row in report.rows:
        sheet.append(
            [
                row.code,
                row.name,
                row.unit,
                _cell(row.value),
                _cell(row.revised),
                float(row.target) if row.target is not None else "",
                float(row.expected) if row.expected is not None else "",
            ]
        )
    if report.equity is not None:
        equity = book.create_sheet(_("Equity")[:31])
        equity.append([_("Decile"), _("Residents"), _("Outcomes"), _("Per 1,000 residents")])
        for decile in report.equity.rows:
            equity.append(
                [decile.decile, decile.population, _cell(decile.outcomes), _cell(decile.per_thousand)]
            )
    checks = book.create_sheet(_("Verification")[:31])
    checks.append([_("Entries that count"), _("Verified"), _("Verification rate")])
    checks.append(
        [
            _cell(report.verification.entries),
            _cell(report.verification.verified),
            report.verification.rate if report.verification.rate is not None else "*",
        ]
    )
    notes = book.create_sheet(_("Notes")[:31])
    notes.append([_("Programme"), report.programme.name])
    notes.append([_("Period"), f"{report.period.start.isoformat()} – {report.period.end.isoformat()}"])
    if report.snapshot is not None:
        notes.append([_("Snapshot"), f"v{report.snapshot.version} {report.snapshot.frozen_at.isoformat()}"])
    if report.rule.largest_hidden:
        notes.append(
            [
                _("Hidden (*)"),
                _("Counts from 1 to %(n)s, and cells that would reveal them.")
                % {"n": report.rule.largest_hidden},
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
