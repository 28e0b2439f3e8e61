"""Who may see and change investments and opportunities."""

from typing import Any

import rules

from assetlink.organisations.rules import acts_for_organisation
from assetlink.programmes.rules import (
    is_enterprise_member,
    is_member,
    is_partner_staff,
    is_programme_admin,
)


@rules.predicate
def acts_for_owner(user: Any, opportunity: Any) -> bool:
    """The user is staff or an enterprise member of the organisation offering the opportunity."""
    return bool(acts_for_organisation(user, opportunity.owner))


@rules.predicate
def is_published(user: Any, opportunity: Any) -> bool:
    return bool(opportunity.status != "draft")


can_change = is_programme_admin | ((is_partner_staff | is_enterprise_member) & acts_for_owner)

rules.add_perm("opportunities.view_investments", is_member)
rules.add_perm("opportunities.manage_investments", is_programme_admin)
rules.add_perm("opportunities.view_opportunities", is_member)
# Drafts are seen by the programme team and the organisation offering them; the team offers in any
# partner's name, others in their own organisation's.
rules.add_perm("opportunities.view_every_draft", is_programme_admin)
rules.add_perm("opportunities.offer_for_any_organisation", is_programme_admin)
rules.add_perm(
    "opportunities.create_opportunity", is_programme_admin | is_partner_staff | is_enterprise_member
)
rules.add_perm("opportunities.view_opportunity", (is_member & is_published) | can_change)
rules.add_perm("opportunities.change_opportunity", can_change)
