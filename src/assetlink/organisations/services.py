"""Creating and updating organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Role
from assetlink.programmes.rules import require, roles_of

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
)


def _validated(organisation: Organisation) -> Organisation:
    organisation.country = organisation.country.upper()
    organisation.full_clean()
    return organisation


def create_organisation(*, actor: User, programme: Programme | None = None, **fields: Any) -> Organisation:
    """Register an organisation; programme admins and platform operators may do this.

    `programme` is where the change was made, so that it shows in that programme's audit log.
    """
    is_admin_somewhere = any(m.role == Role.PROGRAMME_ADMIN for m in roles_of(actor).values())
    if not (actor.is_superuser or is_admin_somewhere):
        raise PermissionDenied("organisations.add_organisation")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisation = _validated(Organisation(**fields))
    with transaction.atomic():
        organisation.save()
        audit.record(
            actor,
            "organisation.created",
            organisation,
            programme=programme,
            after=audit.snapshot(organisation),
        )
    return organisation


def update_organisation(
    *, actor: User, organisation: Organisation, programme: Programme | None = None, **changes: Any
) -> Organisation:
    """Change an organisation's profile; its admins' programmes and its own people may do this."""
    require(actor, "organisations.change_organisation", organisation)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
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
    return organisation
