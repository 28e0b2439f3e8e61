"""Role predicates and the permissions built from them: the one place that says who may do what.

Predicates take (user, obj) where obj is a Programme or anything with a `.programme`.
"""

from __future__ import annotations

from typing import Any

import rules

from assetlink.programmes.models import Membership, Programme, Role


def programme_of(obj: Any) -> Programme | None:
    """The programme an object belongs to, if it belongs to one."""
    programme = getattr(obj, "programme", None)
    return programme if isinstance(programme, Programme) else None


def roles_of(user: Any) -> dict[int, Membership]:
    """The user's active memberships by programme id, loaded once per user object (i.e. per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached: dict[int, Membership] | None = getattr(user, "_assetlink_memberships", None)
    if cached is None:
        cached = {m.programme_id: m for m in Membership.objects.filter(user=user, is_active=True)}
        user._assetlink_memberships = cached
    return cached


def role_in(user: Any, obj: Any) -> str | None:
    """The user's role in the programme of obj, or None."""
    programme = programme_of(obj)
    if programme is None:
        return None
    membership = roles_of(user).get(programme.pk)
    return membership.role if membership else None


def has_role(role: Role) -> rules.Predicate:
    """A predicate true when the user holds this role in the object's programme."""

    def check(user: Any, obj: Any) -> bool:
        return role_in(user, obj) == role

    return rules.Predicate(check, name=f"is_{role.value}")


is_programme_admin = has_role(Role.PROGRAMME_ADMIN)
is_partner_staff = has_role(Role.PARTNER_STAFF)
is_community_researcher = has_role(Role.COMMUNITY_RESEARCHER)
is_enterprise_member = has_role(Role.ENTERPRISE_MEMBER)
is_participant = has_role(Role.PARTICIPANT)


@rules.predicate
def is_member(user: Any, obj: Any) -> bool:
    """The user holds any active role in the object's programme."""
    return role_in(user, obj) is not None


is_organisation_facing = (
    is_programme_admin | is_partner_staff | is_community_researcher | is_enterprise_member
)

rules.add_perm("programmes.add_programme", rules.is_superuser)
rules.add_perm("programmes.view_programme", is_member)
rules.add_perm("programmes.change_programme", is_programme_admin)
rules.add_perm("programmes.view_partners", is_organisation_facing)
rules.add_perm("programmes.manage_partners", is_programme_admin)
rules.add_perm(
    "programmes.view_work_packages", is_programme_admin | is_partner_staff | is_community_researcher
)
rules.add_perm("programmes.manage_work_packages", is_programme_admin)
rules.add_perm("programmes.view_members", is_programme_admin)
rules.add_perm("programmes.manage_members", is_programme_admin)
rules.add_perm("programmes.view_member_record", is_programme_admin)


def require(actor: Any, permission: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the actor holds the permission on obj; services call this first."""
    from django.core.exceptions import PermissionDenied

    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)
