"""A match: an explained pairing of a person (or an organisation) with an opportunity, its eligibility,
the gaps left and the pathway that closes them, with a status that people move along."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Eligibility(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    REACHABLE = "reachable", _("Reachable with a pathway")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    REFERRED = "referred", _("Referred")
    DISMISSED = "dismissed", _("Dismissed")


# Status changes allowed, from → to.
NEXT_STATUSES = {
    # Shortlisting is optional: a caseworker may refer a suggestion at once (the refer page confirms).
    MatchStatus.SUGGESTED: (MatchStatus.SHORTLISTED, MatchStatus.REFERRED, MatchStatus.DISMISSED),
    MatchStatus.SHORTLISTED: (MatchStatus.REFERRED, MatchStatus.DISMISSED, MatchStatus.SUGGESTED),
    MatchStatus.DISMISSED: (MatchStatus.SUGGESTED,),
    MatchStatus.REFERRED: (),
}


class Match(models.Model):
    """Written only by `matching.services`; recomputed when the profile or the opportunity changes."""

    # What pages and the API name a match by: random, so that the matches of one person (made together,
    # with neighbouring ids) cannot be linked across opportunities by someone who sees them anonymised.
    handle = models.UUIDField(_("handle"), default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="matches", verbose_name=_("programme")
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("opportunity"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("organisation"),
    )
    score = models.FloatField(_("score"))
    eligibility = models.CharField(_("eligibility"), max_length=12, choices=Eligibility.choices, blank=True)
    components = models.JSONField(_("score components"), default=dict)
    reasons = models.JSONField(_("explanation"), default=list)
    gaps = models.JSONField(_("gaps"), default=list)
    pathway = models.JSONField(_("pathway"), default=list)
    pathway_template = models.CharField(_("pathway template"), max_length=40, blank=True)
    # Between equal scores (after eligibility): fewer pathway steps to go, then the shorter way.
    steps_to_go = models.PositiveSmallIntegerField(_("pathway steps to go"), default=0)
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=20)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    dismissed_reason = models.CharField(_("reason for dismissing"), max_length=300, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "person"],
                condition=models.Q(person__isnull=False),
                name="match_person_once",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="match_organisation_once",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="match_has_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"]), models.Index(fields=["opportunity", "status"])]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} → {self.opportunity_id} ({self.score:.2f})"

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return NEXT_STATUSES.get(MatchStatus(self.status), ())
