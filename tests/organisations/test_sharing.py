"""An organisation one programme holds, seen from another programme: before a link, nothing; after,
the shared profile to read and its own capabilities to record, never the holder's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.exchange.pipeline import run_import
from assetlink.organisations import services
from assetlink.organisations.models import Capability, LinkRequest, Organisation
from assetlink.programmes.models import Role
from tests import factories
from tests.http import api, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    """Birmingham's organisation with a capability Birmingham recorded."""
    world.organisation.name = "Ladywood Kitchen CIC"
    world.organisation.save()
    services.add_part(
        actor=world.user(Role.PROGRAMME_ADMIN),
        organisation=world.organisation,
        part="capabilities",
        programme=world.programme,
        cpv_code="55520000-1",
        description="Hospital catering",
    )
    return world.organisation


def test_registering_a_name_another_programme_holds_reveals_and_changes_nothing(world, other_world, held):
    """The attack of the review: Bilbao staff register Birmingham's organisation by its public name."""
    staff = other_world.user(Role.PARTNER_STAFF)
    before = Organisation.objects.count()
    response = api(
        staff,
        "POST",
        f"/api/v1/programmes/{other_world.programme.slug}/organisations",
        {"name": held.name.upper(), "kind": "sme", "country": "GB", "description": "Taken over"},
    )
    assert response.status_code == 422
    assert f'"{held.pk}"' not in response.text and f": {held.pk}" not in response.text
    assert "Hospital catering" not in response.text
    assert "Ask to link it" in response.text
    assert Organisation.objects.count() == before
    held.refresh_from_db()
    assert held.description == "" and not held.listings.filter(programme=other_world.programme).exists()
    # The page form says the same and keeps what was typed.
    client = Client()
    client.force_login(staff)
    page = client.post(
        f"/p/{other_world.programme.slug}/organisations/new/",
        {"name": held.name, "kind": "sme", "country": "GB", "description": "Typed text"},
    )
    assert page.status_code == 200 and "Ask to link it" in page.text and "Typed text" in page.text
    # Nothing of it can be read from Bilbao, by page or API.
    for path in (
        f"/p/{other_world.programme.slug}/organisations/{held.pk}/",
        f"/p/{other_world.programme.slug}/organisations/{held.pk}/edit/",
    ):
        assert client.get(path).status_code == 404
    assert (
        api(
            staff, "GET", f"/api/v1/programmes/{other_world.programme.slug}/organisations/{held.pk}"
        ).status_code
        == 404
    )
    listing = api(
        staff, "GET", f"/api/v1/programmes/{other_world.programme.slug}/organisations?q={held.name}"
    )
    assert listing.json()["items"] == []


def test_an_import_cannot_reach_another_programmes_organisation(world, other_world, held):
    admin = other_world.user(Role.PROGRAMME_ADMIN)
    data = f"name,kind,country,capabilities\n{held.name},sme,GB,90910000-9 Cleaning\n".encode()
    result = run_import(
        actor=admin,
        programme=other_world.programme,
        kind="organisations",
        data=data,
        file_name="orgs.csv",
        commit=True,
    )
    assert [(error.row, error.field) for error in result.errors] == [(2, "name")]
    assert list(Capability.objects.filter(organisation=held).values_list("description", flat=True)) == [
        "Hospital catering"
    ]


