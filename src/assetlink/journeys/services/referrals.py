"""Closed-loop referrals: sent, answered, completed or withdrawn, with service levels and ledger entries."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.journeys.models import (
    OPEN_REFERRAL_STATUSES,
    Referral,
    ReferralResult,
    ReferralStatus,
    Service,
)
from assetlink.people.selectors import parts_shared_with
from assetlink.programmes.rules import require
from assetlink.programmes.selectors import acting_organisation, partner_staff_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.matching.models import Match
    from assetlink.opportunities.models import Opportunity
    from assetlink.people.models import Person
from assetlink.journeys.services.common import (
    OPPORTUNITY_COMPLETE_DAYS,
    OPPORTUNITY_RESPOND_DAYS,
    tell_parties,
    today_or,
)


def send_referral(
    *,
    actor: User,
    person: Person,
    reason: str,
    service: Service | None = None,
    opportunity: Opportunity | None = None,
    match: Match | None = None,
    sent_on: datetime.date | None = None,
) -> Referral:
    """Hand a person over to a partner's service (or an opportunity's owner), with their consent.

    The person must have agreed that the receiving partner sees their record, or the parts of it a
    referral consent names; otherwise the referral is refused and nothing is written.
    """
    programme = person.programme
    require(actor, "journeys.refer_person", person)
    if person.erased_at is not None:
        raise ValidationError(_("This person's record has been erased."))
    if (service is None) == (opportunity is None):
        raise ValidationError({"service": _("Refer to one service or to one opportunity.")})
    if service is not None:
        if service.programme_id != programme.pk:
            raise ValidationError({"service": _("The service belongs to another programme.")})
        if not service.is_active:
            raise ValidationError({"service": _("This service is not taking referrals now.")})
        receiver, respond_days, _complete_days = (
            service.organisation,
            service.respond_within_days,
            service.complete_within_days,
        )
    else:
        assert opportunity is not None
        if opportunity.programme_id != programme.pk:
            raise ValidationError({"opportunity": _("The opportunity belongs to another programme.")})
        receiver, respond_days = opportunity.owner, OPPORTUNITY_RESPOND_DAYS
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the person needs from the receiving partner.")})
    if not parts_shared_with(person, receiver):
        raise ValidationError(
            {
                "service": _(
                    "%(person)s has not agreed to be referred to %(organisation)s. Record their consent "
                    "to referral to %(organisation)s (and which parts of their record it may see), or to "
                    "sharing their record with it, before referring them."
                )
                % {"person": person.reference, "organisation": receiver.name}
            }
        )
    open_referrals = Referral.objects.filter(person=person, status__in=OPEN_REFERRAL_STATUSES)
    if open_referrals.filter(service=service, opportunity=opportunity).exists():
        raise ValidationError({"service": _("This person already has an open referral there.")})
    day = today_or(sent_on, "sent_on")
    referral = Referral(
        programme=programme,
        person=person,
        service=service,
        opportunity=opportunity,
        match=match,
        to_organisation=receiver,
        from_organisation=acting_organisation(actor, programme),
        reason=reason,
        sent_by=actor,
        sent_on=day,
        respond_by=day + datetime.timedelta(days=respond_days),
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        audit.record(actor, "referral.sent", referral, programme=programme, after=_referral_state(referral))
        append_outcome(
            actor=actor,
            programme=programme,
            entry_type=OutcomeType.PERSON_REFERRED,
            subject=person,
            occurred_on=day,
            related=referral,
            data={
                "to": receiver.pk,
                "service": service.pk if service else None,
                "opportunity": opportunity.pk if opportunity else None,
                "match": match.pk if match else None,
            },
        )
        tell_parties(partner_staff_of(programme, receiver), "referral_received", referral)
    return referral


def _referral_state(referral: Referral) -> dict[str, Any]:
    return audit.snapshot(
        referral,
        fields=["status", "to_organisation", "service", "opportunity", "respond_by", "complete_by", "result"],
    )


def answer_referral(
    *,
    actor: User,
    referral: Referral,
    accept: bool,
    reason: str = "",
    answered_on: datetime.date | None = None,
) -> Referral:
    """The receiving partner accepts a referral (the clock to an outcome starts) or declines it, with why."""
    require(actor, "journeys.answer_referral", referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(
            {"status": _("Only a referral awaiting an answer can be accepted or declined.")}
        )
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the referral is declined, so that the sender can act.")})
    day = today_or(answered_on, "answered_on")
    if day < referral.sent_on:
        raise ValidationError({"answered_on": _("A referral cannot be answered before it was sent.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.answered_on = day
    referral.answered_by = actor
    if accept:
        days = (
            referral.service.complete_within_days
            if referral.service is not None
            else OPPORTUNITY_COMPLETE_DAYS
        )
        referral.complete_by = day + datetime.timedelta(days=days)
    else:
        referral.decline_reason = reason
        referral.closed_on = day
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            f"referral.{referral.status}",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        tell_parties(_senders(referral), f"referral_{referral.status}", referral)
    return referral


def _senders(referral: Referral) -> list[User]:
    people = partner_staff_of(referral.programme, referral.from_organisation)
    if referral.sent_by is not None:
        people.append(referral.sent_by)
    return people


def complete_referral(
    *,
    actor: User,
    referral: Referral,
    result: str,
    note: str = "",
    completed_on: datetime.date | None = None,
) -> Referral:
    """The receiving partner closes the loop: what came of the referral, written to the ledger."""
    require(actor, "journeys.answer_referral", referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError({"status": _("Only an accepted referral can be completed.")})
    if result not in ReferralResult.values:
        raise ValidationError({"result": _("Say what came of the referral.")})
    day = today_or(completed_on, "completed_on")
    if referral.answered_on and day < referral.answered_on:
        raise ValidationError({"completed_on": _("A referral cannot be completed before it was accepted.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.COMPLETED
    referral.result = result
    referral.result_note = note.strip()
    referral.closed_on = day
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            "referral.completed",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        append_outcome(
            actor=actor,
            programme=referral.programme,
            entry_type=OutcomeType.REFERRAL_COMPLETED,
            subject=referral.person,
            occurred_on=day,
            related=referral,
            data={"result": result, "to": referral.to_organisation_id},
        )
        tell_parties(_senders(referral), "referral_completed", referral)
    return referral


def withdraw_referral(*, actor: User, referral: Referral, reason: str) -> Referral:
    """The sender takes back a referral that is still open, saying why."""
    require(actor, "journeys.withdraw_referral", referral)
    if referral.status not in OPEN_REFERRAL_STATUSES:
        raise ValidationError({"status": _("Only an open referral can be withdrawn.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the referral is withdrawn.")})
    before = _referral_state(referral)
    referral.status = ReferralStatus.WITHDRAWN
    referral.result_note = reason.strip()
    referral.closed_on = timezone.localdate()
    with transaction.atomic():
        referral.save()
        audit.record(
            actor,
            "referral.withdrawn",
            referral,
            programme=referral.programme,
            before=before,
            after=_referral_state(referral),
        )
        tell_parties(
            partner_staff_of(referral.programme, referral.to_organisation), "referral_withdrawn", referral
        )
    return referral


def remind_overdue_referrals(*, today: datetime.date | None = None) -> int:
    """Tell the receiving partner's staff and the sender about each late referral: once while its answer
    is late, once while its outcome is late. Run daily by `assetlink remind_overdue`; returns how many."""
    today = today or timezone.localdate()
    answer_late = models.Q(status=ReferralStatus.SENT, respond_by__lt=today, overdue_reminded_on__isnull=True)
    outcome_late = models.Q(status=ReferralStatus.ACCEPTED, complete_by__lt=today) & (
        models.Q(overdue_reminded_on__isnull=True) | models.Q(overdue_reminded_on__lt=models.F("answered_on"))
    )
    late = Referral.objects.filter(answer_late | outcome_late).select_related(
        "programme", "person", "service", "opportunity", "to_organisation", "from_organisation", "sent_by"
    )
    flagged = 0
    for referral in late:
        with transaction.atomic():
            tell_parties(
                partner_staff_of(referral.programme, referral.to_organisation) + _senders(referral),
                "referral_overdue",
                referral,
            )
            referral.overdue_reminded_on = today
            referral.save(update_fields=["overdue_reminded_on"])
        flagged += 1
    return flagged
