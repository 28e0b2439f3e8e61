"""Codes shown as words in the reader's language: countries and languages by their ISO names (the
translations pycountry ships), ledger entry types by their labels, CPV codes with their division's name."""

from __future__ import annotations

import functools
import gettext
from decimal import Decimal
from typing import Any

import pycountry
from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_symbol
from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assetlink.taxonomy import cpv
from assetlink.taxonomy.selectors import label_in

register = template.Library()


@functools.cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@register.filter
def country_name(code: str | None) -> str:
    """ "GB" → "United Kingdom" (in Spanish "Reino Unido"); an unknown code is shown as it is."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=str(code).upper())
    if country is None:
        return str(code)
    name = getattr(country, "common_name", None) or country.name
    return _catalogue("iso3166-1", _language()).gettext(name)


@register.filter
def language_name(code: str | None) -> str:
    """ "ar" → "Arabic" (in Slovenian "arabščina"); an unknown code is shown as it is."""
    if not code:
        return ""
    found = pycountry.languages.get(alpha_2=str(code).lower()) or pycountry.languages.get(
        alpha_3=str(code).lower()
    )
    if found is None:
        return str(code)
    return _catalogue("iso639-3", _language()).gettext(found.name)


@register.filter
def entry_type_names(codes: list[str] | None) -> str:
    """Ledger entry types by their labels, separated by commas."""
    from assetlink.impact.models import OutcomeType

    labels = dict(OutcomeType.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def cpv_label(code: str | None) -> str:
    """ "72000000-5" → "72000000-5 · IT services: …" (the division's name in the reader's language)."""
    return cpv.cpv_label(str(code)) if code else ""


@register.filter
def cpv_labels(codes: list[str] | None) -> str:
    """A list of CPV codes, each with its division's name, separated by semicolons."""
    return "; ".join(cpv.cpv_label(str(code)) for code in codes or ())


@register.filter
def esco_label(concept: Any) -> str:
    """An ESCO skill or occupation in the reader's language when ESCO's own labels in it were loaded;
    otherwise its English label, marked as English (for screen readers, and in words for everyone)."""
    if concept is None:
        return ""
    language = _language()
    label, label_language = label_in(concept, language)
    if label_language == language:
        return label
    return format_html(
        '<span lang="en">{}</span> <span class="label-language">{}</span>', label, _("(in English)")
    )


@functools.cache
def _money_locale(language: str, country: str) -> Locale:
    try:
        return Locale.parse(f"{language}_{country}")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(language)


def format_money(value: Any, programme: Any, decimals: int = 0) -> str:
    """An amount in the programme's currency as the reader's language writes it: "£28,000" in English,
    "28 000 €" in Spanish; the symbol and its place from CLDR for the language and the programme's
    country, the digits as the reader's language groups them."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    locale = _money_locale(_language(), str(getattr(programme, "country", "") or "").upper())
    currency = str(getattr(programme, "currency", "") or "")
    symbol = get_currency_symbol(currency, locale) if currency else ""
    digits = number_format(abs(amount), decimals, force_grouping=True)
    sign = "-" if amount < 0 else ""
    if locale.currency_formats["standard"].pattern.lstrip().startswith("¤"):
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits}\u00a0{symbol}"


@register.filter
def money(value: Any, programme: Any) -> str:
    """{{ amount|money:programme }}: whole units, in the programme's currency."""
    return format_money(value, programme)


@register.filter
def money_cents(value: Any, programme: Any) -> str:
    """{{ amount|money_cents:programme }}: with the two decimals of cents."""
    return format_money(value, programme, decimals=2)
