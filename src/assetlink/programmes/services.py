"""Every write to programmes, partners, work packages, memberships and invitations."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.accounts.tasks import send_email_later
from assetlink.accounts.tokens import hash_token
from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import (
    ORGANISATION_ROLES,
    Invitation,
    Membership,
    OperatorAccess,
    Partner,
    PartnerRole,
    Programme,
    Role,
    WorkPackage,
)
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User

PROGRAMME_FIELDS = (
    "slug",
    "name",
    "city",
    "country",
    "languages",
    "currency",
    "starts_on",
    "ends_on",
    "description",
    "allows_self_registration",
    "financial_year_starts",
    "counts_hidden_up_to",
    "counts_rounded_to",
    "publishes_results",
)
INVITATION_LIFETIME = datetime.timedelta(days=14)


def _clean_programme(programme: Programme) -> None:
    programme.country = programme.country.upper()
    programme.currency = programme.currency.upper()
    languages = [str(code).strip().lower() for code in programme.languages or []]
    bad = [code for code in languages if len(code) < 2 or len(code) > 8 or not code.isalpha()]
    if bad:
        raise ValidationError({"languages": _("Not a language code: %(codes)s") % {"codes": ", ".join(bad)}})
    programme.languages = languages or [settings.LANGUAGE_CODE]
    programme.full_clean()


def create_programme(*, actor: User, **fields: Any) -> Programme:
    """Create a programme; only platform operators may do this."""
    require(actor, "programmes.add_programme")
    programme = Programme(**{name: value for name, value in fields.items() if name in PROGRAMME_FIELDS})
    _clean_programme(programme)
    with transaction.atomic():
        programme.save()
        audit.record(
            actor, "programme.created", programme, programme=programme, after=audit.snapshot(programme)
        )
    return programme


def update_programme(*, actor: User, programme: Programme, **changes: Any) -> Programme:
    """Change a programme's settings."""
    require(actor, "programmes.change_programme", programme)
    before = audit.snapshot(programme)
    for name, value in changes.items():
        if name not in PROGRAMME_FIELDS or name == "slug":
            raise ValidationError(_("The field “%(field)s” cannot be changed here.") % {"field": name})
        setattr(programme, name, value)
    try:
        _clean_programme(programme)
    except ValidationError:
        programme.refresh_from_db()
        raise
    with transaction.atomic():
        programme.save()
        audit.record(
            actor,
            "programme.updated",
            programme,
            programme=programme,
            before=before,
            after=audit.snapshot(programme),
        )
    return programme


def add_partner(
    *,
    actor: User,
    programme: Programme,
    organisation: Organisation,
    role: PartnerRole | str,
    joined_on: datetime.date | None = None,
) -> Partner:
    """Make an organisation a partner of the programme, and record it in the ledger."""
    from assetlink.organisations.selectors import organisations_of

    require(actor, "programmes.manage_partners", programme)
    if (
        organisation.held_by_id != programme.pk
        and not organisations_of(programme).filter(pk=organisation.pk).exists()
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "This organisation is not in the programme's register: ask its holders to link it first."
                )
            }
        )
    if Partner.objects.filter(programme=programme, organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s is already a partner of this programme.")
                % {"name": organisation.name}
            }
        )
    if (
        role == PartnerRole.LEAD
        and Partner.objects.filter(programme=programme, role=PartnerRole.LEAD).exists()
    ):
        raise ValidationError({"role": _("This programme already has a lead partner.")})
    partner = Partner(
        programme=programme, organisation=organisation, role=role, joined_on=joined_on or timezone.localdate()
    )
    partner.full_clean()
    with transaction.atomic():
        partner.save()
        audit.record(actor, "partner.added", partner, programme=programme, after=audit.snapshot(partner))
        append_outcome(
            actor=actor,
            programme=programme,
            entry_type=OutcomeType.PARTNER_JOINED,
            subject=organisation,
            related=partner,
            occurred_on=partner.joined_on,
            data={"role": partner.role, "kind": organisation.kind},
        )
    return partner


def change_partner_role(*, actor: User, partner: Partner, role: PartnerRole | str) -> Partner:
    """Change the role a partner plays in its programme."""
    require(actor, "programmes.manage_partners", partner.programme)
    if (
        role == PartnerRole.LEAD
        and Partner.objects.filter(programme=partner.programme, role=PartnerRole.LEAD)
        .exclude(pk=partner.pk)
        .exists()
    ):
        raise ValidationError({"role": _("This programme already has a lead partner.")})
    before = audit.snapshot(partner)
    partner.role = role
    partner.full_clean()
    with transaction.atomic():
        partner.save()
        audit.record(
            actor,
            "partner.role_changed",
            partner,
            programme=partner.programme,
            before=before,
            after=audit.snapshot(partner),
        )
    return partner


