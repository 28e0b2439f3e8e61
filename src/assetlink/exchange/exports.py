"""The one export mechanism: a list's columns written as CSV or XLSX, and the exports in standards.

Each domain app declares its exports (rows for a user, columns, formats) in its `exports.py`; the
registry here finds them by name. Rows always come from the same permission-scoped selectors as the
pages, so an export never shows more than its list.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.module_loading import import_string

from assetlink.validation import without_control_characters

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

TABULAR = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ListExport:
    """One exportable list: who may export it, which rows, which columns, in which formats."""

    name: str
    title: StrOrPromise
    permission: str
    rows: Callable[[User, Programme], Iterable[Any]]
    columns: list[Column] = field(default_factory=list)
    # Formats beyond CSV/XLSX: format name → (media type, file suffix, writer of the whole document).
    documents: dict[str, tuple[str, str, Callable[[Programme, list[Any], str], Any]]] = field(
        default_factory=dict
    )
    # Called with the exporting user and the rows, e.g. to write each person to the access log.
    on_export: Callable[[User, Programme, list[Any]], None] | None = None

    @property
    def formats(self) -> list[str]:
        return [*(TABULAR if self.columns else ()), *self.documents]


EXPORTS = {
    "people": "assetlink.people.exports.PEOPLE",
    "organisations": "assetlink.organisations.exports.ORGANISATIONS",
    "areas": "assetlink.places.exports.AREAS",
    "spaces": "assetlink.places.exports.SPACES",
    "investments": "assetlink.opportunities.exports.INVESTMENTS",
    "opportunities": "assetlink.opportunities.exports.OPPORTUNITIES",
    "contracts": "assetlink.opportunities.exports.CONTRACTS",
    "grants": "assetlink.opportunities.exports.GRANTS",
    "ledger": "assetlink.impact.exports.LEDGER",
}


def export_definition(name: str) -> ListExport | None:
    path = EXPORTS.get(name)
    if path is None:
        return None
    definition: ListExport = import_string(path)
    return definition


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return value if isinstance(value, int | float) else str(value)


# What spreadsheets read as the start of a formula (or of a DDE command): the ASCII signs, their
# full-width forms that some locales' spreadsheets also accept, and tab or line breaks before them.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def _safe_text(value: Any) -> Any:
    """A cell as text a spreadsheet shows and never runs: no formula, no control character (which XLSX
    refuses and which records stored before the text rule may still hold)."""
    if not isinstance(value, str):
        return value
    value = without_control_characters(value)
    first = value.lstrip(" ")[:1]
    if first and (first in FORMULA_STARTS or value[:1] in FORMULA_STARTS):
        return "'" + value
    return value


def tabular(definition: ListExport, rows: list[Any], fmt: str) -> bytes:
    headers = [str(column.header) for column in definition.columns]
    values = [[column.value(row) for column in definition.columns] for row in rows]
    if fmt == "csv":
        return csv_file(headers, values)
    return workbook([(str(definition.title), headers, values)])


def csv_file(headers: list[str], rows: list[list[Any]]) -> bytes:
    """Rows as CSV in UTF-8 with the mark spreadsheets need to read it as such; text never a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        cells = [_safe_text(_cell(value)) for value in row]
        writer.writerow([value.isoformat() if isinstance(value, datetime.date) else value for value in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def workbook(sheets: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per (title, headers, rows); text never a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set[str] = set()
    for title, headers, rows in sheets:
        # Sheet names are at most 31 characters and unique regardless of case.
        name = without_control_characters(title)[:31] or "sheet"
        for number in range(2, len(sheets) + 2):
            if name.lower() not in used:
                break
            name = f"{title[:27]} ({number})"
        used.add(name.lower())
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for row in rows:
            sheet.append([_safe_text(_cell(value)) for value in row])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_response(
    *, user: User, programme: Programme, definition: ListExport, fmt: str, base_url: str
) -> HttpResponse:
    """The file of one export for one user (the caller has checked the permission)."""
    rows = list(definition.rows(user, programme))
    if definition.on_export is not None:
        definition.on_export(user, programme, rows)
    stamp = datetime.date.today().isoformat()
    if fmt in TABULAR and definition.columns:
        content, media_type, suffix = tabular(definition, rows, fmt), MEDIA_TYPES[fmt], fmt
    else:
        media_type, suffix, writer = definition.documents[fmt]
        content = json.dumps(writer(programme, rows, base_url), ensure_ascii=False, indent=1).encode("utf-8")
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-{definition.name}-{stamp}.{suffix}"'
    )
    return response
