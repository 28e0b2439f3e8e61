"""Who reads and writes a record's timeline: the people who work with the record and may see it by its own
rule (never participants); a task is completed by its assignee, its author or a programme admin."""

from __future__ import annotations

from typing import Any

import rules

from assetlink.programmes.rules import is_organisation_facing, is_programme_admin


@rules.predicate
def may_see_the_record(user: Any, target: Any) -> bool:
    """The user may see the record a timeline belongs to, by the record's own rule."""
    return bool(target.subject.may_see(user, target.programme, target.record))


@rules.predicate
def wrote_or_was_given_the_task(user: Any, note: Any) -> bool:
    return getattr(user, "pk", None) in {note.author_id, note.assignee_id}


rules.add_perm("timelines.view_timeline", is_organisation_facing & may_see_the_record)
rules.add_perm("timelines.write_note", is_organisation_facing & may_see_the_record)
rules.add_perm("timelines.complete_task", is_programme_admin | wrote_or_was_given_the_task)
# Notes marked "only my organisation" are read by that organisation and by the programme team.
rules.add_perm("timelines.read_every_note", is_programme_admin)