def test_a_link_request_answered_by_the_holder_lists_it_with_what_each_programme_recorded(
    world, other_world, held
):
    bilbao_admin = other_world.user(Role.PROGRAMME_ADMIN)
    link = services.request_link(
        actor=bilbao_admin, programme=other_world.programme, name=held.name, country="GB", note="Caterer"
    )
    # Asking twice keeps one open request; the asker still sees nothing of the record.
    assert (
        services.request_link(
            actor=bilbao_admin, programme=other_world.programme, name=held.name, country="GB"
        )
        == link
    )
    client = Client()
    client.force_login(bilbao_admin)
    sent = client.get(f"/p/{other_world.programme.slug}/organisations/link-requests/").text
    assert held.name in sent and "Waiting for an answer" in sent
    assert client.get(f"/p/{other_world.programme.slug}/organisations/{held.pk}/").status_code == 404
    # Bilbao cannot answer its own request, nor can Birmingham's community researcher.
    with pytest.raises(PermissionDenied):
        services.answer_link_request(actor=bilbao_admin, link=link, accept=True)
    with pytest.raises(PermissionDenied):
        services.answer_link_request(actor=world.user(Role.COMMUNITY_RESEARCHER), link=link, accept=True)
    # The organisation's own people may answer: the enterprise member of Birmingham does, on the page.
    member = Client()
    member.force_login(world.user(Role.ENTERPRISE_MEMBER))
    inbox = member.get(f"/p/{world.programme.slug}/organisations/link-requests/").text
    assert other_world.programme.name in inbox and "Caterer" in inbox
    response = member.post(
        f"/p/{world.programme.slug}/organisations/link-requests/{link.pk}/answer/", {"accept": "1"}
    )
    assert response.status_code == 302
    assert LinkRequest.objects.get(pk=link.pk).accepted is True
    # Bilbao now reads the shared profile, but not Birmingham's capability…
    page = client.get(f"/p/{other_world.programme.slug}/organisations/{held.pk}/")
    assert page.status_code == 200 and held.name in page.text and "Hospital catering" not in page.text
    body = api(
        bilbao_admin, "GET", f"/api/v1/programmes/{other_world.programme.slug}/organisations/{held.pk}"
    )
    assert body.json()["capabilities"] == []
    # …records its own, which Birmingham does not see…
    services.add_part(
        actor=bilbao_admin,
        organisation=held,
        part="capabilities",
        programme=other_world.programme,
        description="Catering for events",
    )
    birmingham = Client()
    birmingham.force_login(world.user(Role.PROGRAMME_ADMIN))
    own_page = birmingham.get(f"/p/{world.programme.slug}/organisations/{held.pk}/").text
    assert "Hospital catering" in own_page and "Catering for events" not in own_page
    # …and cannot remove Birmingham's, nor change the shared profile (page, API or service).
    birmingham_capability = Capability.objects.get(programme=world.programme, organisation=held)
    with pytest.raises(ValidationError):
        services.remove_part(
            actor=bilbao_admin,
            organisation=held,
            part="capabilities",
            item_id=birmingham_capability.pk,
            programme=other_world.programme,
        )
    assert Capability.objects.filter(pk=birmingham_capability.pk).exists()
    assert client.get(f"/p/{other_world.programme.slug}/organisations/{held.pk}/edit/").status_code == 403
    patched = api(
        bilbao_admin,
        "PATCH",
        f"/api/v1/programmes/{other_world.programme.slug}/organisations/{held.pk}",
        {"description": "Taken over"},
    )
    assert patched.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_organisation(actor=bilbao_admin, organisation=held, description="Taken over")
    held.refresh_from_db()
    assert held.description == ""
    # The holder still edits it; its own people too.
    services.update_organisation(
        actor=world.user(Role.PROGRAMME_ADMIN), organisation=held, description="Local caterer"
    )
    services.update_organisation(actor=world.user(Role.ENTERPRISE_MEMBER), organisation=held, employees=12)
    held.refresh_from_db()
    assert (held.description, held.employees) == ("Local caterer", 12)


def test_a_declined_request_leaves_the_asker_without_the_record(world, other_world, held):
    link = services.request_link(
        actor=other_world.user(Role.PARTNER_STAFF),
        programme=other_world.programme,
        name=held.name,
        country="GB",
    )
    services.answer_link_request(actor=world.user(Role.PROGRAMME_ADMIN), link=link, accept=False)
    with pytest.raises(ValidationError):
        services.answer_link_request(actor=world.user(Role.PROGRAMME_ADMIN), link=link, accept=True)
    assert not held.listings.filter(programme=other_world.programme).exists()
    client = Client()
    client.force_login(other_world.user(Role.PARTNER_STAFF))
    assert client.get(f"/p/{other_world.programme.slug}/organisations/{held.pk}/").status_code == 404
    assert "Declined" in client.get(f"/p/{other_world.programme.slug}/organisations/link-requests/").text