def end_partnership(*, actor: User, partner: Partner, left_on: datetime.date | None = None) -> Partner:
    """Record that a partner left the programme; its history stays."""
    require(actor, "programmes.manage_partners", partner.programme)
    if partner.left_on is not None:
        raise ValidationError({"left_on": _("This partner has already left the programme.")})
    left_on = left_on or timezone.localdate()
    if left_on < partner.joined_on:
        raise ValidationError({"left_on": _("A partner cannot leave before it joined.")})
    before = audit.snapshot(partner)
    partner.left_on = left_on
    with transaction.atomic():
        partner.save()
        audit.record(
            actor,
            "partner.left",
            partner,
            programme=partner.programme,
            before=before,
            after=audit.snapshot(partner),
        )
        append_outcome(
            actor=actor,
            programme=partner.programme,
            entry_type=OutcomeType.PARTNER_LEFT,
            subject=partner.organisation,
            related=partner,
            occurred_on=left_on,
            data={"role": partner.role},
        )
    return partner


def _check_work_package_partners(programme: Programme, lead: Partner, delivery: list[Partner]) -> None:
    if lead.programme_id != programme.pk:
        raise ValidationError({"lead_partner": _("The lead partner must be a partner of this programme.")})
    if any(p.programme_id != programme.pk for p in delivery):
        raise ValidationError(
            {"delivery_partners": _("Delivery partners must be partners of this programme.")}
        )


def _work_package_state(work_package: WorkPackage) -> dict[str, Any]:
    state = audit.snapshot(work_package)
    state["delivery_partners"] = sorted(work_package.delivery_partners.values_list("pk", flat=True))
    return state


def create_work_package(
    *,
    actor: User,
    programme: Programme,
    code: str,
    title: str,
    lead_partner: Partner,
    objectives: str = "",
    delivery_partners: list[Partner] | None = None,
) -> WorkPackage:
    """Add a work package with its lead and delivery partners."""
    require(actor, "programmes.manage_work_packages", programme)
    delivery = list(delivery_partners or [])
    _check_work_package_partners(programme, lead_partner, delivery)
    if WorkPackage.objects.filter(programme=programme, code=code).exists():
        raise ValidationError(
            {"code": _("Another work package already has the code %(code)s.") % {"code": code}}
        )
    work_package = WorkPackage(
        programme=programme, code=code, title=title, objectives=objectives, lead_partner=lead_partner
    )
    work_package.full_clean()
    with transaction.atomic():
        work_package.save()
        work_package.delivery_partners.set(delivery)
        audit.record(
            actor,
            "work_package.created",
            work_package,
            programme=programme,
            after=_work_package_state(work_package),
        )
    return work_package


def update_work_package(
    *,
    actor: User,
    work_package: WorkPackage,
    code: str,
    title: str,
    lead_partner: Partner,
    objectives: str = "",
    delivery_partners: list[Partner] | None = None,
) -> WorkPackage:
    """Change a work package's title, objectives or partners."""
    programme = work_package.programme
    require(actor, "programmes.manage_work_packages", programme)
    delivery = list(delivery_partners or [])
    _check_work_package_partners(programme, lead_partner, delivery)
    if WorkPackage.objects.filter(programme=programme, code=code).exclude(pk=work_package.pk).exists():
        raise ValidationError(
            {"code": _("Another work package already has the code %(code)s.") % {"code": code}}
        )
    before = _work_package_state(work_package)
    work_package.code, work_package.title, work_package.objectives = code, title, objectives
    work_package.lead_partner = lead_partner
    work_package.full_clean()
    with transaction.atomic():
        work_package.save()
        work_package.delivery_partners.set(delivery)
        audit.record(
            actor,
            "work_package.updated",
            work_package,
            programme=programme,
            before=before,
            after=_work_package_state(work_package),
        )
    return work_package


def _check_role_organisation(programme: Programme, role: str, organisation: Organisation | None) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role in ORGANISATION_ROLES:
        if organisation is None:
            raise ValidationError({"organisation": _("This role acts for an organisation: choose one.")})
        if not Partner.objects.filter(programme=programme, organisation=organisation).exists():
            raise ValidationError(
                {"organisation": _("The organisation must be a partner of this programme.")}
            )
    elif organisation is not None:
        raise ValidationError({"organisation": _("This role does not act for an organisation.")})


def _membership_state(membership: Membership) -> dict[str, Any]:
    return audit.snapshot(membership, ["user", "programme", "role", "organisation", "is_active"])


