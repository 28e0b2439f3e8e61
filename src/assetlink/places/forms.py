"""The form of a space."""

from typing import Any

from django import forms

from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area, Space


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            "name",
            "kind",
            "owner",
            "description",
            "address",
            "postcode",
            "area",
            "size_m2",
            "capacity",
            "status",
            "available_from",
            "terms",
            "rent_per_year",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "parking",
            "accessibility_notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "available_from": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner, area = self.fields["owner"], self.fields["area"]
        assert isinstance(owner, forms.ModelChoiceField) and isinstance(area, forms.ModelChoiceField)
        owner.queryset = organisations_of(programme).order_by("name")
        area.queryset = Area.objects.filter(programme=programme).order_by("name")
