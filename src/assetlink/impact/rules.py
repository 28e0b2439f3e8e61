"""Who may read, record, verify and correct a programme's outcome ledger."""

from __future__ import annotations

from typing import Any

import rules

from assetlink.people.rules import is_caseworker_of
from assetlink.programmes.rules import is_partner_staff, is_programme_admin, roles_of


@rules.predicate
def recorded_by_users_organisation(user: Any, outcome: Any) -> bool:
    membership = roles_of(user).get(outcome.programme_id)
    return bool(
        membership is not None
        and membership.organisation_id is not None
        and membership.organisation_id == outcome.recording_organisation_id
    )


@rules.predicate
def received_a_referral_of(user: Any, person: Any) -> bool:
    """The user's organisation took a referral of this person (and so records what came of it)."""
    from assetlink.journeys.models import Referral, ReferralStatus

    membership = roles_of(user).get(getattr(person, "programme_id", 0))
    if membership is None or membership.organisation_id is None:
        return False
    return (
        Referral.objects.filter(person=person, to_organisation_id=membership.organisation_id)
        .filter(status__in=[ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED])
        .exists()
    )


# Partner staff read the entries their organisation recorded (the selector narrows the rows).
rules.add_perm("impact.view_ledger", is_programme_admin | is_partner_staff)
rules.add_perm(
    "impact.view_outcome", is_programme_admin | (is_partner_staff & recorded_by_users_organisation)
)
rules.add_perm("impact.record_outcome", is_programme_admin | is_partner_staff)
# About one person: their caseworkers, and partners that accepted a referral of them.
rules.add_perm(
    "impact.record_outcome_about",
    is_programme_admin | is_caseworker_of | (is_partner_staff & received_a_referral_of),
)
rules.add_perm("impact.verify_outcome", is_programme_admin)
rules.add_perm("impact.correct_outcome", is_programme_admin)
