"""Writing areas and postcodes of a programme."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine.geometry import GeometryError, centroid
from assetlink.places.models import Area, PostcodeArea, Space
from assetlink.places.postcodes import normalise_postcode
from assetlink.places.selectors import area_for_postcode
from assetlink.programmes.rules import require
from assetlink.validation import reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

AREA_FIELDS = (
    "name",
    "population",
    "deprivation_rank",
    "deprivation_decile",
    "geometry",
    "latitude",
    "longitude",
    "source",
    "is_demo",
)
_POSTCODE = re.compile(r"^[A-Z0-9]{2,10}$")


def save_area(*, actor: User, programme: Programme, code: str, **fields: Any) -> Area:
    """Create the area with this code, or update it; its centre comes from its boundary when not given."""
    require(actor, "places.manage_areas", programme)
    reject_unknown_fields(fields, AREA_FIELDS)
    area = Area.objects.filter(programme=programme, code=code.strip()).first()
    before = (
        audit.snapshot(area, fields=["name", "population", "deprivation_rank", "deprivation_decile"])
        if area
        else None
    )
    area = area or Area(programme=programme, code=code.strip())
    for name, value in fields.items():
        setattr(area, name, value)
    if area.geometry:
        try:
            longitude, latitude = centroid(area.geometry)
        except GeometryError as error:
            raise ValidationError({"geometry": str(error)}) from error
        if area.latitude is None or area.longitude is None:
            area.latitude, area.longitude = round(latitude, 6), round(longitude, 6)
    area.full_clean()
    with transaction.atomic():
        area.save()
        audit.record(
            actor,
            "area.updated" if before else "area.created",
            area,
            programme=programme,
            before=before,
            after=audit.snapshot(
                area, fields=["name", "population", "deprivation_rank", "deprivation_decile"]
            ),
        )
    return area


def save_postcode(*, actor: User, programme: Programme, postcode: str, area: Area) -> PostcodeArea:
    """Record that a postcode (or a postcode sector or district) lies in an area of the programme."""
    require(actor, "places.manage_areas", programme)
    code = normalise_postcode(postcode)
    if not _POSTCODE.match(code):
        raise ValidationError({"postcode": _("Not a postcode: %(value)s") % {"value": postcode}})
    if area.programme_id != programme.pk:
        raise ValidationError({"area": _("The area belongs to another programme.")})
    entry, _created = PostcodeArea.objects.update_or_create(
        programme=programme, postcode=code, defaults={"area": area}
    )
    return entry


SPACE_FIELDS = (
    "name",
    "kind",
    "owner",
    "description",
    "address",
    "postcode",
    "area",
    "latitude",
    "longitude",
    "size_m2",
    "capacity",
    "status",
    "available_from",
    "terms",
    "rent_per_year",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "parking",
    "accessibility_notes",
)


def save_space(*, actor: User, programme: Programme, space: Space | None = None, **fields: Any) -> Space:
    """Create a space, or change one; its area comes from its postcode and its position from its area."""
    require(actor, "places.manage_spaces", programme)
    reject_unknown_fields(fields, SPACE_FIELDS)
    if space is not None and space.programme_id != programme.pk:
        raise ValidationError(_("The space belongs to another programme."))
    before = audit.snapshot(space) if space is not None else None
    space = space or Space(programme=programme)
    for name, value in fields.items():
        setattr(space, name, value)
    if space.postcode:
        space.postcode = " ".join(space.postcode.upper().split())
        if space.area_id is None:
            space.area = area_for_postcode(programme, space.postcode)
    if space.area is not None:
        if space.area.programme_id != programme.pk:
            raise ValidationError({"area": _("The area belongs to another programme.")})
        if space.latitude is None or space.longitude is None:
            space.latitude, space.longitude = space.area.latitude, space.area.longitude
    space.full_clean()
    with transaction.atomic():
        space.save()
        audit.record(
            actor,
            "space.updated" if before else "space.created",
            space,
            programme=programme,
            before=before,
            after=audit.snapshot(space),
        )
    return space
