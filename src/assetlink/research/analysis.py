"""Counts of a survey's responses: a frequency of any single or multiple choice question (or of the
area), and a cross-tab of two single-valued ones, released under the programme's disclosure rule; and
the responses as spreadsheet rows, one sheet for the form and one per repeat."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assetlink.engine.disclosure import (
    Cell,
    DisclosureRule,
    ProtectedTable,
    protect_count,
    protect_list,
    protect_table,
)
from assetlink.places.models import Area
from assetlink.research.models import Submission, SubmissionStatus, Survey, SurveyVersion
from assetlink.research.selectors import labelled
from assetlink.research.xforms import answer_at

AREA = "area"
NO_ANSWER = ""


@dataclass(frozen=True)
class Dimension:
    """What responses can be counted by: the area, or a choice question of the survey's current form."""

    key: str
    label: str
    categories: list[tuple[str, str]]
    multiple: bool = False


@dataclass(frozen=True)
class Frequency:
    dimension: Dimension
    rows: list[tuple[str, Cell]]
    respondents: Cell


@dataclass(frozen=True)
class CrossTab:
    rows: Dimension
    columns: Dimension
    row_labels: list[str]
    column_labels: list[str]
    table: ProtectedTable

    @property
    def lines(self) -> list[tuple[str, list[Cell], Cell]]:
        """Each row's label, cells and total, for a page to lay out."""
        return list(zip(self.row_labels, self.table.cells, self.table.row_totals, strict=True))


class AnalysisError(ValueError):
    """A count that cannot be made, with the reason to show."""


def counted(survey: Survey, *, approved_only: bool = False) -> QuerySet[Submission]:
    """The responses that count: neither withdrawn nor rejected (and approved, when asked)."""
    responses = survey.submissions.filter(withdrawn_at__isnull=True).exclude(status=SubmissionStatus.REJECTED)
    if approved_only:
        responses = responses.filter(status=SubmissionStatus.APPROVED)
    return responses


def current_version(survey: Survey) -> SurveyVersion | None:
    return survey.versions.order_by("-created_at", "-pk").first()


def dimensions(survey: Survey, language: str) -> list[Dimension]:
    """The area (when the programme has areas) and every choice question outside a repeat."""
    found: list[Dimension] = []
    areas = list(Area.objects.filter(programme=survey.programme).order_by("name").values_list("pk", "name"))
    if areas:
        found.append(Dimension(AREA, _("Area"), [(str(pk), name) for pk, name in areas]))
    version = current_version(survey)
    for question in version.questions if version else []:
        if question["control"] not in {"select1", "select"} or question["repeat"] or not question["choices"]:
            continue
        found.append(
            Dimension(
                question["path"],
                labelled(question["labels"], language) or question["name"],
                [(c["value"], labelled(c["labels"], language) or c["value"]) for c in question["choices"]],
                multiple=question["control"] == "select",
            )
        )
    return found


def dimension(survey: Survey, key: str, language: str) -> Dimension:
    for found in dimensions(survey, language):
        if found.key == key:
            return found
    raise AnalysisError(_("This survey has no choice question “%(key)s” to count by.") % {"key": key})


def _values(answers: dict[str, Any], area_id: int | None, dimension: Dimension) -> list[str]:
    if dimension.key == AREA:
        return [str(area_id)] if area_id else []
    raw = answer_at(answers, dimension.key)
    if raw is None or isinstance(raw, list | dict):
        return []
    text = str(raw).strip()
    if not text:
        return []
    return text.split() if dimension.multiple else [text]


def _rows(responses: QuerySet[Submission]) -> Iterable[tuple[dict[str, Any], int | None]]:
    return responses.values_list("answers", "area_id").iterator(chunk_size=500)


