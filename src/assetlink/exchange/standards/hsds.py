"""Organisations in Open Referral's Human Services Data Specification (HSDS 3.0) organization objects."""

from __future__ import annotations

import uuid
from typing import Any

from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Programme

NAMESPACE = uuid.UUID("5b7cf0a4-3c1e-4f61-9e0c-8f2b6c9a1d37")  # assetlink's namespace for HSDS identifiers


def hsds_id(kind: str, pk: int) -> str:
    """A stable UUID for one of our records, as HSDS asks for UUID identifiers."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def organization(organisation: Organisation) -> dict[str, Any]:
    """One organisation as an HSDS organization."""
    data: dict[str, Any] = {
        "id": hsds_id("organisation", organisation.pk),
        "name": organisation.name,
        "description": organisation.description or organisation.get_kind_display(),
    }
    if organisation.email:
        data["email"] = organisation.email
    if organisation.website:
        data["website"] = organisation.website
    if organisation.legal_form:
        data["legal_status"] = organisation.get_legal_form_display()
    if organisation.registration_number:
        data["organization_identifiers"] = [
            {
                "id": hsds_id("organisation-identifier", organisation.pk),
                "identifier_type": "registration number",
                "identifier": organisation.registration_number,
            }
        ]
    return data


def organization_list(
    programme: Programme, organisations: list[Organisation], uri: str
) -> list[dict[str, Any]]:
    """The register's organisations as a list of HSDS organization objects."""
    return [organization(organisation) for organisation in organisations]
