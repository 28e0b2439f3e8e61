"""Permission-scoped reads of programmes, partners, work packages and members."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assetlink.accounts.models import User
from assetlink.background.models import TaskRun
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import (
    Invitation,
    Membership,
    OperatorAccess,
    Partner,
    PartnerRole,
    Programme,
    Role,
    WorkPackage,
)
from assetlink.programmes.rules import roles_of


def programmes_for(user: Any) -> QuerySet[Programme]:
    """Programmes the user belongs to, or reaches through an open operator access."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Programme.objects.none()
    return Programme.objects.filter(pk__in=list(roles_of(user)))


def partners_of(
    programme: Programme, *, role: str = "", search: str = "", current_only: bool = False
) -> QuerySet[Partner]:
    """Partners of a programme, optionally filtered by role, organisation name or whether they are current."""
    partners = Partner.objects.filter(programme=programme).select_related("organisation")
    if role:
        partners = partners.filter(role=role)
    if search:
        partners = partners.filter(organisation__name__icontains=search)
    if current_only:
        partners = partners.filter(left_on__isnull=True)
    return partners


def lead_organisation(programme: Programme) -> Organisation | None:
    """The organisation that is the programme's lead partner, if one is recorded."""
    partner = partners_of(programme, role=PartnerRole.LEAD).first()
    return partner.organisation if partner is not None else None


def partner_in(programme: Programme, partner_id: int) -> Partner:
    """One partner of the programme, or 404."""
    return get_object_or_404(partners_of(programme), pk=partner_id)


def work_packages_of(
    programme: Programme, *, search: str = "", partner_id: int | None = None
) -> QuerySet[WorkPackage]:
    """Work packages of a programme, optionally those a partner leads or delivers."""
    packages = (
        WorkPackage.objects.filter(programme=programme)
        .select_related("lead_partner__organisation")
        .prefetch_related("delivery_partners__organisation")
    )
    if search:
        packages = packages.filter(Q(title__icontains=search) | Q(code__icontains=search))
    if partner_id:
        packages = packages.filter(
            Q(lead_partner_id=partner_id) | Q(delivery_partners__id=partner_id)
        ).distinct()
    return packages


def work_package_in(programme: Programme, work_package_id: int) -> WorkPackage:
    """One work package of the programme, or 404."""
    return get_object_or_404(work_packages_of(programme), pk=work_package_id)


def members_of(programme: Programme, *, role: str = "", search: str = "") -> QuerySet[Membership]:
    """Memberships of a programme with their users and organisations."""
    members = Membership.objects.filter(programme=programme).select_related("user", "organisation")
    if role:
        members = members.filter(role=role)
    if search:
        members = members.filter(Q(user__email__icontains=search) | Q(user__full_name__icontains=search))
    return members


def member_in(programme: Programme, membership_id: int) -> Membership:
    """One membership of the programme, or 404."""
    return get_object_or_404(members_of(programme), pk=membership_id)


def invitations_of(programme: Programme) -> QuerySet[Invitation]:
    """Invitations not yet accepted or withdrawn."""
    return Invitation.objects.filter(programme=programme, accepted_at__isnull=True, revoked_at__isnull=True)


def invitation_in(programme: Programme, invitation_id: int) -> Invitation:
    """One open invitation of the programme, or 404."""
    return get_object_or_404(invitations_of(programme), pk=invitation_id)


def operator_accesses_of(programme: Programme) -> QuerySet[OperatorAccess]:
    """Every operator access ever opened to a programme, newest first."""
    return OperatorAccess.objects.filter(programme=programme).select_related("operator", "ended_by")


def operator_access_in(programme: Programme, access_id: int) -> OperatorAccess:
    """One operator access to the programme, or 404."""
    return get_object_or_404(operator_accesses_of(programme), pk=access_id)


def operator_accesses_by(user: Any) -> QuerySet[OperatorAccess]:
    """The operator accesses a platform operator has opened, newest first."""
    return OperatorAccess.objects.filter(operator=user).select_related("programme", "ended_by")


def acting_organisation(user: Any, programme: Programme) -> Organisation | None:
    """The organisation the user acts for in the programme (None for a member who acts for none)."""
    membership = roles_of(user).get(programme.pk)
    return membership.organisation if membership is not None else None


def partner_staff_of(programme: Programme, organisation: Organisation | None) -> list[Any]:
    """The active partner staff of an organisation in the programme."""
    if organisation is None:
        return []
    memberships = Membership.objects.filter(
        programme=programme, organisation=organisation, role=Role.PARTNER_STAFF, is_active=True
    ).select_related("user")
    return [membership.user for membership in memberships]


@dataclass(frozen=True)
class ProgrammeHealth:
    programme: Programme
    members: int
    joined_recently: int


@dataclass(frozen=True)
class PlatformHealth:
    """What the platform operator watches, counted only: nobody's record, name or message."""

    programmes: list[ProgrammeHealth]
    accounts: int
    active_accounts: int
    signed_in_recently: int
    staff_without_second_factor: int
    tasks_waiting: int
    tasks_running: int
    tasks_failed: list[tuple[str, int]]  # (kind, how many) failed in the window


HEALTH_WINDOW = datetime.timedelta(days=7)


def platform_health() -> PlatformHealth:
    since = timezone.now() - HEALTH_WINDOW
    programmes = Programme.objects.annotate(
        members=Count("memberships", filter=Q(memberships__is_active=True)),
        joined_recently=Count(
            "memberships", filter=Q(memberships__is_active=True, memberships__created_at__gte=since)
        ),
    ).order_by("name")
    staff = Membership.objects.filter(
        is_active=True, role__in=[Role.PROGRAMME_ADMIN, Role.PARTNER_STAFF]
    ).values("user")
    with_factor = Authenticator.objects.values("user")
    failed = (
        TaskRun.objects.filter(status=TaskRun.Status.FAILED, updated_at__gte=since)
        .values_list("kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "kind")
    )
    return PlatformHealth(
        programmes=[ProgrammeHealth(p, p.members, p.joined_recently) for p in programmes],
        accounts=User.objects.count(),
        active_accounts=User.objects.filter(is_active=True).count(),
        signed_in_recently=User.objects.filter(last_login__gte=since).count(),
        staff_without_second_factor=User.objects.filter(pk__in=staff, is_active=True)
        .exclude(pk__in=with_factor)
        .count(),
        tasks_waiting=TaskRun.objects.filter(status=TaskRun.Status.QUEUED).count(),
        tasks_running=TaskRun.objects.filter(status=TaskRun.Status.RUNNING).count(),
        tasks_failed=[(kind, count) for kind, count in failed],
    )
