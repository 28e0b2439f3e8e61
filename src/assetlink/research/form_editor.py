"""The form editor's model of a simple survey (questions of the common kinds, in English and one other
language) and how it is written as an XLSForm, so that what the editor saves is what a team would have
uploaded: the same file, compiled by pyxform the same way."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assetlink.research.xforms import IDENTIFY_QUESTION
from assetlink.research.xlsform_writer import Choice, Question, workbook

ENGLISH = "English (en)"
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# The kinds the editor offers, with the XLSForm type each becomes (a select names its list after the row).
KINDS = {
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "select_one": "select_one",
    "select_multiple": "select_multiple",
    "area": "select_one area",
    "esco_skill": "select_multiple esco_skill",
    "note": "note",
}
CHOICE_KINDS = {"select_one", "select_multiple"}
# The questions the editor writes itself are form content in the form's English column, not interface text:
# a team translates them in the XLSForm when it adds a language.
ASK_NAME = "May we keep your name with your answers?"
YOUR_NAME = "Your name"
AGREE = "I agree to take part"
# Names the editor writes itself.
RESERVED = {"consent", IDENTIFY_QUESTION, "respondent_name", "meta", "instanceID"}


class EditorError(ValueError):
    """A question the editor cannot write, with its number as the editor shows it (from 1)."""

    def __init__(self, message: str, question: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.question = question


@dataclass
class DraftQuestion:
    kind: str
    name: str
    label: str
    label_other: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)  # (English label, other language label)
    relevant: str = ""


def parse_choices(text: str) -> list[tuple[str, str]]:
    """One choice a line: its English label, then optionally “|” and its label in the other language."""
    choices = []
    for line in text.splitlines():
        english, _bar, other = line.partition("|")
        if english.strip():
            choices.append((english.strip(), other.strip()))
    return choices


def choice_value(label: str, taken: set[str]) -> str:
    """A stable value for a choice from its English label: ASCII, lower case, words joined by “_”."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:40] or "choice"
    if value[0].isdigit():
        value = f"c_{value}"
    candidate, number = value, 2
    while candidate in taken:
        candidate, number = f"{value}_{number}", number + 1
    taken.add(candidate)
    return candidate


def write_xlsform(
    *,
    form_id: str,
    title: str,
    version: str,
    questions: list[DraftQuestion],
    other_language: str = "",
    consent_label: str = "",
    consent_label_other: str = "",
    ask_name: bool = False,
) -> tuple[bytes, dict[int, int]]:
    """The XLSForm of the survey, and which question (from 1) each row of its survey sheet holds, so that
    pyxform's complaint about a row can be shown on the question it is about."""
    languages = [ENGLISH, other_language] if other_language and other_language != ENGLISH else [ENGLISH]

    def labels(english: str, other: str = "") -> dict[str, str]:
        found = {ENGLISH: english}
        if len(languages) > 1:
            found[languages[1]] = other or english
        return found

    rows: list[Question] = []
    if consent_label:
        rows.append(
            Question("acknowledge", "consent", labels(consent_label, consent_label_other), required=True)
        )
    if ask_name:
        rows.append(
            Question(
                "select_one yes_no",
                IDENTIFY_QUESTION,
                labels(ASK_NAME),
                required=True,
            )
        )
        rows.append(
            Question(
                "text",
                "respondent_name",
                labels(YOUR_NAME),
                relevant=f"${{{IDENTIFY_QUESTION}}} = 'yes'",
            )
        )
    choices: list[Choice] = []
    if ask_name:
        choices += [Choice("yes_no", "yes", labels("Yes")), Choice("yes_no", "no", labels("No"))]
    row_of: dict[int, int] = {}
    names: set[str] = set()
    for number, draft in enumerate(questions, start=1):
        if draft.kind not in KINDS:
            raise EditorError(_("Choose a kind of question."), number)
        if not NAME.match(draft.name):
            raise EditorError(
                _("A name starts with a letter and holds only letters, digits and “_” (64 at most)."), number
            )
        if draft.name in names or draft.name in RESERVED:
            raise EditorError(_("Another question has the name “%(name)s”.") % {"name": draft.name}, number)
        names.add(draft.name)
        if not draft.label.strip():
            raise EditorError(_("Write the question as the respondent reads it."), number)
        kind = KINDS[draft.kind]
        if draft.kind in CHOICE_KINDS:
            if len(draft.choices) < 2:
                raise EditorError(_("Give at least two choices, one a line."), number)
            kind = f"{kind} {draft.name}"
            taken: set[str] = set()
            choices += [
                Choice(draft.name, choice_value(english, taken), labels(english, other))
                for english, other in draft.choices
            ]
        rows.append(
            Question(
                kind,
                draft.name,
                labels(draft.label.strip(), draft.label_other.strip()),
                required=draft.required and draft.kind != "note",
                relevant=draft.relevant.strip(),
                appearance="autocomplete" if draft.kind == "esco_skill" else "",
            )
        )
        # The survey sheet's header is row 1, so question rows start at 2.
        row_of[len(rows) + 1] = number
    if not questions:
        raise EditorError(_("Add at least one question."))
    data = workbook(
        form_id=form_id,
        title=title,
        version=version,
        questions=rows,
        choices=choices,
        languages=languages,
        default_language=ENGLISH,
    )
    return data, row_of
