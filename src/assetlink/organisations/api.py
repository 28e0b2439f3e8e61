"""API for the organisations that are partners of a programme."""

from typing import Any

from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.organisations import selectors, services
from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["organisations"])

VIEW = Access("programme", "organisations.view_register")
CHANGE = Access(
    "programme",
    "organisations.view_register",
    object_permission="organisations.change_organisation",
    load_object=selectors.organisation_in,
)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    description: str
    website: str
    email: str
    city: str
    country: str
    registration_number: str


class OrganisationPatch(Schema):
    name: str | None = None
    kind: OrganisationKind | None = None
    description: str | None = None
    website: str | None = None
    email: str | None = None
    city: str | None = None
    country: str | None = None
    registration_number: str | None = None


class OrganisationFilter(FilterSchema):
    kind: OrganisationKind | None = Field(None, q="kind")  # type: ignore[call-overload]
    q: str | None = Field(None, q="name__icontains", description="Name contains")  # type: ignore[call-overload]


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
        **payload.model_dump(exclude_unset=True),
    )
