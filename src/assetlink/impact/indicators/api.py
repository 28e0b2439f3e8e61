"""API of indicators, targets, values per period, equity, snapshots and the public aggregates; every
figure passes through the caller's disclosure rule, as on the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from assetlink.engine.periods import PeriodKind, period_from_key
from assetlink.impact.indicators import services
from assetlink.impact.indicators.dashboards import equity_of, indicator_row, people_indicator
from assetlink.impact.indicators.public import open_data, public_results
from assetlink.impact.indicators.query import Scope
from assetlink.impact.indicators.values import programme_span, reporting_periods, unit_of
from assetlink.impact.models import Indicator, Snapshot
from assetlink.impact.rules import ContractScope
from assetlink.impact.social_value import contract_delivery, social_value_summary, submit_delivery_return
from assetlink.opportunities.models import Opportunity
from assetlink.places.models import Area
from assetlink.programmes.disclosure import rule_for
from assetlink.programmes.models import Programme
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for
from assetlink.web.api_figures import CellOut

router = Router(tags=["indicators"])

VIEW = Access("programme", "impact.view_indicators")
MANAGE = Access("programme", "impact.manage_indicators")
FREEZE = Access("programme", "impact.freeze_snapshot")
MEMBERS = Access("programme", "programmes.view_programme")


class IndicatorOut(Schema):
    code: str
    name: str
    label: str
    names: dict[str, str]
    description: str
    source: str
    measure: str
    entry_types: list[str]
    filters: dict[str, Any]
    subject_has: list[str]
    subject_lacks: list[str]
    plus: str | None
    denominator: str
    denominator_indicator: str | None
    factor: Decimal
    higher_is_better: bool
    accumulation: str
    is_headline: bool
    unit: str

    @staticmethod
    def resolve_plus(obj: Indicator) -> str | None:
        return obj.plus.code if obj.plus else None

    @staticmethod
    def resolve_denominator_indicator(obj: Indicator) -> str | None:
        return obj.denominator_indicator.code if obj.denominator_indicator else None

    @staticmethod
    def resolve_unit(obj: Indicator) -> str:
        return unit_of(obj)


class IndicatorIn(Schema):
    name: str
    names: dict[str, str] = {}
    description: str = ""
    source: str = ""
    measure: str
    entry_types: list[str] = []
    filters: dict[str, Any] = {}
    subject_has: list[str] = []
    subject_lacks: list[str] = []
    plus: str | None = None
    denominator: str = ""
    denominator_indicator: str | None = None
    factor: Decimal = Decimal(1)
    higher_is_better: bool = True
    accumulation: str = "cumulative"
    is_headline: bool = False


class TargetOut(Schema):
    id: int
    period_kind: str
    period_start: datetime.date
    work_package_id: int | None
    area_id: int | None
    baseline: Decimal | None
    value: Decimal
    source: str


class TargetIn(Schema):
    period_kind: str
    period_start: datetime.date
    value: Decimal
    baseline: Decimal | None = None
    work_package_id: int | None = None
    area_id: int | None = None
    source: str = ""


class PeriodValueOut(Schema):
    key: str
    start: datetime.date
    end: datetime.date
    value: CellOut
    target: Decimal | None
    status: str


class ValuesOut(Schema):
    indicator: str
    unit: str
    hidden_up_to: int
    rounded_to: int
    periods: list[PeriodValueOut]
    to_date: CellOut
    target: Decimal | None
    expected: Decimal | None
    status: str
    trend: str


class DecileOut(Schema):
    decile: int
    population: int
    outcomes: CellOut
    per_1000_residents: CellOut


class EquityOut(Schema):
    indicator: str
    deciles: list[DecileOut]
    total: CellOut
    most_deprived_share: float | None
    concentration_index: float | None
    curve: list[tuple[float, float]]


class SnapshotOut(Schema):
    id: int
    period_kind: str
    period_start: datetime.date
    period_end: datetime.date
    version: int
    frozen_at: datetime.datetime
    note: str


class SnapshotRowOut(Schema):
    code: str
    name: str
    unit: str
    value: CellOut
    revised: CellOut | None


class SnapshotDetailOut(SnapshotOut):
    rows: list[SnapshotRowOut]


class FreezeIn(Schema):
    period: str
    note: str = ""


class PublicRowOut(Schema):
    table: str
    indicator: str
    name: str
    decile: int | str
    value: Any
    hidden: str
    target: Any
    as_of: str


def _indicator(programme: Programme, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("programme", "plus", "denominator_indicator"),
        programme=programme,
        code=code,
    )


def _other(programme: Programme, code: str | None, field: str) -> Indicator | None:
    if not code:
        return None
    found = Indicator.objects.filter(programme=programme, code=code).first()
    if found is None:
        raise ValidationError(
            {field: _("No indicator of this programme has the code “%(code)s”.") % {"code": code}}
        )
    return found


@router.get("/programmes/{slug}/indicators", response=list[IndicatorOut])
@declares(VIEW)
def list_indicators(request: AuthenticatedHttpRequest, slug: str) -> Any:
    programme = programme_for(request, slug, VIEW)
    return Indicator.objects.filter(programme=programme).select_related("plus", "denominator_indicator")


@router.put("/programmes/{slug}/indicators/{code}", response=IndicatorOut)
@declares(MANAGE)
def define_indicator(request: AuthenticatedHttpRequest, slug: str, code: str, payload: IndicatorIn) -> Any:
    """Create or change an indicator; a definition that cannot be computed is refused with its field."""
    programme = programme_for(request, slug, MANAGE)
    fields = payload.dict()
    fields["plus"] = _other(programme, fields["plus"], "plus")
    fields["denominator_indicator"] = _other(
        programme, fields["denominator_indicator"], "denominator_indicator"
    )
    return services.define_indicator(actor=request.user, programme=programme, code=code, **fields)


@router.get("/programmes/{slug}/indicators/{code}/values", response=ValuesOut)
@declares(VIEW)
def indicator_values(
    request: AuthenticatedHttpRequest,
    slug: str,
    code: str,
    period: PeriodKind = PeriodKind.QUARTER,
    count: int = 12,
    work_package_id: int | None = None,
    partner_id: int | None = None,
    area_id: int | None = None,
) -> Any:
    """Values per period and to date, with targets and status, under the caller's disclosure rule."""
    programme = programme_for(request, slug, VIEW)
    indicator = _indicator(programme, code)
    if work_package_id is not None:
        get_object_or_404(programme.work_packages, pk=work_package_id)
    if area_id is not None:
        get_object_or_404(Area, programme=programme, pk=area_id)
    rule = rule_for(request.user, programme)
    scope = Scope(work_package_id, partner_id, area_id)
    if indicator.position >= 999:
        raise ValidationError(
            {"code": _("This indicator is a part of another and has no values of its own.")}
        )
    if indicator.source and scope != Scope():
        raise ValidationError(
            {"code": _("Spend, social value and LM3 belong to the whole programme: ask without a scope.")}
        )
    today = timezone.localdate()
    periods = reporting_periods(programme, period, count=max(1, min(count, 60)), today=today)
    row = indicator_row(indicator, periods, scope, rule, today)
    return {
        "indicator": indicator.code,
        "unit": row.unit,
        "hidden_up_to": rule.largest_hidden,
        "rounded_to": rule.round_to,
        "periods": [
            {
                "key": figure.period.key,
                "start": figure.period.start,
                "end": figure.period.end,
                "value": figure.actual.as_data(),
                "target": figure.target,
                "status": figure.status,
            }
            for figure in row.periods
        ],
        "to_date": row.to_date.as_data(),
        "target": row.target,
        "expected": row.expected,
        "status": row.status,
        "trend": row.trend,
    }