def appoint_first_admin(*, actor: User, programme: Programme, user: User) -> Membership:
    """Give a programme that has no admin its first one (a platform operator sets a programme up so)."""
    require(actor, "programmes.appoint_first_admin", programme)
    with transaction.atomic():
        membership, _created = Membership.objects.update_or_create(
            programme=programme, user=user, defaults={"role": Role.PROGRAMME_ADMIN, "is_active": True}
        )
        audit.record(
            actor, "membership.created", membership, programme=programme, after=_membership_state(membership)
        )
    return membership


def add_member(
    *,
    actor: User,
    programme: Programme,
    user: User,
    role: Role | str,
    organisation: Organisation | None = None,
) -> Membership:
    """Give an existing user a role in the programme."""
    require(actor, "programmes.manage_members", programme)
    _check_role_organisation(programme, role, organisation)
    if Membership.objects.filter(programme=programme, user=user).exists():
        raise ValidationError(
            {"email": _("%(email)s already has a role in this programme.") % {"email": user.email}}
        )
    with transaction.atomic():
        membership = Membership.objects.create(
            programme=programme, user=user, role=role, organisation=organisation
        )
        audit.record(
            actor, "membership.created", membership, programme=programme, after=_membership_state(membership)
        )
    return membership


def change_role(
    *, actor: User, membership: Membership, role: Role | str, organisation: Organisation | None = None
) -> Membership:
    """Assign a different role (and organisation) to a member."""
    programme = membership.programme
    require(actor, "programmes.manage_members", programme)
    _check_role_organisation(programme, role, organisation)
    if membership.user_id == actor.pk and role != Role.PROGRAMME_ADMIN:
        raise ValidationError({"role": _("You cannot remove your own admin role; ask another admin.")})
    before = _membership_state(membership)
    membership.role, membership.organisation = role, organisation
    with transaction.atomic():
        membership.save()
        audit.record(
            actor,
            "membership.role_changed",
            membership,
            programme=programme,
            before=before,
            after=_membership_state(membership),
        )
    return membership


def set_membership_active(*, actor: User, membership: Membership, is_active: bool) -> Membership:
    """Suspend or restore a member's access to the programme."""
    programme = membership.programme
    require(actor, "programmes.manage_members", programme)
    if membership.user_id == actor.pk and not is_active:
        raise ValidationError({"is_active": _("You cannot suspend your own access.")})
    before = _membership_state(membership)
    membership.is_active = is_active
    with transaction.atomic():
        membership.save()
        audit.record(
            actor,
            "membership.activated" if is_active else "membership.suspended",
            membership,
            programme=programme,
            before=before,
            after=_membership_state(membership),
        )
    return membership


