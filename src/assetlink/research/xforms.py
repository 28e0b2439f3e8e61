"""XLSForm to ODK XForm with pyxform, and what assetlink reads back from both: the form's questions (with
their labels per language, choices and repeats), the lists it takes from the registers, and a response's
answers as plain data."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import openpyxl
from defusedxml import ElementTree as SafeXML
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

XFORMS = "http://www.w3.org/2002/xforms"
XHTML = "http://www.w3.org/1999/xhtml"
JAVAROSA = "http://openrosa.org/javarosa"
NS = {"xf": XFORMS, "h": XHTML, "jr": JAVAROSA}
# The lists a survey may take from the registers, by the list name an XLSForm uses, and the CSV file
# (served to ODK as form media) each becomes.
REGISTER_LISTS = {"area": "assetlink-areas.csv", "esco_skill": "assetlink-esco-skills.csv"}
LIST_OF_FILE = {file_name: name for name, file_name in REGISTER_LISTS.items()}
SELECT_TYPE = re.compile(r"^\s*(select_one|select_multiple)\s+(\S+)\s*(.*)$")
ROW = re.compile(r"\[row\s*:\s*(\d+)\]", re.IGNORECASE)
SHEET = re.compile(r"\b(survey|choices|settings|entities)\b(?:\s+sheet)?", re.IGNORECASE)
LANGUAGE_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$")
MAX_XLSFORM_BYTES = 5 * 1024 * 1024
# A respondent is identified only when the form asks for it in this question and the answer agrees.
IDENTIFY_QUESTION = "assetlink_identify"


class FormError(ValueError):
    """A broken XLSForm or XForm, with where the problem is when pyxform says."""

    def __init__(self, message: str, *, sheet: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Compiled:
    """What pyxform made of an XLSForm, and what assetlink read from it."""

    xform: str
    md5: str
    form_id: str
    version: str
    title: str
    languages: list[str]
    questions: list[dict[str, Any]]
    register_lists: list[str]
    warnings: list[str] = field(default_factory=list)


def compile_xlsform(data: bytes, file_name: str) -> Compiled:
    """Compile an XLSForm workbook (.xlsx) to an XForm; a broken one raises FormError saying where."""
    if not file_name.lower().endswith((".xlsx", ".xlsm")):
        raise FormError(_("Upload the XLSForm as an Excel workbook (.xlsx)."))
    if len(data) > MAX_XLSFORM_BYTES:
        raise FormError(_("The XLSForm is larger than 5 MB."))
    workbook = _rewritten(data)
    warnings: list[str] = []
    try:
        result = convert(xlsform=workbook, warnings=warnings, file_type=".xlsx")
    except PyXFormError as error:
        raise _located(str(error)) from error
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        # pyxform checks most mistakes itself; what slips through still deserves a plain answer.
        raise FormError(_("pyxform could not read this XLSForm: %(error)s") % {"error": error}) from error
    xform = result.xform
    root = parse_xml(xform.encode())
    instance = _primary_instance(root)
    questions = read_questions(root)
    lists = sorted({q["register"] for q in questions if q["register"]})
    title = root.findtext("h:head/h:title", default="", namespaces=NS)
    return Compiled(
        xform=xform,
        md5=hashlib.md5(xform.encode(), usedforsecurity=False).hexdigest(),
        form_id=instance.get("id", ""),
        version=instance.get("version", ""),
        title=title,
        languages=languages_of(root),
        questions=questions,
        register_lists=lists,
        warnings=[str(warning) for warning in warnings],
    )


def _located(message: str) -> FormError:
    row = ROW.search(message)
    sheet = SHEET.search(message)
    return FormError(
        ROW.sub("", message).strip(" :"),
        sheet=sheet.group(1).lower() if sheet else ("survey" if row else ""),
        row=int(row.group(1)) if row else None,
    )


def _rewritten(data: bytes) -> bytes:
    """The workbook with assetlink's own question types (a list named `area` or `esco_skill` that the
    choices sheet does not define) turned into selects from the CSV files the server generates."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise FormError(_("This file is not an Excel workbook.")) from error
    sheets = {sheet.title.strip().lower(): sheet for sheet in book.worksheets}
    survey = sheets.get("survey")
    if survey is None:
        raise FormError(_("The workbook has no “survey” sheet."))
    defined = _defined_lists(sheets.get("choices"))
    header = [str(cell.value or "").strip().lower() for cell in next(survey.iter_rows(max_row=1), ())]
    if "type" not in header:
        raise FormError(_("The survey sheet has no “type” column."), sheet="survey", row=1)
    column = header.index("type") + 1
    changed = False
    for (cell,) in survey.iter_rows(min_row=2, min_col=column, max_col=column):
        found = SELECT_TYPE.match(str(cell.value or ""))
        if found and found.group(2) in REGISTER_LISTS and found.group(2) not in defined:
            kind, name, rest = found.groups()
            cell.value = f"{kind}_from_file {REGISTER_LISTS[name]} {rest}".strip()
            changed = True
    if not changed:
        return data
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _defined_lists(choices: Any) -> set[str]:
    if choices is None:
        return set()
    rows = choices.iter_rows(values_only=True)
    header = [str(value or "").strip().lower() for value in next(rows, ())]
    if "list_name" not in header:
        return set()
    column = header.index("list_name")
    return {str(row[column]).strip() for row in rows if column < len(row) and row[column]}


