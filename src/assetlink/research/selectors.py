"""Reads of community research, scoped to what the reader may see: the projects (all for the admin; for
others those of their team or shared with their organisation), their surveys and responses, researchers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from assetlink.programmes.models import Membership, Role
from assetlink.programmes.rules import roles_of
from assetlink.research.models import (
    Project,
    Researcher,
    Submission,
    SubmissionStatus,
    Survey,
)
from assetlink.research.xforms import answer_at, language_code

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme


def projects_for(user: User, programme: Programme) -> QuerySet[Project]:
    """The projects the user may open: every one for the admin; those of their team, their organisation's
    and those shared with it for others."""
    projects = Project.objects.filter(programme=programme)
    membership = roles_of(user).get(programme.pk)
    if membership is None:
        return projects.none()
    if membership.role != Role.PROGRAMME_ADMIN:
        visible = Q(team__researcher__user=user, team__researcher__is_active=True)
        if membership.role == Role.PARTNER_STAFF and membership.organisation_id:
            visible |= Q(lead_organisation_id=membership.organisation_id) | Q(
                shared_with=membership.organisation_id
            )
        projects = projects.filter(pk__in=Project.objects.filter(visible).values("pk"))
    return projects.select_related("lead_organisation").annotate(
        survey_count=Count("surveys", distinct=True), team_size=Count("team", distinct=True)
    )


def project_in(programme: Programme, project_id: int) -> Project | None:
    return Project.objects.filter(programme=programme, pk=project_id).first()


def survey_in(programme: Programme, survey_id: int) -> Survey | None:
    return Survey.objects.select_related("project").filter(programme=programme, pk=survey_id).first()


def submission_in(programme: Programme, submission_id: int) -> Submission | None:
    return (
        Submission.objects.select_related("survey__project", "version", "researcher", "area")
        .filter(survey__programme=programme, pk=submission_id)
        .first()
    )


def researcher_in(programme: Programme, researcher_id: int) -> Researcher | None:
    return Researcher.objects.filter(programme=programme, pk=researcher_id).first()


def surveys_of(project: Project) -> list[Survey]:
    return list(
        project.surveys.annotate(
            responses=Count("submissions", filter=Q(submissions__withdrawn_at__isnull=True))
        ).prefetch_related("versions")
    )


def responses_of(survey: Survey, status: str = "") -> QuerySet[Submission]:
    responses = survey.submissions.select_related("researcher", "area", "version")
    if status in SubmissionStatus.values:
        responses = responses.filter(status=status)
    return responses


def status_counts(survey: Survey) -> dict[str, int]:
    counts = dict(survey.submissions.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in SubmissionStatus.values}


def researchers_of(programme: Programme) -> QuerySet[Researcher]:
    return (
        Researcher.objects.filter(programme=programme)
        .select_related("supervisor", "organisation")
        .annotate(
            project_count=Count("projects", distinct=True),
            response_count=Count("submissions", distinct=True),
        )
    )


def responses_by_project(researcher: Researcher) -> list[dict[str, Any]]:
    """Each project of a researcher, with the responses they collected for it."""
    rows = []
    for member in researcher.projects.select_related("project").order_by("project__title"):
        rows.append(
            {
                "project": member.project,
                "role": member.get_role_display(),
                "responses": Submission.objects.filter(
                    researcher=researcher, survey__project=member.project
                ).count(),
            }
        )
    return rows


def training_of(researcher: Researcher) -> list[Any]:
    """A resident researcher's places in community research training (support programmes)."""
    if researcher.person_id is None:
        return []
    from assetlink.journeys.models import Participation

    return list(
        Participation.objects.filter(
            person_id=researcher.person_id, cohort__support__kind="community_research"
        ).select_related("cohort__support")
    )


def community_researchers_without_record(programme: Programme) -> list[Membership]:
    """Accounts with the community researcher role that no researcher record names yet."""
    named = Researcher.objects.filter(programme=programme, user__isnull=False).values("user_id")
    return list(
        Membership.objects.filter(programme=programme, role=Role.COMMUNITY_RESEARCHER, is_active=True)
        .exclude(user_id__in=named)
        .select_related("user")
    )


def own_researcher(user: User, programme: Programme) -> Researcher | None:
    if not user.is_authenticated:
        return None
    return Researcher.objects.filter(programme=programme, user=user).first()


def labelled(text_by_language: dict[str, str], language: str) -> str:
    """The text in the reader's language, else the form's first."""
    if not text_by_language:
        return ""
    for name, text in text_by_language.items():
        if language_code(name) == language or name == language:
            return text
    return next(iter(text_by_language.values()))


def answered(submission: Submission, language: str) -> list[dict[str, Any]]:
    """A response's answers in the order of its form, each with the question's label in the reader's
    language and a choice's label in place of its value."""
    rows = []
    for question in submission.version.questions:
        value = answer_at(submission.answers, question["path"])
        if value is None or value == "" or value == []:
            continue
        choices = {c["value"]: labelled(c["labels"], language) for c in question["choices"]}

        def shown(raw: Any, choices: dict[str, str] = choices, question: dict[str, Any] = question) -> str:
            text = str(raw)
            if question["control"] == "select":
                return ", ".join(choices.get(part, part) for part in text.split())
            return choices.get(text, text)

        rows.append(
            {
                "name": question["name"],
                "label": labelled(question["labels"], language) or question["name"],
                "repeat": question["repeat"].rsplit("/", 1)[-1],
                "values": [shown(v) for v in value] if isinstance(value, list) else [shown(value)],
            }
        )
    return rows
