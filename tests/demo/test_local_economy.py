"""The demo's local economy: the trust's spend over three years and more with a rising local share, an LM3
study with suppliers' returns, social value with labelled illustrative proxies, and contracts' commitments
with one shortfall, all of it on the dashboard like any indicator."""

import datetime
from decimal import Decimal

from assetlink.engine.disclosure import NO_CONTROL
from assetlink.engine.periods import PeriodKind, periods_between
from assetlink.impact.indicators.dashboards import dashboard
from assetlink.impact.models import SocialValueMeasure
from assetlink.impact.social_value import contract_delivery, priced_ledger
from assetlink.opportunities.models import Opportunity
from assetlink.spend import selectors
from assetlink.spend.models import Locality, SpendLine, Study


def test_the_local_share_of_the_trusts_spend_rises_over_three_years(demo):
    programme = demo.birmingham
    years = periods_between(
        datetime.date(2023, 4, 1),
        datetime.date(2026, 3, 31),
        PeriodKind.FINANCIAL_YEAR,
        financial_year_starts=4,
    )
    rows = selectors.by_locality(programme, years)[""]
    shares = [row.share(Locality.LOCAL) for row in rows]
    assert len(shares) == 3 and shares[0] < shares[1] < shares[2]
    assert Decimal("0.10") < shares[0] and shares[2] < Decimal("0.35")
    # Checked against the lines themselves.
    first = SpendLine.objects.filter(programme=programme, paid_on__range=(years[0].start, years[0].end))
    local = sum(first.filter(locality=Locality.LOCAL).values_list("amount", flat=True))
    assert shares[0] == local / sum(first.values_list("amount", flat=True))
    assert selectors.review_queue(programme).exists()


def test_lm3_social_value_and_commitments_are_on_the_dashboard(demo):
    programme = demo.birmingham
    study = Study.objects.get(programme=programme)
    figures = selectors.study_figures(study)
    assert figures.responding > 10 and Decimal("1.1") < figures.result.value < Decimal(2)
    board = dashboard(programme, NO_CONTROL, kind=PeriodKind.QUARTER)
    rows = {row.indicator.code: row for row in board.rows}
    shares = [figure.actual.value for figure in rows["local_spend_share"].periods if figure.actual.value]
    assert len(shares) >= 6 and shares[-2] > shares[0]
    lm3 = [figure.actual.value for figure in rows["lm3"].periods if figure.actual.value is not None]
    assert lm3 == [figures.result.value.quantize(Decimal("0.01"))]
    measures, lines = priced_ledger(programme)
    assert all(measure.is_illustrative for measure in measures) and lines
    assert rows["social_value"].to_date.value == sum(line.value for line in lines)
    assert (
        SocialValueMeasure.objects.filter(programme=programme, source__contains="illustrative").count() == 7
    )
    statuses = [
        row.status
        for contract in Opportunity.objects.filter(
            programme=programme, social_value_commitments__isnull=False
        ).distinct()
        for row in contract_delivery(contract)
    ]
    assert "short" in statuses and "met" in statuses
