"""Naughty strings through every API write, every form the pages offer and every importer; then every
page, export and feed: no server error, no markup that arrives as markup, nothing half written.

(The map, where names meet JavaScript, is checked in a browser: tests/demo/e2e/test_hostile_input.py.)
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from assetlink.accounts.services import create_api_token
from assetlink.exchange.exports import EXPORTS, export_definition
from assetlink.exchange.pipeline import IMPORTERS, column_help, run_import
from assetlink.programmes.models import Role
from tests.web.test_permission_matrix import (  # noqa: F401 (values is a fixture)
    api_operations,
    fill,
    sample_body,
    url_patterns,
    values,
)

SCRIPT = '<script>alert("planted")</script>'
NAUGHTY = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "Vertical\x0btab and bell\x07",
    "Nul\x00byte",
    "\u202eevil.exe\u202c right-to-left override",
    "Emoji 👩🏽\u200d⚕️ 🏥 and combining e\u0301",
    '=HYPERLINK("http://evil.example")',
    "Robert'); DROP TABLE people;--",
    "x" * 100_000,
]
# Keys of the API samples that hold free text (the others are codes, dates and ids, checked elsewhere).
FREE_TEXT = {
    "name",
    "title",
    "description",
    "reason",
    "body",
    "note",
    "given_name",
    "family_name",
    "evidence",
    "topic",
    "organisation_name",
    "text",
    "result",
}
# Forms that end the session or destroy the record under test are not filled in here.
SKIPPED_FORM_ACTIONS = ("/accounts/logout/", "/i18n/setlang/", "/erase/", "/end/", "/withdraw/")


def written_rows() -> dict[str, int]:
    """Rows of every table of ours, but the logs of reads (a refused write may still have read); all
    tables counted in one query, as this runs before and after each of about a thousand writes."""
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label
        in {"programmes", "organisations", "people", "opportunities", "places", "matching", "journeys"}
        | {"timelines", "impact", "exchange"}
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def with_text(body: Any, text: str) -> Any:
    if isinstance(body, dict):
        return {
            key: (text if key in FREE_TEXT and isinstance(item, str) else with_text(item, text))
            for key, item in body.items()
        }
    if isinstance(body, list):
        return [with_text(item, text) for item in body]
    return body


class FormFinder(HTMLParser):
    """The POST forms of a page, with a value for each of their fields."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form" and attributes.get("method", "").lower() == "post":
            self.forms.append((attributes.get("action", ""), {}))
            return
        if not self.forms:
            return
        fields = self.forms[-1][1]
        name = attributes.get("name", "")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"text", "search", "email", "url"}:
                fields[name] = self.text
            elif kind in {"hidden", "number", "date"}:
                fields[name] = attributes.get("value", "")
        elif tag == "textarea" and name:
            fields[name] = self.text
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attributes.get("value"):
            fields.setdefault(self._select, attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def no_live_markup(path: str, response: Any) -> None:
    if "html" in response.get("Content-Type", ""):
        assert SCRIPT not in response.content.decode(errors="replace"), f"{path}: markup arrived as markup"


@pytest.mark.django_db
def test_naughty_strings_through_every_write_then_every_page_and_export(world, other_world, values):  # noqa: F811
    admin = world.user(Role.PROGRAMME_ADMIN)
    _token, secret = create_api_token(actor=admin, name="naughty")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    slug = world.programme.slug

    # Every API write, each free-text field set to each naughty string.
    api_writes = 0
    for method, route, _view in api_operations():
        if method not in {"POST", "PUT", "PATCH"} or route.endswith("/imports"):
            continue
        path, _kwargs = fill(route, values)
        sample = sample_body(world, method, route)
        for text in NAUGHTY:
            before = written_rows()
            response = Client().generic(
                method,
                path,
                data=json.dumps(with_text(sample, text)),
                content_type="application/json",
                **headers,
            )
            assert response.status_code < 500, f"{method} {route}: {response.status_code}"
            if response.status_code >= 400:
                assert written_rows() == before, f"{method} {route} failed but wrote"
            api_writes += 1
    assert api_writes > 200

    # Every POST form that the pages of the programme offer, every text field filled in.
    client = Client()
    client.force_login(admin)
    pages = []
    for route, pattern in url_patterns():
        if route.startswith("api/") or not hasattr(pattern.callback, "access") or "(?P" in route:
            continue
        path, _kwargs = fill(route, values)
        if "unknown-key" in path:
            continue
        pages.append(path)
    forms_posted = 0
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for text in NAUGHTY[:2] + NAUGHTY[2:]:
            finder = FormFinder(text)
            finder.feed(client.get(path).content.decode())
            for action, fields in finder.forms:
                target = action or path
                if any(skipped in target for skipped in SKIPPED_FORM_ACTIONS):
                    continue
                before = written_rows()
                posted = client.post(target, fields)
                assert posted.status_code < 500, f"{target}: {posted.status_code} with {text[:30]!r}"
                no_live_markup(target, posted)
                if posted.status_code in {200, 400, 403, 422}:
                    assert written_rows() == before, f"{target} refused the form but wrote"
                forms_posted += 1
    assert forms_posted > 100

    # Every importer, every column of one row.
    for kind in IMPORTERS:
        columns = [column.name for column in column_help(kind)]
        for text in NAUGHTY:
            cells = ['"' + text.replace('"', '""') + '"' for _column in columns]
            data = (",".join(columns) + "\n" + ",".join(cells) + "\n").encode()
            before = written_rows()
            result = run_import(
                actor=admin, programme=world.programme, kind=kind, data=data, file_name="n.csv", commit=True
            )
            if result.errors:
                assert written_rows() == before, f"{kind}: a failed import wrote"

    # Then every page, for the admin and for partner staff, and every export and open feed.
    staff = Client()
    staff.force_login(world.user(Role.PARTNER_STAFF))
    for path in pages:
        for reader in (client, staff):
            response = reader.get(path)
            assert response.status_code < 500, f"{path}: {response.status_code}"
            no_live_markup(path, response)
    for name in EXPORTS:
        definition = export_definition(name)
        assert definition is not None
        for fmt in definition.formats:
            response = client.get(f"/p/{slug}/exports/{name}.{fmt}")
            assert response.status_code == 200, f"{name}.{fmt}: {response.status_code}"
            if fmt not in {"csv", "xlsx"}:
                json.loads(response.content)
    for feed in ("jobs.json", "contracts.ocds.json", "grants.360giving.json", ""):
        response = Client().get(f"/open/{slug}/{feed}")
        assert response.status_code == 200, feed
        no_live_markup(feed, response)