def frequency(
    survey: Survey, dimension: Dimension, rule: DisclosureRule, *, approved_only: bool = False
) -> Frequency:
    """How many responses gave each answer, with those that gave none; for a multiple choice question
    each choice is counted on its own, since a respondent may pick several."""
    counts: Counter[str] = Counter()
    respondents = 0
    for answers, area_id in _rows(counted(survey, approved_only=approved_only)):
        given = _values(answers, area_id, dimension)
        respondents += 1
        if not given:
            counts[NO_ANSWER] += 1
        counts.update(set(given))
    categories = [*dimension.categories, (NO_ANSWER, _("No answer"))]
    values = [counts.get(key, 0) for key, _label in categories]
    if dimension.multiple:
        cells = [protect_count(value, rule) for value in values]
        total = protect_count(respondents, rule)
    else:
        cells, total = protect_list(values, rule)
    return Frequency(
        dimension, [(label, cell) for (_key, label), cell in zip(categories, cells, strict=True)], total
    )


def crosstab(
    survey: Survey, rows: Dimension, columns: Dimension, rule: DisclosureRule, *, approved_only: bool = False
) -> CrossTab:
    """Responses counted by two single-valued dimensions at once; a response missing either is left out."""
    if rows.multiple or columns.multiple:
        raise AnalysisError(
            _("A cross-tab counts by the area or by single choice questions; “%(label)s” takes several.")
            % {"label": (rows if rows.multiple else columns).label}
        )
    if rows.key == columns.key:
        raise AnalysisError(_("Choose two different things to count by."))
    row_index = {key: index for index, (key, _label) in enumerate(rows.categories)}
    column_index = {key: index for index, (key, _label) in enumerate(columns.categories)}
    counts = [[0] * len(columns.categories) for _row in rows.categories]
    for answers, area_id in _rows(counted(survey, approved_only=approved_only)):
        row_values = _values(answers, area_id, rows)
        column_values = _values(answers, area_id, columns)
        if row_values and column_values and row_values[0] in row_index and column_values[0] in column_index:
            counts[row_index[row_values[0]]][column_index[column_values[0]]] += 1
    return CrossTab(
        rows=rows,
        columns=columns,
        row_labels=[label for _key, label in rows.categories],
        column_labels=[label for _key, label in columns.categories],
        table=protect_table(counts, rule),
    )


Sheet = tuple[str, list[str], list[list[Any]]]


def sheets(survey: Survey) -> list[Sheet]:
    """The survey's responses for a spreadsheet: one sheet with a row per response and its answers outside
    repeats, then one sheet per repeat with a row each time it was filled in. A withdrawn response is not
    there at all, and no sheet names the person a response was linked to."""
    version = current_version(survey)
    questions = version.questions if version else []
    top = [question for question in questions if not question["repeat"]]
    repeats = list(dict.fromkeys(question["repeat"] for question in questions if question["repeat"]))
    responses = list(
        survey.submissions.filter(withdrawn_at__isnull=True)
        .select_related("researcher", "area")
        .order_by("received_at", "pk")
    )
    header = [
        "instance_id",
        "received",
        "collected_by",
        "area",
        "review",
        "consent",
        *[question["name"] for question in top],
    ]
    rows = [
        [
            response.instance_id,
            response.received_at,
            response.researcher.name if response.researcher else "",
            response.area.name if response.area else "",
            response.status,
            response.consent,
            *[_flat(answer_at(response.answers, question["path"])) for question in top],
        ]
        for response in responses
    ]
    found: list[Sheet] = [(survey.form_id, header, rows)]
    for repeat in repeats:
        inside = [question for question in questions if question["repeat"] == repeat]
        repeat_rows: list[list[Any]] = []
        for response in responses:
            entries = answer_at(response.answers, repeat) or []
            for number, entry in enumerate(entries, start=1):
                repeat_rows.append(
                    [
                        response.instance_id,
                        number,
                        *[
                            _flat(answer_at({"entry": entry}, "/r/entry" + question["path"][len(repeat) :]))
                            for question in inside
                        ],
                    ]
                )
        found.append(
            (repeat.rsplit("/", 1)[-1], ["instance_id", "number", *[q["name"] for q in inside]], repeat_rows)
        )
    return found


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value if not isinstance(item, dict))
    if isinstance(value, dict):
        return ""
    return value
