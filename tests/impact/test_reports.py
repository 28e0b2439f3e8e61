"""The funder report: the snapshot's figures with revisions, the audience's disclosure rule in HTML, PDF and
XLSX alike, and the monthly report prepared in the background and announced to the programme's admins."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from assetlink.accounts.models import Notification
from assetlink.engine.periods import PeriodKind, period_containing
from assetlink.impact.indicators.services import define_indicator, freeze_snapshot
from assetlink.impact.indicators.tasks import last_month, prepare_monthly_report, queue_monthly_reports
from assetlink.impact.models import Measure, OutcomeType, Snapshot
from assetlink.impact.services import append_outcome, correct_outcome
from assetlink.programmes.models import Role

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def contracts(world, admin):
    define_indicator(
        actor=admin,
        programme=world.programme,
        code="contracts",
        name="Contracts won",
        measure=Measure.ENTRIES,
        entry_types=["contract.won"],
    )
    entries = []
    for day in (3, 4, 5):
        entries.append(
            append_outcome(
                actor=admin,
                programme=world.programme,
                entry_type=OutcomeType.CONTRACT_WON,
                subject=world.organisation,
                occurred_on=datetime.date(2025, 3, day),
                value=Decimal(100),
            )
        )
    return entries


def report_url(world, fmt="report/", period="month:2025-03-01", audience="funder"):
    return f"/p/{world.programme.slug}/results/{fmt}?period={period}&audience={audience}"


def test_the_report_cites_its_snapshot_and_hides_small_counts_for_the_funder(world, admin, contracts):
    march = period_containing(datetime.date(2025, 3, 1), PeriodKind.MONTH)
    freeze_snapshot(actor=admin, programme=world.programme, period=march)
    correct_outcome(actor=admin, outcome=contracts[0], kind="reversal", reason="Not won after all")
    client = Client()
    client.force_login(admin)
    team = client.get(report_url(world, audience="team"))
    assert team.status_code == 200
    text = team.text
    assert "snapshot version 1" in text and "Contracts won" in text
    assert ">3<" in text.replace(" ", "") or "3</td>" in text  # the frozen number stays
    assert "2</td>" in text  # shown beside it as revised
    funder = client.get(report_url(world)).text
    assert 'class="hidden-figure"' in funder
    # Partner staff cannot ask for the team's exact figures: the audience falls back to the published rule.
    client.force_login(world.user(Role.PARTNER_STAFF))
    assert client.get(report_url(world, audience="team")).status_code == 422


def test_pdf_and_xlsx_pass_through_the_same_rule(world, admin, contracts):
    from pypdf import PdfReader

    client = Client()
    client.force_login(admin)
    pdf = client.get(report_url(world, fmt="report.pdf", audience="team"))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Funder report" in text and "Contracts won" in text
    workbook = load_workbook(io.BytesIO(client.get(report_url(world, fmt="report.xlsx")).content))
    indicators = list(workbook["Indicators"].iter_rows(values_only=True))
    assert indicators[1][0] == "contracts" and indicators[1][3] == "*"  # 3 is hidden for the funder
    exact = load_workbook(
        io.BytesIO(client.get(report_url(world, fmt="report.xlsx", audience="team")).content)
    )
    assert list(exact["Indicators"].iter_rows(values_only=True))[1][3] == 3


def test_another_programme_cannot_read_the_report(world, other_world, contracts):
    client = Client()
    for outsider in (other_world.user(Role.PROGRAMME_ADMIN), world.user(Role.PARTICIPANT)):
        client.force_login(outsider)
        for fmt in ("report/", "report.pdf", "report.xlsx"):
            assert client.get(report_url(world, fmt=fmt)).status_code in (403, 404)


def test_the_monthly_report_freezes_last_month_once_and_tells_the_admins(world, admin, contracts):
    month = last_month(datetime.date(2025, 4, 15))
    assert (month.start, month.end) == (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert prepare_monthly_report(world.programme, month)
    assert not prepare_monthly_report(world.programme, month)  # a snapshot exists: nothing more
    snapshot = Snapshot.objects.get(programme=world.programme)
    assert snapshot.frozen_by is None and snapshot.values["contracts"]["value"] == "3"
    told = Notification.objects.get(user=admin, kind="report_ready")
    assert "period=month%3A2025-03-01" in told.url
    assert not Notification.objects.filter(user=world.user(Role.PARTNER_STAFF), kind="report_ready").exists()
    with override_settings(TASKS=IMMEDIATE):
        assert queue_monthly_reports() == 1  # this month's last month (November 2026), not yet frozen
