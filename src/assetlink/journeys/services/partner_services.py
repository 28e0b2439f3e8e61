"""Partners' services: what a partner offers that others refer people to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.journeys.models import (
    Service,
)
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme
from assetlink.journeys.services.common import offering_organisation


def save_service(
    *,
    actor: User,
    programme: Programme,
    service: Service | None = None,
    organisation: Organisation | None = None,
    **fields: Any,
) -> Service:
    """Create or change a service that takes referrals; partner staff may only offer their own."""
    if service is None:
        require(actor, "journeys.add_service", programme)
        service = Service(
            programme=programme, organisation=offering_organisation(actor, programme, organisation)
        )
        before: dict[str, Any] = {}
    else:
        require(actor, "journeys.change_service", service)
        before = audit.snapshot(service)
    for name, value in fields.items():
        if name not in {"name", "description", "respond_within_days", "complete_within_days", "is_active"}:
            raise ValidationError({name: _("Unknown field.")})
        setattr(service, name, value)
    service.name = (service.name or "").strip()
    service.full_clean()
    with transaction.atomic():
        service.save()
        audit.record(
            actor,
            "service.saved",
            service,
            programme=programme,
            before=before,
            after=audit.snapshot(service),
        )
    return service
