"""The OCDS, 360Giving and HSDS exports validate against those standards' published JSON schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT4, DRAFT202012

from assetlink.opportunities import services as opportunities
from assetlink.organisations import services as organisations
from assetlink.programmes.models import Role

SCHEMAS = Path(__file__).parent / "schemas"
HSDS_BASE = "https://schemas.example/hsds-3.0/"


def load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def refuse(uri: str) -> Resource:
    raise NoSuchResource(ref=f"{uri} is not among the schema fixtures: add the published file to {SCHEMAS}")


def validator(schema: dict, cls: type, resources: dict[str, dict]) -> object:
    """A validator of `cls`'s draft whose references resolve only to the fixture files given."""
    specification = DRAFT4 if cls is Draft4Validator else DRAFT202012
    registry = Registry(retrieve=refuse).with_resources(
        (uri, Resource(contents=contents, specification=specification)) for uri, contents in resources.items()
    )
    return cls(schema, registry=registry, format_checker=FormatChecker())


def errors_of(validator_instance, document) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator_instance.iter_errors(document)
    ]


@pytest.fixture
def market(world):
    """A programme with a contract awarded in lots, an open one, an awarded grant and registered suppliers."""
    admin = world.user(Role.PROGRAMME_ADMIN)
    supplier = organisations.register_organisation(
        actor=admin,
        programme=world.programme,
        name="Canal Clean CIC",
        kind="social_enterprise",
        country="GB",
        legal_form="cic",
        registration_number="12345678",
        employees=14,
        city="Smethwick",
        postcode="B66 2AB",
        website="https://canalclean.example.org",
        email="hello@canalclean.example.org",
        description="Cleaning services from Smethwick.",
    )
    awarded = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Domestic cleaning services",
        owner=world.lead.organisation,
        value=400000,
        cpv_codes=["90910000-9"],
        procedure="open",
        social_value_clauses="Pay the real Living Wage",
        reference="MRH-C1",
    )
    opportunities.add_part(
        actor=admin,
        opportunity=awarded,
        part="lots",
        number=1,
        title="Wards",
        cpv_code="90911200-8",
        value=280000,
    )
    opportunities.add_part(
        actor=admin,
        opportunity=awarded,
        part="lots",
        number=2,
        title="Offices",
        cpv_code="90919200-4",
        value=120000,
    )
    for status in ("open", "closed"):
        opportunities.change_status(actor=admin, opportunity=awarded, status=status)
    opportunities.change_status(
        actor=admin, opportunity=awarded, status="awarded", awarded_to=supplier, awarded_value=390000
    )
    open_one = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Security services",
        owner=world.lead.organisation,
        value=150000,
        cpv_codes=["79710000-4"],
    )
    opportunities.change_status(actor=admin, opportunity=open_one, status="open")
    grant = opportunities.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="grant",
        title="Community kitchens fund",
        owner=world.lead.organisation,
        amount_max=5000,
        description="Small grants for community kitchens.",
    )
    for status in ("open", "closed"):
        opportunities.change_status(actor=admin, opportunity=grant, status=status)
    opportunities.change_status(
        actor=admin, opportunity=grant, status="awarded", awarded_to=supplier, awarded_value=4500
    )
    return world


@pytest.mark.django_db
def test_contracts_validate_against_ocds_1_1_5(market):
    package_schema = load("ocds-1.1.5-release-package-schema.json")
    release_schema = load("ocds-1.1.5-release-schema.json")
    check = validator(package_schema, Draft4Validator, {release_schema["id"]: release_schema})
    public = json.loads(Client().get(f"/open/{market.programme.slug}/contracts.ocds.json").content)
    assert len(public["releases"]) == 2
    assert errors_of(check, public) == []
    client = Client()
    client.force_login(market.user(Role.PROGRAMME_ADMIN))
    member = json.loads(client.get(f"/p/{market.programme.slug}/exports/contracts.ocds").content)
    assert errors_of(check, member) == []
    # the schema is really applied: a broken release is refused
    public["releases"][0]["tender"]["status"] = "half-done"
    del public["releases"][1]["ocid"]
    assert len(errors_of(check, public)) == 2


@pytest.mark.django_db
def test_grants_validate_against_360giving(market):
    package_schema = load("360giving-package-schema.json")
    grant_schema = load("360giving-schema.json")
    address = package_schema["properties"]["grants"]["items"]["$ref"]
    check = validator(package_schema, Draft4Validator, {address: grant_schema})
    package = json.loads(Client().get(f"/open/{market.programme.slug}/grants.360giving.json").content)
    assert len(package["grants"]) == 1
    assert package["grants"][0]["recipientOrganization"][0]["id"] == "GB-COH-12345678"
    assert errors_of(check, package) == []
    package["grants"][0]["currency"] = "pounds"
    assert errors_of(check, package)


@pytest.mark.django_db
def test_organisations_validate_against_hsds_3_0(market):
    organization = load("hsds-3.0-organization.json")
    identifier = load("hsds-3.0-organization_identifier.json")
    check = validator(
        {**organization, "$id": HSDS_BASE + "organization.json"},
        Draft202012Validator,
        {HSDS_BASE + "organization_identifier.json": identifier},
    )
    client = Client()
    client.force_login(market.user(Role.PARTNER_STAFF))
    listing = json.loads(client.get(f"/p/{market.programme.slug}/exports/organisations.hsds").content)
    assert {item["name"] for item in listing} >= {"Canal Clean CIC", market.lead.organisation.name}
    for item in listing:
        assert errors_of(check, item) == [], item["name"]
    broken = dict(listing[0], id="not-a-uuid")
    del broken["description"]
    assert len(errors_of(check, broken)) == 2