def test_partners_of_another_programme_are_added_only_once_linked(world, other_world, held):
    from assetlink.programmes.services import add_partner

    with pytest.raises(ValidationError) as error:
        add_partner(
            actor=other_world.user(Role.PROGRAMME_ADMIN),
            programme=other_world.programme,
            organisation=held,
            role="delivery",
        )
    assert "organisation" in error.value.message_dict
    assert held.partnerships.count() == 1


def test_the_holder_is_told_of_a_request(world, other_world, held):
    services.request_link(
        actor=other_world.user(Role.PROGRAMME_ADMIN),
        programme=other_world.programme,
        name=held.name,
        country="GB",
    )
    told = {
        user.email
        for user in (world.user(role) for role in Role)
        if user.notifications.filter(kind="link_requested").exists()
    }
    # The holding programme's admin and the people acting for the organisation; nobody else.
    assert told == {
        world.user(Role.PROGRAMME_ADMIN).email,
        world.user(Role.PARTNER_STAFF).email,
        world.user(Role.ENTERPRISE_MEMBER).email,
    }
    stranger = factories.make_member(
        world.programme, Role.PARTNER_STAFF, factories.make_partner(world.programme).organisation
    )
    assert not stranger.notifications.exists()


def test_every_route_of_a_linked_organisation_from_both_programmes(world, other_world, held):
    """Once linked, each programme reaches the organisation's every page and API route as its own rules
    say — reading, recording its own capabilities — and the linking programme never gets the edit of the
    shared profile that the holder has."""
    from tests.web.test_permission_matrix import api_operations, fill, url_patterns

    link = services.request_link(
        actor=other_world.user(Role.PROGRAMME_ADMIN),
        programme=other_world.programme,
        name=held.name,
        country="GB",
    )
    services.answer_link_request(actor=world.user(Role.PROGRAMME_ADMIN), link=link, accept=True)
    capability = Capability.objects.get(organisation=held, programme=world.programme)
    web = [(route, pattern) for route, pattern in url_patterns() if "<int:organisation_id>" in route]
    api_routes = [(m, route, view) for m, route, view in api_operations() if "{organisation_id}" in route]
    assert len(web) >= 5 and len(api_routes) >= 3
    edit_allowed = {}
    for side in (other_world, world):
        values = {
            "slug": side.programme.slug,
            "organisation_id": held.pk,
            "part": "capabilities",
            "item_id": capability.pk,
        }
        admin = side.user(Role.PROGRAMME_ADMIN)
        for route, _pattern in web:
            path, _kwargs = fill(route, values)
            status = signed_in(admin).get(path).status_code
            if status == 405:
                status = signed_in(admin).post(path).status_code
            # Only the holder changes the organisation's identity; each side keeps its own parts.
            allowed = side is world or not route.endswith("/edit/")
            expected = {200, 302, 422} if allowed else {403}
            assert status in expected, f"{side.programme.slug} {route}: {status}"
            if route.endswith("/edit/"):
                edit_allowed[side.programme.slug] = allowed
        for method, route, _view in api_routes:
            path, _kwargs = fill(route, values)
            body = {"description": "Both sides"} if method != "GET" else None
            status = api(admin, method, path, body).status_code
            allowed = side is world or method != "PATCH"
            expected = {200, 201} if allowed else {403}
            assert status in expected, f"{side.programme.slug} {method} {route}: {status}"
        if side is other_world:
            # Its remove route did not reach the holder's capability (the holder's own walk removes it).
            assert Capability.objects.filter(pk=capability.pk).exists()
    assert edit_allowed == {world.programme.slug: True, other_world.programme.slug: False}