def invite_member(
    *,
    actor: User,
    programme: Programme,
    email: str,
    role: Role | str,
    organisation: Organisation | None = None,
    accept_url_template: str = "/invitations/{token}/",
) -> tuple[Invitation, str]:
    """Invite someone by email to take a role; returns the invitation and its one-time token."""
    require(actor, "programmes.manage_members", programme)
    email = email.strip().lower()
    _check_role_organisation(programme, role, organisation)
    if Membership.objects.filter(programme=programme, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s already has a role in this programme.") % {"email": email}}
        )
    if Invitation.objects.filter(
        programme=programme,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError({"email": _("%(email)s already has an open invitation.") % {"email": email}})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        programme=programme,
        email=email,
        role=role,
        organisation=organisation,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean(exclude=["token_hash"])
    with transaction.atomic():
        invitation.save()
        audit.record(
            actor,
            "invitation.sent",
            invitation,
            programme=programme,
            after=audit.snapshot(invitation, ["email", "role", "organisation", "expires_at"]),
        )
    body = _("%(inviter)s invited you to join %(programme)s as %(role)s.\n\nAccept: %(url)s\n") % {
        "inviter": actor,
        "programme": programme.name,
        "role": invitation.get_role_display(),
        "url": accept_url_template.format(token=token),
    }
    subject = _("You are invited to %(programme)s on assetlink") % {"programme": programme.name}
    send_email_later(to=email, subject=subject, body=body, about=f"invitation {invitation.pk}")
    return invitation, token


def open_invitation(token: str) -> Invitation | None:
    """The invitation this token opens, if it is still open."""
    return (
        Invitation.objects.select_related("programme")
        .filter(
            token_hash=hash_token(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def accept_invitation(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Accept an invitation: as the signed-in user it was sent to, or by creating that user's account."""
    user_model = get_user_model()
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation is no longer open."))
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(_("This invitation was sent to another email address."))
    else:
        if user_model.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this email exists: sign in first, then open the link again.")
            )
        candidate = user_model(email=invitation.email, full_name=full_name.strip())
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user = candidate
    with transaction.atomic():
        if user.pk is None:
            user.set_password(password)
            user.save()
            audit.record(
                user,
                "user.created",
                user,
                programme=invitation.programme,
                after=audit.snapshot(user, ["email", "full_name"]),
            )
        membership = Membership.objects.create(
            user=user,
            programme=invitation.programme,
            role=invitation.role,
            organisation=invitation.organisation,
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(user, "invitation.accepted", invitation, programme=invitation.programme)
        audit.record(
            user,
            "membership.created",
            membership,
            programme=invitation.programme,
            after=_membership_state(membership),
        )
    return membership


def revoke_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw an invitation that has not been accepted."""
    require(actor, "programmes.manage_members", invitation.programme)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(actor, "invitation.withdrawn", invitation, programme=invitation.programme)
    return invitation


def register_partner(
    *,
    actor: User,
    programme: Programme,
    organisation_name: str,
    kind: str,
    country: str,
    role: PartnerRole | str,
    joined_on: datetime.date | None = None,
) -> Partner:
    """Add a partner by name: the organisation of the programme's register under that name and country,
    or a new one held by this programme (one held by another programme must be linked first)."""
    from assetlink.organisations.selectors import organisation_named
    from assetlink.organisations.services import create_organisation, refuse_if_held_elsewhere

    require(actor, "programmes.manage_partners", programme)
    with transaction.atomic():
        organisation = organisation_named(programme, organisation_name, country)
        if organisation is None:
            refuse_if_held_elsewhere(programme, organisation_name, country, field="organisation_name")
            organisation = create_organisation(
                actor=actor,
                programme=programme,
                name=organisation_name.strip(),
                kind=kind,
                country=country.strip(),
            )
        return add_partner(
            actor=actor, programme=programme, organisation=organisation, role=role, joined_on=joined_on
        )


OPERATOR_ACCESS_LONGEST = datetime.timedelta(hours=8)
OPERATOR_REASON_SHORTEST = 20


def open_operator_access(
    *, actor: User, programme: Programme, reason: str, hours: int | float = 1
) -> OperatorAccess:
    """Open a platform operator's time-limited, reasoned access to one programme ("break glass").

    The programme's admins are told at once; the access log marks every record read through it.
    """
    from assetlink.accounts.services import notify

    require(actor, "programmes.open_operator_access")
    reason = reason.strip()
    if len(reason) < OPERATOR_REASON_SHORTEST:
        raise ValidationError(
            {
                "reason": _(
                    "Say why you need to see this programme's records (at least %(count)d characters): "
                    "the programme's admins will read it."
                )
                % {"count": OPERATOR_REASON_SHORTEST}
            }
        )
    duration = datetime.timedelta(hours=hours)
    if not datetime.timedelta(minutes=5) <= duration <= OPERATOR_ACCESS_LONGEST:
        raise ValidationError(
            {"hours": _("Operator access lasts between 5 minutes and %(hours)d hours.") % {"hours": 8}}
        )
    if Membership.objects.filter(user=actor, programme=programme, is_active=True).exists():
        raise ValidationError(_("You are a member of this programme already; use your role there."))
    with transaction.atomic():
        access = OperatorAccess.objects.create(
            programme=programme, operator=actor, reason=reason, expires_at=timezone.now() + duration
        )
        audit.record(
            actor,
            "operator_access.opened",
            access,
            programme=programme,
            after={"reason": reason, "expires_at": access.expires_at.isoformat()},
        )
        admins = Membership.objects.filter(
            programme=programme, role=Role.PROGRAMME_ADMIN, is_active=True
        ).select_related("user")
        for membership in admins:
            notify(
                user=membership.user,
                kind="operator_access",
                params={
                    "operator": actor.email,
                    "reason": reason,
                    "until": timezone.localtime(access.expires_at).strftime("%Y-%m-%d %H:%M"),
                },
                url=reverse("audit:access", kwargs={"slug": programme.slug}),
                programme=programme,
            )
    actor.__dict__.pop("_assetlink_memberships", None)
    return access


def end_operator_access(*, actor: User, access: OperatorAccess) -> OperatorAccess:
    """End an operator access before it expires; the operator or an admin of the programme may."""
    require(actor, "programmes.end_operator_access", access)
    if access.ended_at is None:
        with transaction.atomic():
            access.ended_at = timezone.now()
            access.ended_by = actor
            access.save(update_fields=["ended_at", "ended_by"])
            audit.record(actor, "operator_access.ended", access, programme=access.programme)
    actor.__dict__.pop("_assetlink_memberships", None)
    return access
