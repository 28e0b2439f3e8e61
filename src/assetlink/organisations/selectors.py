"""Reads of organisations, always through a programme the reader belongs to."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.organisations.models import Capability, Certificate, LinkRequest, Organisation
from assetlink.organisations.rules import RegisterEntry
from assetlink.programmes.models import ORGANISATION_ROLES, Programme
from assetlink.programmes.rules import roles_of


def organisations_of(programme: Programme) -> QuerySet[Organisation]:
    """Organisations of the programme's asset register (its partners and those listed in it), each with
    the capabilities and certificates this programme recorded, and only those."""
    ids = Organisation.objects.filter(
        Q(partnerships__programme=programme) | Q(listings__programme=programme)
    ).values("pk")
    return (
        Organisation.objects.filter(pk__in=ids)
        .select_related("area")
        .prefetch_related(
            Prefetch("capabilities", queryset=Capability.objects.filter(programme=programme)),
            Prefetch("certificates", queryset=Certificate.objects.filter(programme=programme)),
        )
    )


NAME_LENGTH = Organisation._meta.get_field("name").max_length or 200


def organisation_named(programme: Programme, name: str, country: str) -> Organisation | None:
    """The organisation of this programme's register known under this name (any case) in this country."""
    name, country = name.strip(), country.strip().upper()
    if not name or len(name) > NAME_LENGTH:
        return None
    return organisations_of(programme).filter(name__iexact=name, country__iexact=country).first()


def organisation_held_elsewhere(programme: Programme, name: str, country: str) -> Organisation | None:
    """An organisation of this name and country that is not in the programme's register (services use
    this to refuse a second record and offer a link request; nothing of it is shown to the requester)."""
    name, country = name.strip(), country.strip().upper()
    if not name or len(name) > NAME_LENGTH:
        return None
    found = Organisation.objects.filter(name__iexact=name, country__iexact=country).first()
    if found is None or organisations_of(programme).filter(pk=found.pk).exists():
        return None
    return found


def organisation_in(programme: Programme, organisation_id: int, **_other_url_parts: object) -> Organisation:
    """One organisation of the programme's register, or 404."""
    return get_object_or_404(organisations_of(programme), pk=organisation_id)


def register_entry_in(
    programme: Programme, organisation_id: int, **_other_url_parts: object
) -> RegisterEntry:
    """One organisation as this programme's register holds it (for per-programme rights), or 404."""
    return RegisterEntry(programme, organisation_in(programme, organisation_id))


def link_requests_sent(programme: Programme) -> QuerySet[LinkRequest]:
    """The programme's requests to link organisations held elsewhere (what the requester typed only)."""
    return LinkRequest.objects.filter(programme=programme).select_related("requested_by")


def link_requests_to_answer(user: Any, programme: Programme) -> QuerySet[LinkRequest]:
    """Open requests from other programmes that this user may answer from this programme: as its admin,
    for the organisations it holds; as the people of an organisation, for their own organisation."""
    membership = roles_of(user).get(programme.pk)
    if membership is None:
        return LinkRequest.objects.none()
    condition = Q()
    if user.has_perm("organisations.answer_for_held_organisations", programme):
        condition |= Q(organisation__held_by=programme)
    if membership.role in ORGANISATION_ROLES and membership.organisation_id:
        condition |= Q(organisation_id=membership.organisation_id)
    if not condition:
        return LinkRequest.objects.none()
    return (
        LinkRequest.objects.filter(condition, accepted__isnull=True)
        .exclude(programme=programme)
        .select_related("programme", "organisation", "requested_by")
    )


def link_request_to_answer(programme: Programme, link_request_id: int, **_other: object) -> LinkRequest:
    """One request of another programme about an organisation of this programme's register, or 404."""
    return get_object_or_404(
        LinkRequest.objects.filter(organisation__in=organisations_of(programme).values("pk"))
        .exclude(programme=programme)
        .select_related("programme", "organisation"),
        pk=link_request_id,
    )
