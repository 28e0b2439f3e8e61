"""Who may send, answer and read referrals, run pathways and enrol people on them."""

from __future__ import annotations

from typing import Any

import rules

from assetlink.people.rules import is_caseworker_of, is_the_person
from assetlink.programmes.rules import (
    is_organisation_facing,
    is_partner_staff,
    is_programme_admin,
    roles_of,
)


def _acting_organisation_id(user: Any, obj: Any) -> int | None:
    membership = roles_of(user).get(getattr(obj, "programme_id", 0))
    return membership.organisation_id if membership is not None else None


@rules.predicate
def received_a_referral_of(user: Any, person: Any) -> bool:
    """The user's organisation took a referral of this person (and so records what came of it in the
    ledger: a ground that journeys adds to `impact.record_outcome_about`)."""
    from assetlink.journeys.models import Referral, ReferralStatus

    organisation_id = _acting_organisation_id(user, person)
    if organisation_id is None:
        return False
    return (
        Referral.objects.filter(person=person, to_organisation_id=organisation_id)
        .filter(status__in=[ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED])
        .exists()
    )


@rules.predicate
def works_for_receiver(user: Any, referral: Any) -> bool:
    """The user is staff of the partner the referral was sent to."""
    organisation_id = _acting_organisation_id(user, referral)
    return organisation_id is not None and organisation_id == referral.to_organisation_id


@rules.predicate
def works_for_sender(user: Any, referral: Any) -> bool:
    """The user is staff of the partner that sent the referral."""
    organisation_id = _acting_organisation_id(user, referral)
    return organisation_id is not None and organisation_id == referral.from_organisation_id


@rules.predicate
def runs_the_service(user: Any, service: Any) -> bool:
    organisation_id = _acting_organisation_id(user, service)
    return organisation_id is not None and organisation_id == service.organisation_id


@rules.predicate
def supports_the_enrolled_person(user: Any, enrolment: Any) -> bool:
    return bool(is_caseworker_of(user, enrolment.person))


# On the programme
rules.add_perm("journeys.view_referrals", is_programme_admin | is_partner_staff)
rules.add_perm("journeys.view_services", is_organisation_facing)
rules.add_perm("journeys.add_service", is_programme_admin | is_partner_staff)
rules.add_perm("journeys.view_pathways", is_programme_admin | is_partner_staff)
rules.add_perm("journeys.manage_pathways", is_programme_admin)
# On one service, person, referral or enrolment
rules.add_perm("journeys.change_service", is_programme_admin | (is_partner_staff & runs_the_service))
rules.add_perm("journeys.refer_person", is_programme_admin | is_caseworker_of)
rules.add_perm("journeys.enrol_person", is_programme_admin | is_caseworker_of)
rules.add_perm(
    "journeys.view_referral",
    is_programme_admin | (is_partner_staff & (works_for_receiver | works_for_sender)) | is_the_person,
)
rules.add_perm("journeys.answer_referral", is_programme_admin | (is_partner_staff & works_for_receiver))
rules.add_perm("journeys.withdraw_referral", is_programme_admin | (is_partner_staff & works_for_sender))
rules.add_perm("journeys.view_enrolment", is_programme_admin | supports_the_enrolled_person | is_the_person)
rules.add_perm("journeys.change_enrolment", is_programme_admin | supports_the_enrolled_person)


@rules.predicate
def runs_the_support(user: Any, support: Any) -> bool:
    organisation_id = _acting_organisation_id(user, support)
    return organisation_id is not None and organisation_id == support.organisation_id


rules.add_perm("journeys.view_support", is_organisation_facing)
rules.add_perm("journeys.add_support", is_programme_admin | is_partner_staff)
rules.add_perm("journeys.run_support", is_programme_admin | (is_partner_staff & runs_the_support))
rules.add_perm("journeys.view_my_work", is_programme_admin | is_partner_staff)
# The programme team sees every referral and offers services and support in any partner's name; partner
# staff see their organisation's inbox and outbox and act in their organisation's name.
rules.add_perm("journeys.view_all_referrals", is_programme_admin)
rules.add_perm("journeys.act_for_any_organisation", is_programme_admin)
