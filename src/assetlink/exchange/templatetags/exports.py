"""`{% export_formats name as formats %}`: the formats an export offers, with their labels."""

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from assetlink.exchange.exports import export_definition

register = template.Library()

LABELS = {
    "csv": "CSV",
    "xlsx": _("Excel"),
    "hsds": _("Open Referral HSDS (JSON)"),
    "ocds": _("OCDS (JSON)"),
    "360giving": _("360Giving (JSON)"),
    "geojson": "GeoJSON",
}


@register.simple_tag
def export_formats(name: str) -> list[tuple[str, Any]]:
    definition = export_definition(name)
    return [(fmt, LABELS.get(fmt, fmt)) for fmt in definition.formats] if definition else []
