"""Portable practice packages: a practice with its template as one versioned JSON file, so that cities on
separate installations can transfer too. The format is described by `package_schema.json` (JSON Schema
2020-12); an import checks the file against it, then against the catalogue's own rules, and writes
everything or nothing. Live results travel as the figures they showed on the day of export."""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.catalogue import selectors, services
from assetlink.catalogue.models import TEXT_FIELDS, Practice, PracticeTemplate, Theme
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from assetlink.accounts.models import User

FORMAT = "assetlink-practice-package"
VERSION = 1
MAX_PACKAGE_BYTES = 20 * 1024 * 1024


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((Path(__file__).parent / "package_schema.json").read_text())
    return loaded


def export_package(practice: Practice) -> dict[str, Any]:
    """The practice and its latest template as a package."""
    today = timezone.localdate()
    results: list[dict[str, Any]] = [
        {"value": result.value, "labels": result.labels, "live_on": None}
        for result in practice.typed_results.all()
    ]
    for live in selectors.live_results(practice):
        if not live.figure.is_hidden and live.figure.value is not None:
            results.append(
                {"value": str(live.figure.value), "labels": {"en": live.label}, "live_on": today.isoformat()}
            )
    template = practice.templates.order_by("-version").first()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "practice": {
            "slug": practice.slug,
            "city": practice.city,
            "country": practice.country,
            "city_population": practice.city_population,
            "label_date": practice.label_date.isoformat() if practice.label_date else None,
            "original_language": practice.original_language,
            "contact_name": practice.contact_name,
            "contact_email": practice.contact_email,
            "website": practice.website,
            "in_partnership_with": practice.in_partnership_with,
            "themes": [{"code": theme.code, "names": theme.names} for theme in practice.themes.all()],
            "texts": {
                text.language: {name: getattr(text, name) for name in TEXT_FIELDS if getattr(text, name)}
                for text in practice.texts.all()
            },
            "results": results,
        },
        "template": {"version": template.version, "content": template.content} if template else None,
    }


def read_package(data: bytes) -> dict[str, Any]:
    """The package in a file, or a ValidationError saying what is wrong with it and where."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise ValidationError({"package": _("The file is larger than 20 MB.")})
    try:
        package = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError({"package": _("The file is not JSON: %(error)s") % {"error": error}}) from error
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        raise ValidationError({"package": _("This is not an assetlink practice package.")})
    if package.get("version") != VERSION:
        raise ValidationError(
            {
                "package": _(
                    "This package has version %(version)s; this installation reads version %(known)s."
                )
                % {"version": package.get("version"), "known": VERSION}
            }
        )
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    problems = sorted(validator.iter_errors(package), key=lambda error: list(error.absolute_path))
    if problems:
        messages = [
            _("%(where)s: %(problem)s")
            % {
                "where": "/".join(str(part) for part in problem.absolute_path) or "/",
                "problem": problem.message,
            }
            for problem in problems[:10]
        ]
        raise ValidationError({"package": messages})
    return package


def import_package(*, actor: User, data: bytes) -> Practice:
    """A practice (as a draft of this catalogue) with its template from a package; nothing is written when
    any of it is refused."""
    require(actor, "catalogue.edit")
    package = read_package(data)
    content = package["practice"]
    if Practice.objects.filter(slug=content["slug"]).exists():
        raise ValidationError(
            {"package": _("This catalogue has a practice “%(slug)s” already.") % {"slug": content["slug"]}}
        )
    with transaction.atomic():
        themes = []
        for item in content.get("themes", []):
            theme, created = Theme.objects.get_or_create(code=item["code"], defaults={"names": item["names"]})
            if not created:
                theme.names = {**item["names"], **theme.names}
                theme.save(update_fields=["names"])
            themes.append(theme)
        label_date = content.get("label_date")
        practice = services.save_practice(
            actor=actor,
            slug=content["slug"],
            city=content["city"],
            country=content["country"],
            city_population=content.get("city_population"),
            label_date=datetime.date.fromisoformat(label_date) if label_date else None,
            original_language=content["original_language"],
            contact_name=content.get("contact_name", ""),
            contact_email=content.get("contact_email", ""),
            website=content.get("website", ""),
            in_partnership_with=content.get("in_partnership_with", ""),
            themes=themes,
            texts=content["texts"],
            typed_results=[(result["value"], result["labels"]) for result in content.get("results", [])],
        )
        template = package.get("template")
        if template:
            PracticeTemplate.objects.create(
                practice=practice, version=template["version"], content=template["content"]
            )
        audit.record(actor, "practice.imported", practice, after={"slug": practice.slug})
    return practice
