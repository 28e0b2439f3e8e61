"""Creating and updating organisations, what a programme records of them, and link requests."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink import events
from assetlink.audit import services as audit
from assetlink.organisations.models import Capability, Certificate, LinkRequest, Listing, Organisation
from assetlink.organisations.rules import RegisterEntry
from assetlink.organisations.selectors import organisation_held_elsewhere, organisation_named
from assetlink.programmes.models import ORGANISATION_ROLES, Membership, Role
from assetlink.programmes.rules import require
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


def refuse_if_held_elsewhere(programme: Programme, name: str, country: str, *, field: str = "name") -> None:
    """Refuse to record a second organisation under a name and country another programme holds; the
    message says how to ask for a link and shows nothing of the record itself."""
    if organisation_held_elsewhere(programme, name, country) is not None:
        raise ValidationError(
            {
                field: ValidationError(
                    _(
                        "Another programme already holds an organisation named “%(name)s” in %(country)s. "
                        "Ask to link it: its holders decide, and it appears in your register once they "
                        "accept."
                    )
                    % {"name": name.strip(), "country": country.strip().upper()},
                    code="held_elsewhere",
                )
            }
        )


def register_organisation(*, actor: User, programme: Programme, **fields: Any) -> Organisation:
    """Find the organisation by name and country in the programme's register, or create it held by this
    programme; one that another programme holds is refused (ask to link it instead)."""
    require(actor, "organisations.add_to_register", programme)
    reject_unknown_fields(fields, EDITABLE_FIELDS)
    name, country = str(fields.get("name", "")), str(fields.get("country", ""))
    with transaction.atomic():
        organisation = organisation_named(programme, name, country)
        if organisation is None:
            refuse_if_held_elsewhere(programme, name, country)
            organisation = _create(actor, programme, fields)
        list_organisation(actor=actor, programme=programme, organisation=organisation)
    return organisation


def request_link(
    *, actor: User, programme: Programme, name: str, country: str, note: str = ""
) -> LinkRequest:
    """Ask the holders of an organisation registered in another programme to let this programme list it."""
    from assetlink.accounts.services import notify

    require(actor, "organisations.add_to_register", programme)
    if organisation_named(programme, name, country) is not None:
        raise ValidationError({"name": _("This organisation is in your register already.")})
    organisation = organisation_held_elsewhere(programme, name, country)
    if organisation is None:
        raise ValidationError(
            {"name": _("No other programme holds an organisation of this name and country: register it.")}
        )
    existing = LinkRequest.objects.filter(
        programme=programme, organisation=organisation, accepted__isnull=True
    ).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        link = LinkRequest.objects.create(
            programme=programme,
            organisation=organisation,
            name_given=name.strip(),
            note=note.strip(),
            requested_by=actor,
        )
        audit.record(actor, "organisation.link_requested", link, programme=programme)
        answerers = Membership.objects.filter(is_active=True).filter(
            models.Q(programme_id=organisation.held_by_id, role=Role.PROGRAMME_ADMIN)
            | models.Q(organisation=organisation, role__in=ORGANISATION_ROLES)
        )
        for membership in answerers.select_related("user", "programme"):
            notify(
                user=membership.user,
                kind="link_requested",
                params={"programme": programme.name, "organisation": organisation.name},
                url=reverse("organisations:link_requests", kwargs={"slug": membership.programme.slug}),
                programme=membership.programme,
            )
    return link


def answer_link_request(*, actor: User, link: LinkRequest, accept: bool) -> LinkRequest:
    """Accept (the organisation is listed in the requesting programme) or decline a link request."""
    require(actor, "organisations.answer_link_request", link)
    if link.accepted is not None:
        raise ValidationError(_("This request has been answered already."))
    with transaction.atomic():
        link.accepted = accept
        link.answered_by = actor
        link.answered_at = timezone.now()
        link.save(update_fields=["accepted", "answered_by", "answered_at"])
        if accept:
            _listing, created = Listing.objects.get_or_create(
                programme=link.programme,
                organisation=link.organisation,
                defaults={"listed_by": link.requested_by},
            )
            if created:
                audit.record(actor, "organisation.listed", link.organisation, programme=link.programme)
        audit.record(
            actor,
            "organisation.link_accepted" if accept else "organisation.link_declined",
            link,
            programme=link.programme,
        )
        audit.record(
            actor,
            "organisation.link_accepted" if accept else "organisation.link_declined",
            link,
            programme=link.organisation.held_by,
        )
    return link


def add_part(
    *, actor: User, organisation: Organisation, part: str, programme: Programme, **fields: Any
) -> models.Model:
    """Record a capability or a certificate/insurance of an organisation, as this programme assesses it."""
    require(actor, "organisations.change_register_entry", RegisterEntry(programme, organisation))
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model(organisation=organisation, programme=programme, **fields)
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(
            actor, f"organisation.{part}.added", item, programme=programme, after=audit.snapshot(item)
        )
        events.publish(events.OrganisationChanged(organisation.pk))
    return item


def remove_part(
    *, actor: User, organisation: Organisation, part: str, item_id: int, programme: Programme
) -> None:
    """Remove a capability or a certificate/insurance that this programme recorded of an organisation."""
    require(actor, "organisations.change_register_entry", RegisterEntry(programme, organisation))
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model._default_manager.filter(organisation=organisation, programme=programme, pk=item_id).first()
    if item is None:
        raise ValidationError(_("This entry does not exist any more."))
    with transaction.atomic():
        before = audit.snapshot(item)
        item.delete()
        audit.record(actor, f"organisation.{part}.removed", organisation, programme=programme, before=before)
        events.publish(events.OrganisationChanged(organisation.pk))


def create_organisation(*, actor: User, programme: Programme, **fields: Any) -> Organisation:
    """Record a new organisation held by this programme (its admins may); a name and country that another
    programme holds is refused (ask to link it instead)."""
    require(actor, "programmes.manage_partners", programme)
    reject_unknown_fields(fields, EDITABLE_FIELDS)
    refuse_if_held_elsewhere(programme, str(fields.get("name", "")), str(fields.get("country", "")))
    with transaction.atomic():
        return _create(actor, programme, fields)


def _create(actor: User, programme: Programme, fields: dict[str, Any]) -> Organisation:
    organisation = _validated(Organisation(held_by=programme, **fields))
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
        events.publish(events.OrganisationChanged(organisation.pk))
    return organisation
