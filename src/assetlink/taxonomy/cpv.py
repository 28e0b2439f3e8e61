"""Names of the Common Procurement Vocabulary's divisions (its first two digits), so that a CPV code is shown
as words: the full vocabulary is imported by a deployment that needs it; the divisions name every code."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The divisions of CPV 2008, named briefly in our words.
CPV_DIVISIONS: dict[str, Promise] = {
    "03": _("Farming, fishing and forestry products"),
    "09": _("Fuel, electricity and other energy"),
    "14": _("Mining and basic metals"),
    "15": _("Food and drink"),
    "16": _("Farm machinery"),
    "18": _("Clothing, footwear and luggage"),
    "19": _("Leather, textiles, plastic and rubber materials"),
    "22": _("Printed matter"),
    "24": _("Chemical products"),
    "30": _("Office and computing equipment"),
    "31": _("Electrical equipment and lighting"),
    "32": _("Radio, television and telecommunication equipment"),
    "33": _("Medical equipment, medicines and personal care products"),
    "34": _("Transport equipment"),
    "35": _("Security, fire-fighting and defence equipment"),
    "37": _("Musical instruments, sports goods, toys and craft materials"),
    "38": _("Laboratory, optical and precision equipment"),
    "39": _("Furniture, furnishings, appliances and cleaning products"),
    "41": _("Water supply"),
    "42": _("Industrial machinery"),
    "43": _("Mining, quarrying and construction machinery"),
    "44": _("Construction structures and materials"),
    "45": _("Construction work"),
    "48": _("Software packages and information systems"),
    "50": _("Repair and maintenance services"),
    "51": _("Installation services"),
    "55": _("Hotel, catering and retail services"),
    "60": _("Transport services"),
    "63": _("Transport support services and travel agencies"),
    "64": _("Postal and telecommunication services"),
    "65": _("Public utilities"),
    "66": _("Financial and insurance services"),
    "70": _("Real estate services"),
    "71": _("Architecture, engineering and inspection services"),
    "72": _("IT services: consulting, software development, internet and support"),
    "73": _("Research and development services"),
    "75": _("Public administration, defence and social security services"),
    "76": _("Oil and gas industry services"),
    "77": _("Agricultural, forestry and horticultural services"),
    "79": _("Business services: legal, marketing, consulting, recruitment, printing, security"),
    "80": _("Education and training services"),
    "85": _("Health and social work services"),
    "90": _("Sewage, waste, cleaning and environmental services"),
    "92": _("Recreational, cultural and sporting services"),
    "98": _("Other community, social and personal services"),
}


def cpv_division_name(code: str) -> str:
    """ "72000000-5" → "IT services: …" in the reader's language; "" for a code of no known division."""
    name = CPV_DIVISIONS.get(code.strip()[:2])
    return str(name) if name is not None else ""


def cpv_label(code: str) -> str:
    """A CPV code with its division's name ("72000000-5 · IT services: …"), or the code alone."""
    name = cpv_division_name(code)
    return f"{code} · {name}" if name else code
