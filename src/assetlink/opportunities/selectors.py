"""Reading investments and opportunities: drafts only for those who may change them; open ones for all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.opportunities.models import Investment, Opportunity, OpportunityStatus
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User


def investments_of(programme: Programme) -> QuerySet[Investment]:
    return Investment.objects.filter(programme=programme).select_related("owner", "area")


def investment_in(programme: Programme, investment_id: int, **_other_url_parts: object) -> Investment:
    return get_object_or_404(investments_of(programme), pk=investment_id)


def opportunities_visible_to(user: User, programme: Programme) -> QuerySet[Opportunity]:
    """Published opportunities for every member; drafts also for admins and the offering organisation."""
    opportunities = Opportunity.objects.filter(programme=programme).select_related(
        "owner", "area", "occupation", "investment"
    )
    membership = roles_of(user).get(programme.pk)
    if membership is None:
        return opportunities.none()
    if user.has_perm("opportunities.view_every_draft", programme):
        return opportunities
    own_drafts = Q(owner_id=membership.organisation_id) if membership.organisation_id else Q(pk__in=[])
    return opportunities.filter(~Q(status=OpportunityStatus.DRAFT) | own_drafts)


def opportunity_in(programme: Programme, opportunity_id: int, **_other_url_parts: object) -> Opportunity:
    """One opportunity of the programme, or 404; the permission on it decides whether it may be seen."""
    return get_object_or_404(
        Opportunity.objects.select_related(
            "owner", "area", "occupation", "investment", "funder", "space", "programme"
        ),
        programme=programme,
        pk=opportunity_id,
    )


def open_opportunities(programme: Programme) -> QuerySet[Opportunity]:
    """What the public pages show: open opportunities only."""
    return Opportunity.objects.filter(programme=programme, status=OpportunityStatus.OPEN).select_related(
        "owner", "area", "occupation"
    )
