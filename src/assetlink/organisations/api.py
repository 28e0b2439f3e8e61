"""API for the organisations that are partners of a programme."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.organisations import selectors, services
from assetlink.organisations.models import (
    CertificateKind,
    LegalForm,
    LinkRequest,
    Organisation,
    OrganisationKind,
    Ownership,
    TurnoverBand,
)
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["organisations"])

VIEW = Access("programme", "organisations.view_register")
ADD = Access("programme", "organisations.add_to_register")
CHANGE = Access(
    "programme",
    "organisations.view_register",
    object_permission="organisations.change_organisation",
    load_object=selectors.organisation_in,
)
RECORD = Access(
    "programme",
    "organisations.view_register",
    object_permission="organisations.change_register_entry",
    load_object=selectors.register_entry_in,
)
ANSWER = Access(
    "programme",
    "organisations.view_register",
    object_permission="organisations.answer_link_request",
    load_object=selectors.link_request_to_answer,
)


class CapabilityOut(Schema):
    id: int
    cpv_code: str
    description: str


class CertificateOut(Schema):
    id: int
    kind: str
    name: str
    cover: Decimal | None
    expires_on: datetime.date | None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    description: str
    website: str
    email: str
    city: str
    postcode: str
    country: str
    registration_number: str
    legal_form: str
    sectors: list[str]
    employees: int | None
    size_class: str
    turnover_band: str
    ownership: str
    area_id: int | None
    pays_real_living_wage: bool
    local_employee_share: int | None
    max_contract_value: Decimal | None
    max_contract_currency: str
    capabilities: list[CapabilityOut]
    certificates: list[CertificateOut]

    @staticmethod
    def resolve_capabilities(obj: Organisation) -> list[Any]:
        return list(obj.capabilities.all())

    @staticmethod
    def resolve_certificates(obj: Organisation) -> list[Any]:
        return list(obj.certificates.all())


class OrganisationPatch(Schema):
    name: str | None = None
    kind: OrganisationKind | None = None
    description: str | None = None
    website: str | None = None
    email: str | None = None
    city: str | None = None
    postcode: str | None = None
    country: str | None = None
    registration_number: str | None = None
    legal_form: LegalForm | None = None
    sectors: list[str] | None = None
    employees: int | None = None
    turnover_band: TurnoverBand | None = None
    ownership: Ownership | None = None
    pays_real_living_wage: bool | None = None
    local_employee_share: int | None = None
    max_contract_value: Decimal | None = None
    max_contract_currency: str | None = None


class OrganisationIn(OrganisationPatch):
    name: str
    kind: OrganisationKind
    country: str


class PartIn(Schema):
    cpv_code: str = ""
    description: str = ""
    kind: CertificateKind | None = None
    name: str = ""
    cover: Decimal | None = None
    expires_on: datetime.date | None = None


TEXT_FIELDS = {
    "description",
    "website",
    "email",
    "city",
    "postcode",
    "registration_number",
    "legal_form",
    "turnover_band",
    "ownership",
    "max_contract_currency",
}


def _fields(payload: Schema, *, partial: bool) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=partial)
    for key in TEXT_FIELDS:
        if key in data and data[key] is None:
            data[key] = ""
    if "sectors" in data and data["sectors"] is None:
        data["sectors"] = []
    if "pays_real_living_wage" in data and data["pays_real_living_wage"] is None:
        data.pop("pays_real_living_wage")
    return data


class OrganisationFilter(FilterSchema):
    kind: Annotated[OrganisationKind | None, FilterLookup("kind")] = None
    q: Annotated[str | None, FilterLookup("name__icontains"), Field(description="Name contains")] = None


@router.get("/programmes/{slug}/organisations", response=list[OrganisationOut])
@declares(VIEW)
@paginate(LimitOffsetPagination)
def list_organisations(
    request: AuthenticatedHttpRequest, slug: str, filters: Query[OrganisationFilter]
) -> Any:
    return filters.filter(selectors.organisations_of(programme_for(request, slug, VIEW)))


@router.get("/programmes/{slug}/organisations/{organisation_id}", response=OrganisationOut)
@declares(VIEW)
def get_organisation(request: AuthenticatedHttpRequest, slug: str, organisation_id: int) -> Organisation:
    return selectors.organisation_in(programme_for(request, slug, VIEW), organisation_id)


@router.patch("/programmes/{slug}/organisations/{organisation_id}", response=OrganisationOut)
@declares(CHANGE)
def update_organisation(
    request: AuthenticatedHttpRequest, slug: str, organisation_id: int, payload: OrganisationPatch
) -> Organisation:
    programme = programme_for(request, slug, CHANGE, organisation_id=organisation_id)
    organisation = selectors.organisation_in(programme, organisation_id)
    return services.update_organisation(
        actor=request.user,
        organisation=organisation,
        programme=programme,
        **_fields(payload, partial=True),
    )


@router.post("/programmes/{slug}/organisations", response={201: OrganisationOut})
@declares(ADD)
def register_organisation(request: AuthenticatedHttpRequest, slug: str, payload: OrganisationIn) -> Any:
    """Put an organisation in the register: the register's own under this name and country, or a new one
    held by this programme; one another programme holds is refused with 422 (ask to link it)."""
    programme = programme_for(request, slug, ADD)
    return 201, services.register_organisation(
        actor=request.user, programme=programme, **_fields(payload, partial=False)
    )


@router.post(
    "/programmes/{slug}/organisations/{organisation_id}/parts/{part}", response={201: OrganisationOut}
)
@declares(RECORD)
def add_part(
    request: AuthenticatedHttpRequest, slug: str, organisation_id: int, part: str, payload: PartIn
) -> Any:
    """Record a capability (CPV code and description) or a certificate or insurance, as this programme's."""
    programme = programme_for(request, slug, RECORD, organisation_id=organisation_id)
    organisation = selectors.organisation_in(programme, organisation_id)
    wanted = {
        "capabilities": {"cpv_code", "description"},
        "certificates": {"kind", "name", "cover", "expires_on"},
    }
    fields = {key: value for key, value in payload.model_dump().items() if key in wanted.get(part, set())}
    services.add_part(actor=request.user, organisation=organisation, part=part, programme=programme, **fields)
    return 201, selectors.organisation_in(programme, organisation_id)


