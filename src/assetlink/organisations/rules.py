"""Who may see and change an organisation's shared profile, what a programme recorded of it, and who
answers a request to link it into another programme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import rules

from assetlink.programmes.models import ORGANISATION_ROLES, Role
from assetlink.programmes.rules import is_organisation_facing, is_partner_staff, is_programme_admin, roles_of

if TYPE_CHECKING:
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme


@dataclass(frozen=True)
class RegisterEntry:
    """An organisation as one programme's register holds it: the object of per-programme rights."""

    programme: Programme
    organisation: Organisation


@rules.predicate
def acts_for_organisation(user: Any, organisation: Any) -> bool:
    """The user is staff or an enterprise member of this organisation in some programme."""
    return any(
        m.organisation_id == organisation.pk and m.role in ORGANISATION_ROLES for m in roles_of(user).values()
    )


@rules.predicate
def administers_its_holder(user: Any, organisation: Any) -> bool:
    """The user is admin of the programme that holds (first recorded) this organisation."""
    membership = roles_of(user).get(organisation.held_by_id) if organisation.held_by_id else None
    return membership is not None and membership.role == Role.PROGRAMME_ADMIN


@rules.predicate
def acts_for_it_here(user: Any, entry: Any) -> bool:
    """The user acts for the organisation of this register entry in the entry's programme."""
    membership = roles_of(user).get(entry.programme.pk)
    return bool(
        membership is not None
        and membership.role in ORGANISATION_ROLES
        and membership.organisation_id == entry.organisation.pk
    )


@rules.predicate
def answers_for_organisation(user: Any, link_request: Any) -> bool:
    """The user may accept or decline a request to link this organisation: admin of its holder, or one of
    its own people."""
    organisation = link_request.organisation
    return bool(administers_its_holder(user, organisation) or acts_for_organisation(user, organisation))


# The shared profile (legal identity and self-description) belongs to the organisation and the programme
# that holds it; other programmes that linked it read it but never change it.
rules.add_perm("organisations.change_organisation", administers_its_holder | acts_for_organisation)
# What a programme recorded of the organisation (capabilities, certificates) is that programme's.
rules.add_perm("organisations.change_register_entry", is_programme_admin | acts_for_it_here)
rules.add_perm("organisations.view_register", is_organisation_facing)
rules.add_perm("organisations.add_to_register", is_programme_admin | is_partner_staff)
rules.add_perm("organisations.answer_link_request", answers_for_organisation)
# The programme team answers requests to link the organisations its programme holds.
rules.add_perm("organisations.answer_for_held_organisations", is_programme_admin)
