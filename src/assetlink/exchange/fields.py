"""Form fields for cells of an import file: yes/no, semicolon lists, ESCO concepts, organisation names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from assetlink.organisations.models import Organisation
from assetlink.taxonomy.forms import EscoConceptField

TRUE = {"yes", "y", "true", "1", "x"}
FALSE = {"no", "n", "false", "0", ""}


class YesNoField(forms.Field):
    """yes/no, true/false, 1/0 (an empty cell is no)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("yes or no"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> bool:
        text = str(value if value is not None else "").strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise forms.ValidationError(_("Write yes or no, not “%(value)s”.") % {"value": value})


class SemicolonListField(forms.Field):
    """Several values in one cell, separated by semicolons."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:
        return [part.strip() for part in str(value or "").split(";") if part.strip()]


class EscoCellField(forms.Field):
    """An ESCO concept given by its URI or its exact label."""

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.concept_field = EscoConceptField(kind=kind, required=False)

    def to_python(self, value: Any) -> Any:
        text = str(value or "").strip()
        return self.concept_field.clean(("", text)) if text else None


class EscoListField(SemicolonListField):
    """Several ESCO concepts, each a URI or an exact label, separated by semicolons."""

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.concept_field = EscoConceptField(kind=kind, required=False)

    def to_python(self, value: Any) -> list[Any]:
        return [self.concept_field.clean(("", text)) for text in super().to_python(value)]


class OrganisationNameField(forms.Field):
    """An organisation of the programme's register, by its exact name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.register: dict[str, Organisation] = {}

    def to_python(self, value: Any) -> Organisation | None:
        name = str(value or "").strip()
        if not name:
            return None
        organisation = self.register.get(name.casefold())
        if organisation is None:
            raise forms.ValidationError(
                _("No organisation called “%(name)s” is in this programme's register.") % {"name": name}
            )
        return organisation


def register_lookup(programme: Any) -> dict[str, Organisation]:
    """The programme's register by lower-cased name, for OrganisationNameField."""
    from assetlink.organisations.selectors import organisations_of

    return {organisation.name.casefold(): organisation for organisation in organisations_of(programme)}