class LinkRequestIn(Schema):
    name: str = Field(..., max_length=200)
    country: str = Field(..., min_length=2, max_length=2)
    note: str = ""


class LinkRequestOut(Schema):
    id: int
    name_given: str
    requested_at: datetime.datetime
    state: str

    @staticmethod
    def resolve_state(obj: LinkRequest) -> str:
        return "open" if obj.accepted is None else "accepted" if obj.accepted else "declined"


class LinkRequestToAnswerOut(LinkRequestOut):
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.name")
    programme_name: str = Field(..., alias="programme.name")
    note: str


class LinkAnswerIn(Schema):
    accept: bool


@router.get("/programmes/{slug}/link-requests", response=list[LinkRequestOut])
@declares(VIEW)
@paginate(LimitOffsetPagination)
def list_link_requests(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Requests this programme sent to link organisations that other programmes hold."""
    return selectors.link_requests_sent(programme_for(request, slug, VIEW))


@router.get("/programmes/{slug}/link-requests/to-answer", response=list[LinkRequestToAnswerOut])
@declares(VIEW)
@paginate(LimitOffsetPagination)
def list_link_requests_to_answer(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """Other programmes' open requests to list an organisation that the caller answers for."""
    return selectors.link_requests_to_answer(request.user, programme_for(request, slug, VIEW))


@router.post("/programmes/{slug}/link-requests", response={201: LinkRequestOut})
@declares(ADD)
def request_link(request: AuthenticatedHttpRequest, slug: str, payload: LinkRequestIn) -> Any:
    """Ask the holders of an organisation that another programme holds to let this programme list it."""
    programme = programme_for(request, slug, ADD)
    return 201, services.request_link(actor=request.user, programme=programme, **payload.model_dump())


@router.post("/programmes/{slug}/link-requests/{link_request_id}/answer", response=LinkRequestOut)
@declares(ANSWER)
def answer_link_request(
    request: AuthenticatedHttpRequest, slug: str, link_request_id: int, payload: LinkAnswerIn
) -> Any:
    programme = programme_for(request, slug, ANSWER, link_request_id=link_request_id)
    link = selectors.link_request_to_answer(programme, link_request_id)
    return services.answer_link_request(actor=request.user, link=link, accept=payload.accept)
