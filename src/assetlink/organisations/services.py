"""Creating and updating organisations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.matching.triggers import schedule_organisation
from assetlink.organisations.models import Capability, Certificate, Listing, Organisation
from assetlink.organisations.selectors import organisation_named
from assetlink.programmes.models import Role
from assetlink.programmes.rules import require, roles_of
from assetlink.validation import reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

EDITABLE_FIELDS = (
    "name",
    "kind",
    "description",
    "website",
    "email",
    "city",
    "country",
    "registration_number",
    "legal_form",
    "sectors",
    "employees",
    "turnover_band",
    "ownership",
    "area",
    "postcode",
    "pays_real_living_wage",
    "local_employee_share",
    "max_contract_value",
    "max_contract_currency",
)
PART_MODELS: dict[str, type[models.Model]] = {"capabilities": Capability, "certificates": Certificate}
_NACE = re.compile(r"^([A-U]|\d{2}(\.\d{1,2})?)$")


def _validated(organisation: Organisation) -> Organisation:
    organisation.country = organisation.country.upper()
    organisation.max_contract_currency = organisation.max_contract_currency.upper()
    sectors = [str(code).strip().upper() for code in organisation.sectors or [] if str(code).strip()]
    bad = [code for code in sectors if not _NACE.match(code)]
    if bad:
        raise ValidationError({"sectors": _("Not a NACE Rev. 2 code: %(codes)s") % {"codes": ", ".join(bad)}})
    organisation.sectors = sectors
    if organisation.max_contract_value is not None and not organisation.max_contract_currency:
        raise ValidationError({"max_contract_currency": _("Say which currency the contract value is in.")})
    organisation.full_clean()
    return organisation


def list_organisation(*, actor: User, programme: Programme, organisation: Organisation) -> Listing:
    """Put an organisation in the programme's asset register (partners are there already)."""
    require(actor, "organisations.add_to_register", programme)
    listing, created = Listing.objects.get_or_create(
        programme=programme, organisation=organisation, defaults={"listed_by": actor}
    )
    if created:
        audit.record(actor, "organisation.listed", organisation, programme=programme)
    return listing


def register_organisation(*, actor: User, programme: Programme, **fields: Any) -> Organisation:
    """Find the organisation by name and country, or create it, and list it in the programme's register."""
    require(actor, "organisations.add_to_register", programme)
    reject_unknown_fields(fields, EDITABLE_FIELDS)
    with transaction.atomic():
        organisation = organisation_named(str(fields.get("name", "")), str(fields.get("country", "")))
        if organisation is None:
            organisation = _create(actor, programme, fields)
        list_organisation(actor=actor, programme=programme, organisation=organisation)
    return organisation


def add_part(
    *, actor: User, organisation: Organisation, part: str, programme: Programme | None = None, **fields: Any
) -> models.Model:
    """Add a capability or a certificate/insurance to an organisation's profile."""
    require(actor, "organisations.change_organisation", organisation)
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model(organisation=organisation, **fields)
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(
            actor, f"organisation.{part}.added", item, programme=programme, after=audit.snapshot(item)
        )
        schedule_organisation(organisation)
    return item


def remove_part(
    *, actor: User, organisation: Organisation, part: str, item_id: int, programme: Programme | None = None
) -> None:
    """Remove a capability or a certificate/insurance from an organisation's profile."""
    require(actor, "organisations.change_organisation", organisation)
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model._default_manager.filter(organisation=organisation, pk=item_id).first()
    if item is None:
        raise ValidationError(_("This entry does not exist any more."))
    with transaction.atomic():
        before = audit.snapshot(item)
        item.delete()
        audit.record(actor, f"organisation.{part}.removed", organisation, programme=programme, before=before)
        schedule_organisation(organisation)


def create_organisation(*, actor: User, programme: Programme | None = None, **fields: Any) -> Organisation:
    """Register an organisation; programme admins and platform operators may do this.

    `programme` is where the change was made, so that it shows in that programme's audit log.
    """
    is_admin_somewhere = any(m.role == Role.PROGRAMME_ADMIN for m in roles_of(actor).values())
    if not (actor.is_superuser or is_admin_somewhere):
        raise PermissionDenied("organisations.add_organisation")
    reject_unknown_fields(fields, EDITABLE_FIELDS)
    with transaction.atomic():
        return _create(actor, programme, fields)


def _create(actor: User, programme: Programme | None, fields: dict[str, Any]) -> Organisation:
    organisation = _validated(Organisation(**fields))
    organisation.save()
    audit.record(
        actor, "organisation.created", organisation, programme=programme, after=audit.snapshot(organisation)
    )
    return organisation


def update_organisation(
    *, actor: User, organisation: Organisation, programme: Programme | None = None, **changes: Any
) -> Organisation:
    """Change an organisation's profile; its admins' programmes and its own people may do this."""
    require(actor, "organisations.change_organisation", organisation)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    before = audit.snapshot(organisation)
    for name, value in changes.items():
        setattr(organisation, name, value)
    _validated(organisation)
    with transaction.atomic():
        organisation.save()
        audit.record(
            actor,
            "organisation.updated",
            organisation,
            programme=programme,
            before=before,
            after=audit.snapshot(organisation),
        )
        schedule_organisation(organisation)
    return organisation
