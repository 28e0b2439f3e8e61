"""API of timelines: the notes and tasks on a record, and adding one."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema

from assetlink.timelines import selectors, services
from assetlink.timelines.subjects import timeline_of
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["timelines"])

VIEW_TIMELINE = Access(
    "programme",
    "programmes.view_programme",
    object_permission="timelines.view_timeline",
    load_object=timeline_of,
)
WRITE_NOTE = Access(
    "programme",
    "programmes.view_programme",
    object_permission="timelines.write_note",
    load_object=timeline_of,
)


class NoteOut(Schema):
    id: int
    body: str
    author_organisation_id: int | None
    created_at: datetime.datetime
    is_private: bool
    mentions: list[int]
    assignee_id: int | None
    due_on: datetime.date | None
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_mentions(obj: Any) -> list[int]:
        return [organisation.pk for organisation in obj.mentions.all()]


class NoteIn(Schema):
    body: str
    mentions: list[int] = []
    assignee_id: int | None = None
    due_on: datetime.date | None = None
    is_private: bool = False


@router.get("/programmes/{slug}/timeline/{subject}/{subject_id}/notes", response=list[NoteOut])
@declares(VIEW_TIMELINE)
def list_notes(request: AuthenticatedHttpRequest, slug: str, subject: str, subject_id: int) -> Any:
    """Notes and tasks on a person, organisation, opportunity or referral that the caller may read."""
    programme = programme_for(request, slug, VIEW_TIMELINE, subject=subject, subject_id=subject_id)
    return selectors.timeline(request.user, timeline_of(programme, subject, subject_id))


@router.post("/programmes/{slug}/timeline/{subject}/{subject_id}/notes", response={201: NoteOut})
@declares(WRITE_NOTE)
def add_note(
    request: AuthenticatedHttpRequest, slug: str, subject: str, subject_id: int, payload: NoteIn
) -> Any:
    from assetlink.accounts.models import User
    from assetlink.organisations.selectors import organisations_of

    programme = programme_for(request, slug, WRITE_NOTE, subject=subject, subject_id=subject_id)
    mentions = list(organisations_of(programme).filter(pk__in=payload.mentions))
    if len(mentions) != len(set(payload.mentions)):
        raise ValidationError({"mentions": _("Only organisations of this programme can be mentioned.")})
    assignee = (
        User.objects.filter(pk=payload.assignee_id, memberships__programme=programme).first()
        if payload.assignee_id
        else None
    )
    if payload.assignee_id and assignee is None:
        raise ValidationError({"assignee_id": _("The person you assign cannot see this record.")})
    note = services.add_note(
        actor=request.user,
        target=timeline_of(programme, subject, subject_id),
        body=payload.body,
        mentions=mentions,
        assignee=assignee,
        due_on=payload.due_on,
        is_private=payload.is_private,
    )
    return 201, note
