"""The records that carry a timeline. Timelines registers those of the registers below it (people,
organisations, opportunities); apps above add theirs in their `AppConfig.ready` (journeys: referrals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import reverse

if TYPE_CHECKING:
    from assetlink.programmes.models import Programme


@dataclass(frozen=True)
class Subject:
    """A kind of record with a timeline: the word for it in URLs and the API, its model label (kept on
    each note), how to find one among a programme's records (404 otherwise), who may see one, and the
    address of its page."""

    word: str
    label: str
    find: Callable[[Any, int], Any]
    may_see: Callable[[Any, Any, Any], bool]  # (user, programme, record)
    page: Callable[[Any, Any], str]  # (programme, record)


_subjects: dict[str, Subject] = {}


def add_subject(subject: Subject) -> None:
    """Let records of this kind carry a timeline."""
    _subjects[subject.word] = subject


def subjects() -> dict[str, Subject]:
    return dict(_subjects)


def subject_labelled(label: str) -> Subject:
    """The kind of record a note's `subject_type` names; a kind nobody registered is a programming error."""
    for subject in _subjects.values():
        if subject.label == label:
            return subject
    raise LookupError(f"no timeline subject is registered for {label!r}: add one with add_subject()")


@dataclass(frozen=True)
class TimelineOf:
    """A record seen from one programme (organisations belong to several, so the programme is explicit)."""

    programme: Programme
    record: Any

    @property
    def label(self) -> str:
        return str(self.record._meta.label_lower)

    @property
    def subject(self) -> Subject:
        return subject_labelled(self.label)

    @property
    def url(self) -> str:
        """The page that shows the record's timeline."""
        return self.subject.page(self.programme, self.record) + "#timeline"


def timeline_of(
    programme: Programme, subject: str, subject_id: int, **_other_url_parts: object
) -> TimelineOf:
    """The record a timeline URL names, looked up among the programme's records (404 otherwise)."""
    kind = _subjects.get(subject)
    if kind is None:
        raise Http404(subject)
    return TimelineOf(programme, kind.find(programme, subject_id))


def _page(name: str, key: str) -> Callable[[Any, Any], str]:
    return lambda programme, record: reverse(name, kwargs={"slug": programme.slug, key: record.pk})


def register_registers() -> None:
    """People, organisations and opportunities carry timelines, each seen by its own rule."""
    from assetlink.opportunities.selectors import opportunity_in
    from assetlink.organisations.selectors import organisation_in
    from assetlink.people.selectors import person_in

    add_subject(
        Subject(
            "person",
            "people.person",
            person_in,
            lambda user, _programme, person: user.has_perm("people.view_person", person),
            _page("people:detail", "person_id"),
        )
    )
    add_subject(
        Subject(
            "organisation",
            "organisations.organisation",
            organisation_in,
            lambda user, programme, _organisation: user.has_perm("organisations.view_register", programme),
            _page("organisations:detail", "organisation_id"),
        )
    )
    add_subject(
        Subject(
            "opportunity",
            "opportunities.opportunity",
            opportunity_in,
            lambda user, _programme, opportunity: user.has_perm(
                "opportunities.view_opportunity", opportunity
            ),
            _page("opportunities:detail", "opportunity_id"),
        )
    )
