"""Writes XLSForm workbooks (survey, choices and settings sheets) from plain rows: the form editor saves
its questions this way, and the demo writes its surveys so."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import openpyxl


@dataclass
class Question:
    """One row of the survey sheet; labels and hints by XLSForm language name (“English (en)”)."""

    type: str
    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_messages: dict[str, str] = field(default_factory=dict)
    calculation: str = ""
    appearance: str = ""


@dataclass
class Choice:
    list_name: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)


def workbook(
    *,
    form_id: str,
    title: str,
    version: str,
    questions: Sequence[Question],
    choices: Sequence[Choice] = (),
    languages: Sequence[str] = ("English (en)",),
    default_language: str = "",
) -> bytes:
    """An .xlsx XLSForm; every language gets its label (and hint, constraint message) column."""
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    columns: list[tuple[str, Any]] = [("type", lambda q: q.type), ("name", lambda q: q.name)]
    for language in languages:
        columns.append((f"label::{language}", lambda q, lang=language: q.labels.get(lang, "")))
    if any(q.hints for q in questions):
        for language in languages:
            columns.append((f"hint::{language}", lambda q, lang=language: q.hints.get(lang, "")))
    columns += [
        ("required", lambda q: "yes" if q.required else ""),
        ("relevant", lambda q: q.relevant),
        ("constraint", lambda q: q.constraint),
    ]
    if any(q.constraint_messages for q in questions):
        for language in languages:
            columns.append(
                (
                    f"constraint_message::{language}",
                    lambda q, lang=language: q.constraint_messages.get(lang, ""),
                )
            )
    columns += [("calculation", lambda q: q.calculation), ("appearance", lambda q: q.appearance)]
    survey.append([name for name, _value in columns])
    for question in questions:
        survey.append([value(question) for _name, value in columns])
    sheet = book.create_sheet("choices")
    sheet.append(["list_name", "name"] + [f"label::{language}" for language in languages])
    for choice in choices:
        sheet.append(
            [choice.list_name, choice.name] + [choice.labels.get(language, "") for language in languages]
        )
    settings = book.create_sheet("settings")
    settings.append(["form_id", "form_title", "version", "default_language"])
    settings.append([form_id, title, version, default_language or languages[0]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
