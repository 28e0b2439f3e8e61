"""The ledger's pages, API and export: recording with evidence, verification, corrections, and scope."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.impact.models import Outcome
from assetlink.impact.services import record_outcome, verify_outcome
from assetlink.programmes.models import Role
from tests import factories

DAY = datetime.date(2025, 6, 2)


def test_a_caseworker_records_a_job_start_with_evidence_and_an_admin_verifies_it(world, admin):
    caseworker = world.user(Role.PARTNER_STAFF)
    person = factories.make_person(world.programme, share_with=world.organisation)
    with pytest.raises(ValidationError) as no_evidence:
        record_outcome(
            actor=caseworker,
            programme=world.programme,
            entry_type="job.started",
            subject=person,
            occurred_on=DAY,
        )
    assert "evidence" in no_evidence.value.message_dict
    with pytest.raises(ValidationError):  # written by the referral service, not by hand
        record_outcome(
            actor=caseworker,
            programme=world.programme,
            entry_type="person.referred",
            subject=person,
            occurred_on=DAY,
            evidence="x",
        )
    outcome = record_outcome(
        actor=caseworker,
        programme=world.programme,
        entry_type="job.started",
        subject=person,
        occurred_on=DAY,
        evidence="Contract seen",
    )
    assert outcome.recording_organisation == world.organisation
    with pytest.raises(PermissionDenied):  # not about someone they cannot see
        record_outcome(
            actor=caseworker,
            programme=world.programme,
            entry_type="job.started",
            subject=factories.make_person(world.programme),
            occurred_on=DAY,
            evidence="x",
        )
    with pytest.raises(PermissionDenied):
        verify_outcome(actor=caseworker, outcome=outcome)
    verify_outcome(actor=admin, outcome=outcome, note="Payslip checked")
    with pytest.raises(ValidationError):
        verify_outcome(actor=admin, outcome=outcome)


def test_money_outcomes_need_a_value_and_the_page_keeps_the_form(world, admin):
    client = Client()
    client.force_login(admin)
    url = reverse("impact:record", kwargs={"slug": world.programme.slug})
    response = client.post(
        url,
        {
            "entry_type": "grant.won",
            "subject_type": "organisations.organisation",
            "subject_reference": world.organisation.name,
            "occurred_on": "2025-06-02",
            "evidence": "Award letter 77",
        },
    )
    assert response.status_code == 422
    assert (
        "needs its value in money" in response.content.decode()
        and "Award letter 77" in response.content.decode()
    )
    response = client.post(
        url,
        {
            "entry_type": "grant.won",
            "subject_type": "organisations.organisation",
            "subject_reference": world.organisation.name,
            "occurred_on": "2025-06-02",
            "value": "15000",
            "evidence": "Award letter 77",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(entry_type="grant.won")
    assert outcome.value == Decimal("15000") and outcome.currency == "GBP"


def test_partners_see_and_export_only_what_their_organisation_recorded(world, admin):
    caseworker = world.user(Role.PARTNER_STAFF)
    mine = record_outcome(
        actor=caseworker,
        programme=world.programme,
        entry_type="volunteer.hours",
        subject=factories.make_person(world.programme, share_with=world.organisation),
        occurred_on=DAY,
        quantity=Decimal(12),
        evidence="Timesheet",
    )
    theirs = record_outcome(
        actor=admin,
        programme=world.programme,
        entry_type="contract.won",
        subject=world.organisation,
        occurred_on=DAY,
        value=Decimal(9000),
        evidence="Contract",
    )
    client = Client()
    client.force_login(caseworker)
    page = client.get(reverse("impact:ledger", kwargs={"slug": world.programme.slug})).content.decode()
    assert f"#{mine.pk}<" in page and f"#{theirs.pk}<" not in page
    assert (
        client.get(
            reverse("impact:outcome", kwargs={"slug": world.programme.slug, "outcome_id": theirs.pk})
        ).status_code
        == 403
    )
    export = client.get(
        reverse("exports:file", kwargs={"slug": world.programme.slug, "name": "ledger", "fmt": "csv"})
    ).content.decode()
    assert "volunteer.hours" in export and "contract.won" not in export
    client.force_login(admin)
    export = client.get(
        reverse("exports:file", kwargs={"slug": world.programme.slug, "name": "ledger", "fmt": "xlsx"})
    )
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_correction_from_the_entry_page_supersedes_the_entry(world, admin):
    outcome = record_outcome(
        actor=world.user(Role.PARTNER_STAFF),
        programme=world.programme,
        entry_type="contract.won",
        subject=world.organisation,
        occurred_on=DAY,
        value=Decimal(9000),
        evidence="Contract",
    )
    client = Client()
    client.force_login(admin)
    url = reverse("impact:correct", kwargs={"slug": world.programme.slug, "outcome_id": outcome.pk})
    assert client.post(url, {"correct-kind": "amendment", "correct-reason": ""}).status_code == 422
    response = client.post(
        url, {"correct-kind": "amendment", "correct-reason": "Invoice said 9,500", "correct-value": "9500"}
    )
    assert response.status_code == 302
    amended = Outcome.objects.get(corrects=outcome)
    assert amended.value == Decimal(9500) and amended.reason == "Invoice said 9,500"
    page = client.get(
        reverse("impact:outcome", kwargs={"slug": world.programme.slug, "outcome_id": outcome.pk})
    )
    assert "no longer counts" in page.content.decode()
