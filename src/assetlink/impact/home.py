"""What the ledger puts on the programme team's home: the pipeline from registration to a job, and the
entries that wait for someone other than their recorder to verify them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.impact.selectors import effective_outcomes
from assetlink.web.panels import HomeItem, HomeSection, add_home_section

SHOWN = 5
# The steps of the pipeline, as entry types whose distinct people are counted.
PIPELINE = (
    ("person.engaged", gettext_lazy("Registered")),
    ("person.referred", gettext_lazy("Referred")),
    ("job.offered", gettext_lazy("Offered a job")),
    ("job.started", gettext_lazy("Started a job")),
)


def pipeline(user: Any, programme: Any) -> tuple[list[HomeItem], int]:
    people = dict(
        effective_outcomes(programme)
        .filter(entry_type__in=[entry_type for entry_type, _label in PIPELINE])
        .order_by()
        .values("entry_type")
        .annotate(people=Count("subject_id", distinct=True))
        .values_list("entry_type", "people")
    )
    url = reverse("results:dashboard", kwargs={"slug": programme.slug})
    items = [
        HomeItem(
            label=str(label),
            url=url,
            detail=formats.number_format(people.get(entry_type, 0), force_grouping=True),
        )
        for entry_type, label in PIPELINE
    ]
    return items, 0  # the steps of a pipeline are not a number of things to do


def awaiting_verification(user: Any, programme: Any) -> tuple[list[HomeItem], int]:
    waiting = effective_outcomes(programme).filter(verification__isnull=True).order_by("occurred_on", "pk")
    items = [
        HomeItem(
            label=entry.get_entry_type_display(),
            url=reverse("impact:outcome", kwargs={"slug": programme.slug, "outcome_id": entry.pk}),
            detail=_("recorded for %(day)s") % {"day": formats.date_format(entry.occurred_on, "DATE_FORMAT")},
        )
        for entry in waiting[:SHOWN]
    ]
    return items, waiting.count()


def register() -> None:
    add_home_section(
        HomeSection(
            "pipeline",
            gettext_lazy("From registration to a job (people)"),
            "impact.manage_indicators",
            pipeline,
            gettext_lazy("No one is registered yet."),
            more=lambda programme: reverse("results:dashboard", kwargs={"slug": programme.slug}),
            order=5,
        )
    )
    add_home_section(
        HomeSection(
            "verification",
            gettext_lazy("Ledger entries waiting for verification"),
            "impact.verify_outcome",
            awaiting_verification,
            gettext_lazy("Every entry of the ledger is verified."),
            more=lambda programme: reverse("impact:ledger", kwargs={"slug": programme.slug}),
            order=25,
        )
    )
