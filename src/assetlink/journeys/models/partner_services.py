"""A partner's service: what it offers that others refer people to, with its service levels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.Model):
    """Something a partner offers that others can refer people to (an Open Referral HSDS service)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="services", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    respond_within_days = models.PositiveSmallIntegerField(
        _("days to accept or decline"), default=5, help_text=_("The service's promise to answer a referral")
    )
    complete_within_days = models.PositiveSmallIntegerField(
        _("days to complete"), default=30, help_text=_("From acceptance to the referral's outcome")
    )
    is_active = models.BooleanField(_("taking referrals"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "name"], name="service_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
