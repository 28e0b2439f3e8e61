"""Who may see and change a person: programme admins, partner staff of an organisation the person shares
their record with, and the person themself."""

from typing import Any

import rules

from assetlink.programmes.rules import (
    is_participant,
    is_partner_staff,
    is_programme_admin,
    reaches_through_operator_access,
    roles_of,
)


def _person_of(obj: Any) -> Any:
    return getattr(obj, "person", obj)


@rules.predicate
def is_the_person(user: Any, obj: Any) -> bool:
    """The signed-in user is this person (self-service)."""
    person = _person_of(obj)
    return bool(getattr(person, "user_id", None) and person.user_id == getattr(user, "pk", None))


@rules.predicate
def shares_with_users_organisation(user: Any, obj: Any) -> bool:
    """The person's sharing consent in force names the organisation the user acts for in that programme."""
    person = _person_of(obj)
    membership = roles_of(user).get(getattr(person, "programme_id", 0))
    if membership is None or membership.organisation_id is None:
        return False
    return bool(
        person.consent_states.filter(
            purpose="sharing", organisation_id=membership.organisation_id, given=True
        ).exists()
    )


@rules.predicate
def is_not_erased(user: Any, obj: Any) -> bool:
    return getattr(_person_of(obj), "erased_at", None) is None


is_caseworker_of = is_partner_staff & shares_with_users_organisation

# On the programme
rules.add_perm("people.view_people", is_programme_admin | is_partner_staff)
# Everyone in the register; partner staff see only the people who share their record with their organisation.
rules.add_perm("people.view_every_person", is_programme_admin)
rules.add_perm("people.register_person", is_programme_admin | is_partner_staff)
rules.add_perm("people.view_erasure_requests", is_programme_admin)
rules.add_perm("people.view_own_profile", is_participant)
# On one person
rules.add_perm("people.view_person", is_programme_admin | is_caseworker_of | is_the_person)
rules.add_perm(
    "people.change_person", is_not_erased & (is_programme_admin | is_caseworker_of | is_the_person)
)
rules.add_perm(
    "people.change_consent", is_not_erased & (is_programme_admin | is_caseworker_of | is_the_person)
)
rules.add_perm(
    "people.export_person", (is_programme_admin & ~reaches_through_operator_access) | is_the_person
)
rules.add_perm("people.request_erasure", is_not_erased & is_the_person)
rules.add_perm("people.erase_person", is_not_erased & is_programme_admin)
