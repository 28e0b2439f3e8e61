"""Who reads a programme's local spend, who manages it, and who fills in a supplier's LM3 return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import rules

from assetlink.programmes.models import ORGANISATION_ROLES
from assetlink.programmes.rules import is_enterprise_member, is_partner_staff, is_programme_admin, roles_of

if TYPE_CHECKING:
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme
    from assetlink.spend.models import Study


@dataclass(frozen=True)
class ReturnDue:
    """One local supplier's return to one LM3 study: the object of the right to fill it in."""

    study: Study
    organisation: Organisation

    @property
    def programme(self) -> Programme:
        return self.study.programme


@rules.predicate
def acts_for_the_supplier(user: Any, due: Any) -> bool:
    """The user is staff or an enterprise member of this supplier in the study's programme."""
    membership = roles_of(user).get(due.study.programme_id)
    return bool(
        membership is not None
        and membership.role in ORGANISATION_ROLES
        and membership.organisation_id == due.organisation.pk
    )


# Spend figures are about organisations, not people: partner staff read them under the published rule.
rules.add_perm("spend.view_spend", is_programme_admin | is_partner_staff)
rules.add_perm("spend.manage_spend", is_programme_admin)
# A supplier's people see the returns asked of their organisation, and fill in only their own.
rules.add_perm("spend.view_returns_due", is_partner_staff | is_enterprise_member)
rules.add_perm("spend.submit_return", is_programme_admin | acts_for_the_supplier)
