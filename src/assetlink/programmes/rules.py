"""Role predicates and the permissions built from them: the one place that says who may do what.

Predicates take (user, obj) where obj is a Programme or anything with a `.programme`.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from assetlink.programmes.models import Membership, OperatorAccess, Programme, Role


def programme_of(obj: Any) -> Programme | None:
    """The programme an object belongs to, if it belongs to one."""
    programme = getattr(obj, "programme", None)
    return programme if isinstance(programme, Programme) else None


def roles_of(user: Any) -> dict[int, Membership]:
    """The user's active memberships by programme id, loaded once per user object (i.e. per request).

    A platform operator's open operator access counts as a programme admin's membership that is marked
    `operator_access` (never saved): it lets them read, and `require` stops it from changing anything.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached: dict[int, Membership] | None = getattr(user, "_assetlink_memberships", None)
    if cached is None:
        cached = {m.programme_id: m for m in Membership.objects.filter(user=user, is_active=True)}
        if user.is_superuser:
            for access in open_operator_accesses(user):
                if access.programme_id not in cached:
                    glass = Membership(user=user, programme=access.programme, role=Role.PROGRAMME_ADMIN)
                    glass.operator_access = access  # type: ignore[attr-defined]
                    cached[access.programme_id] = glass
        user._assetlink_memberships = cached
    return cached


def open_operator_accesses(user: Any) -> list[OperatorAccess]:
    """The operator accesses of this user that are open now."""
    return list(
        OperatorAccess.objects.filter(
            operator=user, ended_at__isnull=True, expires_at__gt=timezone.now()
        ).select_related("programme")
    )


def operator_access_in(user: Any, programme: Programme | None) -> OperatorAccess | None:
    """The operator access through which this user reaches the programme, if that is how they reach it."""
    if programme is None:
        return None
    membership = roles_of(user).get(programme.pk)
    return getattr(membership, "operator_access", None)


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


@rules.predicate
def reaches_through_operator_access(user: Any, obj: Any) -> bool:
    """The user reaches the object's programme only through an operator access (read on screen only)."""
    return operator_access_in(user, programme_of(obj)) is not None


is_organisation_facing = (
    is_programme_admin | is_partner_staff | is_community_researcher | is_enterprise_member
)

# The platform operator runs the platform (programmes, users, health), not the programmes: no other
# permission names is_superuser, and User.has_perm gives a superuser nothing implicitly.
rules.add_perm("programmes.add_programme", rules.is_superuser)
rules.add_perm("programmes.open_operator_access", rules.is_superuser)


@rules.predicate
def opened_it(user: Any, access: Any) -> bool:
    """The user is the operator who opened this operator access."""
    return bool(getattr(access, "operator_id", None) == user.pk)


rules.add_perm("programmes.end_operator_access", opened_it | is_programme_admin)


@rules.predicate
def has_no_admin(user: Any, programme: Any) -> bool:
    """The programme has no active programme admin (new, or all of them left)."""
    return not Membership.objects.filter(
        programme=programme, role=Role.PROGRAMME_ADMIN, is_active=True
    ).exists()


# Setting a programme up is the operator's job: create it and appoint its first admin, nothing more.
rules.add_perm("programmes.appoint_first_admin", rules.is_superuser & has_no_admin)
rules.add_perm("programmes.view_programme", is_member)
rules.add_perm("programmes.change_programme", is_programme_admin)
# The programme team reads figures before disclosure control; every other reader gets the published rule.
rules.add_perm("programmes.see_exact_figures", is_programme_admin)
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
    """Raise PermissionDenied unless the actor holds the permission on obj; services call this first.

    Operator access is for reading: a right that only it would give is refused here, so no write
    (nor an export, which services start) happens through it.
    """
    from django.core.exceptions import PermissionDenied

    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)
    memberships = roles_of(actor)
    if any(hasattr(m, "operator_access") for m in memberships.values()):
        actor._assetlink_memberships = {
            pid: m for pid, m in memberships.items() if not hasattr(m, "operator_access")
        }
        try:
            allowed = actor.has_perm(permission, obj)
        finally:
            actor._assetlink_memberships = memberships
        if not allowed:
            raise PermissionDenied(permission)
