"""API for areas (with the postcode lookup) and spaces."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.places import selectors, services
from assetlink.places.models import Space, SpaceKind, SpaceStatus, SpaceTerms
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["places"])

VIEW_AREAS = Access("programme", "places.view_areas")
VIEW_SPACES = Access("programme", "places.view_spaces")
MANAGE_SPACES = Access("programme", "places.manage_spaces")


class AreaOut(Schema):
    id: int
    code: str
    name: str
    population: int | None
    deprivation_rank: int | None
    deprivation_decile: int | None
    latitude: float | None
    longitude: float | None
    geometry: dict[str, Any] | None
    is_demo: bool


class SpaceOut(Schema):
    id: int
    name: str
    kind: str
    owner_id: int | None
    description: str
    address: str
    postcode: str
    area_id: int | None
    latitude: float | None
    longitude: float | None
    size_m2: Decimal | None
    capacity: int | None
    status: str
    available_from: datetime.date | None
    terms: str
    rent_per_year: Decimal | None
    step_free: bool
    accessible_toilet: bool
    hearing_loop: bool
    parking: bool
    accessibility_notes: str


class SpaceIn(Schema):
    name: str
    kind: SpaceKind
    owner_id: int | None = None
    description: str = ""
    address: str = ""
    postcode: str = ""
    size_m2: Decimal | None = None
    capacity: int | None = None
    status: SpaceStatus = SpaceStatus.AVAILABLE
    available_from: datetime.date | None = None
    terms: SpaceTerms | None = None
    rent_per_year: Decimal | None = None
    step_free: bool = False
    accessible_toilet: bool = False
    hearing_loop: bool = False
    parking: bool = False
    accessibility_notes: str = ""


class SpacePatch(Schema):
    name: str | None = None
    kind: SpaceKind | None = None
    owner_id: int | None = None
    description: str | None = None
    address: str | None = None
    postcode: str | None = None
    size_m2: Decimal | None = None
    capacity: int | None = None
    status: SpaceStatus | None = None
    available_from: datetime.date | None = None
    terms: SpaceTerms | None = None
    rent_per_year: Decimal | None = None
    step_free: bool | None = None
    accessible_toilet: bool | None = None
    hearing_loop: bool | None = None
    parking: bool | None = None
    accessibility_notes: str | None = None


def _space_fields(programme: Any, payload: Schema, *, partial: bool) -> dict[str, Any]:
    from assetlink.organisations.selectors import organisation_in

    data = payload.model_dump(exclude_unset=partial)
    if "owner_id" in data:
        owner_id = data.pop("owner_id")
        data["owner"] = organisation_in(programme, owner_id) if owner_id else None
    if data.get("terms") is None and "terms" in data:
        data["terms"] = ""
    return data


@router.get("/programmes/{slug}/areas", response=list[AreaOut])
@declares(VIEW_AREAS)
@paginate(LimitOffsetPagination)
def list_areas(request: AuthenticatedHttpRequest, slug: str) -> Any:
    return selectors.areas_of(programme_for(request, slug, VIEW_AREAS)).order_by("code")


@router.get("/programmes/{slug}/areas/lookup", response=AreaOut)
@declares(VIEW_AREAS)
def lookup_area(request: AuthenticatedHttpRequest, slug: str, postcode: str) -> Any:
    """The area a postcode lies in."""
    area = selectors.area_for_postcode(programme_for(request, slug, VIEW_AREAS), postcode)
    if area is None:
        raise Http404
    return area


@router.get("/programmes/{slug}/spaces", response=list[SpaceOut])
@declares(VIEW_SPACES)
@paginate(LimitOffsetPagination)
def list_spaces(request: AuthenticatedHttpRequest, slug: str, status: SpaceStatus | None = None) -> Any:
    spaces = selectors.spaces_of(programme_for(request, slug, VIEW_SPACES))
    return spaces.filter(status=status) if status else spaces


@router.get("/programmes/{slug}/spaces/{space_id}", response=SpaceOut)
@declares(VIEW_SPACES)
def get_space(request: AuthenticatedHttpRequest, slug: str, space_id: int) -> Space:
    return selectors.space_in(programme_for(request, slug, VIEW_SPACES), space_id)


@router.post("/programmes/{slug}/spaces", response={201: SpaceOut})
@declares(MANAGE_SPACES)
def create_space(request: AuthenticatedHttpRequest, slug: str, payload: SpaceIn) -> Any:
    programme = programme_for(request, slug, MANAGE_SPACES)
    return 201, services.save_space(
        actor=request.user, programme=programme, **_space_fields(programme, payload, partial=False)
    )


@router.patch("/programmes/{slug}/spaces/{space_id}", response=SpaceOut)
@declares(MANAGE_SPACES)
def update_space(request: AuthenticatedHttpRequest, slug: str, space_id: int, payload: SpacePatch) -> Space:
    programme = programme_for(request, slug, MANAGE_SPACES)
    space = selectors.space_in(programme, space_id)
    return services.save_space(
        actor=request.user,
        programme=programme,
        space=space,
        **_space_fields(programme, payload, partial=True),
    )