@router.get("/programmes/{slug}/indicators/{code}/targets", response=list[TargetOut])
@declares(VIEW)
def list_targets(request: AuthenticatedHttpRequest, slug: str, code: str) -> Any:
    programme = programme_for(request, slug, VIEW)
    return _indicator(programme, code).targets.all()


@router.put("/programmes/{slug}/indicators/{code}/targets", response=TargetOut)
@declares(MANAGE)
def set_target(request: AuthenticatedHttpRequest, slug: str, code: str, payload: TargetIn) -> Any:
    """Set the target (and baseline) of one period, optionally for a work package or an area."""
    programme = programme_for(request, slug, MANAGE)
    indicator = _indicator(programme, code)
    if payload.period_kind not in {kind.value for kind in PeriodKind}:
        raise ValidationError({"period_kind": _("Unknown kind of period.")})
    work_package = (
        programme.work_packages.filter(pk=payload.work_package_id).first()
        if payload.work_package_id
        else None
    )
    area = Area.objects.filter(programme=programme, pk=payload.area_id).first() if payload.area_id else None
    if (payload.work_package_id and work_package is None) or (payload.area_id and area is None):
        raise ValidationError(_("No such work package or area in this programme."))
    return services.set_target(
        actor=request.user,
        indicator=indicator,
        period_kind=payload.period_kind,
        period_start=payload.period_start,
        value=payload.value,
        baseline=payload.baseline,
        work_package=work_package,
        area=area,
        source=payload.source,
    )


