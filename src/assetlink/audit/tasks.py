"""Background export of a programme's audit trail to CSV."""

from __future__ import annotations

import csv
import datetime
import json
import uuid
from pathlib import Path

from django.conf import settings
from django_tasks import task

from assetlink.audit.selectors import LogFilters, audit_entries
from assetlink.background.services import finish_task, report_progress
from assetlink.programmes.models import Programme

BATCH = 500


@task()
def export_audit_log(*, task_run_id: int, programme_id: int, filters: dict[str, str]) -> str:
    """Write the filtered audit trail of a programme to a CSV file under MEDIA_ROOT/exports."""
    try:
        programme = Programme.objects.get(pk=programme_id)
        log_filters = LogFilters(
            action=filters.get("action", ""),
            object_type=filters.get("object_type", ""),
            person=filters.get("person", ""),
            since=datetime.date.fromisoformat(filters["since"]) if filters.get("since") else None,
            until=datetime.date.fromisoformat(filters["until"]) if filters.get("until") else None,
        )
        entries = audit_entries(programme, log_filters).order_by("at", "id")
        total = entries.count()
        relative = Path("exports") / f"audit-{programme.slug}-{uuid.uuid4().hex}.csv"
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                ["time", "actor", "action", "object_type", "object_id", "object", "before", "after"]
            )
            for done, entry in enumerate(entries.iterator(chunk_size=BATCH), start=1):
                writer.writerow(
                    [
                        entry.at.isoformat(),
                        entry.actor.email if entry.actor else "",
                        entry.action,
                        entry.object_type,
                        entry.object_id,
                        entry.object_repr,
                        json.dumps(entry.before, ensure_ascii=False),
                        json.dumps(entry.after, ensure_ascii=False),
                    ]
                )
                if done % BATCH == 0:
                    report_progress(task_run_id, done=done, total=total)
            report_progress(task_run_id, done=total, total=total)
    except Exception as error:
        finish_task(task_run_id, succeeded=False, message=str(error))
        raise
    finish_task(task_run_id, succeeded=True, message=f"{total} entries", result_file=str(relative))
    return str(relative)
