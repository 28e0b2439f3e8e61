"""Investments and opportunities as CSV or XLSX; contracts as OCDS; awarded grants as 360Giving."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from assetlink.exchange.exports import Column, ListExport
from assetlink.exchange.standards.ocds import release_package
from assetlink.exchange.standards.threesixty import grant_package
from assetlink.opportunities.models import Opportunity, OpportunityKind, OpportunityStatus
from assetlink.opportunities.selectors import investments_of, opportunities_visible_to


def published_contracts(user: Any, programme: Any) -> QuerySet[Opportunity]:
    """Contracts past their draft, as they may be published (drafts are never exported)."""
    return (
        opportunities_visible_to(user, programme)
        .filter(kind=OpportunityKind.CONTRACT)
        .exclude(status=OpportunityStatus.DRAFT)
        .select_related("owner", "awarded_to", "programme")
        .prefetch_related("lots")
        .order_by("pk")
    )


def awarded_grants(user: Any, programme: Any) -> QuerySet[Opportunity]:
    return (
        opportunities_visible_to(user, programme)
        .filter(kind=OpportunityKind.GRANT, status=OpportunityStatus.AWARDED, awarded_to__isnull=False)
        .select_related("owner", "funder", "awarded_to", "area", "investment", "programme")
        .order_by("pk")
    )


INVESTMENTS = ListExport(
    name="investments",
    title="Investments",
    permission="opportunities.view_investments",
    rows=lambda user, programme: investments_of(programme).order_by("name"),
    columns=[
        Column("name", lambda i: i.name),
        Column("owner", lambda i: i.owner.name),
        Column("budget", lambda i: i.budget),
        Column("area_code", lambda i: i.area.code if i.area else ""),
        Column("starts_on", lambda i: i.starts_on),
        Column("ends_on", lambda i: i.ends_on),
        Column("spend_categories", lambda i: i.spend_categories),
    ],
)

OPPORTUNITIES = ListExport(
    name="opportunities",
    title="Opportunities",
    permission="opportunities.view_opportunities",
    rows=lambda user, programme: opportunities_visible_to(user, programme).order_by("kind", "title"),
    columns=[
        Column("reference", lambda o: o.reference),
        Column("kind", lambda o: o.kind),
        Column("status", lambda o: o.status),
        Column("title", lambda o: o.title),
        Column("owner", lambda o: o.owner.name),
        Column("investment", lambda o: o.investment.name if o.investment else ""),
        Column("occupation_uri", lambda o: o.occupation.uri if o.occupation else ""),
        Column("occupation", lambda o: o.occupation.preferred_label if o.occupation else ""),
        Column("positions", lambda o: o.positions),
        Column("hours_per_week", lambda o: o.hours_per_week),
        Column("salary_min", lambda o: o.salary_min),
        Column("salary_max", lambda o: o.salary_max),
        Column("pay_band", lambda o: o.pay_band),
        Column("value", lambda o: o.value),
        Column("cpv_codes", lambda o: o.cpv_codes),
        Column("amount_min", lambda o: o.amount_min),
        Column("amount_max", lambda o: o.amount_max),
        Column("area_code", lambda o: o.area.code if o.area else ""),
        Column("published_on", lambda o: o.published_on),
        Column("closes_on", lambda o: o.closes_on),
        Column("awarded_to", lambda o: o.awarded_to.name if o.awarded_to else ""),
        Column("awarded_value", lambda o: o.awarded_value),
    ],
)

CONTRACTS = ListExport(
    name="contracts",
    title="Contracts",
    permission="opportunities.view_opportunities",
    rows=published_contracts,
    documents={"ocds": ("application/json", "ocds.json", release_package)},
)

GRANTS = ListExport(
    name="grants",
    title="Grants",
    permission="opportunities.view_opportunities",
    rows=awarded_grants,
    documents={"360giving": ("application/json", "360giving.json", grant_package)},
)
