"""The monthly funder report, prepared in the background: last month frozen, the admins told."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from assetlink.accounts.services import notify
from assetlink.engine.periods import Period, PeriodKind, period_containing
from assetlink.impact.indicators.facts import refresh_programme
from assetlink.impact.indicators.reports import latest_snapshot
from assetlink.impact.indicators.services import freeze_snapshot
from assetlink.impact.models import Indicator
from assetlink.programmes.models import Membership, Programme, Role


def last_month(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    return period_containing(today.replace(day=1) - datetime.timedelta(days=1), PeriodKind.MONTH)


def prepare_monthly_report(programme: Programme, period: Period) -> bool:
    """Freeze the month (unless a snapshot exists) and tell the programme admins; False if nothing to do."""
    if (
        latest_snapshot(programme, period) is not None
        or not Indicator.objects.filter(programme=programme).exists()
    ):
        return False
    with transaction.atomic():
        freeze_snapshot(actor=None, programme=programme, period=period, note="Monthly report")
        url = (
            reverse("results:report", kwargs={"slug": programme.slug})
            + "?"
            + urlencode({"period": period.key})
        )
        admins = Membership.objects.filter(programme=programme, role=Role.PROGRAMME_ADMIN, is_active=True)
        for membership in admins.select_related("user"):
            notify(
                user=membership.user,
                kind="report_ready",
                params={"programme": programme.name, "period": period.start.strftime("%Y-%m")},
                url=url,
                programme=programme,
            )
    return True


@task()
def prepare_monthly_report_task(*, programme_id: int, period_key: str) -> bool:
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        return False
    kind, _, start = period_key.partition(":")
    period = period_containing(datetime.date.fromisoformat(start), PeriodKind(kind))
    return prepare_monthly_report(programme, period)


def queue_monthly_reports(today: datetime.date | None = None) -> int:
    """Queue last month's report for every programme that has indicators and no snapshot of it yet."""
    period = last_month(today)
    queued = 0
    for programme in Programme.objects.filter(indicators__isnull=False).distinct():
        if latest_snapshot(programme, period) is None:
            prepare_monthly_report_task.enqueue(programme_id=programme.pk, period_key=period.key)
            queued += 1
    return queued


@task()
def refresh_indicator_summaries_task(*, programme_id: int) -> int:
    """Recompute the programme's stale monthly indicator summaries."""
    return refresh_programme(programme_id)


def queue_summary_refresh(programme: Programme) -> bool:
    """Queue a refresh of the programme's summaries unless one was queued in the last five minutes."""
    if not cache.add(f"indicator-summaries:{programme.pk}", True, timeout=300):
        return False
    refresh_indicator_summaries_task.enqueue(programme_id=programme.pk)
    return True
