"""Spend lines imported through the one pipeline: refused as a whole with the row and the reason, or
written with each supplier linked to the register (or queued for review) and each line placed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assetlink.programmes.models import Role
from assetlink.spend import selectors, services
from assetlink.spend.models import LinkStatus, Locality, SpendLine, Supplier
from tests.spend.spend_files import HEADER, line, run

pytestmark = pytest.mark.django_db


def test_bad_lines_are_refused_with_row_and_reason_and_nothing_is_written(spend_world, admin):
    w = spend_world
    text = HEADER + "".join(
        [
            line(w, "Ladywood Catering Ltd", reference="T1"),
            line(w, "Ladywood Catering Ltd", amount="-40.00", reference="T2"),
            line(w, "Ladywood Catering Ltd", currency="XYZ", reference="T3"),
            line(w, "Ladywood Catering Ltd", currency="EUR", reference="T4"),
            line(w, "Ladywood Catering Ltd", paid_on="2025-02-30", reference="T5"),
            line(w, "Ladywood Catering Ltd", paid_on="2999-01-01", reference="T6"),
            line(w, "Ladywood Catering Ltd", reference="T1"),
        ]
    )
    result = run(w, admin, text)
    problems = {(error.row, error.field): error.message for error in result.errors}
    assert SpendLine.objects.count() == 0 and Supplier.objects.count() == 0
    assert "refunds and credit notes are not spend" in problems[(3, "amount")]
    assert "not a currency code" in problems[(4, "currency")]
    assert "reports in GBP; a line in EUR" in problems[(5, "currency")]
    assert "valid date" in problems[(6, "paid_on")]
    assert "in the future" in problems[(7, "paid_on")]
    # Duplicates are found once every row is clean.
    result = run(
        w, admin, HEADER + line(w, "Ladywood Catering Ltd", reference="T1") * 2 + line(w, "X", amount="5") * 2
    )
    problems = {(error.row, error.field): error.message for error in result.errors}
    assert "Same reference as row 2" in problems[(3, "reference")]
    assert "Same payment as row 4" in problems[(5, "reference")]
    assert SpendLine.objects.count() == 0


def test_lines_are_linked_located_and_imported_once(spend_world, admin):
    w = spend_world
    text = HEADER + "".join(
        [
            line(
                w, "LADYWOOD CATERING LIMITED", "300.00", reference="A1", number="1234567", postcode="b66 1xy"
            ),
            line(w, "Greenway Cleaning C.I.C.", "200.00", reference="A2"),  # postcode from the register
            line(w, "Ladywood Catering", "100.00", reference="A3", number="09999999", postcode="CV1 2BB"),
            line(w, "Ladywod Catering", "50.00", reference="A4", postcode="EC1A 1BB"),
            line(w, "Albion Supplies plc", "350.00", reference="A5", number="8200000"),
        ]
    )
    result = run(w, admin, text)
    assert result.errors == [] and SpendLine.objects.count() == 5
    lines = {item.reference: item for item in SpendLine.objects.select_related("supplier")}
    assert (
        lines["A1"].supplier.organisation == w.caterer and lines["A1"].supplier.status == LinkStatus.BY_NUMBER
    )
    assert (lines["A1"].area, lines["A1"].locality) == (w.area, Locality.LOCAL)  # by the area's postcodes
    assert lines["A2"].supplier.status == LinkStatus.BY_NAME and lines["A2"].postcode == "B184AA"
    assert lines["A2"].locality == Locality.LOCAL  # by its district
    assert lines["A3"].supplier.status == LinkStatus.REVIEW and lines["A3"].supplier.organisation is None
    assert lines["A3"].locality == Locality.REGION
    assert lines["A4"].supplier.reason == "similar_name" and lines["A4"].locality == Locality.ELSEWHERE
    assert lines["A5"].supplier.status == LinkStatus.UNREGISTERED and lines["A5"].locality == Locality.UNKNOWN
    again = run(w, admin, HEADER + line(w, "Ladywood Catering Ltd", reference="A1"))
    assert "imported before" in again.errors[0].message and SpendLine.objects.count() == 5
    # Review: the uncertain supplier is the caterer after all; nothing else moves.
    supplier = lines["A3"].supplier
    services.resolve_supplier(actor=admin, supplier=supplier, organisation=w.caterer)
    supplier.refresh_from_db()
    assert supplier.status == LinkStatus.CONFIRMED and supplier.organisation == w.caterer
    assert selectors.review_queue(w.programme).count() == 1


def test_changing_the_local_area_places_every_line_again(spend_world, admin):
    w = spend_world
    run(
        w,
        admin,
        HEADER
        + line(w, "Greenway Cleaning CIC", reference="B1")
        + line(w, "Other Ltd", reference="B2", postcode="CV1 2BB"),
    )
    assert set(SpendLine.objects.values_list("locality", flat=True)) == {Locality.LOCAL, Locality.REGION}
    services.save_local_area(actor=admin, programme=w.programme, areas=[], districts=["CV1"], region=["B"])
    placed = dict(SpendLine.objects.values_list("reference", "locality"))
    assert placed == {"B1": Locality.REGION, "B2": Locality.LOCAL}


def test_only_the_programme_team_imports_spend(spend_world, other_world):
    w = spend_world
    for user in (
        w.user(Role.PARTNER_STAFF),
        w.user(Role.ENTERPRISE_MEMBER),
        other_world.user(Role.PROGRAMME_ADMIN),
    ):
        with pytest.raises(PermissionDenied):
            run(w, user, HEADER + line(w, "Ladywood Catering Ltd", reference="C1"))
    with pytest.raises(PermissionDenied):
        services.save_local_area(
            actor=w.user(Role.PARTNER_STAFF), programme=w.programme, areas=[], districts=["B1"], region=[]
        )


def test_local_share_per_quarter_adds_up_from_the_lines(spend_world, admin):
    w = spend_world
    text = HEADER + "".join(
        [
            line(w, "Greenway Cleaning CIC", "300.00", paid_on="2026-01-10", reference="Q1"),
            line(w, "Far Away Ltd", "700.00", paid_on="2026-02-10", reference="Q2", postcode="EC1A 1BB"),
            line(w, "Greenway Cleaning CIC", "500.00", paid_on="2026-04-10", reference="Q3"),
            line(w, "Near Ltd", "500.00", paid_on="2026-05-10", reference="Q4", postcode="CV1 2BB"),
        ]
    )
    assert run(w, admin, text).errors == []
    from assetlink.engine.periods import PeriodKind, periods_between

    periods = periods_between(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), PeriodKind.QUARTER)
    rows = selectors.by_locality(w.programme, periods)[""]
    assert [row.share(Locality.LOCAL) for row in rows] == [Decimal("0.3"), Decimal("0.5")]
    assert rows[1].amounts[Locality.REGION] == Decimal(500)


def test_breakdowns_name_their_groups_and_hide_a_lone_payment_as_one_table(spend_world, admin):
    from assetlink.engine.disclosure import DisclosureRule
    from assetlink.engine.periods import Period, PeriodKind

    w = spend_world
    lines = [
        line(w, "Greenway Cleaning CIC", "100.00", paid_on="2026-01-10", reference=f"C{n}") for n in range(6)
    ]
    lone = line(w, "Far Ltd", "900.00", paid_on="2026-01-11", reference="L1", postcode="EC1A 1BB")
    assert run(w, admin, HEADER + "".join(lines) + lone.replace(",Catering,", ",Laundry,")).errors == []
    year = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), PeriodKind.YEAR)
    rows = dict(selectors.breakdown(w.programme, year, "category", DisclosureRule(largest_hidden=3)))
    assert rows["Laundry"].total.is_hidden and rows["Catering"].total.is_hidden  # else 900 = total − 600
    exact = dict(selectors.breakdown(w.programme, year, "supplier_kind", DisclosureRule(largest_hidden=0)))
    assert exact["Not in the register"].total.value == Decimal(900)
    assert exact["Small or medium enterprise"].total.value == Decimal(600)
