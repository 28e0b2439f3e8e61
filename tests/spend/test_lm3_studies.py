"""LM3 studies from spend lines, wages and suppliers' returns: the extrapolation to every local supplier is
explicit, a supplier fills in only its own return, and LM3 becomes an indicator like any other."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.engine.periods import Period, PeriodKind
from assetlink.exchange.pipeline import run_import
from assetlink.impact.indicators.headline import build_local_economy_indicators
from assetlink.impact.indicators.values import numerator_series
from assetlink.impact.models import Indicator
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Role
from assetlink.spend import selectors, services
from assetlink.spend.models import SupplierReturn
from tests.factories import PASSWORD
from tests.spend.spend_files import HEADER, line, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def study_world(spend_world, admin):
    w = spend_world
    w.member_org = w.organisation  # the enterprise member's organisation supplies too
    w.member_org.postcode = "B18 1AA"
    w.member_org.save()
    text = HEADER + "".join(
        [
            line(
                w,
                "Ladywood Catering Ltd",
                "4000.00",
                reference="L1",
                postcode="B18 2BB",
                paid_on="2025-06-01",
            ),
            line(w, "Greenway Cleaning CIC", "2000.00", reference="L2", paid_on="2025-07-01"),
            line(w, w.member_org.name, "2000.00", reference="L3", paid_on="2025-08-01"),
            line(w, "Far Away plc", "12000.00", reference="L4", postcode="EC1A 1BB", paid_on="2025-09-01"),
        ]
    )
    assert run(w, admin, text).errors == []
    w.study = services.save_study(
        actor=admin,
        programme=w.programme,
        buyer=w.buyer,
        title="LM3 2025-26",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2026, 3, 31),
        total_wages=Decimal(20000),
        local_wages=Decimal(6000),
        employee_local_share=Decimal("0.5"),
    )
    return w


def test_the_study_follows_the_spend_three_rounds_with_its_extrapolation_shown(study_world, admin):
    w = study_world
    services.submit_return(
        actor=admin,
        study=w.study,
        organisation=w.caterer,
        total_costs=Decimal(10000),
        local_staff=Decimal(3000),
        local_suppliers=Decimal(1000),
    )
    figures = selectors.study_figures(w.study)
    result = figures.result
    # R1: 20,000 of spend lines and 20,000 of wages; R2: 8,000 local lines and 6,000 local wages.
    assert (result.r1, result.r2_suppliers, result.r2_wages) == (Decimal(40000), Decimal(8000), Decimal(6000))
    # One of three local suppliers returned: it received 4,000 and re-spent 40 % locally.
    assert (figures.responding, figures.local_suppliers, result.covered) == (1, 3, Decimal(4000))
    assert result.supplier_rate == Decimal("0.4") and result.r3_suppliers == Decimal(3200)
    assert result.r3_wages == Decimal(3000)
    assert result.value == (Decimal(40000) + Decimal(14000) + Decimal(6200)) / Decimal(40000)  # 1.505
    page = Client()
    page.login(email=admin.email, password=PASSWORD)
    html = page.get(f"/p/{w.programme.slug}/spend/lm3/{w.study.pk}/").content.decode()
    assert "<strong>1.51</strong>" in html and "the supplier rate × all local supplier spend" in html


def test_a_supplier_returns_only_its_own_figures(study_world, other_world):
    w = study_world
    member = w.user(Role.ENTERPRISE_MEMBER)
    services.submit_return(
        actor=member,
        study=w.study,
        organisation=w.member_org,
        total_costs=Decimal(5000),
        local_staff=Decimal(1000),
        local_suppliers=Decimal(500),
    )
    with pytest.raises(PermissionDenied):
        services.submit_return(
            actor=member,
            study=w.study,
            organisation=w.caterer,
            total_costs=Decimal(1),
            local_staff=Decimal(0),
            local_suppliers=Decimal(0),
        )
    with pytest.raises(PermissionDenied):
        services.submit_return(
            actor=other_world.user(Role.ENTERPRISE_MEMBER),
            study=w.study,
            organisation=w.member_org,
            total_costs=Decimal(1),
            local_staff=Decimal(0),
            local_suppliers=Decimal(0),
        )
    with pytest.raises(ValidationError, match="cannot be more than all that was spent"):
        services.submit_return(
            actor=member,
            study=w.study,
            organisation=w.member_org,
            total_costs=Decimal(100),
            local_staff=Decimal(80),
            local_suppliers=Decimal(30),
        )
    page = Client()
    page.login(email=member.email, password=PASSWORD)
    html = page.get(f"/p/{w.programme.slug}/spend/returns/").content.decode()
    assert "LM3 2025-26" in html and "5000" in html.replace(",", "")
    response = page.post(
        f"/p/{w.programme.slug}/spend/returns/{w.study.pk}/",
        {
            f"r{w.study.pk}-total_costs": "6000",
            f"r{w.study.pk}-local_staff": "7000",
            f"r{w.study.pk}-local_suppliers": "0",
        },
    )
    assert response.status_code == 422 and 'value="7000"' in response.content.decode()  # what was typed stays
    assert SupplierReturn.objects.get(organisation=w.member_org).total_costs == Decimal(5000)
    # The study's page (returns and their figures) is the programme team's.
    assert page.get(f"/p/{w.programme.slug}/spend/suppliers/review/").status_code == 403


def test_returns_import_from_a_file_all_or_nothing(study_world, admin):
    w = study_world
    header = "study,supplier,total_costs,local_staff,local_suppliers\n"
    bad = header + f"LM3 2025-26,{w.caterer.name},1000,200,100\nNo such study,{w.cleaner.name},1000,200,100\n"
    result = run_import(
        actor=admin,
        programme=w.programme,
        kind="lm3_returns",
        data=bad.encode(),
        file_name="r.csv",
        commit=True,
    )
    assert result.errors[0].row == 3 and "No LM3 study" in result.errors[0].message
    assert SupplierReturn.objects.count() == 0


def test_lm3_and_local_share_are_indicators_equal_to_the_pages(study_world, admin):
    w = study_world
    services.submit_return(
        actor=admin,
        study=w.study,
        organisation=w.caterer,
        total_costs=Decimal(10000),
        local_staff=Decimal(3000),
        local_suppliers=Decimal(1000),
    )
    build_local_economy_indicators(admin=admin, programme=w.programme)
    year = [Period(datetime.date(2025, 4, 1), datetime.date(2026, 3, 31), PeriodKind.FINANCIAL_YEAR)]
    lm3 = Indicator.objects.get(programme=w.programme, code="lm3")
    turnover = numerator_series(lm3, year)[""].per_period[0]
    spend = numerator_series(lm3.denominator_indicator, year)[""].per_period[0]
    assert turnover / spend == selectors.study_figures(w.study).result.value
    share = Indicator.objects.get(programme=w.programme, code="local_spend_share")
    local = numerator_series(share, year)[""].per_period[0]
    total = numerator_series(share.denominator_indicator, year)[""].per_period[0]
    assert (local, total) == (Decimal(8000), Decimal(20000))
    assert Organisation.objects.filter(pk=w.caterer.pk).exists()
