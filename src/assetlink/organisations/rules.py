"""Who may see and change an organisation's profile."""

from __future__ import annotations

from typing import Any

import rules

from assetlink.programmes.models import ORGANISATION_ROLES, Role
from assetlink.programmes.rules import is_organisation_facing, is_partner_staff, is_programme_admin, roles_of


@rules.predicate
def acts_for_organisation(user: Any, organisation: Any) -> bool:
    """The user is staff or an enterprise member of this organisation in some programme."""
    return any(
        m.organisation_id == organisation.pk and m.role in ORGANISATION_ROLES for m in roles_of(user).values()
    )


@rules.predicate
def administers_a_programme_of(user: Any, organisation: Any) -> bool:
    """The user is admin of a programme in which this organisation is a partner."""
    admin_of = {pid for pid, m in roles_of(user).items() if m.role == Role.PROGRAMME_ADMIN}
    if not admin_of:
        return False
    return bool(
        organisation.partnerships.filter(programme_id__in=admin_of).exists()
        or organisation.listings.filter(programme_id__in=admin_of).exists()
    )


rules.add_perm("organisations.change_organisation", administers_a_programme_of | acts_for_organisation)
rules.add_perm("organisations.view_register", is_organisation_facing)
rules.add_perm("organisations.add_to_register", is_programme_admin | is_partner_staff)
