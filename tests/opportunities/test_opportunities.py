"""Investments and opportunities: lifecycle, who may offer and see what, public pages with JobPosting."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from assetlink.opportunities import services
from assetlink.opportunities.forms import OpportunityForm
from assetlink.opportunities.models import OpportunityStatus
from assetlink.programmes.models import Role
from assetlink.taxonomy.models import EscoConcept
from tests import factories

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"


def nurse_job(world, **fields):
    defaults = {
        "kind": "job",
        "title": "Staff Nurse - Elderly Care",
        "owner": world.lead.organisation,
        "occupation": EscoConcept.objects.get(uri=NURSE),
        "hours_per_week": 37.5,
        "salary_min": 29970,
        "salary_max": 36483,
        "pay_band": "Agenda for Change band 5",
        "closes_on": datetime.date.today() + datetime.timedelta(days=30),
        "minimum_language": "en",
        "minimum_language_level": "B2",
    }
    defaults.update(fields)
    return services.create_opportunity(
        actor=world.user(Role.PROGRAMME_ADMIN), programme=world.programme, **defaults
    )


@pytest.mark.django_db
def test_lifecycle_moves_only_along_allowed_steps(world):
    admin = world.user(Role.PROGRAMME_ADMIN)
    job = nurse_job(world, occupation=None)
    assert job.status == OpportunityStatus.DRAFT
    with pytest.raises(ValidationError, match="ESCO occupation"):
        services.change_status(actor=admin, opportunity=job, status="open")
    services.update_opportunity(actor=admin, opportunity=job, occupation=EscoConcept.objects.get(uri=NURSE))
    services.change_status(actor=admin, opportunity=job, status="open")
    assert job.published_on == datetime.date.today()
    services.change_status(actor=admin, opportunity=job, status="closed")
    with pytest.raises(ValidationError, match="filled, not awarded"):
        services.change_status(actor=admin, opportunity=job, status="awarded")
    services.change_status(actor=admin, opportunity=job, status="filled")
    with pytest.raises(ValidationError, match="cannot become"):
        services.change_status(actor=admin, opportunity=job, status="open")


@pytest.mark.django_db
def test_contracts_have_lots_and_valid_cpv_codes(world):
    admin = world.user(Role.PROGRAMME_ADMIN)
    with pytest.raises(ValidationError, match="Not a CPV code"):
        services.create_opportunity(
            actor=admin,
            programme=world.programme,
            kind="contract",
            title="Catering",
            owner=world.lead.organisation,
            cpv_codes=["5552"],
        )
    contract = services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Catering and cleaning",
        owner=world.lead.organisation,
        cpv_codes=["55520000-1", "90910000-9"],
        social_value_clauses="Recruit from the local area\nPay the real Living Wage",
    )
    with pytest.raises(ValidationError, match="value or its lots"):
        services.change_status(actor=admin, opportunity=contract, status="open")
    services.add_part(
        actor=admin,
        opportunity=contract,
        part="lots",
        number=1,
        title="Patient catering",
        value=800000,
        cpv_code="55520000-1",
    )
    services.change_status(actor=admin, opportunity=contract, status="open")
    job = nurse_job(world)
    with pytest.raises(ValidationError, match="Only contracts have lots"):
        services.add_part(actor=admin, opportunity=job, part="lots", number=1, title="x")


@pytest.mark.django_db
def test_partner_staff_offer_only_for_their_own_organisation(world):
    staff = world.user(Role.PARTNER_STAFF)
    with pytest.raises(ValidationError, match="your own organisation"):
        services.create_opportunity(
            actor=staff,
            programme=world.programme,
            kind="volunteering",
            title="Befriending",
            owner=world.lead.organisation,
        )
    own = services.create_opportunity(
        actor=staff,
        programme=world.programme,
        kind="volunteering",
        title="Befriending",
        owner=world.organisation,
    )
    assert own.status == "draft"


@pytest.mark.django_db
def test_drafts_are_hidden_from_members_and_the_public(world):
    job = nurse_job(world)
    participant = Client()
    participant.force_login(world.user(Role.PARTICIPANT))
    url = f"/p/{world.programme.slug}/opportunities/{job.pk}/"
    assert participant.get(url).status_code == 403
    assert Client().get(f"/open/{world.programme.slug}/{job.pk}/").status_code == 404
    services.change_status(actor=world.user(Role.PROGRAMME_ADMIN), opportunity=job, status="open")
    assert participant.get(url).status_code == 200


@pytest.mark.django_db
def test_public_job_page_carries_jobposting_json_ld(world):
    job = nurse_job(world, postcode="B66 2QT", reference="MRH-2026-001")
    services.add_part(
        actor=world.user(Role.PROGRAMME_ADMIN),
        opportunity=job,
        part="credentials",
        kind="registration",
        name="NMC registration",
    )
    services.change_status(actor=world.user(Role.PROGRAMME_ADMIN), opportunity=job, status="open")
    response = Client().get(f"/open/{world.programme.slug}/{job.pk}/")
    assert response.status_code == 200
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S).group(1)
    posting = json.loads(block)
    assert posting["@type"] == "JobPosting" and posting["@context"] == "https://schema.org/"
    assert posting["title"] == "Staff Nurse - Elderly Care"
    assert posting["hiringOrganization"]["name"] == world.lead.organisation.name
    assert posting["relevantOccupation"]["sameAs"] == NURSE
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 29970.0,
        "maxValue": 36483.0,
    }
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["validThrough"].startswith(job.closes_on.isoformat())
    assert posting["qualifications"] == "NMC registration"
    assert posting["identifier"]["value"] == "MRH-2026-001"
    listing = Client().get(f"/open/{world.programme.slug}/")
    assert "Staff Nurse - Elderly Care" in listing.text


@pytest.mark.django_db
def test_offering_organisation_edits_its_own_and_not_others(world):
    job = services.create_opportunity(
        actor=world.user(Role.PARTNER_STAFF),
        programme=world.programme,
        kind="training",
        title="Care certificate course",
        owner=world.organisation,
    )
    edit = f"/p/{world.programme.slug}/opportunities/{job.pk}/edit/"
    client = Client()
    client.force_login(world.user(Role.ENTERPRISE_MEMBER))  # acts for the same organisation
    assert client.get(edit).status_code == 200
    form = OpportunityForm(programme=world.programme, kind="training", instance=job)
    data = {name: value for name in form.fields if (value := form[name].value()) is not None}
    saved = client.post(edit, {**data, "title": "Care certificate course (evenings)"})
    assert saved.status_code == 302, saved.content.decode()[:500]
    job.refresh_from_db()
    assert job.title == "Care certificate course (evenings)"
    other = factories.make_member(
        world.programme, Role.ENTERPRISE_MEMBER, factories.make_partner(world.programme).organisation
    )
    client.force_login(other)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**data, "title": "Taken over"}).status_code == 403
    job.refresh_from_db()
    assert job.title == "Care certificate course (evenings)"


@pytest.mark.django_db
def test_new_job_form_keeps_input_and_explains_errors(world):
    client = Client()
    client.force_login(world.user(Role.PROGRAMME_ADMIN))
    response = client.post(
        f"/p/{world.programme.slug}/opportunities/new/job/",
        {
            "title": "Porter",
            "owner": world.lead.organisation.pk,
            "salary_min": "30000",
            "salary_max": "20000",
            "positions": "2",
            "occupation": "hospital porter",
        },
    )
    assert response.status_code == 200
    assert 'value="Porter"' in response.text
    assert "pay up to" in response.text.lower()
