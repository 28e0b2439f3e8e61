"""Filters journeys adds to the participants list: a pathway step passed, and a step still to do (e.g.
overseas nurses past the CBT who still need the OSCE)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from assetlink.journeys.models import EnrolmentStatus, PathwayStep, StepProgress, StepStatus
from assetlink.people.finder import PersonFilter, add_person_filter

PASSED = (StepStatus.DONE, StepStatus.SKIPPED)
TO_DO = (StepStatus.PENDING, StepStatus.IN_PROGRESS)


def _step_field(label: Any) -> Any:
    def field(programme: Any) -> forms.Field:
        steps = (
            PathwayStep.objects.filter(template__programme=programme)
            .order_by("code")
            .values_list("code", "name")
        )
        choices: dict[str, str] = {}
        for code, name in steps:
            choices.setdefault(code, name)
        return forms.ChoiceField(label=label, choices=[("", _("Any")), *choices.items()], required=False)

    return field


def _with_step(statuses: tuple[str, ...]) -> Any:
    def apply(people: QuerySet[Any], code: str) -> QuerySet[Any]:
        on_step = StepProgress.objects.filter(
            step__code=code, status__in=statuses, enrolment__status=EnrolmentStatus.ACTIVE
        ).values("enrolment__person_id")
        return people.filter(pk__in=on_step)

    return apply


def register() -> None:
    add_person_filter(PersonFilter("step_passed", _step_field(_("Pathway step passed")), _with_step(PASSED)))
    add_person_filter(
        PersonFilter("step_to_do", _step_field(_("Pathway step still to do")), _with_step(TO_DO))
    )
