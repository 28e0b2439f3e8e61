"""API for investments and opportunities, with the same lifecycle and visibility as the web pages."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.opportunities import selectors, services
from assetlink.opportunities.models import (
    EmploymentType,
    Investment,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Procedure,
)
from assetlink.organisations.selectors import organisation_in
from assetlink.people.models import CredentialKind
from assetlink.taxonomy.models import CefrLevel, ConceptKind
from assetlink.taxonomy.selectors import concept_by_uri
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["opportunities"])

VIEW_INVESTMENTS = Access("programme", "opportunities.view_investments")
MANAGE_INVESTMENTS = Access("programme", "opportunities.manage_investments")
VIEW_OPPORTUNITIES = Access("programme", "opportunities.view_opportunities")
CREATE = Access("programme", "opportunities.create_opportunity")
VIEW_ONE = Access(
    "programme",
    "opportunities.view_opportunities",
    object_permission="opportunities.view_opportunity",
    load_object=selectors.opportunity_in,
)
CHANGE_ONE = Access(
    "programme",
    "opportunities.view_opportunities",
    object_permission="opportunities.change_opportunity",
    load_object=selectors.opportunity_in,
)


class InvestmentOut(Schema):
    id: int
    name: str
    owner_id: int
    description: str
    budget: Decimal | None
    area_id: int | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    spend_categories: list[str]


class InvestmentIn(Schema):
    name: str
    owner_id: int
    description: str = ""
    budget: Decimal | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    spend_categories: list[str] = []


class RequirementOut(Schema):
    uri: str = Field(..., alias="skill.uri")
    label: str = Field(..., alias="skill.preferred_label")
    is_essential: bool


class CredentialRequirementOut(Schema):
    kind: str
    name: str
    is_required: bool


class LotOut(Schema):
    number: int
    title: str
    value: Decimal | None
    cpv_code: str


class OpportunityOut(Schema):
    id: int
    kind: str
    status: str
    reference: str
    title: str
    description: str
    owner_id: int
    investment_id: int | None
    area_id: int | None
    location: str
    postcode: str
    latitude: float | None
    longitude: float | None
    published_on: datetime.date | None
    closes_on: datetime.date | None
    starts_on: datetime.date | None
    occupation_uri: str | None = Field(None, alias="occupation.uri")
    positions: int
    hours_per_week: Decimal | None
    employment_type: str
    salary_min: Decimal | None
    salary_max: Decimal | None
    pay_band: str
    minimum_language: str
    minimum_language_level: str
    minimum_eqf_level: int | None
    leads_to_kind: str
    leads_to_name: str
    value: Decimal | None
    cpv_codes: list[str]
    procedure: str
    social_value_clauses: list[str] = Field(..., alias="clause_list")
    funder_id: int | None
    amount_min: Decimal | None
    amount_max: Decimal | None
    eligibility: str
    awarded_to_id: int | None
    awarded_value: Decimal | None
    awarded_on: datetime.date | None
    skills: list[RequirementOut] = Field(..., alias="skill_requirements")
    credentials: list[CredentialRequirementOut] = Field(..., alias="credential_requirements")
    lots: list[LotOut]

    @staticmethod
    def resolve_skill_requirements(obj: Opportunity) -> list[Any]:
        return list(obj.skill_requirements.select_related("skill"))

    @staticmethod
    def resolve_credential_requirements(obj: Opportunity) -> list[Any]:
        return list(obj.credential_requirements.all())

    @staticmethod
    def resolve_lots(obj: Opportunity) -> list[Any]:
        return list(obj.lots.all())


class OpportunityFields(Schema):
    title: str | None = None
    reference: str | None = None
    description: str | None = None
    owner_id: int | None = None
    investment_id: int | None = None
    location: str | None = None
    postcode: str | None = None
    closes_on: datetime.date | None = None
    starts_on: datetime.date | None = None
    contact_email: str | None = None
    occupation_uri: str | None = None
    positions: int | None = None
    hours_per_week: Decimal | None = None
    employment_type: EmploymentType | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    pay_band: str | None = None
    minimum_language: str | None = None
    minimum_language_level: CefrLevel | None = None
    minimum_eqf_level: int | None = None
    leads_to_kind: CredentialKind | None = None
    leads_to_name: str | None = Field(None, max_length=100)
    value: Decimal | None = None
    cpv_codes: list[str] | None = None
    procedure: Procedure | None = None
    social_value_clauses: list[str] | None = None
    funder_id: int | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    eligibility: str | None = None


class OpportunityIn(OpportunityFields):
    kind: OpportunityKind
    title: str
    owner_id: int


class StatusIn(Schema):
    status: OpportunityStatus
    awarded_to_id: int | None = None
    awarded_value: Decimal | None = None
    awarded_on: datetime.date | None = None


class PartIn(Schema):
    skill_uri: str | None = None
    is_essential: bool = True
    kind: CredentialKind | None = None
    name: str | None = None
    is_required: bool = True
    number: int | None = None
    title: str | None = None
    value: Decimal | None = None
    cpv_code: str | None = None


TEXT_FIELDS = {
    "reference",
    "description",
    "location",
    "postcode",
    "contact_email",
    "pay_band",
    "minimum_language",
    "minimum_language_level",
    "employment_type",
    "procedure",
    "eligibility",
    "leads_to_kind",
    "leads_to_name",
}


def _fields(programme: Any, payload: Schema, *, partial: bool) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=partial)
    for key in ("owner_id", "funder_id"):
        if key in data:
            value = data.pop(key)
            data[key.removesuffix("_id")] = organisation_in(programme, value) if value else None
    if "investment_id" in data:
        value = data.pop("investment_id")
        data["investment"] = selectors.investment_in(programme, value) if value else None
    if "occupation_uri" in data:
        uri = data.pop("occupation_uri")
        data["occupation"] = concept_by_uri(uri, kind=ConceptKind.OCCUPATION) if uri else None
        if uri and data["occupation"] is None:
            raise ValidationError({"occupation_uri": "No ESCO occupation has this URI."})
    if "social_value_clauses" in data:
        data["social_value_clauses"] = "\n".join(data["social_value_clauses"] or [])
    if data.get("cpv_codes") is None and "cpv_codes" in data:
        data["cpv_codes"] = []
    for key in TEXT_FIELDS:
        if key in data and data[key] is None:
            data[key] = ""
    if "positions" in data and data["positions"] is None:
        data["positions"] = 1
    return data


@router.get("/programmes/{slug}/investments", response=list[InvestmentOut])
@declares(VIEW_INVESTMENTS)
@paginate(LimitOffsetPagination)
def list_investments(request: AuthenticatedHttpRequest, slug: str) -> Any:
    return selectors.investments_of(programme_for(request, slug, VIEW_INVESTMENTS))


@router.get("/programmes/{slug}/investments/{investment_id}", response=InvestmentOut)
@declares(VIEW_INVESTMENTS)
def get_investment(request: AuthenticatedHttpRequest, slug: str, investment_id: int) -> Investment:
    return selectors.investment_in(programme_for(request, slug, VIEW_INVESTMENTS), investment_id)


@router.post("/programmes/{slug}/investments", response={201: InvestmentOut})
@declares(MANAGE_INVESTMENTS)
def create_investment(request: AuthenticatedHttpRequest, slug: str, payload: InvestmentIn) -> Any:
    programme = programme_for(request, slug, MANAGE_INVESTMENTS)
    data = payload.model_dump()
    data["owner"] = organisation_in(programme, data.pop("owner_id"))
    return 201, services.save_investment(actor=request.user, programme=programme, **data)


@router.get("/programmes/{slug}/opportunities", response=list[OpportunityOut])
@declares(VIEW_OPPORTUNITIES)
@paginate(LimitOffsetPagination)
def list_opportunities(
    request: AuthenticatedHttpRequest,
    slug: str,
    kind: OpportunityKind | None = None,
    status: OpportunityStatus | None = None,
) -> Any:
    opportunities = selectors.opportunities_visible_to(
        request.user, programme_for(request, slug, VIEW_OPPORTUNITIES)
    )
    if kind:
        opportunities = opportunities.filter(kind=kind)
    if status:
        opportunities = opportunities.filter(status=status)
    return opportunities.order_by("pk")


@router.get("/programmes/{slug}/opportunities/{opportunity_id}", response=OpportunityOut)
@declares(VIEW_ONE)
def get_opportunity(request: AuthenticatedHttpRequest, slug: str, opportunity_id: int) -> Opportunity:
    programme = programme_for(request, slug, VIEW_ONE, opportunity_id=opportunity_id)
    return selectors.opportunity_in(programme, opportunity_id)


@router.post("/programmes/{slug}/opportunities", response={201: OpportunityOut})
@declares(CREATE)
def create_opportunity(request: AuthenticatedHttpRequest, slug: str, payload: OpportunityIn) -> Any:
    """Create a draft opportunity."""
    programme = programme_for(request, slug, CREATE)
    return 201, services.create_opportunity(
        actor=request.user, programme=programme, **_fields(programme, payload, partial=False)
    )


@router.patch("/programmes/{slug}/opportunities/{opportunity_id}", response=OpportunityOut)
@declares(CHANGE_ONE)
def update_opportunity(
    request: AuthenticatedHttpRequest, slug: str, opportunity_id: int, payload: OpportunityFields
) -> Opportunity:
    programme = programme_for(request, slug, CHANGE_ONE, opportunity_id=opportunity_id)
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return services.update_opportunity(
        actor=request.user, opportunity=opportunity, **_fields(programme, payload, partial=True)
    )


@router.post("/programmes/{slug}/opportunities/{opportunity_id}/status", response=OpportunityOut)
@declares(CHANGE_ONE)
def change_status(
    request: AuthenticatedHttpRequest, slug: str, opportunity_id: int, payload: StatusIn
) -> Opportunity:
    """Move along the lifecycle: draft → open → closed → awarded (naming the organisation) or filled."""
    programme = programme_for(request, slug, CHANGE_ONE, opportunity_id=opportunity_id)
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    return services.change_status(
        actor=request.user,
        opportunity=opportunity,
        status=payload.status,
        awarded_to=organisation_in(programme, payload.awarded_to_id) if payload.awarded_to_id else None,
        awarded_value=payload.awarded_value,
        awarded_on=payload.awarded_on,
    )


@router.post("/programmes/{slug}/opportunities/{opportunity_id}/parts/{part}", response={201: OpportunityOut})
@declares(CHANGE_ONE)
def add_part(
    request: AuthenticatedHttpRequest, slug: str, opportunity_id: int, part: str, payload: PartIn
) -> Any:
    """Add a lot (contracts), a skill requirement (ESCO URI) or a credential requirement."""
    programme = programme_for(request, slug, CHANGE_ONE, opportunity_id=opportunity_id)
    opportunity = selectors.opportunity_in(programme, opportunity_id)
    fields = payload.model_dump(exclude_none=True)
    wanted = {
        "lots": {"number", "title", "value", "cpv_code"},
        "skills": {"skill_uri", "is_essential"},
        "credentials": {"kind", "name", "is_required"},
    }.get(part, set())
    fields = {key: value for key, value in fields.items() if key in wanted}
    if "skill_uri" in fields:
        fields["skill"] = concept_by_uri(fields.pop("skill_uri"), kind=ConceptKind.SKILL)
        if fields["skill"] is None:
            raise ValidationError({"skill_uri": "No ESCO skill has this URI."})
    services.add_part(actor=request.user, opportunity=opportunity, part=part, **fields)
    return 201, opportunity
