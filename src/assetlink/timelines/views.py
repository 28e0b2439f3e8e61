"""A record's timeline as a panel of its page; adding a note or a task; marking a task done."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.programmes.models import Programme
from assetlink.timelines import selectors, services
from assetlink.timelines.forms import NoteForm
from assetlink.timelines.subjects import TimelineOf, timeline_of
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit


def timeline_context(request: Any, target: TimelineOf, form: Any = None) -> dict[str, Any]:
    """What the timeline include needs, for the pages of a person, organisation, opportunity or referral."""
    user = request.user
    if not user.has_perm("timelines.view_timeline", cast(Any, target)):
        return {"timeline": None}
    notes = selectors.timeline(user, target)[:100]
    return {
        "timeline": {
            "notes": [
                {
                    "note": note,
                    "can_complete": note.is_task
                    and note.done_at is None
                    and user.has_perm("timelines.complete_task", note),
                }
                for note in notes
            ],
            "form": form or NoteForm(prefix="note", programme=target.programme),
            "subject": target.subject.word,
            "subject_id": target.record.pk,
        }
    }


def timeline_panel(request: Any, programme: Programme, record: Any) -> dict[str, Any]:
    """The timeline as a panel of a record's page (registered with web.panels in ready())."""
    return timeline_context(request, TimelineOf(programme, record))


@programme_view(
    "programmes.view_programme", object_permission="timelines.write_note", load_object=timeline_of
)
@require_POST
def note_add(
    request: AuthenticatedHttpRequest, programme: Programme, subject: str, subject_id: int
) -> HttpResponse:
    target = timeline_of(programme, subject, subject_id)
    form = NoteForm(request.POST, prefix="note", programme=programme)
    done = submit(
        request,
        form,
        lambda data: services.add_note(actor=request.user, target=target, **data),
        message=_("The note has been added to the timeline."),
        then=target.url,
    )
    if done:
        return done
    context = {"programme": programme, "target": target, **timeline_context(request, target, form)}
    return render(request, "timelines/timeline_page.html", context, status=422)


@programme_view(
    "programmes.view_programme", object_permission="timelines.complete_task", load_object=selectors.note_in
)
@require_POST
def task_done(request: AuthenticatedHttpRequest, programme: Programme, note_id: int) -> HttpResponse:
    note = selectors.note_in(programme, note_id)
    try:
        services.complete_task(actor=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is done."))
    return redirect(selectors.note_url(programme, note))
