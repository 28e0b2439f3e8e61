"""API of partners' services."""

from typing import Any

from ninja import Field, Schema

from assetlink.journeys import selectors, services
from assetlink.journeys.api.common import router
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

VIEW_SERVICES = Access("programme", "journeys.view_services")


ADD_SERVICE = Access("programme", "journeys.add_service")


class ServiceOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.name")
    name: str
    description: str
    respond_within_days: int
    complete_within_days: int
    is_active: bool


class ServiceIn(Schema):
    name: str
    description: str = ""
    respond_within_days: int = 5
    complete_within_days: int = 30
    is_active: bool = True
    organisation_id: int | None = Field(
        None, description="Programme admins name the partner; staff offer their own"
    )


@router.get("/programmes/{slug}/services", response=list[ServiceOut])
@declares(VIEW_SERVICES)
def list_services(request: AuthenticatedHttpRequest, slug: str) -> Any:
    return selectors.services_of(programme_for(request, slug, VIEW_SERVICES))


@router.post("/programmes/{slug}/services", response={201: ServiceOut})
@declares(ADD_SERVICE)
def add_service(request: AuthenticatedHttpRequest, slug: str, payload: ServiceIn) -> Any:
    from assetlink.organisations.selectors import organisation_in

    programme = programme_for(request, slug, ADD_SERVICE)
    organisation = organisation_in(programme, payload.organisation_id) if payload.organisation_id else None
    service = services.save_service(
        actor=request.user,
        programme=programme,
        organisation=organisation,
        **payload.dict(exclude={"organisation_id"}),
    )
    return 201, service