@router.get("/programmes/{slug}/equity", response=EquityOut)
@declares(VIEW)
def equity(request: AuthenticatedHttpRequest, slug: str, indicator: str = "") -> Any:
    """Outcomes per 1,000 residents by deprivation decile, the most deprived fifth's share and the curve
    (of people engaged, or the first headline count, unless an indicator is named)."""
    programme = programme_for(request, slug, VIEW)
    chosen = _indicator(programme, indicator) if indicator else people_indicator(programme)
    if chosen is None:
        raise ValidationError(
            {"indicator": _("This programme has no indicator that counts people or entries.")}
        )
    view = equity_of(chosen, rule_for(request.user, programme))
    return {
        "indicator": chosen.code,
        "deciles": [
            {
                "decile": row.decile,
                "population": row.population,
                "outcomes": row.outcomes.as_data(),
                "per_1000_residents": row.per_thousand.as_data(),
            }
            for row in view.rows
        ],
        "total": view.total.as_data(),
        "most_deprived_share": view.most_deprived_share,
        "concentration_index": view.concentration_index,
        "curve": view.curve,
    }


@router.get("/programmes/{slug}/snapshots", response=list[SnapshotOut])
@declares(VIEW)
def list_snapshots(request: AuthenticatedHttpRequest, slug: str) -> Any:
    programme = programme_for(request, slug, VIEW)
    return Snapshot.objects.filter(programme=programme)


@router.get("/programmes/{slug}/snapshots/{snapshot_id}", response=SnapshotDetailOut)
@declares(VIEW)
def get_snapshot(request: AuthenticatedHttpRequest, slug: str, snapshot_id: int) -> Any:
    """A frozen period as the caller may see it, each figure with its value today if revised since."""
    programme = programme_for(request, slug, VIEW)
    snapshot = get_object_or_404(Snapshot, programme=programme, pk=snapshot_id)
    rows = services.released_snapshot(
        snapshot, rule_for(request.user, programme), services.revisions_since(snapshot)
    )
    return {
        **{field: getattr(snapshot, field) for field in SnapshotOut.model_fields},
        "rows": [
            {
                **row,
                "value": row["value"].as_data(),
                "revised": row["revised"].as_data() if row["revised"] else None,
            }
            for row in rows
        ],
    }


@router.post("/programmes/{slug}/snapshots", response={201: SnapshotOut})
@declares(FREEZE)
def freeze(request: AuthenticatedHttpRequest, slug: str, payload: FreezeIn) -> Any:
    """Freeze a period (e.g. "quarter:2025-04-01") into the next numbered snapshot."""
    programme = programme_for(request, slug, FREEZE)
    try:
        period = period_from_key(
            payload.period,
            financial_year_starts=programme.financial_year_starts,
            programme=programme_span(programme),
        )
    except ValueError:
        raise ValidationError(
            {"period": _("Give a period as kind:start, e.g. quarter:2025-04-01.")}
        ) from None
    return 201, services.freeze_snapshot(
        actor=request.user, programme=programme, period=period, note=payload.note
    )


