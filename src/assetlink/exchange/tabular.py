"""Reading an uploaded CSV, XLSX or GeoJSON file into numbered rows of text cells."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from assetlink.validation import cleaned_text

MAX_ROWS = 200_000
MAX_COLUMNS = 100
# An XLSX file is a zip archive: what it unpacks to is bounded before any of it is read, so that a
# small file cannot expand into gigabytes in memory.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1_000


class UnreadableFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class Table:
    """Rows keyed by lower-cased column name; `number` is the row as the user sees it in their file."""

    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _header(names: list[Any]) -> list[str]:
    if len(names) > MAX_COLUMNS:
        raise UnreadableFileError(
            _("The first row has %(count)s columns; an import has at most %(most)s.")
            % {"count": len(names), "most": MAX_COLUMNS}
        )
    header = [cleaned_text(str(name or "")).strip().lower().replace(" ", "_") for name in names]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise UnreadableFileError(
                _("The column “%(column)s” appears twice in the first row.") % {"column": name}
            )
        seen.add(name)
    return header


def _read_csv(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(
            _("The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” and try again.")
            % {"position": error.start + 1}
        ) from error
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = _header(next(reader, []))
        table = Table(header)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise UnreadableFileError(
                    _("Row %(row)s has more cells than the first row has column names.") % {"row": number}
                )
            table.rows.append(
                (
                    number,
                    {
                        name: cleaned_text(cells[i]).strip() if i < len(cells) else ""
                        for i, name in enumerate(header)
                        if name
                    },
                )
            )
            if len(table.rows) > max_rows:
                raise UnreadableFileError(
                    _("The file has more than %(count)s rows; split it.") % {"count": max_rows}
                )
    except csv.Error as error:
        raise UnreadableFileError(_("The CSV file cannot be read: %(reason)s") % {"reason": error}) from error
    return table


def unpacked_size(data: bytes, file_name: str) -> int:
    """How many bytes the file holds once unpacked (an XLSX archive's members; other files as they are);
    refuses an archive over the bounds without unpacking it."""
    if not file_name.lower().endswith(".xlsx"):
        return len(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFileError(_("The file is not a readable Excel workbook (.xlsx).")) from error
    total = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or total > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(
            _("The workbook unpacks to more than %(megabytes)s MB; split it into several files.")
            % {"megabytes": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    return total


def _read_xlsx(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    from openpyxl import load_workbook

    unpacked_size(data, "file.xlsx")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise UnreadableFileError(_("The file is not a readable Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = _header(list(next(rows, ())))
    table = Table(header)
    for number, values in enumerate(rows, start=2):
        cells = ["" if value is None else value for value in values]
        if not any(str(cell).strip() for cell in cells):
            continue
        record: dict[str, Any] = {}
        for index, name in enumerate(header):
            if not name:
                continue
            value = cells[index] if index < len(cells) else ""
            # Whole numbers typed in Excel arrive as floats: 12.0 is the 12 the user typed.
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            record[name] = value if hasattr(value, "isoformat") else cleaned_text(str(value)).strip()
        table.rows.append((number, record))
        if len(table.rows) > max_rows:
            raise UnreadableFileError(
                _("The file has more than %(count)s rows; split it.") % {"count": max_rows}
            )
    workbook.close()
    return table


def _read_geojson(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableFileError(_("The file is not valid JSON: %(reason)s") % {"reason": error}) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise UnreadableFileError(_("A GeoJSON file must hold a FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise UnreadableFileError(_("The FeatureCollection has no list of features."))
    columns: dict[str, None] = {}
    table = Table([])
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            raise UnreadableFileError(_("Feature %(row)s is not a GeoJSON Feature.") % {"row": number})
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise UnreadableFileError(
                _("Feature %(row)s has properties that are not an object.") % {"row": number}
            )
        record: dict[str, Any] = {
            cleaned_text(str(key)).strip().lower(): ""
            if value is None
            else (value if isinstance(value, dict | list) else cleaned_text(str(value)).strip())
            for key, value in properties.items()
        }
        record["geometry"] = feature.get("geometry")
        columns.update(dict.fromkeys(record))
        if len(columns) > MAX_COLUMNS:
            raise UnreadableFileError(
                _("The features have more than %(most)s different properties.") % {"most": MAX_COLUMNS}
            )
        table.rows.append((number, record))
        if len(table.rows) > max_rows:
            raise UnreadableFileError(
                _("The file has more than %(count)s rows; split it.") % {"count": max_rows}
            )
    table.columns = list(columns)
    return table


def read_table(data: bytes, file_name: str, max_rows: int = MAX_ROWS) -> Table:
    """The rows of an uploaded file, by its extension: .csv, .xlsx, .geojson or .json (at most
    `max_rows`, which an import of many small rows raises)."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension == "csv":
        return _read_csv(data, max_rows)
    if extension == "xlsx":
        return _read_xlsx(data, max_rows)
    if extension in {"geojson", "json"}:
        return _read_geojson(data, max_rows)
    raise UnreadableFileError(_("Upload a .csv, .xlsx or .geojson file."))
