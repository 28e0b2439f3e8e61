"""Exports: same rows as the list for the same user, consent respected, access logged, standards shaped."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from assetlink.audit.models import AccessLogEntry
from assetlink.opportunities import services as opportunities
from assetlink.people.models import ConsentPurpose
from assetlink.people.services import record_consent
from assetlink.programmes.models import Role
from tests import factories


def rows_of(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_people_export_shows_only_shared_people_and_contact_details_only_with_consent(world):
    shared = factories.make_person(world.programme, share_with=world.organisation, email="shared@example.org")
    factories.make_person(world.programme, email="hidden@example.org")  # not shared with the caseworker's org
    client = Client()
    staff = world.user(Role.PARTNER_STAFF)
    client.force_login(staff)
    response = client.get(f"/p/{world.programme.slug}/exports/people.csv")
    assert response.status_code == 200
    rows = rows_of(response)
    assert [row["reference"] for row in rows] == [shared.reference]
    assert rows[0]["email"] == ""  # no consent to be contacted yet
    record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=shared,
        purpose=ConsentPurpose.CONTACT,
        given=True,
        method="written",
        evidence="Signed form in the case file",
    )
    assert (
        rows_of(client.get(f"/p/{world.programme.slug}/exports/people.csv"))[0]["email"]
        == "shared@example.org"
    )
    assert (
        AccessLogEntry.objects.filter(viewer=staff, channel="export", object_id=str(shared.pk)).count() == 2
    )


@pytest.mark.django_db
def test_exports_are_refused_to_roles_without_the_list(world, other_world):
    client = Client()
    client.force_login(world.user(Role.PARTICIPANT))
    assert client.get(f"/p/{world.programme.slug}/exports/people.csv").status_code == 403
    assert client.get(f"/p/{world.programme.slug}/exports/organisations.hsds").status_code == 403
    client.force_login(other_world.user(Role.PROGRAMME_ADMIN))
    assert client.get(f"/p/{world.programme.slug}/exports/people.csv").status_code == 404
    client.force_login(world.user(Role.PROGRAMME_ADMIN))
    assert client.get(f"/p/{world.programme.slug}/exports/people.pdf").status_code == 404


@pytest.mark.django_db
def test_spreadsheet_exports_keep_formulas_as_text(world, admin):
    from assetlink.organisations.services import register_organisation

    register_organisation(
        actor=admin, programme=world.programme, name='=HYPERLINK("http://x")', kind="sme", country="GB"
    )
    client = Client()
    client.force_login(admin)
    names = [
        row["name"] for row in rows_of(client.get(f"/p/{world.programme.slug}/exports/organisations.csv"))
    ]
    assert '\'=HYPERLINK("http://x")' in names
    workbook = load_workbook(
        io.BytesIO(client.get(f"/p/{world.programme.slug}/exports/organisations.xlsx").content)
    )
    cells = [row[0] for row in workbook.active.iter_rows(values_only=True)]
    assert cells[0] == "name" and '\'=HYPERLINK("http://x")' in cells


@pytest.mark.django_db
def test_contract_award_appears_in_ocds_and_grant_award_in_360giving(world, admin):
    contract = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Grounds maintenance",
        owner=world.lead.organisation,
        value=120000,
        cpv_codes=["77314000-4"],
        procedure="open",
    )
    for status in ("open", "closed"):
        opportunities.change_status(actor=admin, opportunity=contract, status=status)
    opportunities.change_status(
        actor=admin,
        opportunity=contract,
        status="awarded",
        awarded_to=world.organisation,
        awarded_value=115000,
    )
    grant = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="grant",
        title="Community kitchens fund",
        owner=world.lead.organisation,
        amount_max=5000,
    )
    for status in ("open", "closed"):
        opportunities.change_status(actor=admin, opportunity=grant, status=status)
    opportunities.change_status(
        actor=admin, opportunity=grant, status="awarded", awarded_to=world.organisation, awarded_value=4500
    )
    package = json.loads(Client().get(f"/open/{world.programme.slug}/contracts.ocds.json").content)
    release = package["releases"][0]
    assert package["version"] == "1.1" and release["tag"] == ["award"]
    assert release["awards"][0]["suppliers"][0]["name"] == world.organisation.name
    assert release["tender"]["mainProcurementCategory"] == "services"
    grants = json.loads(Client().get(f"/open/{world.programme.slug}/grants.360giving.json").content)["grants"]
    assert grants[0]["amountAwarded"] == 4500.0
    assert grants[0]["recipientOrganization"][0]["name"] == world.organisation.name


@pytest.mark.django_db
def test_public_job_feed_lists_open_jobs_only(world, admin):
    from assetlink.taxonomy.models import EscoConcept

    occupation = EscoConcept.objects.get(preferred_label="hospital porter")
    draft = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Porter (draft)",
        owner=world.lead.organisation,
        occupation=occupation,
    )
    live = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Porter",
        owner=world.lead.organisation,
        occupation=occupation,
    )
    opportunities.change_status(actor=admin, opportunity=live, status="open")
    postings = json.loads(Client().get(f"/open/{world.programme.slug}/jobs.json").content)
    assert [p["title"] for p in postings] == ["Porter"] and draft.title not in str(postings)
