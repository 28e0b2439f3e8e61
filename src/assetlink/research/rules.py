"""Who sees and runs community research: the programme admin runs it all; a researcher sees the projects
whose team they are on (their lead runs the project); partner staff see a project only when it is theirs
or shared with their organisation."""

from __future__ import annotations

from typing import Any

import rules

from assetlink.programmes.models import Role
from assetlink.programmes.rules import (
    is_community_researcher,
    is_partner_staff,
    is_programme_admin,
    roles_of,
)


def _project_of(obj: Any) -> Any:
    return getattr(obj, "project", obj)


@rules.predicate
def on_the_team(user: Any, obj: Any) -> bool:
    """The user is a researcher on the project's team."""
    project = _project_of(obj)
    if not user.is_authenticated or project is None:
        return False
    return project.team.filter(researcher__user=user, researcher__is_active=True).exists()


@rules.predicate
def leads_the_project(user: Any, obj: Any) -> bool:
    """The user leads the project's team or supervises the project."""
    project = _project_of(obj)
    if not user.is_authenticated or project is None:
        return False
    if project.supervisor_id and project.supervisor.user_id == user.pk:
        return True
    return project.team.filter(researcher__user=user, researcher__is_active=True, role="lead").exists()


@rules.predicate
def shared_with_their_organisation(user: Any, obj: Any) -> bool:
    """The user is partner staff of the project's lead organisation or of one it shares responses with."""
    project = _project_of(obj)
    if project is None:
        return False
    membership = roles_of(user).get(project.programme_id)
    if membership is None or membership.role != Role.PARTNER_STAFF or membership.organisation_id is None:
        return False
    return (
        membership.organisation_id == project.lead_organisation_id
        or project.shared_with.filter(pk=membership.organisation_id).exists()
    )


@rules.predicate
def is_that_researcher(user: Any, researcher: Any) -> bool:
    """The researcher's record is the user's own."""
    return bool(user.is_authenticated and getattr(researcher, "user_id", None) == user.pk)


@rules.predicate
def coded_it_or_runs_the_programme(user: Any, excerpt: Any) -> bool:
    """The excerpt is the user's own coding, or the user is the admin of its project's programme."""
    if not user.is_authenticated or excerpt is None:
        return False
    return bool(excerpt.coder_id == user.pk or is_programme_admin.test(user, excerpt.document.project))


rules.add_perm("research.view_research", is_programme_admin | is_partner_staff | is_community_researcher)
rules.add_perm("research.manage_research", is_programme_admin)
rules.add_perm("research.view_researcher", is_programme_admin | is_that_researcher)
rules.add_perm("research.manage_keys", is_programme_admin | is_that_researcher)
rules.add_perm("research.view_project", is_programme_admin | on_the_team | shared_with_their_organisation)
rules.add_perm("research.change_project", is_programme_admin | leads_the_project)
rules.add_perm("research.view_responses", is_programme_admin | on_the_team | shared_with_their_organisation)
rules.add_perm("research.review_responses", is_programme_admin | leads_the_project)
rules.add_perm("research.collect", on_the_team)
# What research makes of its responses: the project's team (and the admin) codes, keeps tables and records
# findings; whoever may open the project reads them; the admin decides on proposed assets and runs plans.
rules.add_perm("research.analyse", is_programme_admin | on_the_team)
rules.add_perm("research.remove_excerpt", coded_it_or_runs_the_programme)
rules.add_perm("research.manage_plans", is_programme_admin)
