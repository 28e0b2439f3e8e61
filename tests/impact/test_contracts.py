"""Social value committed at bid on a contract against what the ledger shows delivered, shortfalls flagged,
and quarterly returns with evidence: the supplier sees and returns only its own contract."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.impact.models import DeliveryReturn, Outcome
from assetlink.impact.services import append_outcome
from assetlink.impact.social_value import (
    contract_delivery,
    save_measure,
    set_commitment,
    submit_delivery_return,
)
from assetlink.opportunities import services as opportunities
from assetlink.programmes.models import Role
from tests.factories import PASSWORD, make_organisation, make_partner, make_person

pytestmark = pytest.mark.django_db
Q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


def awarded(world, admin, supplier, title):
    contract = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title=title,
        owner=world.lead.organisation,
        value=100000,
    )
    for status in ("open", "closed"):
        opportunities.change_status(actor=admin, opportunity=contract, status=status)
    opportunities.change_status(
        actor=admin, opportunity=contract, status="awarded", awarded_to=supplier, awarded_value=90000
    )
    return contract


@pytest.fixture
def contracts(world, admin):
    measure = save_measure(
        actor=admin,
        programme=world.programme,
        code="volunteering",
        theme="Community",
        outcome="Volunteering",
        unit="per hour",
        proxy_value=Decimal(15),
        currency="GBP",
        source="Illustrative",
        year=2026,
        entry_types=["volunteer.hours"],
        counted="quantity",
        deadweight=Decimal("0.2"),
    )
    ours = awarded(world, admin, world.organisation, "Catering")
    theirs = awarded(
        world, admin, make_partner(world.programme, make_organisation("Rival Ltd")).organisation, "Cleaning"
    )
    for contract in (ours, theirs):
        for start, end in (Q1, Q2):
            set_commitment(
                actor=admin,
                contract=contract,
                measure=measure,
                period_start=start,
                period_end=end,
                quantity=Decimal(100),
            )
    person = make_person(world.programme)
    shared = append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type="volunteer.hours",
        subject=person,
        occurred_on=datetime.date(2026, 2, 1),
        quantity=Decimal(100),
        data={"contracts": {str(ours.pk): 3, str(theirs.pk): 1}},
    )
    own = append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type="volunteer.hours",
        subject=person,
        occurred_on=datetime.date(2026, 5, 1),
        quantity=Decimal(40),
        related=ours,
    )
    return ours, theirs, shared, own


def test_delivery_is_the_contract_share_of_the_ledger_priced_and_shortfalls_flagged(contracts):
    ours, theirs, _shared, _own = contracts
    today = datetime.date(2026, 7, 15)
    rows = contract_delivery(ours, today)
    # Committed 100 hours × 15 × 0.8 = 1,200 per quarter; Q1 delivered ¾ of 100 hours, Q2 40 hours.
    assert [row.committed_value for row in rows] == [Decimal(1200), Decimal(1200)]
    assert [row.delivered_value for row in rows] == [Decimal(900), Decimal(480)]
    assert [row.status for row in rows] == ["short", "short"] and rows[0].shortfall == Decimal(300)
    rival = contract_delivery(theirs, today)
    assert [row.delivered_value for row in rival] == [Decimal(300), Decimal(0)]
    assert contract_delivery(ours, datetime.date(2026, 6, 1))[1].status == "in_progress"


def test_a_supplier_returns_evidence_for_its_own_contract_only(world, contracts):
    ours, theirs, shared, own = contracts
    member = world.user(Role.ENTERPRISE_MEMBER)
    item = submit_delivery_return(
        actor=member,
        contract=ours,
        period_start=Q2[0],
        period_end=Q2[1],
        statement="Forty hours at the food bank",
        evidence={own.pk: "Timesheets signed by the food bank"},
    )
    assert item.evidence.get().outcome == own
    with pytest.raises(ValidationError, match="do not serve this contract"):
        submit_delivery_return(
            actor=member,
            contract=ours,
            period_start=Q2[0],
            period_end=Q2[1],
            statement="",
            evidence={shared.pk: "x"},
        )
    with pytest.raises(PermissionDenied):
        submit_delivery_return(
            actor=member, contract=theirs, period_start=Q1[0], period_end=Q1[1], statement="", evidence={}
        )
    with pytest.raises(PermissionDenied):
        submit_delivery_return(
            actor=world.user(Role.PARTICIPANT),
            contract=ours,
            period_start=Q1[0],
            period_end=Q1[1],
            statement="",
            evidence={},
        )
    assert DeliveryReturn.objects.count() == 1 and Outcome.objects.filter(pk=own.pk).exists()


def test_contract_pages_show_each_supplier_its_own(world, other_world, admin, contracts):
    ours, theirs, _shared, own = contracts
    base = f"/p/{world.programme.slug}/results/contracts/"
    member = Client()
    member.login(email=world.user(Role.ENTERPRISE_MEMBER).email, password=PASSWORD)
    listing = member.get(base).content.decode()
    assert "Catering" in listing and "Cleaning" not in listing
    assert member.get(f"{base}{ours.pk}/").status_code == 200
    assert member.get(f"{base}{theirs.pk}/").status_code == 404
    response = member.post(
        f"{base}{ours.pk}/return/",
        {"period": "quarter:2026-04-01", "statement": "Hours", f"evidence_{own.pk}": "Timesheets"},
    )
    assert response.status_code == 302 and DeliveryReturn.objects.get().statement == "Hours"
    assert member.post(f"{base}{theirs.pk}/return/", {"period": "quarter:2026-04-01"}).status_code == 404
    team = Client()
    team.login(email=admin.email, password=PASSWORD)
    assert "Rival Ltd" in team.get(base).content.decode()
    for user in (other_world.user(Role.PROGRAMME_ADMIN), world.user(Role.PARTICIPANT)):
        outsider = Client()
        outsider.login(email=user.email, password=PASSWORD)
        assert outsider.get(f"{base}{ours.pk}/").status_code in (403, 404)


def test_the_contract_api_gives_delivery_and_takes_returns_from_its_supplier_only(world, admin, contracts):
    from tests.http import api

    ours, theirs, _shared, own = contracts
    base = f"/api/v1/programmes/{world.programme.slug}/contracts"
    member = world.user(Role.ENTERPRISE_MEMBER)
    rows = api(member, "GET", f"{base}/{ours.pk}/delivery").json()
    assert [row["status"] for row in rows] == ["short", "short"] or rows[1]["status"] == "in_progress"
    assert rows[0]["proxy"] == "15.00" and rows[0]["proxy_source"] == "Illustrative"
    assert api(member, "GET", f"{base}/{theirs.pk}/delivery").status_code == 404
    body = {"statement": "Hours", "evidence": [{"entry": own.pk, "description": "Timesheets"}]}
    saved = api(member, "PUT", f"{base}/{ours.pk}/returns/quarter:2026-04-01", body)
    assert saved.status_code == 200 and saved.json()["evidence"] == {str(own.pk): "Timesheets"}
    assert api(member, "PUT", f"{base}/{ours.pk}/returns/year:2026-01-01", body).status_code == 422
    assert api(member, "PUT", f"{base}/{theirs.pk}/returns/quarter:2026-04-01", body).status_code == 404
    assert api(world.user(Role.PARTICIPANT), "GET", f"{base}/{ours.pk}/delivery").status_code == 403
