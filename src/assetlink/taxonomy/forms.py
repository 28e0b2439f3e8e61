"""A form field for one ESCO concept: an accessible autocomplete that also works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assetlink.taxonomy.models import ConceptKind, EscoConcept
from assetlink.taxonomy.selectors import concept_by_uri, concepts_labelled


class EscoAutocomplete(forms.Widget):
    """A text box with suggestions (WAI-ARIA combobox); the chosen concept's URI travels beside it."""

    template_name = "taxonomy/esco_autocomplete.html"

    def __init__(self, kind: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kind = kind

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str]:
        return (data.get(f"{name}_uri", "").strip(), data.get(name, "").strip())

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_uri" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        uri, label = "", ""
        if isinstance(value, EscoConcept):
            uri, label = value.uri, value.preferred_label
        elif isinstance(value, tuple | list) and len(value) == 2:
            uri, label = value
        elif isinstance(value, str) and value:
            concept = concept_by_uri(value)
            uri, label = (concept.uri, concept.preferred_label) if concept else ("", value)
        context["widget"].update(
            {
                "uri": uri,
                "label": label,
                "search_url": reverse("taxonomy:search") + f"?kind={self.kind}&field={name}",
            }
        )
        return context


class EscoConceptField(forms.Field):
    """Cleans to an EscoConcept of one kind, from the chosen URI or from a label typed in full."""

    default_error_messages = {
        "unknown": _("No ESCO entry is called “%(label)s”. Type part of it and choose from the suggestions."),
        "ambiguous": _("Several ESCO entries are called “%(label)s”: choose one from the suggestions."),
    }

    def __init__(self, *, kind: str = ConceptKind.SKILL, **kwargs: Any) -> None:
        self.kind = kind
        kwargs.setdefault("widget", EscoAutocomplete(kind))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> EscoConcept | None:
        if isinstance(value, EscoConcept):
            return value
        uri, label = value if isinstance(value, tuple | list) else ("", value or "")
        if uri:
            concept = concept_by_uri(uri, kind=self.kind)
            if concept is not None:
                return concept
        if not label:
            return None
        if label.startswith("http://data.europa.eu/esco/"):
            concept = concept_by_uri(label, kind=self.kind)
            if concept is not None:
                return concept
        matches = concepts_labelled(label, kind=self.kind, language=get_language() or "en")
        if not matches:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"label": label}
            )
        preferred = [concept for concept in matches if concept.preferred_label.casefold() == label.casefold()]
        if len(preferred) == 1 or len(matches) == 1:
            return (preferred or matches)[0]
        raise forms.ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params={"label": label}
        )

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def bound_data(self, data: Any, initial: Any) -> Any:
        return data
