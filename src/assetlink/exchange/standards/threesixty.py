"""Awarded grants as a 360Giving data package."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import LegalForm, Organisation
from assetlink.programmes.models import Programme

# Org-id.guide lists: English and Welsh charities, UK companies; other organisations get a 360G identifier.
ORG_ID_LISTS = {
    LegalForm.CHARITY: "GB-CHC",
    LegalForm.CIC: "GB-COH",
    LegalForm.GUARANTEE: "GB-COH",
    LegalForm.LIMITED: "GB-COH",
    LegalForm.COMMUNITY_BENEFIT: "GB-MPR",
    LegalForm.COOPERATIVE: "GB-MPR",
}


def organisation_id(organisation: Organisation, prefix: str) -> str:
    """An org-id.guide identifier where the registration number allows one, else a 360G one."""
    scheme = ORG_ID_LISTS.get(LegalForm(organisation.legal_form)) if organisation.legal_form else None
    if scheme and organisation.country == "GB" and organisation.registration_number:
        return f"{scheme}-{organisation.registration_number.replace(' ', '')}"
    return f"{prefix}-org-{organisation.pk}"


def _organisation(organisation: Organisation, prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": organisation_id(organisation, prefix), "name": organisation.name}
    if organisation.city:
        data["addressLocality"] = organisation.city
    if organisation.postcode:
        data["postalCode"] = organisation.postcode
    if organisation.country:
        data["addressCountry"] = organisation.country
    if organisation.website:
        data["url"] = organisation.website
    return data


def grant(opportunity: Opportunity, *, prefix: str) -> dict[str, Any]:
    """One awarded grant."""
    assert opportunity.awarded_to is not None
    funder = opportunity.funder or opportunity.owner
    amount = opportunity.awarded_value if opportunity.awarded_value is not None else opportunity.amount_max
    data: dict[str, Any] = {
        "id": f"{prefix}-{opportunity.programme.slug}-{opportunity.pk}",
        "title": opportunity.title,
        "description": opportunity.description or opportunity.title,
        "currency": opportunity.programme.currency,
        "amountAwarded": float(amount or 0),
        "awardDate": (opportunity.awarded_on or timezone.localdate()).isoformat(),
        "recipientOrganization": [_organisation(opportunity.awarded_to, prefix)],
        "fundingOrganization": [_organisation(funder, prefix)],
        "dateModified": opportunity.updated_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
    }
    if opportunity.area is not None:
        data["beneficiaryLocation"] = [
            {
                "name": opportunity.area.name,
                "geoCode": opportunity.area.code,
                "countryCode": opportunity.programme.country,
            }
        ]
    if opportunity.investment is not None:
        data["grantProgramme"] = [
            {"code": f"investment-{opportunity.investment.pk}", "title": opportunity.investment.name}
        ]
    return data


def grant_package(programme: Programme, grants: list[Opportunity], uri: str) -> dict[str, Any]:
    """The 360Giving package of a programme's awarded grants."""
    prefix = getattr(settings, "ASSETLINK_360G_PREFIX", "360G-assetlink")
    return {
        "grants": [grant(item, prefix=prefix) for item in grants if item.awarded_to is not None],
    }
