"""A job as schema.org JobPosting (JSON-LD), as search engines and job boards read it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assetlink.opportunities.models import EmploymentType, Opportunity

FULL_TIME_HOURS = Decimal("35")


def _employment_types(opportunity: Opportunity) -> list[str]:
    kinds = []
    if opportunity.hours_per_week is not None:
        kinds.append("FULL_TIME" if opportunity.hours_per_week >= FULL_TIME_HOURS else "PART_TIME")
    if opportunity.employment_type in {EmploymentType.FIXED_TERM, EmploymentType.BANK}:
        kinds.append("TEMPORARY")
    if opportunity.employment_type in {EmploymentType.APPRENTICESHIP, EmploymentType.PLACEMENT}:
        kinds.append("INTERN")
    if opportunity.kind == "volunteering":
        kinds.append("VOLUNTEER")
    return kinds or ["OTHER"]


def job_posting(opportunity: Opportunity, *, url: str) -> dict[str, Any]:
    """The JSON-LD object of one job (or training or volunteering place)."""
    organisation = opportunity.owner
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": opportunity.description or opportunity.title,
        "identifier": {
            "@type": "PropertyValue",
            "name": organisation.name,
            "value": opportunity.reference or str(opportunity.pk),
        },
        "hiringOrganization": {"@type": "Organization", "name": organisation.name},
        "employmentType": _employment_types(opportunity),
        "totalJobOpenings": opportunity.positions,
        "url": url,
        "directApply": False,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": opportunity.location or opportunity.programme.city,
                "addressCountry": opportunity.programme.country,
                **({"postalCode": opportunity.postcode} if opportunity.postcode else {}),
            },
            **(
                {
                    "geo": {
                        "@type": "GeoCoordinates",
                        "latitude": opportunity.latitude,
                        "longitude": opportunity.longitude,
                    }
                }
                if opportunity.latitude is not None and opportunity.longitude is not None
                else {}
            ),
        },
    }
    if organisation.website:
        posting["hiringOrganization"]["sameAs"] = organisation.website
    if opportunity.published_on:
        posting["datePosted"] = opportunity.published_on.isoformat()
    if opportunity.closes_on:
        posting["validThrough"] = f"{opportunity.closes_on.isoformat()}T23:59:59"
    if opportunity.starts_on:
        posting["jobStartDate"] = opportunity.starts_on.isoformat()
    if opportunity.hours_per_week is not None:
        posting["workHours"] = f"{opportunity.hours_per_week.normalize():f} hours a week"
    if opportunity.salary_min is not None or opportunity.salary_max is not None:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "YEAR"}
        if opportunity.salary_min is not None:
            value["minValue"] = float(opportunity.salary_min)
        if opportunity.salary_max is not None:
            value["maxValue"] = float(opportunity.salary_max)
        posting["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": opportunity.programme.currency,
            "value": value,
        }
    if opportunity.occupation is not None:
        posting["occupationalCategory"] = opportunity.occupation.preferred_label
        posting["relevantOccupation"] = {
            "@type": "Occupation",
            "name": opportunity.occupation.preferred_label,
            "sameAs": opportunity.occupation.uri,
        }
    skills = [
        requirement.skill.preferred_label
        for requirement in opportunity.skill_requirements.select_related("skill")
    ]
    if skills:
        posting["skills"] = ", ".join(skills)
    credentials = [
        requirement.name for requirement in opportunity.credential_requirements.filter(is_required=True)
    ]
    if credentials:
        posting["qualifications"] = "; ".join(credentials)
    return posting
