"""Who may see and act on matches: the person and their caseworkers see the person's matches; the
programme team, the opportunity owner's staff and caseworkers see an opportunity's candidates (the owner
anonymised unless a candidate shares their record with it); the programme team sees the fairness report."""

from typing import Any

import rules

from assetlink.opportunities.rules import acts_for_owner
from assetlink.organisations.rules import acts_for_organisation
from assetlink.people.rules import is_caseworker_of, is_the_person
from assetlink.programmes.rules import is_enterprise_member, is_partner_staff, is_programme_admin


@rules.predicate
def acts_for_the_opportunity_owner(user: Any, match: Any) -> bool:
    return bool(acts_for_owner(user, match.opportunity))


@rules.predicate
def is_caseworker_of_the_person(user: Any, match: Any) -> bool:
    return match.person_id is not None and bool(is_caseworker_of(user, match.person))


@rules.predicate
def is_the_matched_person(user: Any, match: Any) -> bool:
    return match.person_id is not None and bool(is_the_person(user, match.person))


@rules.predicate
def acts_for_the_matched_organisation(user: Any, match: Any) -> bool:
    return match.organisation_id is not None and bool(acts_for_organisation(user, match.organisation))


is_staff_or_enterprise = is_programme_admin | is_partner_staff | is_enterprise_member

# On the programme
rules.add_perm("matching.view_candidates", is_staff_or_enterprise)
rules.add_perm("matching.view_supply_matches", is_staff_or_enterprise)
rules.add_perm("matching.view_fairness", is_programme_admin)
rules.add_perm("matching.recompute", is_programme_admin)
# On one opportunity
rules.add_perm("matching.view_opportunity_candidates", is_programme_admin | acts_for_owner | is_partner_staff)
# Of those candidates: the programme team and the owner see every one; others only those who share their
# record with their organisation. Names are shown to the programme team, and to an organisation only for
# the people who share their record with it (consent, read in bulk by the selector).
rules.add_perm("matching.view_every_candidate", is_programme_admin | acts_for_owner)
rules.add_perm("matching.name_every_candidate", is_programme_admin)
# On one match
rules.add_perm(
    "matching.change_match",
    is_programme_admin
    | is_caseworker_of_the_person
    | acts_for_the_opportunity_owner
    | is_the_matched_person
    | acts_for_the_matched_organisation,
)
rules.add_perm("matching.refer_match", is_programme_admin | is_caseworker_of_the_person)

# Brokering (AS-Fabrik): a third party introduces a provider to a manufacturer's challenge: the programme
# team or partner staff acting for neither the provider nor the challenge's owner.
rules.add_perm("matching.broker_challenges", is_programme_admin | is_partner_staff)
rules.add_perm(
    "matching.connect_provider",
    is_programme_admin
    | (is_partner_staff & ~acts_for_the_matched_organisation & ~acts_for_the_opportunity_owner),
)
