"""What a timeline belongs to: a record (person, organisation, opportunity or referral) in a programme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.http import Http404

if TYPE_CHECKING:
    from assetlink.programmes.models import Programme

# URL word → model label of the records that carry a timeline.
SUBJECTS = {
    "person": "people.person",
    "organisation": "organisations.organisation",
    "opportunity": "opportunities.opportunity",
    "referral": "journeys.referral",
}


@dataclass(frozen=True)
class TimelineOf:
    """A record seen from one programme (organisations belong to several, so the programme is explicit)."""

    programme: Programme
    record: Any

    @property
    def label(self) -> str:
        return str(self.record._meta.label_lower)


def timeline_of(
    programme: Programme, subject: str, subject_id: int, **_other_url_parts: object
) -> TimelineOf:
    """The record a timeline URL names, looked up among the programme's records (404 otherwise)."""
    from assetlink.journeys.selectors import referral_in
    from assetlink.opportunities.selectors import opportunity_in
    from assetlink.organisations.selectors import organisation_in
    from assetlink.people.selectors import person_in

    finders: dict[str, Callable[..., Any]] = {
        "person": person_in,
        "organisation": organisation_in,
        "opportunity": opportunity_in,
        "referral": referral_in,
    }
    finder = finders.get(subject)
    if finder is None:
        raise Http404(subject)
    return TimelineOf(programme, finder(programme, subject_id))


def timeline_context(request: Any, target: TimelineOf, form: Any = None) -> dict[str, Any]:
    """What the timeline include needs, for the pages of a person, organisation, opportunity or referral."""
    from assetlink.journeys.forms import NoteForm
    from assetlink.journeys.selectors import timeline

    user = request.user
    if not user.has_perm("journeys.view_timeline", cast(Any, target)):
        return {"timeline": None}
    word = next(word for word, label in SUBJECTS.items() if label == target.label)
    notes = timeline(user, target)[:100]
    return {
        "timeline": {
            "notes": [
                {
                    "note": note,
                    "can_complete": note.is_task
                    and note.done_at is None
                    and user.has_perm("journeys.complete_task", note),
                }
                for note in notes
            ],
            "form": form or NoteForm(prefix="note", programme=target.programme),
            "subject": word,
            "subject_id": target.record.pk,
        }
    }


def timeline_panel(request: Any, programme: Programme, record: Any) -> dict[str, Any]:
    """The timeline as a panel of a record's page (registered with web.panels in journeys' ready())."""
    return timeline_context(request, TimelineOf(programme, record))
