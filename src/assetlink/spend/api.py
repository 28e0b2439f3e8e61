"""API of local spend: spend by where the suppliers are per period, under the caller's disclosure rule,
and the LM3 studies with each step of their calculation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Router, Schema

from assetlink.engine.periods import PeriodKind
from assetlink.programmes.disclosure import rule_for
from assetlink.spend import selectors
from assetlink.spend.models import Study
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for
from assetlink.web.api_figures import CellOut

router = Router(tags=["local spend"])
VIEW = Access("programme", "spend.view_spend")


class SharePeriodOut(Schema):
    key: str
    start: datetime.date
    end: datetime.date
    local: CellOut
    region: CellOut
    elsewhere: CellOut
    unknown: CellOut
    total: CellOut
    local_share: CellOut
    region_share: CellOut


class StudyOut(Schema):
    id: int
    title: str
    buyer: str
    starts_on: datetime.date
    ends_on: datetime.date
    r1: Decimal | None
    r2_suppliers: Decimal | None
    r2_wages: Decimal | None
    supplier_rate: Decimal | None
    returns_cover: Decimal | None
    r3_suppliers: Decimal | None
    r3_wages: Decimal | None
    lm3: Decimal | None


@router.get("/programmes/{slug}/spend/by-locality", response=list[SharePeriodOut])
@declares(VIEW)
def spend_by_locality(
    request: AuthenticatedHttpRequest, slug: str, period: PeriodKind = PeriodKind.QUARTER
) -> Any:
    """Spend with local suppliers, in the region, elsewhere and unknown, per period and as shares."""
    programme = programme_for(request, slug, VIEW)
    if period in (PeriodKind.PROGRAMME, PeriodKind.MONTH):
        period = PeriodKind.QUARTER
    periods = selectors.spend_periods(programme, period)
    rows = selectors.released(
        selectors.by_locality(programme, periods).get("", []), rule_for(request.user, programme)
    )
    return [
        {
            "key": row.label.key,
            "start": row.label.start,
            "end": row.label.end,
            **{
                str(locality): cell.as_data()
                for locality, cell in zip(selectors.LOCALITIES, row.amounts, strict=True)
            },
            "total": row.total.as_data(),
            "local_share": row.local_share.as_data(),
            "region_share": row.region_share.as_data(),
        }
        for row in rows
    ]


@router.get("/programmes/{slug}/spend/lm3", response=list[StudyOut])
@declares(VIEW)
def lm3_studies(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Every LM3 study with each step: R1, R2, the responding suppliers' rate, R3 and LM3."""
    programme = programme_for(request, slug, VIEW)
    found = []
    for study in Study.objects.filter(programme=programme).select_related("buyer"):
        figures = selectors.study_figures(study)
        result = figures.result if figures else None
        found.append(
            {
                "id": study.pk,
                "title": study.title,
                "buyer": study.buyer.name,
                "starts_on": study.starts_on,
                "ends_on": study.ends_on,
                "r1": result.r1 if result else None,
                "r2_suppliers": result.r2_suppliers if result else None,
                "r2_wages": result.r2_wages if result else None,
                "supplier_rate": result.supplier_rate if result else None,
                "returns_cover": result.coverage if result else None,
                "r3_suppliers": result.r3_suppliers if result else None,
                "r3_wages": result.r3_wages if result else None,
                "lm3": result.value if result else None,
            }
        )
    return found
