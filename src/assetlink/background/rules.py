"""A task's progress is visible to the user who started it."""

from typing import Any

import rules


@rules.predicate
def started_the_task(user: Any, task_run: Any) -> bool:
    return bool(task_run.started_by_id == getattr(user, "pk", None))


rules.add_perm("background.view_task_run", started_the_task)
