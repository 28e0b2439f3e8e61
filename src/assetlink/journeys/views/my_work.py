"""A caseworker's or adviser's desk: open tasks, referrals waiting, overdue steps, mentions."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from assetlink.journeys import selectors
from assetlink.programmes.models import Programme
from assetlink.timelines.selectors import note_url
from assetlink.web.access import AuthenticatedHttpRequest, programme_view


@programme_view("journeys.view_my_work")
def my_work(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    work = selectors.my_work(request.user, programme)
    mentions = [(note, note_url(programme, note)) for note in work.pop("mentions")]
    tasks = [(note, note_url(programme, note)) for note in work.pop("tasks")]
    return render(
        request,
        "journeys/my_work.html",
        {"programme": programme, "tasks": tasks, "mentions": mentions, **work},
    )