def parse_xml(data: bytes) -> Element:
    """Parse XML that came from outside, refusing entity tricks (defusedxml)."""
    try:
        return SafeXML.fromstring(data)
    except SafeXML.ParseError as error:
        raise FormError(_("The XML is malformed: %(error)s") % {"error": error}) from error
    except ValueError as error:  # defusedxml's refusals (entities, DTDs) are ValueErrors
        raise FormError(_("The XML is refused: %(error)s") % {"error": error}) from error


def _primary_instance(root: Element) -> Element:
    instance = root.find("h:head/xf:model/xf:instance", NS)
    if instance is None or len(instance) == 0:
        raise FormError(_("The XForm has no primary instance."))
    return instance[0]


def languages_of(root: Element) -> list[str]:
    return [
        translation.get("lang", "")
        for translation in root.findall("h:head/xf:model/xf:itext/xf:translation", NS)
    ]


def language_code(language: str) -> str:
    """The code in an XLSForm language name (“Español (es)” → “es”); the name itself when it has none."""
    found = LANGUAGE_CODE.search(language)
    return found.group(1).lower() if found else language.strip().lower()


def _texts(root: Element) -> dict[str, dict[str, str]]:
    """Itext id → {language: text}."""
    texts: dict[str, dict[str, str]] = {}
    for translation in root.findall("h:head/xf:model/xf:itext/xf:translation", NS):
        language = translation.get("lang", "")
        for text in translation.findall("xf:text", NS):
            value = next(
                (v for v in text.findall("xf:value", NS) if v.get("form") in (None, "long")),
                None,
            )
            texts.setdefault(text.get("id", ""), {})[language] = (
                "".join(value.itertext()) if value is not None else ""
            )
    return texts


ITEXT = re.compile(r"jr:itext\('([^']+)'\)")


def _label(element: Element, texts: dict[str, dict[str, str]]) -> dict[str, str]:
    label = element.find("xf:label", NS)
    if label is None:
        return {}
    reference = ITEXT.match(label.get("ref", ""))
    if reference:
        return texts.get(reference.group(1), {})
    return {"": "".join(label.itertext()).strip()}


CONTROLS = {"input", "select1", "select", "trigger", "upload", "range", "rank"}


def read_questions(root: Element) -> list[dict[str, Any]]:
    """Every question of an XForm in the order of its body, with type, labels, choices and repeat."""
    texts = _texts(root)
    binds = {bind.get("nodeset", ""): bind for bind in root.findall("h:head/xf:model/xf:bind", NS)}
    static_lists = {
        instance.get("id", ""): instance
        for instance in root.findall("h:head/xf:model/xf:instance", NS)
        if instance.get("id")
    }
    questions: list[dict[str, Any]] = []
    body = root.find("h:body", NS)
    if body is None:
        return questions
    for element, repeat in _controls(body, ""):
        path = element.get("ref", "")
        bind = binds.get(path)
        tag = element.tag.rsplit("}", 1)[-1]
        question: dict[str, Any] = {
            "path": path,
            "name": path.rsplit("/", 1)[-1],
            "control": tag,
            "type": (bind.get("type", "string") if bind is not None else "string"),
            "required": bind is not None and bind.get("required", "").replace(" ", "") == "true()",
            "labels": _label(element, texts),
            "repeat": repeat,
            "list": "",
            "register": "",
            "choices": [],
        }
        if tag in {"select1", "select"}:
            _read_choices(question, element, texts, static_lists)
        questions.append(question)
    # Calculations have no control in the body; they are answers all the same.
    shown = {question["path"] for question in questions}
    for path, bind in binds.items():
        if bind.get("calculate") and path not in shown and "/meta/" not in path:
            questions.append(
                {
                    "path": path,
                    "name": path.rsplit("/", 1)[-1],
                    "control": "calculate",
                    "type": bind.get("type", "string"),
                    "labels": {},
                    "repeat": _repeat_of(path, questions),
                    "list": "",
                    "register": "",
                    "choices": [],
                }
            )
    return questions


