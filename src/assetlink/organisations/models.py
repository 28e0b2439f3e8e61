"""An organisation exists once and can be partner in several programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ANCHOR_INSTITUTION = "anchor_institution", _("Anchor institution")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COOPERATIVE = "cooperative", _("Co-operative")
    COMMUNITY_GROUP = "community_group", _("Community group")
    SME = "sme", _("Small or medium enterprise")
    KIBS_FIRM = "kibs_firm", _("Knowledge-intensive business services firm")
    UNIVERSITY = "university", _("University")
    RESEARCH_CENTRE = "research_centre", _("Research centre")
    PUBLIC_BODY = "public_body", _("Public body")
    FUNDER = "funder", _("Funder")


class Organisation(models.Model):
    """Any organisation taking part in or around a programme."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code"))
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name_per_country"),
        ]

    def __str__(self) -> str:
        return self.name
