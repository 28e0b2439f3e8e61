"""Imports of areas (CSV, XLSX or GeoJSON) and of the postcode → area lookup."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.engine.geometry import GeometryError, polygons_of
from assetlink.exchange.fields import OrganisationNameField, YesNoField
from assetlink.exchange.pipeline import Importer
from assetlink.places.models import Area, SpaceKind, SpaceStatus, SpaceTerms
from assetlink.places.services import save_area, save_postcode, save_space


class GeometryField(forms.Field):
    """A GeoJSON Polygon or MultiPolygon, given as an object (GeoJSON files) or as JSON text (CSV)."""

    def to_python(self, value: Any) -> Any:
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as error:
                raise forms.ValidationError(_("Not valid JSON: %(reason)s") % {"reason": error}) from error
        try:
            polygons_of(value)
        except GeometryError as error:
            raise forms.ValidationError(str(error)) from error
        return value


class AreaRowForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("code"), max_length=30)
    name = forms.CharField(label=gettext_lazy("name"), max_length=200)
    population = forms.IntegerField(label=gettext_lazy("population"), min_value=0, required=False)
    deprivation_rank = forms.IntegerField(
        label=gettext_lazy("deprivation rank"),
        min_value=1,
        required=False,
        help_text=gettext_lazy("1 is the most deprived area of the country"),
    )
    deprivation_decile = forms.IntegerField(
        label=gettext_lazy("deprivation decile"),
        min_value=1,
        max_value=10,
        required=False,
        help_text=gettext_lazy("1 is the most deprived tenth of areas, 10 the least deprived"),
    )
    geometry = GeometryField(
        label=gettext_lazy("boundary"),
        required=False,
        help_text=gettext_lazy("GeoJSON Polygon or MultiPolygon (the feature's geometry in a GeoJSON file)"),
    )
    latitude = forms.FloatField(label=gettext_lazy("latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=gettext_lazy("longitude"), min_value=-180, max_value=180, required=False
    )
    source = forms.CharField(label=gettext_lazy("source"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_centre = cleaned.get("latitude") is not None and cleaned.get("longitude") is not None
        if not cleaned.get("geometry") and not has_centre and not self.errors:
            raise forms.ValidationError(_("Give a boundary, or a latitude and longitude."))
        return cleaned


class AreaImporter(Importer):
    kind = "areas"
    title = gettext_lazy("Areas")
    permission = "places.manage_areas"
    form_class = AreaRowForm
    unique_together = ("code",)

    def write(self, cleaned: dict[str, Any]) -> None:
        save_area(actor=self.actor, programme=self.programme, **cleaned)


class PostcodeRowForm(forms.Form):
    postcode = forms.CharField(
        label=gettext_lazy("postcode"),
        max_length=12,
        help_text=gettext_lazy("A full postcode, or a sector or district (B66 2, B66)"),
    )
    area_code = forms.CharField(label=gettext_lazy("area code"), max_length=30)


class PostcodeImporter(Importer):
    kind = "postcodes"
    title = gettext_lazy("Postcodes of areas")
    permission = "places.manage_areas"
    form_class = PostcodeRowForm
    unique_together = ("postcode",)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.areas = {area.code.casefold(): area for area in Area.objects.filter(programme=self.programme)}

    def write(self, cleaned: dict[str, Any]) -> None:
        area = self.areas.get(cleaned["area_code"].casefold())
        if area is None:
            raise forms.ValidationError(
                {
                    "area_code": _("No area of this programme has the code “%(code)s”.")
                    % {"code": cleaned["area_code"]}
                }
            )
        save_postcode(actor=self.actor, programme=self.programme, postcode=cleaned["postcode"], area=area)


class SpaceRowForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=SpaceKind.choices)
    owner = OrganisationNameField(
        label=gettext_lazy("owner"),
        required=False,
        help_text=gettext_lazy("Name of an organisation in the register"),
    )
    description = forms.CharField(label=gettext_lazy("description"), required=False)
    address = forms.CharField(label=gettext_lazy("address"), max_length=300, required=False)
    postcode = forms.CharField(label=gettext_lazy("postcode"), max_length=12, required=False)
    size_m2 = forms.DecimalField(label=gettext_lazy("size (m²)"), min_value=0, required=False)
    capacity = forms.IntegerField(label=gettext_lazy("capacity (people)"), min_value=0, required=False)
    status = forms.ChoiceField(label=gettext_lazy("status"), choices=SpaceStatus.choices)
    available_from = forms.DateField(label=gettext_lazy("available from"), required=False)
    terms = forms.ChoiceField(
        label=gettext_lazy("terms"), choices=[("", ""), *SpaceTerms.choices], required=False
    )
    rent_per_year = forms.DecimalField(label=gettext_lazy("rent a year"), min_value=0, required=False)
    step_free = YesNoField(label=gettext_lazy("step-free access"))
    accessible_toilet = YesNoField(label=gettext_lazy("accessible toilet"))
    hearing_loop = YesNoField(label=gettext_lazy("hearing loop"))
    parking = YesNoField(label=gettext_lazy("parking"))


class SpaceImporter(Importer):
    kind = "spaces"
    title = gettext_lazy("Spaces")
    permission = "places.manage_spaces"
    form_class = SpaceRowForm
    unique_together = ("name", "postcode")

    def write(self, cleaned: dict[str, Any]) -> None:
        save_space(actor=self.actor, programme=self.programme, **cleaned)
