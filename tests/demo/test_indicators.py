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
    from assetlink.engine.disclosure import NO_CONTROL
    from assetlink.engine.periods import PeriodKind
    from assetlink.impact.indicators.dashboards import dashboard

    for programme, country in ((demo.birmingham, "GB"), (demo.bilbao, "ES")):
        documented = compute(programme)
        # The programme team's dashboard, programme to date: every headline row against the documented SQL.
        board = dashboard(programme, NO_CONTROL, kind=PeriodKind.PROGRAMME)
        # Headline figures over the ledger (spend, social value and LM3 are checked in test_local_economy).
        headline = [row for row in board.rows if row.indicator.is_headline and not row.indicator.source]
        assert len(headline) >= len(DEMO_TARGETS[country])
        for row in headline:
            assert row.indicator.code in {figure.key for figure in FIGURES}
            assert Decimal(str(row.to_date.value)) == documented[row.indicator.code], row.indicator.code
            assert to_date(row.indicator) == documented[row.indicator.code]
        for code, reported in DEMO_TARGETS[country].items():
            row = next(row for row in headline if row.indicator.code == code)
            assert row.target == Decimal(reported)
            assert row.progress == int(documented[code] * 100 / Decimal(reported))
            assert row.status in ("on_track", "behind")
        # The monthly summaries the demo computed give the same figures as the ledger, quarter by quarter.
        quarters = dashboard(programme, NO_CONTROL, kind=PeriodKind.QUARTER)
        for row in quarters.rows:
            if row.indicator.is_headline and not row.indicator.source:
                assert Decimal(str(row.periods[-1].actual.value)) == documented[row.indicator.code], (
                    row.indicator.code
                )


def test_the_birmingham_equity_page_shows_rates_an_independent_count_reproduces(demo):
    from collections import Counter

    from django.test import Client

    from assetlink.engine.disclosure import NO_CONTROL
    from assetlink.impact.indicators.dashboards import equity_of
    from assetlink.people.models import Person
    from assetlink.places.models import Area
    from assetlink.programmes.models import Membership, Role

    programme = demo.birmingham
    indicator = Indicator.objects.get(programme=programme, code="people_engaged")
    effective = Outcome.objects.filter(
        programme=programme, entry_type="person.engaged", corrected_by__isnull=True
    ).exclude(correction="reversal")
    engaged = {int(subject) for subject in effective.values_list("subject_id", flat=True)}
    deciles = Counter(
        Person.objects.filter(pk__in=engaged, area__deprivation_decile__isnull=False).values_list(
            "area__deprivation_decile", flat=True
        )
    )
    residents = Counter()
    for area in Area.objects.filter(programme=programme, deprivation_decile__isnull=False):
        residents[area.deprivation_decile] += area.population or 0
    view = equity_of(indicator, NO_CONTROL)
    for row in view.rows:
        assert row.outcomes.value == deciles.get(row.decile, 0)
        if residents[row.decile]:
            expected = round(deciles.get(row.decile, 0) * 1000 / residents[row.decile], 2)
            assert row.per_thousand.value == pytest.approx(expected)
    admin = Membership.objects.get(programme=programme, role=Role.PROGRAMME_ADMIN).user
    client = Client()
    client.force_login(admin)
    page = client.get(f"/p/{programme.slug}/results/equity/?indicator={indicator.pk}")
    assert page.status_code == 200
    assert "Outcomes per 1,000 residents by deprivation decile" in page.text
    board = client.get(f"/p/{programme.slug}/results/?period=financial_year")
    assert board.status_code == 200 and "People referred to the investments" in board.text


def test_the_demo_funder_report_renders_as_pdf_with_its_charts(demo):
    import io

    from django.test import Client
    from pypdf import PdfReader

    from assetlink.programmes.models import Membership, Role

    programme = demo.birmingham
    admin = Membership.objects.get(programme=programme, role=Role.PROGRAMME_ADMIN).user
    client = Client()
    client.force_login(admin)
    url = f"/p/{programme.slug}/results/report.pdf?period=financial_year:2025-04-01&audience="
    response = client.get(url + "team")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Funder report" in text and "People referred to the investments" in text
    assert "Verification of the ledger" in text and "Equity by deprivation" in text
    # Local share, LM3 and social value with the proxies that price it.
    assert "Share of anchor spend with local suppliers" in text and "Local Multiplier 3" in text
    assert "Social value: measures, proxies and rules" in text
    assert "assetlink demo: illustrative value" in " ".join(text.split())
    # Words that only the charts' SVG draws: their axis titles.
    assert "Deprivation decile (1 = most deprived)" in text
    assert "Share of residents, most deprived first" in text
    # The charts are drawn as vector graphics: each is a form XObject of its page.
    drawings = sum(len(page["/Resources"].get("/XObject", {})) for page in reader.pages)
    assert drawings >= 10
    # For the funder, small counts are hidden in the tables as in the charts.
    funder = PdfReader(io.BytesIO(client.get(url + "funder").content))
    assert "are hidden (*)" in " ".join(page.extract_text() for page in funder.pages)
