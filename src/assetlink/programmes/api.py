"""API for programmes, partners and work packages."""

import datetime
from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.organisations.models import OrganisationKind
from assetlink.programmes import selectors, services
from assetlink.programmes.models import Partner, PartnerRole, Programme, WorkPackage
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["programmes"])

VIEW_PROGRAMME = Access("programme", "programmes.view_programme")
CHANGE_PROGRAMME = Access("programme", "programmes.change_programme")
VIEW_PARTNERS = Access("programme", "programmes.view_partners")
MANAGE_PARTNERS = Access("programme", "programmes.manage_partners")
VIEW_WORK_PACKAGES = Access("programme", "programmes.view_work_packages")
MANAGE_WORK_PACKAGES = Access("programme", "programmes.manage_work_packages")


class ProgrammeOut(Schema):
    slug: str
    name: str
    city: str
    country: str
    languages: list[str]
    currency: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    description: str


class ProgrammePatch(Schema):
    name: str | None = None
    city: str | None = None
    country: str | None = None
    languages: list[str] | None = None
    currency: str | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    description: str | None = None


class ProgrammeFilter(FilterSchema):
    q: Annotated[
        str | None,
        FilterLookup(["name__icontains", "city__icontains"]),
        Field(description="Name or city contains"),
    ] = None
    country: Annotated[str | None, FilterLookup("country__iexact")] = None


class PartnerOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.name")
    organisation_kind: str = Field(..., alias="organisation.kind")
    role: str
    joined_on: datetime.date
    left_on: datetime.date | None


class PartnerIn(Schema):
    organisation_name: str
    kind: OrganisationKind
    country: str = Field(..., min_length=2, max_length=2)
    role: PartnerRole
    joined_on: datetime.date | None = None


class PartnerFilter(Schema):
    role: PartnerRole | None = None
    q: str | None = Field(None, description="Organisation name contains")
    current: bool = Field(False, description="Only partners that have not left")


class WorkPackageOut(Schema):
    id: int
    code: str
    title: str
    objectives: str
    lead_partner_id: int
    delivery_partner_ids: list[int]

    @staticmethod
    def resolve_delivery_partner_ids(obj: WorkPackage) -> list[int]:
        return [partner.pk for partner in obj.delivery_partners.all()]


class WorkPackageIn(Schema):
    code: str = Field(..., max_length=20)
    title: str = Field(..., max_length=200)
    objectives: str = ""
    lead_partner_id: int
    delivery_partner_ids: list[int] = []


class WorkPackageFilter(Schema):
    q: str | None = Field(None, description="Code or title contains")
    partner_id: int | None = Field(None, description="Led or delivered by this partner")


@router.get("/programmes", response=list[ProgrammeOut])
@declares(Access("signed_in"))
@paginate(LimitOffsetPagination)
def list_programmes(request: AuthenticatedHttpRequest, filters: Query[ProgrammeFilter]) -> Any:
    """Programmes the caller belongs to."""
    return filters.filter(selectors.programmes_for(request.user))


@router.get("/programmes/{slug}", response=ProgrammeOut)
@declares(VIEW_PROGRAMME)
def get_programme(request: AuthenticatedHttpRequest, slug: str) -> Programme:
    return programme_for(request, slug, VIEW_PROGRAMME)


@router.patch("/programmes/{slug}", response=ProgrammeOut)
@declares(CHANGE_PROGRAMME)
def update_programme(request: AuthenticatedHttpRequest, slug: str, payload: ProgrammePatch) -> Programme:
    programme = programme_for(request, slug, CHANGE_PROGRAMME)
    return services.update_programme(
        actor=request.user, programme=programme, **payload.model_dump(exclude_unset=True)
    )


@router.get("/programmes/{slug}/partners", response=list[PartnerOut])
@declares(VIEW_PARTNERS)
@paginate(LimitOffsetPagination)
def list_partners(request: AuthenticatedHttpRequest, slug: str, filters: Query[PartnerFilter]) -> Any:
    programme = programme_for(request, slug, VIEW_PARTNERS)
    return selectors.partners_of(
        programme, role=filters.role or "", search=filters.q or "", current_only=filters.current
    )


@router.get("/programmes/{slug}/partners/{partner_id}", response=PartnerOut)
@declares(VIEW_PARTNERS)
def get_partner(request: AuthenticatedHttpRequest, slug: str, partner_id: int) -> Partner:
    return selectors.partner_in(programme_for(request, slug, VIEW_PARTNERS), partner_id)


@router.post("/programmes/{slug}/partners", response={201: PartnerOut})
@declares(MANAGE_PARTNERS)
def create_partner(request: AuthenticatedHttpRequest, slug: str, payload: PartnerIn) -> tuple[int, Partner]:
    programme = programme_for(request, slug, MANAGE_PARTNERS)
    return 201, services.register_partner(actor=request.user, programme=programme, **payload.model_dump())


@router.get("/programmes/{slug}/work-packages", response=list[WorkPackageOut])
@declares(VIEW_WORK_PACKAGES)
@paginate(LimitOffsetPagination)
def list_work_packages(
    request: AuthenticatedHttpRequest, slug: str, filters: Query[WorkPackageFilter]
) -> Any:
    programme = programme_for(request, slug, VIEW_WORK_PACKAGES)
    return selectors.work_packages_of(programme, search=filters.q or "", partner_id=filters.partner_id)


@router.get("/programmes/{slug}/work-packages/{work_package_id}", response=WorkPackageOut)
@declares(VIEW_WORK_PACKAGES)
def get_work_package(request: AuthenticatedHttpRequest, slug: str, work_package_id: int) -> WorkPackage:
    return selectors.work_package_in(programme_for(request, slug, VIEW_WORK_PACKAGES), work_package_id)


def _work_package_arguments(programme: Programme, payload: WorkPackageIn) -> dict[str, Any]:
    partners = selectors.partners_of(programme)
    return {
        "code": payload.code,
        "title": payload.title,
        "objectives": payload.objectives,
        "lead_partner": get_object_or_404(partners, pk=payload.lead_partner_id),
        "delivery_partners": [get_object_or_404(partners, pk=pk) for pk in payload.delivery_partner_ids],
    }


@router.post("/programmes/{slug}/work-packages", response={201: WorkPackageOut})
@declares(MANAGE_WORK_PACKAGES)
def create_work_package(
    request: AuthenticatedHttpRequest, slug: str, payload: WorkPackageIn
) -> tuple[int, WorkPackage]:
    programme = programme_for(request, slug, MANAGE_WORK_PACKAGES)
    return 201, services.create_work_package(
        actor=request.user, programme=programme, **_work_package_arguments(programme, payload)
    )


@router.put("/programmes/{slug}/work-packages/{work_package_id}", response=WorkPackageOut)
@declares(MANAGE_WORK_PACKAGES)
def update_work_package(
    request: AuthenticatedHttpRequest, slug: str, work_package_id: int, payload: WorkPackageIn
) -> WorkPackage:
    programme = programme_for(request, slug, MANAGE_WORK_PACKAGES)
    work_package = selectors.work_package_in(programme, work_package_id)
    return services.update_work_package(
        actor=request.user, work_package=work_package, **_work_package_arguments(programme, payload)
    )
