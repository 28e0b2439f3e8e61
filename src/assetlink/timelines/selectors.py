"""Reading timelines: a record's notes that a user may read, a user's open tasks, mentions of their
organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.timelines.models import Note
from assetlink.timelines.subjects import TimelineOf, subject_labelled, timeline_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User


def timeline(user: User, target: TimelineOf) -> QuerySet[Note]:
    """Notes and tasks on a record that the user may read: shared ones, and private ones of their
    organisation (programme admins read all)."""
    notes = (
        Note.objects.filter(
            programme=target.programme, subject_type=target.label, subject_id=target.record.pk
        )
        .select_related("author", "author_organisation", "assignee")
        .prefetch_related("mentions")
    )
    membership = roles_of(user).get(target.programme.pk)
    if membership is None:
        return notes.none()
    if user.has_perm("timelines.read_every_note", target.programme):
        return notes
    own = (
        Q(author_organisation_id=membership.organisation_id) if membership.organisation_id else Q(author=user)
    )
    return notes.filter(Q(is_private=False) | own)


def note_in(programme: Programme, note_id: int, **_other_url_parts: object) -> Note:
    return get_object_or_404(Note.objects.select_related("programme"), programme=programme, pk=note_id)


def open_tasks(user: User, programme: Programme) -> QuerySet[Note]:
    """Tasks given to the user that are not done, soonest due first."""
    return (
        Note.objects.filter(programme=programme, assignee=user, done_at__isnull=True)
        .select_related("author")
        .order_by("due_on", "created_at")
    )


def mentions_for(user: User, programme: Programme, limit: int = 30) -> list[Note]:
    """Recent shared notes by others that mention the user's organisation, on records the user may see."""
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation_id is None:
        return []
    mentions = (
        Note.objects.filter(programme=programme, mentions__id=membership.organisation_id, is_private=False)
        .exclude(author=user)
        .select_related("author", "author_organisation")
        .order_by("-created_at")
    )
    return [
        note
        for note in mentions[:limit]
        if user.has_perm("timelines.view_timeline", cast(Any, target_of(programme, note)))
    ]


def target_of(programme: Programme, note: Note) -> TimelineOf:
    """The record a note is on."""
    return timeline_of(programme, subject_labelled(note.subject_type).word, note.subject_id)


def note_url(programme: Programme, note: Note) -> str:
    """The page of the record a note is on, at its timeline."""
    return target_of(programme, note).url
