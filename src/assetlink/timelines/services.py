"""Writing on timelines: a note or a task on a record, with mentions of partners; completing a task."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.accounts.services import notify
from assetlink.audit import services as audit
from assetlink.organisations.selectors import organisations_of
from assetlink.programmes.rules import require
from assetlink.programmes.selectors import acting_organisation, partner_staff_of
from assetlink.timelines.models import Note
from assetlink.timelines.subjects import TimelineOf

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation


def add_note(
    *,
    actor: User,
    target: TimelineOf,
    body: str,
    mentions: list[Organisation] | None = None,
    assignee: User | None = None,
    due_on: datetime.date | None = None,
    is_private: bool = False,
) -> Note:
    """Write a note (or a task, with an assignee or a due date) on a record's timeline; mentioned
    partners and the assignee are told, if they may see the record."""
    require(actor, "timelines.write_note", target)
    programme, subject = target.programme, target.record
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the note.")})
    mentions = mentions or []
    partners = organisations_of(programme)
    if any(not partners.filter(pk=organisation.pk).exists() for organisation in mentions):
        raise ValidationError({"mentions": _("Only organisations of this programme can be mentioned.")})
    if assignee is not None:
        if not assignee.has_perm("timelines.view_timeline", cast(Any, target)):
            raise ValidationError({"assignee": _("The person you assign cannot see this record.")})
        if is_private and acting_organisation(assignee, programme) != acting_organisation(actor, programme):
            raise ValidationError({"assignee": _("A note only for your organisation is assigned within it.")})
    note = Note(
        programme=programme,
        subject_type=target.label,
        subject_id=subject.pk,
        body=body,
        author=actor,
        author_organisation=acting_organisation(actor, programme),
        assignee=assignee,
        due_on=due_on,
        is_private=is_private,
    )
    with transaction.atomic():
        note.save()
        note.mentions.set(mentions)
        audit.record(actor, "note.added", note, programme=programme, after={"task": note.is_task})
        url = target.url
        told: set[int] = {actor.pk}
        if assignee is not None and assignee.pk not in told:
            notify(
                user=assignee,
                kind="task_assigned",
                params={"subject": str(subject)},
                url=url,
                programme=programme,
            )
            told.add(assignee.pk)
        if not is_private:
            for organisation in mentions:
                for user in partner_staff_of(programme, organisation):
                    if user.pk not in told and user.has_perm("timelines.view_timeline", cast(Any, target)):
                        notify(
                            user=user,
                            kind="mentioned",
                            params={"subject": str(subject), "organisation": organisation.name},
                            url=url,
                            programme=programme,
                        )
                        told.add(user.pk)
    return note


def complete_task(*, actor: User, note: Note) -> Note:
    """Mark a task done (its assignee, its author or a programme admin)."""
    require(actor, "timelines.complete_task", note)
    if not note.is_task:
        raise ValidationError(_("This note is not a task."))
    if note.done_at is not None:
        raise ValidationError(_("This task is already done."))
    note.done_at = timezone.now()
    with transaction.atomic():
        note.save(update_fields=["done_at"])
        audit.record(actor, "task.done", note, programme=note.programme)
    return note
