"""The organisation register: listing non-partners, capability profiles, who may change them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.organisations import selectors, services
from assetlink.places import services as places
from assetlink.places.models import Area, PostcodeArea
from assetlink.programmes.models import Role
from tests import factories


@pytest.mark.django_db
def test_staff_list_a_social_enterprise_and_it_joins_the_register_only_there(world, other_world):
    staff = world.user(Role.PARTNER_STAFF)
    organisation = services.register_organisation(
        actor=staff,
        programme=world.programme,
        name="Greenway Laundry CIC",
        kind="social_enterprise",
        country="gb",
        legal_form="cic",
        employees=12,
        sectors=["96.01"],
        ownership="community",
        pays_real_living_wage=True,
        local_employee_share=80,
        max_contract_value=250000,
        max_contract_currency="gbp",
    )
    assert organisation in selectors.organisations_of(world.programme)
    assert organisation not in selectors.organisations_of(other_world.programme)
    assert organisation.size_class == "small" and organisation.max_contract_currency == "GBP"
    # registering the same name again finds it rather than creating a second
    again = services.register_organisation(
        actor=staff,
        programme=world.programme,
        name="Greenway Laundry CIC",
        kind="social_enterprise",
        country="GB",
    )
    assert again.pk == organisation.pk


@pytest.mark.django_db
def test_profile_values_are_checked(world, admin):
    with pytest.raises(ValidationError, match="NACE"):
        services.register_organisation(
            actor=admin, programme=world.programme, name="X", kind="sme", country="GB", sectors=["catering"]
        )
    with pytest.raises(ValidationError, match="currency"):
        services.register_organisation(
            actor=admin,
            programme=world.programme,
            name="Y",
            kind="sme",
            country="GB",
            max_contract_value=1000,
        )
    with pytest.raises(ValidationError, match="CPV code"):
        services.add_part(
            actor=admin,
            organisation=world.organisation,
            part="capabilities",
            programme=world.programme,
            cpv_code="5552",
            description="Catering",
        )


@pytest.mark.django_db
def test_capabilities_and_certificates_through_the_profile_page(world):
    member = world.user(Role.ENTERPRISE_MEMBER)  # acts for world.organisation
    client = Client()
    client.force_login(member)
    base = f"/p/{world.programme.slug}/organisations/{world.organisation.pk}/"
    response = client.post(
        base + "capabilities/add/",
        {"capabilities-cpv_code": "55520000-1", "capabilities-description": "Hospital catering"},
    )
    assert response.status_code == 302
    response = client.post(
        base + "certificates/add/",
        {
            "certificates-kind": "insurance",
            "certificates-name": "Public liability insurance",
            "certificates-cover": "5000000",
            "certificates-expires_on": "2027-03-31",
        },
    )
    assert response.status_code == 302
    page = client.get(base).text
    assert "Hospital catering" in page and "Public liability insurance" in page


@pytest.mark.django_db
def test_people_of_another_organisation_cannot_change_a_profile(world):
    other = factories.make_member(
        world.programme, Role.ENTERPRISE_MEMBER, factories.make_partner(world.programme).organisation
    )
    with pytest.raises(PermissionDenied):
        services.add_part(
            actor=other,
            organisation=world.organisation,
            part="capabilities",
            programme=world.programme,
            description="x",
        )
    client = Client()
    client.force_login(other)
    assert (
        client.get(f"/p/{world.programme.slug}/organisations/{world.organisation.pk}/edit/").status_code
        == 403
    )
    client.force_login(world.user(Role.PARTICIPANT))
    assert client.get(f"/p/{world.programme.slug}/organisations/").status_code == 403


@pytest.mark.django_db
def test_a_space_takes_its_area_and_position_from_its_postcode(world, admin):
    area = Area.objects.create(
        programme=world.programme, code="A1", name="Soho", latitude=52.5, longitude=-1.95
    )
    PostcodeArea.objects.create(programme=world.programme, postcode="B18", area=area)
    space = places.save_space(
        actor=admin,
        programme=world.programme,
        name="Soho Road hall",
        kind="hall",
        postcode="b18 4ab",
        step_free=True,
        terms="hourly",
    )
    assert space.area == area and (space.latitude, space.longitude) == (52.5, -1.95)
    client = Client()
    client.force_login(world.user(Role.PARTICIPANT))
    assert "Soho Road hall" in client.get(f"/p/{world.programme.slug}/areas/spaces/?step_free=1").text
    with pytest.raises(PermissionDenied):
        places.save_space(
            actor=world.user(Role.PARTICIPANT), programme=world.programme, name="x", kind="hall"
        )