def _repeat_of(path: str, questions: list[dict[str, Any]]) -> str:
    repeats = sorted({q["repeat"] for q in questions if q["repeat"]}, key=len, reverse=True)
    return next((repeat for repeat in repeats if path.startswith(repeat + "/")), "")


def _controls(element: Element, repeat: str) -> Iterator[tuple[Element, str]]:
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "repeat":
            yield from _controls(child, child.get("nodeset", ""))
        elif tag == "group":
            yield from _controls(child, repeat)
        elif tag in CONTROLS and child.get("ref"):
            yield child, repeat


def _read_choices(
    question: dict[str, Any],
    element: Element,
    texts: dict[str, dict[str, str]],
    static_lists: dict[str, Element],
) -> None:
    items = element.findall("xf:item", NS)
    if items:
        question["choices"] = [
            {"value": item.findtext("xf:value", default="", namespaces=NS), "labels": _label(item, texts)}
            for item in items
        ]
        return
    itemset = element.find("xf:itemset", NS)
    if itemset is None:
        return
    found = re.match(r"instance\('([^']+)'\)", itemset.get("nodeset", ""))
    if not found:
        return
    name = found.group(1)
    question["list"] = name
    instance = static_lists.get(name)
    if instance is not None and instance.get("src"):
        question["register"] = LIST_OF_FILE.get(instance.get("src", "").rsplit("/", 1)[-1], "")
        return
    if instance is None:
        return
    for item in instance.iter(f"{{{XFORMS}}}item"):
        text_id = item.findtext("xf:itextId", default="", namespaces=NS)
        labels = (
            texts.get(text_id, {}) if text_id else {"": item.findtext("xf:label", default="", namespaces=NS)}
        )
        question["choices"].append(
            {"value": item.findtext("xf:name", default="", namespaces=NS), "labels": labels}
        )


@dataclass(frozen=True)
class Response:
    """A response as the device sent it: which form and version, its instance id, and its XML."""

    form_id: str
    version: str
    instance_id: str
    root: Element


def read_response(xml: bytes) -> Response:
    """Read a submitted instance; refuse one without a form id or an instance id."""
    root = parse_xml(xml)
    form_id = root.get("id", "")
    if not form_id:
        raise FormError(_("The submission names no form (no id on its root element)."))
    instance_id = ""
    meta = next((child for child in root if _local(child.tag) == "meta"), None)
    if meta is not None:
        instance_id = next(
            ((child.text or "").strip() for child in meta if _local(child.tag) == "instanceID"), ""
        )
    instance_id = instance_id or root.get("instanceID", "")
    if not instance_id:
        raise FormError(_("The submission has no instance id (meta/instanceID)."))
    if len(instance_id) > 100:
        raise FormError(_("The instance id is longer than 100 characters."))
    return Response(form_id, root.get("version", ""), instance_id, root)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def repeats_of(questions: list[dict[str, Any]]) -> set[str]:
    return {question["repeat"] for question in questions if question["repeat"]}


def answers_of(root: Element, repeats: set[str]) -> dict[str, Any]:
    """An instance as nested data: a leaf is its text, a group a dict, a repeat a list of dicts (one per
    time it was filled in), whatever the number of times."""
    return _answers(root, "/" + _local(root.tag), repeats)


