"""Who may read, record, verify and correct a programme's outcome ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules

from assetlink.programmes.models import ORGANISATION_ROLES
from assetlink.programmes.rules import is_enterprise_member, is_partner_staff, is_programme_admin, roles_of


@rules.predicate
def recorded_by_users_organisation(user: Any, outcome: Any) -> bool:
    membership = roles_of(user).get(outcome.programme_id)
    return bool(
        membership is not None
        and membership.organisation_id is not None
        and membership.organisation_id == outcome.recording_organisation_id
    )


# Grounds on which partner staff record outcomes about a person. The apps that know of such grounds add
# theirs in AppConfig.ready (people: the person shares their record with the staff's organisation, i.e.
# its caseworkers; journeys: a referral of the person that the organisation accepted), so that the ledger
# imports none of them.
_recording_grounds: list[Callable[[Any, Any], bool]] = []


def add_recording_ground(ground: Callable[[Any, Any], bool]) -> None:
    """Let partner staff record outcomes about a person when `ground(user, person)` holds."""
    if ground not in _recording_grounds:
        _recording_grounds.append(ground)


@rules.predicate
def has_recording_ground(user: Any, person: Any) -> bool:
    """One of the registered grounds lets this user record outcomes about this person."""
    return any(ground(user, person) for ground in _recording_grounds)


# Partner staff read the entries their organisation recorded (the selector narrows the rows).
rules.add_perm("impact.view_ledger", is_programme_admin | is_partner_staff)
rules.add_perm("impact.view_every_outcome", is_programme_admin)
rules.add_perm(
    "impact.view_outcome", is_programme_admin | (is_partner_staff & recorded_by_users_organisation)
)
rules.add_perm("impact.record_outcome", is_programme_admin | is_partner_staff)
# About one person: their caseworkers, and partners that accepted a referral of them.
rules.add_perm("impact.record_outcome_about", is_programme_admin | (is_partner_staff & has_recording_ground))
rules.add_perm("impact.verify_outcome", is_programme_admin)
rules.add_perm("impact.correct_outcome", is_programme_admin)

# Indicators, targets and dashboards: partner staff read them under the published disclosure rule.
rules.add_perm("impact.view_indicators", is_programme_admin | is_partner_staff)
rules.add_perm("impact.manage_indicators", is_programme_admin)
rules.add_perm("impact.freeze_snapshot", is_programme_admin)
rules.add_perm("impact.manage_social_value", is_programme_admin)


@dataclass(frozen=True)
class ContractScope:
    """An awarded contract as the object of its supplier's rights: the supplier's people see its social
    value and make its returns."""

    contract: Any

    @property
    def programme(self) -> Any:
        return self.contract.programme


@rules.predicate
def acts_for_the_contract_supplier(user: Any, scope: Any) -> bool:
    membership = roles_of(user).get(scope.contract.programme_id)
    return bool(
        membership is not None
        and membership.role in ORGANISATION_ROLES
        and membership.organisation_id is not None
        and membership.organisation_id == scope.contract.awarded_to_id
    )


# A contract's commitments and delivery: the programme team and the supplier's own people, nobody else.
rules.add_perm("impact.view_contract_delivery", is_programme_admin | acts_for_the_contract_supplier)
rules.add_perm("impact.submit_delivery_return", is_programme_admin | acts_for_the_contract_supplier)
# The contracts page lists what the reader may see: all for the team, its own for a supplier.
rules.add_perm("impact.view_contracts", is_programme_admin | is_partner_staff | is_enterprise_member)
