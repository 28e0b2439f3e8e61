"""The demo's headline figures as indicators: each equals the documented SQL, and the practices' reported
results are its targets."""

from decimal import Decimal

import pytest

from assetlink.impact.figures import FIGURES, compute
from assetlink.impact.indicators.headline import DEMO_TARGETS
from assetlink.impact.indicators.values import to_date
from assetlink.impact.models import Indicator, Outcome

pytestmark = pytest.mark.django_db


def test_every_headline_indicator_equals_the_documented_sql_and_carries_the_practices_result(demo):
    for programme, country in ((demo.birmingham, "GB"), (demo.bilbao, "ES")):
        documented = compute(programme)
        headline = Indicator.objects.filter(programme=programme, is_headline=True)
        assert headline.count() >= len(DEMO_TARGETS[country])
        for indicator in headline:
            assert indicator.code in {figure.key for figure in FIGURES}
            # The dashboard's programme-to-date value, as of the last day anything was recorded.
            last = Outcome.objects.filter(programme=programme).order_by("-occurred_on").first().occurred_on
            assert to_date(indicator, until=max(last, programme.ends_on)) == documented[indicator.code], indicator.code
        for code, reported in DEMO_TARGETS[country].items():
            target = Indicator.objects.get(programme=programme, code=code).targets.get(period_kind="programme")
            assert target.value == Decimal(reported)
