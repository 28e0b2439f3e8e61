"""API of "my work": the caller's open tasks, referrals waiting on their organisation, overdue work."""

from typing import Any

from ninja import Schema

from assetlink.journeys import selectors
from assetlink.journeys.api.common import router
from assetlink.journeys.api.referrals import ReferralSummaryOut
from assetlink.timelines.api import NoteOut
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

MY_WORK = Access("programme", "journeys.view_my_work")


class MyWorkOut(Schema):
    open_tasks: list[NoteOut]
    awaiting_answer: list[ReferralSummaryOut]
    in_progress: list[ReferralSummaryOut]
    overdue_sent: list[ReferralSummaryOut]
    overdue_steps: int


@router.get("/programmes/{slug}/my-work", response=MyWorkOut)
@declares(MY_WORK)
def my_work(request: AuthenticatedHttpRequest, slug: str) -> Any:
    """The caller's open tasks, referrals waiting on their organisation, and overdue work."""
    work = selectors.my_work(request.user, programme_for(request, slug, MY_WORK))
    return {
        "open_tasks": work["tasks"],
        "awaiting_answer": work["awaiting_answer"],
        "in_progress": work["in_progress"],
        "overdue_sent": work["overdue_sent"],
        "overdue_steps": len(work["overdue_steps"]),
    }
