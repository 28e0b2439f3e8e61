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


class SpaceKind(models.TextChoices):
    BUILDING = "building", _("Building")
    VACANT_UNIT = "vacant_unit", _("Vacant unit")
    HALL = "hall", _("Hall or meeting room")
    OFFICE = "office", _("Office or desk space")
    WORKSHOP = "workshop", _("Workshop")
    KITCHEN = "kitchen", _("Kitchen")
    GREEN_SPACE = "green_space", _("Green space")
    LAND = "land", _("Land (e.g. canal-side)")


class SpaceStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    PLANNED = "planned", _("Available later")
    LET = "let", _("Let or in use")
    UNAVAILABLE = "unavailable", _("Not available")


class SpaceTerms(models.TextChoices):
    FREE = "free", _("Free of charge")
    PEPPERCORN = "peppercorn", _("Peppercorn rent")
    BELOW_MARKET = "below_market", _("Below market rent")
    MARKET = "market", _("Market rent")
    ASSET_TRANSFER = "asset_transfer", _("Community asset transfer")
    MEANWHILE = "meanwhile", _("Meanwhile use")
    HOURLY = "hourly", _("Hire by the hour")


class Space(models.Model):
    """A physical asset that can be used: a building, a vacant unit, a hall, a green space, land."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="spaces", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=SpaceKind.choices)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spaces",
        verbose_name=_("owner"),
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="spaces", verbose_name=_("area")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    size_m2 = models.DecimalField(_("size (m²)"), max_digits=10, decimal_places=1, null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SpaceStatus.choices, default=SpaceStatus.AVAILABLE
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    terms = models.CharField(_("terms"), max_length=16, choices=SpaceTerms.choices, blank=True)
    rent_per_year = models.DecimalField(
        _("rent a year"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    accessibility_notes = models.CharField(_("accessibility notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