@router.get("/programmes/{slug}/public-results", response=list[PublicRowOut])
@declares(MEMBERS)
def public_aggregates(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """The aggregates the public results page shows (whether or not it is published yet)."""
    programme = programme_for(request, slug, MEMBERS)
    return open_data(public_results(programme))


CONTRACTS = Access("programme", "impact.view_contracts")


class DeliveryOut(Schema):
    measure: str
    theme: str
    period_start: datetime.date
    period_end: datetime.date
    committed_quantity: Decimal
    committed_value: Decimal
    delivered_quantity: Decimal
    delivered_value: Decimal
    proxy: Decimal
    proxy_source: str
    deadweight: Decimal
    status: str
    entries: list[int]


class EvidenceIn(Schema):
    entry: int
    description: str


class DeliveryReturnIn(Schema):
    statement: str = ""
    evidence: list[EvidenceIn] = []


class DeliveryReturnOut(Schema):
    period_start: datetime.date
    period_end: datetime.date
    statement: str
    evidence: dict[int, str]


def _visible_contract(request: AuthenticatedHttpRequest, programme: Programme, contract_id: int) -> Any:
    contract = (
        Opportunity.objects.filter(programme=programme, pk=contract_id).select_related("programme").first()
    )
    if contract is None or not request.user.has_perm(
        "impact.view_contract_delivery", ContractScope(contract)
    ):
        raise HttpError(404, _("There is no page at this address, or it is not yours to see."))
    return contract


@router.get(
    "/programmes/{slug}/contracts/{contract_id}/delivery", response=list[DeliveryOut], tags=["social value"]
)
@declares(CONTRACTS)
def contract_delivery_api(request: AuthenticatedHttpRequest, slug: str, contract_id: int) -> Any:
    """Each commitment of an awarded contract against what the ledger shows delivered, with its proxy and
    the entries behind it: for the programme team and the supplier's own people."""
    programme = programme_for(request, slug, CONTRACTS)
    contract = _visible_contract(request, programme, contract_id)
    return [
        {
            "measure": row.commitment.measure.code,
            "theme": row.commitment.measure.theme,
            "period_start": row.commitment.period_start,
            "period_end": row.commitment.period_end,
            "committed_quantity": row.commitment.quantity,
            "committed_value": row.committed_value,
            "delivered_quantity": row.delivered_quantity,
            "delivered_value": row.delivered_value,
            "proxy": row.commitment.measure.proxy_value,
            "proxy_source": row.commitment.measure.source,
            "deadweight": row.commitment.measure.deadweight,
            "status": row.status,
            "entries": [line.entry_id for line in row.lines],
        }
        for row in contract_delivery(contract)
    ]


@router.put(
    "/programmes/{slug}/contracts/{contract_id}/returns/{quarter}",
    response=DeliveryReturnOut,
    tags=["social value"],
)
@declares(CONTRACTS)
def contract_return_api(
    request: AuthenticatedHttpRequest, slug: str, contract_id: int, quarter: str, payload: DeliveryReturnIn
) -> Any:
    """The supplier's return for one quarter (key such as quarter:2026-04-01), with evidence per entry."""
    programme = programme_for(request, slug, CONTRACTS)
    contract = _visible_contract(request, programme, contract_id)
    try:
        period = period_from_key(quarter, financial_year_starts=programme.financial_year_starts)
    except ValueError:
        raise ValidationError({"quarter": _("Name a quarter, e.g. quarter:2026-04-01.")}) from None
    if period.kind is not PeriodKind.QUARTER:
        raise ValidationError({"quarter": _("Name a quarter, e.g. quarter:2026-04-01.")})
    item = submit_delivery_return(
        actor=request.user,
        contract=contract,
        period_start=period.start,
        period_end=period.end,
        statement=payload.statement,
        evidence={evidence.entry: evidence.description for evidence in payload.evidence},
    )
    return {
        "period_start": item.period_start,
        "period_end": item.period_end,
        "statement": item.statement,
        "evidence": {evidence.outcome_id: evidence.description for evidence in item.evidence.all()},
    }


class MeasureValueOut(Schema):
    code: str
    theme: str
    outcome: str
    unit: str
    proxy: Decimal
    currency: str
    source: str
    year: int
    counts: str
    deadweight: Decimal
    first_year_only: bool
    hours_per_fte: Decimal | None
    illustrative: bool
    entries: CellOut
    value: CellOut
    lines: list[dict[str, Any]]


@router.get("/programmes/{slug}/social-value", response=list[MeasureValueOut], tags=["social value"])
@declares(VIEW)
def social_value(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Each measure with its proxy, source, year and rules, how many entries it priced and their value,
    under the caller's rule; each priced entry (quantity, proxy, deadweight, attribution, value) only for
    readers of every ledger entry."""
    programme = programme_for(request, slug, VIEW)
    shows_entries = request.user.has_perm("impact.view_every_outcome", programme)
    summary = social_value_summary(programme, rule_for(request.user, programme), shows_entries=shows_entries)
    return [
        {
            "code": row["measure"].code,
            "theme": row["measure"].theme,
            "outcome": row["measure"].outcome,
            "unit": row["measure"].unit,
            "proxy": row["measure"].proxy_value,
            "currency": row["measure"].currency,
            "source": row["measure"].source,
            "year": row["measure"].year,
            "counts": row["measure"].counted,
            "deadweight": row["measure"].deadweight,
            "first_year_only": row["measure"].first_year_only,
            "hours_per_fte": row["measure"].hours_per_fte,
            "illustrative": row["measure"].is_illustrative,
            "entries": row["entries"].as_data(),
            "value": row["total"].as_data(),
            "lines": [
                {
                    "entry": line.entry_id,
                    "quantity": str(line.quantity),
                    "proxy": str(line.proxy),
                    "deadweight": str(line.deadweight),
                    "attribution": str(line.attribution),
                    "value": str(line.value),
                }
                for line in row["lines"]
            ],
        }
        for row in summary["rows"]
    ]
