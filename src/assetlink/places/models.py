"""An area of a programme with its deprivation and population; postcodes that fall in it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A neighbourhood unit (e.g. an LSOA, a ward, a barrio) with its deprivation rank and population."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="areas", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("e.g. E01009012 for an English LSOA"))
    name = models.CharField(_("name"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    deprivation_rank = models.PositiveIntegerField(
        _("deprivation rank"),
        null=True,
        blank=True,
        help_text=_("1 is the most deprived area of the country"),
    )
    deprivation_decile = models.PositiveSmallIntegerField(
        _("deprivation decile"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 is the most deprived tenth of areas, 10 the least deprived"),
    )
    geometry = models.JSONField(
        _("boundary"), null=True, blank=True, help_text=_("GeoJSON Polygon or MultiPolygon")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration")
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="area_code_per_programme"),
            models.CheckConstraint(
                condition=models.Q(deprivation_decile__isnull=True)
                | models.Q(deprivation_decile__gte=1, deprivation_decile__lte=10),
                name="area_decile_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PostcodeArea(models.Model):
    """A postcode, or a postcode sector or district, that lies in an area."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("programme"),
    )
    postcode = models.CharField(
        _("postcode"), max_length=12, help_text=_("Stored without spaces, upper case")
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("area"))

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "postcode"], name="postcode_once_per_programme"),
        ]

    def __str__(self) -> str:
        return self.postcode
