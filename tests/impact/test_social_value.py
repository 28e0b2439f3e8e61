"""Social value measures of a programme: validated, imported all or nothing, and the ledger priced by them
on a page that shows each proxy, its rules and (for the programme team) the entries behind each figure."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.exchange.pipeline import run_import
from assetlink.impact.models import OutcomeType, SocialValueMeasure
from assetlink.impact.services import append_outcome, correct_outcome
from assetlink.impact.social_value import priced_ledger, save_measure
from assetlink.programmes.models import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

HEADER = "code,theme,outcome,unit,proxy_value,currency,source,year,entry_types,counted,deadweight,first_year_only,hours_per_fte,illustrative\n"
GOOD = (
    "hire,jobs,Local hire,per hire,5000,GBP,Illustrative,2026,job.started,entries,20,yes,,yes\n"
    "volunteering,community,Volunteering,per hour,15,gbp,Illustrative,2026,volunteer.hours,quantity,0,no,,yes\n"
)


def run(world, admin, text):
    return run_import(
        actor=admin,
        programme=world.programme,
        kind="social_value_measures",
        data=text.encode(),
        file_name="m.csv",
        commit=True,
    )


def test_measures_import_all_or_nothing_with_the_row_and_reason(world, admin):
    bad = (
        GOOD
        + "wrong,jobs,X,per hire,5,EUR,Illustrative,2026,job.flew,entries,0,no,,no\n"
        + "fte,jobs,Y,per FTE,5,GBP,Illustrative,2026,job.started,entries,0,no,1650,no\n"
    )
    result = run(world, admin, HEADER + bad)
    assert SocialValueMeasure.objects.count() == 0
    problems = {(error.row, error.field): error.message for error in result.errors}
    assert "Unknown entry types: job.flew" in problems[(4, "entry_types")]
    assert "full-time equivalents come from a quantity of hours" in problems[(5, "hours_per_fte")]
    result = run(world, admin, HEADER + GOOD)
    assert result.errors == [] and SocialValueMeasure.objects.count() == 2
    assert SocialValueMeasure.objects.get(code="hire").deadweight == Decimal("0.2")


def test_a_proxy_in_another_currency_and_other_roles_are_refused(world, admin):
    fields = {
        "theme": "jobs",
        "outcome": "Local hire",
        "unit": "per hire",
        "proxy_value": Decimal(1),
        "currency": "EUR",
        "source": "x",
        "year": 2026,
        "entry_types": ["job.started"],
        "counted": "entries",
    }
    with pytest.raises(ValidationError) as error:
        save_measure(actor=admin, programme=world.programme, code="hire", **fields)
    assert "GBP" in error.value.message_dict["currency"][0]
    with pytest.raises(PermissionDenied):
        save_measure(
            actor=world.user(Role.PARTNER_STAFF),
            programme=world.programme,
            code="hire",
            **{**fields, "currency": "GBP"},
        )


def test_the_effective_ledger_is_priced_and_the_page_shows_proxies_and_the_rows_behind(world, admin):
    run(world, admin, HEADER + GOOD)
    person = make_person(world.programme)
    first = append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.JOB_STARTED,
        subject=person,
        occurred_on=datetime.date(2025, 2, 1),
    )
    append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.JOB_STARTED,
        subject=person,
        occurred_on=datetime.date(2026, 6, 1),
    )
    wrong = append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.VOLUNTEER_HOURS,
        subject=person,
        occurred_on=datetime.date(2025, 3, 1),
        quantity=Decimal(40),
    )
    correct_outcome(actor=admin, outcome=wrong, kind="amendment", reason="Typo", quantity=Decimal(10))
    _measures, lines = priced_ledger(world.programme)
    assert sorted((line.measure, line.value) for line in lines) == [
        ("hire", Decimal("4000.00")),
        ("volunteering", Decimal("150.00")),
    ]
    assert next(line for line in lines if line.measure == "hire").entry_id == first.pk
    client = Client()
    client.force_login(admin)
    page = client.get(f"/p/{world.programme.slug}/results/social-value/").text
    assert "5,000.00 GBP per hire" in page and "Illustrative (2026)" in page and f"#{first.pk}<" in page
    assert "4,150.00" in page
    client.force_login(world.user(Role.PARTNER_STAFF))
    page = client.get(f"/p/{world.programme.slug}/results/social-value/").text
    assert 'class="hidden-figure"' in page and f"#{first.pk}<" not in page  # one hire: hidden, no rows


def test_the_social_value_api_shows_each_proxy_and_the_entries_only_to_the_programme_team(world, admin):
    from tests.http import api

    run(world, admin, HEADER + GOOD)
    person = make_person(world.programme)
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 2, 5)):
        append_outcome(
            actor=admin,
            programme=world.programme,
            entry_type="job.started",
            subject=make_person(world.programme),
            occurred_on=day,
        )
    append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type="volunteer.hours",
        subject=person,
        occurred_on=datetime.date(2026, 3, 1),
        quantity=Decimal(10),
    )
    path = f"/api/v1/programmes/{world.programme.slug}/social-value"
    rows = {row["code"]: row for row in api(admin, "GET", path).json()}
    assert rows["hire"]["proxy"] == "5000.00" and rows["hire"]["source"] == "Illustrative"
    assert rows["hire"]["value"]["value"] == 8000 and len(rows["hire"]["lines"]) == 2
    assert rows["volunteering"]["value"]["value"] == 150
    staff = {row["code"]: row for row in api(world.user(Role.PARTNER_STAFF), "GET", path).json()}
    assert staff["hire"]["lines"] == [] and staff["hire"]["value"] == {"value": None, "hidden": "rate"}
    assert api(world.user(Role.ENTERPRISE_MEMBER), "GET", path).status_code == 403
