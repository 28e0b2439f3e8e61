"""The API: valid OpenAPI 3, token authentication and revocation, pagination and filters."""

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from assetlink.accounts.models import ApiToken
from assetlink.accounts.services import create_api_token, revoke_api_token
from assetlink.programmes.models import Role
from tests import factories


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_openapi_document_is_valid_openapi_3(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate(document)
    assert "/api/v1/programmes/{slug}/partners" in document["paths"]


def test_token_works_until_revoked(world, admin):
    token, secret = create_api_token(actor=admin, name="report script")
    assert Client().get("/api/v1/me", **bearer(secret)).json()["email"] == admin.email
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    revoke_api_token(actor=admin, token=token)
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 401


def test_token_of_a_deactivated_user_is_refused(world, admin):
    _token, secret = create_api_token(actor=admin, name="report script")
    admin.is_active = False
    admin.save()
    assert Client().get("/api/v1/programmes", **bearer(secret)).status_code == 401


def test_made_up_token_is_refused(db):
    assert Client().get("/api/v1/me", **bearer("al_not-a-real-token")).status_code == 401


def test_partners_are_paginated_and_filtered(world, admin):
    _token, secret = create_api_token(actor=admin, name="t")
    page = (
        Client().get(f"/api/v1/programmes/{world.programme.slug}/partners?limit=1", **bearer(secret)).json()
    )
    assert page["count"] == 2 and len(page["items"]) == 1
    leads = (
        Client().get(f"/api/v1/programmes/{world.programme.slug}/partners?role=lead", **bearer(secret)).json()
    )
    assert [item["id"] for item in leads["items"]] == [world.lead.pk]


def test_programme_list_shows_only_the_callers_programmes(world, other_world, admin):
    _token, secret = create_api_token(actor=admin, name="t")
    slugs = [p["slug"] for p in Client().get("/api/v1/programmes", **bearer(secret)).json()["items"]]
    assert slugs == [world.programme.slug]


def test_create_partner_validation_error_names_the_field(world, admin):
    _token, secret = create_api_token(actor=admin, name="t")
    body = {"organisation_name": world.organisation.name, "kind": "sme", "country": "GB", "role": "lead"}
    response = Client().post(
        f"/api/v1/programmes/{world.programme.slug}/partners",
        data=json.dumps(body),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 422
    assert "organisation" in response.json()["detail"] or "role" in response.json()["detail"]


def test_enterprise_member_updates_own_organisation_only(world, other_world):
    member = world.user(Role.ENTERPRISE_MEMBER)
    _token, secret = create_api_token(actor=member, name="t")
    url = f"/api/v1/programmes/{world.programme.slug}/organisations/{world.organisation.pk}"
    response = Client().patch(
        url, data=json.dumps({"city": "Smethwick"}), content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 200 and response.json()["city"] == "Smethwick"
    lead_url = f"/api/v1/programmes/{world.programme.slug}/organisations/{world.lead.organisation_id}"
    assert (
        Client().patch(lead_url, data="{}", content_type="application/json", **bearer(secret)).status_code
        == 403
    )


@pytest.mark.django_db
def test_list_filters_narrow_the_results(world, admin):
    from assetlink.accounts.services import create_api_token

    _token, secret = create_api_token(actor=admin, name="filters")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    # The admin belongs to a second programme, in another country: each filter must narrow two to one.
    bilbao = factories.make_programme("bilbao-filters", name="Bilbao filters", city="Bilbao", country="ES")
    factories.make_member(bilbao, Role.PROGRAMME_ADMIN, user=admin)

    def slugs(query: str) -> list[str]:
        return sorted(
            item["slug"] for item in client.get(f"/api/v1/programmes{query}", **headers).json()["items"]
        )

    assert slugs("") == sorted([world.programme.slug, "bilbao-filters"])
    assert slugs("?country=gb") == [world.programme.slug]
    assert slugs("?country=es") == ["bilbao-filters"]
    assert slugs("?q=bilbao") == ["bilbao-filters"]
    assert slugs("?q=zzz") == []
    base = f"/api/v1/programmes/{world.programme.slug}/organisations"
    anchor = factories.make_organisation(
        "Matrix Hospital", kind="anchor_institution", held_by=world.programme
    )
    factories.make_partner(world.programme, anchor)

    def ids(query: str) -> list[int]:
        return sorted(item["id"] for item in client.get(f"{base}{query}", **headers).json()["items"])

    everything = ids("")
    assert len(everything) >= 3 and {world.organisation.pk, anchor.pk} <= set(everything)
    assert ids(f"?q={world.organisation.name}") == [world.organisation.pk]
    assert ids("?kind=anchor_institution") == [anchor.pk]
    assert world.organisation.pk in ids(f"?kind={world.organisation.kind}")
    assert ids("?kind=funder") == []
