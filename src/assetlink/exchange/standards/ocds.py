"""Contracts as an Open Contracting Data Standard (OCDS 1.1) release package."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from assetlink.opportunities.models import Opportunity, OpportunityStatus
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Programme

OCDS_VERSION = "1.1"
TENDER_STATUS = {
    OpportunityStatus.OPEN: "active",
    OpportunityStatus.CLOSED: "complete",
    OpportunityStatus.AWARDED: "complete",
    OpportunityStatus.FILLED: "complete",
}


def _category(cpv_codes: list[str]) -> str | None:
    """OCDS main procurement category from the first CPV code: divisions 45 are works, 50+ services."""
    if not cpv_codes:
        return None
    division = int(cpv_codes[0][:2])
    if division == 45:
        return "works"
    return "services" if division >= 50 else "goods"


def _party(organisation: Organisation, roles: list[str]) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": f"org-{organisation.pk}",
        "name": organisation.name,
        "roles": roles,
        "address": {
            key: value
            for key, value in (
                ("locality", organisation.city),
                ("postalCode", organisation.postcode),
                ("country", organisation.country),
            )
            if value
        },
    }
    if organisation.registration_number:
        party["identifier"] = {"id": organisation.registration_number, "legalName": organisation.name}
    details = {
        key: value
        for key, value in (
            (
                "scale",
                organisation.size_class
                if organisation.size_class in {"micro", "small", "medium", "large"}
                else "",
            ),
        )
        if value
    }
    if details:
        party["details"] = details
    return party


def _value(amount: Any, currency: str) -> dict[str, Any]:
    return {"amount": float(amount), "currency": currency}


def _date_time(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=datetime.UTC).isoformat()


def release(opportunity: Opportunity, *, prefix: str) -> dict[str, Any]:
    """One release describing a contract's tender (and its award, once awarded)."""
    programme = opportunity.programme
    ocid = f"{prefix}-{programme.slug}-{opportunity.pk}"
    currency = programme.currency
    awarded = opportunity.status == OpportunityStatus.AWARDED and opportunity.awarded_to is not None
    parties = [_party(opportunity.owner, ["buyer", "procuringEntity"])]
    if awarded:
        assert opportunity.awarded_to is not None
        parties.append(_party(opportunity.awarded_to, ["supplier", "tenderer"]))
    items = [
        {
            "id": f"lot-{lot.number}",
            "description": lot.title,
            **(
                {
                    "classification": {
                        "scheme": "CPV",
                        "id": lot.cpv_code.split("-")[0],
                        "description": lot.title,
                    }
                }
                if lot.cpv_code
                else {}
            ),
        }
        for lot in opportunity.lots.all()
    ] or [
        {
            "id": f"item-{index}",
            "description": opportunity.title,
            "classification": {"scheme": "CPV", "id": code.split("-")[0]},
        }
        for index, code in enumerate(opportunity.cpv_codes, start=1)
    ]
    tender: dict[str, Any] = {
        "id": opportunity.reference or str(opportunity.pk),
        "title": opportunity.title,
        "description": opportunity.description or opportunity.title,
        "status": TENDER_STATUS.get(OpportunityStatus(opportunity.status), "planning"),
        "items": items,
    }
    if opportunity.value is not None:
        tender["value"] = _value(opportunity.value, currency)
    if opportunity.procedure:
        tender["procurementMethod"] = opportunity.procedure
    category = _category(
        opportunity.cpv_codes or [lot.cpv_code for lot in opportunity.lots.all() if lot.cpv_code]
    )
    if category:
        tender["mainProcurementCategory"] = category
    period = {
        key: _date_time(day)
        for key, day in (("startDate", opportunity.published_on), ("endDate", opportunity.closes_on))
        if day
    }
    if period:
        tender["tenderPeriod"] = period
    if opportunity.clause_list:
        tender["awardCriteriaDetails"] = "Social value: " + "; ".join(opportunity.clause_list)
    data: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{opportunity.status}-{opportunity.updated_at:%Y%m%d%H%M%S}",
        "date": opportunity.updated_at.astimezone(datetime.UTC).isoformat(),
        "tag": ["award"] if awarded else ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": {"id": f"org-{opportunity.owner.pk}", "name": opportunity.owner.name},
        "tender": tender,
    }
    if awarded:
        assert opportunity.awarded_to is not None
        award: dict[str, Any] = {
            "id": f"award-{opportunity.pk}",
            "status": "active",
            "suppliers": [{"id": f"org-{opportunity.awarded_to.pk}", "name": opportunity.awarded_to.name}],
        }
        if opportunity.awarded_on:
            award["date"] = _date_time(opportunity.awarded_on)
        if opportunity.awarded_value is not None:
            award["value"] = _value(opportunity.awarded_value, currency)
        data["awards"] = [award]
    return data


def release_package(programme: Programme, contracts: list[Opportunity], uri: str) -> dict[str, Any]:
    """The release package of a programme's contracts."""
    prefix = getattr(settings, "ASSETLINK_OCID_PREFIX", "ocds-assetlink")
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "publisher": {"name": programme.name},
        "releases": [release(contract, prefix=prefix) for contract in contracts],
    }
