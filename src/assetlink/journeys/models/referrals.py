"""A closed-loop referral of a person to a partner's service or to an opportunity."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assetlink.journeys.models.partner_services import Service


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent, awaiting an answer")
    ACCEPTED = "accepted", _("Accepted, in progress")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REFERRAL_STATUSES = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})


class ReferralResult(models.TextChoices):
    ACHIEVED = "achieved", _("What the referral asked for was achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DISENGAGED = "disengaged", _("The person stopped taking part")


class Referral(models.Model):
    """A closed-loop hand-over of a person from one partner to another partner's service."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("person")
    )
    # A referral goes to a partner's service, or to an opportunity (its owner receives it).
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving partner"),
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("referring partner"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("opportunity"),
    )
    match = models.ForeignKey(
        "matching.Match",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("match"),
    )
    reason = models.TextField(_("what the person needs"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_on = models.DateField(_("sent on"))
    respond_by = models.DateField(_("answer due"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decline_reason = models.TextField(_("why declined"), blank=True)
    complete_by = models.DateField(_("outcome due"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=14, choices=ReferralResult.choices, blank=True)
    result_note = models.TextField(_("note on the result"), blank=True)
    overdue_reminded_on = models.DateField(_("overdue reminder sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["programme", "to_organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(opportunity__isnull=False),
                name="referral_to_a_service_or_an_opportunity",
            )
        ]

    def __str__(self) -> str:
        return f"R{self.pk} {self.person} → {self.to_organisation}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:06d}"

    @property
    def target(self) -> str:
        """What the person was referred to, for lists and notifications."""
        if self.service is not None:
            return self.service.name
        return self.opportunity.title if self.opportunity is not None else ""

    @property
    def due_on(self) -> datetime.date | None:
        """The date the current step is due: an answer while sent, an outcome while accepted."""
        if self.status == ReferralStatus.SENT:
            return self.respond_by
        if self.status == ReferralStatus.ACCEPTED:
            return self.complete_by
        return None

    @property
    def is_overdue(self) -> bool:
        due = self.due_on
        return due is not None and due < timezone.localdate()