def _answers(element: Element, path: str, repeats: set[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for child in element:
        name = _local(child.tag)
        if name == "meta":
            continue
        child_path = f"{path}/{name}"
        value: Any = _answers(child, child_path, repeats) if len(child) else (child.text or "").strip()
        if child_path in repeats:
            answers.setdefault(name, []).append(value if isinstance(value, dict) else {})
        else:
            answers[name] = value
    return answers


def answer_at(answers: dict[str, Any], path: str) -> Any:
    """The answer at an XForm path (“/data/group/q”), or None; inside a repeat, the list of its answers."""
    values: list[Any] = [answers]
    inside_repeat = False
    for part in [part for part in path.split("/") if part][1:]:
        following: list[Any] = []
        for value in values:
            found = value.get(part) if isinstance(value, dict) else None
            if isinstance(found, list):
                inside_repeat = True
                following.extend(found)
            elif found is not None:
                following.append(found)
        values = following
    if inside_repeat:
        return values
    return values[0] if values else None


# Questions a reviewer may correct: typed or chosen by the respondent, once or in each instance of a repeat
# (not a repeat inside a repeat); calculations, files, acknowledgements, the consent to be named and skills
# from the register stay as sent.
CORRECTABLE_CONTROLS = {"input", "select1", "select"}
CORRECTABLE_TYPES = {"string", "int", "decimal", "date", "select1", "select"}


def _correctable_kind(question: dict[str, Any]) -> bool:
    return (
        question["control"] in CORRECTABLE_CONTROLS
        and question["type"] in CORRECTABLE_TYPES
        and question["name"] != IDENTIFY_QUESTION
        and question["register"] in {"", "area"}
    )


@dataclass(frozen=True)
class Answerable:
    """One answer a reviewer may correct: a question, and which instance of its repeat (1, 2…) if in one.
    Its key is the question's path, with “#2” for the second instance."""

    question: dict[str, Any]
    instance: int | None = None

    @property
    def key(self) -> str:
        path = self.question["path"]
        return f"{path}#{self.instance}" if self.instance else path


def correctable_answers(questions: list[dict[str, Any]], answers: dict[str, Any]) -> list[Answerable]:
    """The answers of a response a reviewer may correct, in the order of the form, a repeat's instances one
    after the other with their questions."""
    repeats = repeats_of(questions)
    listed: list[Answerable] = []
    seen_repeats: set[str] = set()
    for question in questions:
        repeat = question["repeat"]
        if not _correctable_kind(question):
            continue
        if not repeat:
            listed.append(Answerable(question))
            continue
        nested = any(other != repeat and repeat.startswith(other + "/") for other in repeats)
        if nested or repeat in seen_repeats:
            continue
        seen_repeats.add(repeat)
        inside = [q for q in questions if q["repeat"] == repeat and _correctable_kind(q)]
        for number in range(1, len(_instances(answers, repeat)) + 1):
            listed.extend(Answerable(q, number) for q in inside)
    return listed


def _instances(answers: dict[str, Any], repeat: str) -> list[Any]:
    value: Any = answers
    for part in [part for part in repeat.split("/") if part][1:]:
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, list) else []


def answer_of(answers: dict[str, Any], answerable: Answerable) -> Any:
    """The answer as it stands: outside repeats at its path, inside one in its instance."""
    question = answerable.question
    if answerable.instance is None:
        return answer_at(answers, question["path"])
    instances = _instances(answers, question["repeat"])
    if answerable.instance > len(instances) or not isinstance(instances[answerable.instance - 1], dict):
        return None
    inside = "/r" + question["path"][len(question["repeat"]) :]
    return answer_at(instances[answerable.instance - 1], inside)


def set_answer(answers: dict[str, Any], answerable: Answerable, value: str) -> None:
    """Put an answer in its place, making the groups it sits in (the instance of a repeat must exist)."""
    question = answerable.question
    path = question["path"]
    if answerable.instance is not None:
        answers = _instances(answers, question["repeat"])[answerable.instance - 1]
        path = "/r" + path[len(question["repeat"]) :]
    *groups, name = [part for part in path.split("/") if part][1:]
    for group in groups:
        inner = answers.get(group)
        if not isinstance(inner, dict):
            inner = answers[group] = {}
        answers = inner
    answers[name] = value


def answer_text(answers: dict[str, Any], path: str) -> str:
    """A free-text answer as one text: those given in each instance of a repeat joined by blank lines."""
    value = answer_at(answers, path)
    parts = value if isinstance(value, list) else [value]
    return "\n\n".join(str(part).strip() for part in parts if part and str(part).strip())
