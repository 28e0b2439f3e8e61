"""The one import pipeline: every row through a form and a service, all in one transaction, all or nothing.

A preview runs exactly what a commit runs and then rolls back, so it reports every error the commit
would meet (including those only a service or the database can find) and a clean preview commits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from assetlink.exchange.tabular import MAX_ROWS, Table, UnreadableFileError, read_table
from assetlink.programmes.rules import require

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

# Each domain app declares its importers; the pipeline knows them by kind.
IMPORTERS = {
    "areas": "assetlink.places.importers.AreaImporter",
    "postcodes": "assetlink.places.importers.PostcodeImporter",
    "people": "assetlink.people.importers.PersonImporter",
    "organisations": "assetlink.organisations.importers.OrganisationImporter",
    "spaces": "assetlink.places.importers.SpaceImporter",
    "opportunities": "assetlink.opportunities.importers.OpportunityImporter",
    "targets": "assetlink.impact.indicators.importers.TargetImporter",
    "social_value_measures": "assetlink.impact.social_value_importers.MeasureImporter",
    "spend_lines": "assetlink.spend.importers.SpendLineImporter",
    "lm3_returns": "assetlink.spend.importers.ReturnImporter",
}

FILE = "file"  # the "row" of errors that concern the whole file


@dataclass(frozen=True)
class RowError:
    row: int | str
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    rows: int = 0
    written: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Column:
    name: str
    label: StrOrPromise
    help_text: StrOrPromise
    required: bool


class Importer:
    """One kind of import: a form that cleans a row, and a write that calls the domain's services."""

    kind: ClassVar[str]
    title: ClassVar[StrOrPromise]
    permission: ClassVar[str]
    form_class: ClassVar[type[forms.Form]]
    # Columns whose values must be unique within one file (e.g. the area code).
    unique_together: ClassVar[tuple[str, ...]] = ()
    # A bulk importer collects every valid row and writes them together once all are checked: for files
    # of many rows (spend lines), where a service call per row would be too slow.
    bulk: ClassVar[bool] = False
    # The largest file this import takes, in rows and in bytes.
    max_rows: ClassVar[int] = MAX_ROWS
    max_bytes: ClassVar[int] = 20 * 1024 * 1024

    def __init__(self, *, actor: User, programme: Programme) -> None:
        self.actor = actor
        self.programme = programme
        self._register: dict[str, Any] | None = None

    @classmethod
    def columns(cls) -> list[Column]:
        form = cls.form_class()
        return [
            Column(name, bound.label or name, bound.help_text, bound.required)
            for name, bound in form.fields.items()
        ]

    def make_form(self, row: dict[str, Any]) -> forms.Form:
        from assetlink.exchange.fields import OrganisationNameField, register_lookup

        form = self.form_class(data=row)
        for form_field in form.fields.values():
            if isinstance(form_field, OrganisationNameField):
                if self._register is None:
                    self._register = register_lookup(self.programme)
                form_field.register = self._register
        return form

    def write(self, cleaned: dict[str, Any]) -> None:
        raise NotImplementedError

    def collect(self, number: int, cleaned: dict[str, Any]) -> None:
        """Keep one checked row (bulk importers)."""
        raise NotImplementedError

    def write_collected(self) -> list[RowError]:
        """Write every collected row at once, or say which rows are refused (bulk importers)."""
        raise NotImplementedError


def importer_class(kind: str) -> type[Importer]:
    if kind not in IMPORTERS:
        raise ValidationError(_("There is no import of kind “%(kind)s”.") % {"kind": kind})
    importer: type[Importer] = import_string(IMPORTERS[kind])
    return importer


def importers_for(user: User, programme: Programme) -> list[type[Importer]]:
    """The kinds of import this user may run in this programme."""
    kinds = [importer_class(kind) for kind in IMPORTERS]
    return [kind for kind in kinds if user.has_perm(kind.permission, programme)]


def _errors_of(number: int, error: ValidationError) -> list[RowError]:
    if hasattr(error, "error_dict"):
        return [
            RowError(number, "" if name == "__all__" else name, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(number, "", message) for message in error.messages]


def _header_errors(importer: type[Importer], table: Table) -> list[RowError]:
    columns = {column.name: column for column in importer.columns()}
    errors = [
        RowError(FILE, name, _("This column is required but the file does not have it."))
        for name, column in columns.items()
        if column.required and name not in table.columns
    ]
    errors.extend(
        RowError(
            FILE,
            name,
            _("Unknown column; the columns of this import are: %(columns)s")
            % {"columns": ", ".join(columns)},
        )
        for name in table.columns
        if name and name not in columns
    )
    return errors


def run_import(
    *,
    actor: User,
    programme: Programme,
    kind: str,
    data: bytes,
    file_name: str,
    commit: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check every row (and, when committing, keep the writes only if no row failed)."""
    importer_type = importer_class(kind)
    require(actor, importer_type.permission, programme)
    result = ImportResult()
    try:
        table = read_table(data, file_name, importer_type.max_rows)
    except UnreadableFileError as problem:
        result.errors.append(RowError(FILE, "", str(problem)))
        return result
    result.rows = len(table.rows)
    result.errors.extend(_header_errors(importer_type, table))
    if result.errors:
        return result
    if not table.rows:
        result.errors.append(RowError(FILE, "", _("The file has no rows under its column names.")))
        return result
    importer = importer_type(actor=actor, programme=programme)
    first_row_of: dict[tuple[Any, ...], int] = {}
    # Each row is let go once checked, so that a large file is not held twice (as text and as checked).
    pending, total = deque(table.rows), len(table.rows)
    table.rows.clear()
    with transaction.atomic():
        for index in range(1, total + 1):
            number, row = pending.popleft()
            form = importer.make_form(row)
            if not form.is_valid():
                result.errors.extend(
                    RowError(number, "" if name == "__all__" else name, str(message))
                    for name, messages in form.errors.items()
                    for message in messages
                )
            else:
                key = tuple(
                    "".join(str(form.cleaned_data.get(name, "")).split()).casefold()
                    for name in importer.unique_together
                )
                if not any(key):
                    key = ()  # rows without the identifying values are not compared
                if key and key in first_row_of:
                    result.errors.append(
                        RowError(
                            number,
                            importer.unique_together[0],
                            _("Same as row %(row)s; each row must be a different record.")
                            % {"row": first_row_of[key]},
                        )
                    )
                elif importer.bulk:
                    if key:
                        first_row_of[key] = number
                    importer.collect(number, form.cleaned_data)
                    result.written += 1
                else:
                    if key:
                        first_row_of[key] = number
                    try:
                        with transaction.atomic():
                            importer.write(form.cleaned_data)
                        result.written += 1
                    except ValidationError as error:
                        result.errors.extend(_errors_of(number, error))
                    except PermissionDenied:
                        result.errors.append(
                            RowError(number, "", _("Your role does not allow you to change this record."))
                        )
                    except (DatabaseError, ValueError, TypeError) as error:
                        result.errors.append(
                            RowError(
                                number, "", _("This row could not be saved: %(reason)s") % {"reason": error}
                            )
                        )
            if progress is not None and (index % 100 == 0 or index == total):
                progress(index, total)
        if importer.bulk and not result.errors:
            try:
                with transaction.atomic():
                    result.errors.extend(importer.write_collected())
            except ValidationError as error:
                result.errors.extend(_errors_of(0, error))
        if result.errors or not commit:
            transaction.set_rollback(True)
    return result


def column_help(kind: str) -> list[Column]:
    """The columns of an import, for its help page and its template file."""
    return importer_class(kind).columns()
