"""Reads of community research, scoped to what the reader may see: the projects (all for the admin; for
others those of their team or shared with their organisation), their surveys and responses, researchers."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from assetlink.accounts.models import User
from assetlink.engine.agreement import Agreement, agreement_on
from assetlink.opportunities.models import Opportunity, OpportunityStatus, SkillRequirement
from assetlink.opportunities.selectors import opportunities_visible_to
from assetlink.places.models import Area
from assetlink.programmes.models import Membership, Role
from assetlink.programmes.rules import roles_of
from assetlink.research.models import (
    ActionStatus,
    AssetProposal,
    Code,
    Document,
    Excerpt,
    Finding,
    Plan,
    Project,
    ProposalKind,
    ProposalStatus,
    Researcher,
    ReviewAction,
    ReviewEntry,
    SavedTable,
    Submission,
    SubmissionStatus,
    Survey,
)
from assetlink.research.xforms import Answerable, answer_at, correctable_answers, language_code

if TYPE_CHECKING:
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
        rows.append(
            {
                "name": question["name"],
                "label": labelled(question["labels"], language) or question["name"],
                "repeat": question["repeat"].rsplit("/", 1)[-1],
                "values": [shown_answer(question, v, language) for v in value]
                if isinstance(value, list)
                else [shown_answer(question, value, language)],
            }
        )
    return rows


def shown_answer(question: dict[str, Any], raw: Any, language: str) -> str:
    """An answer as a reader sees it: a choice by its label in their language, several joined by commas."""
    text = str(raw)
    choices = {c["value"]: labelled(c["labels"], language) for c in question["choices"]}
    if question["control"] == "select":
        return ", ".join(choices.get(part, part) for part in text.split())
    return choices.get(text, text)


def correctable_answers_of(
    submission: Submission, language: str
) -> tuple[list[Answerable], dict[str, str], dict[str, list[tuple[str, str]]]]:
    """The answers of a response a reviewer may correct, their labels in the reader's language by key, and
    the choices of each select question (the programme's areas for an area question) as (value, label)."""
    answerables = correctable_answers(submission.version.questions, submission.answers)
    questions = {a.question["path"]: a.question for a in answerables}
    labels = {a.key: _answer_label(a.question, a.instance, language) for a in answerables}
    areas: list[tuple[str, str]] = []
    if any(q["register"] == "area" for q in questions.values()):
        areas = list(
            Area.objects.filter(programme_id=submission.survey.programme_id)
            .order_by("name")
            .values_list("code", "name")
        )
    choices = {
        path: areas
        if q["register"] == "area"
        else [(c["value"], labelled(c["labels"], language) or c["value"]) for c in q["choices"]]
        for path, q in questions.items()
        if q["control"] in {"select1", "select"}
    }
    return answerables, labels, choices


def _answer_label(question: dict[str, Any], instance: int | None, language: str) -> str:
    label = labelled(question["labels"], language) or question["name"]
    if instance is None:
        return label
    return _("%(question)s (%(repeat)s %(number)s)") % {
        "question": label,
        "repeat": question["repeat"].rsplit("/", 1)[-1],
        "number": instance,
    }


@dataclass(frozen=True)
class Correction:
    question: str
    before: str
    after: str


def review_log(submission: Submission, language: str) -> list[tuple[ReviewEntry, str, list[Correction]]]:
    """A response's review log: each entry, who made it (named as colleagues are) and the answers it
    corrected, by the question's label in the reader's language."""
    questions = {q["path"]: q for q in submission.version.questions}
    programme = submission.survey.programme
    names: dict[int | None, str] = {}
    log = []
    for entry in submission.log.select_related("actor"):
        if entry.actor_id not in names:
            names[entry.actor_id] = colleague_name(entry.actor, programme)
        corrected = entry.changes.get("answers", {}) if entry.action == ReviewAction.EDITED else {}
        corrections = []
        for key, (before, after) in corrected.items():
            path, _hash, number = key.partition("#")
            question = questions.get(path)
            if question is None:
                continue
            corrections.append(
                Correction(
                    _answer_label(question, int(number) if number else None, language),
                    shown_answer(question, before, language) if before else "",
                    shown_answer(question, after, language) if after else "",
                )
            )
        log.append((entry, names[entry.actor_id], corrections))
    return log


# What research makes of its responses


def codebook(project: Project) -> list[tuple[Code, int, int]]:
    """The project's codes depth first, each with its depth and how many excerpts it tags."""
    codes = list(project.codes.annotate(used=Count("excerpts")).order_by("name", "pk"))
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[tuple[Code, int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            ordered.append((code, depth, getattr(code, "used", 0)))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return ordered


def code_path(code: Code) -> str:
    """The code with the codes it sits under: “Skills › Caring › Childcare”."""
    names = [code.name]
    parent = code.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent
    return " › ".join(reversed(names))


def colleague_name(user: Any, programme: Programme) -> str:
    """How a colleague (a coder, a reviewer) is named to those who read their work (partner staff of a shared
    project among them): their researcher record, else their account's full name, never their e-mail."""
    if user is None:
        return "—"
    researcher = Researcher.objects.filter(programme=programme, user=user).first()
    return researcher.name if researcher else (user.full_name or "—")


def documents_of(project: Project) -> QuerySet[Document]:
    return project.documents.select_related("submission").annotate(excerpt_count=Count("excerpts"))


def passages(document: Document) -> list[dict[str, Any]]:
    """The document's text cut where excerpts start and end, each piece with the excerpts covering it, so a
    page can mark what is coded."""
    excerpts = list(document.excerpts.all())
    cuts = sorted({0, len(document.text), *[e.start for e in excerpts], *[e.end for e in excerpts]})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        if end <= start:
            continue
        covering = [e.pk for e in excerpts if e.start <= start and e.end >= end]
        pieces.append({"text": document.text[start:end], "excerpts": covering})
    return pieces


@dataclass(frozen=True)
class PairAgreement:
    """How two coders agree over the documents both coded: per code and pooled over the codes."""

    first: str
    second: str
    documents: int
    by_code: list[tuple[str, Agreement]]
    pooled: Agreement


def agreement(project: Project) -> list[PairAgreement]:
    """Cohen's kappa for every pair of coders who coded the same documents of the project."""
    lengths = dict(project.documents.values_list("pk", Length("text")))
    spans: dict[tuple[int, int], dict[int, list[tuple[int, int]]]] = {}
    coded_by: dict[int, set[int]] = {}
    rows = Excerpt.codes.through.objects.filter(
        excerpt__document__project=project, excerpt__coder__isnull=False
    ).values_list("excerpt__document_id", "excerpt__coder_id", "code_id", "excerpt__start", "excerpt__end")
    for document_id, coder_id, code_id, start, end in rows:
        spans.setdefault((document_id, coder_id), {}).setdefault(code_id, []).append((start, end))
        coded_by.setdefault(coder_id, set()).add(document_id)
    if len(coded_by) < 2:
        return []
    codes = {code.pk: code_path(code) for code in project.codes.select_related("parent")}
    users = {user.pk: user for user in User.objects.filter(pk__in=coded_by)}
    pairs = []
    for first, second in itertools.combinations(sorted(coded_by), 2):
        shared = sorted(coded_by[first] & coded_by[second])
        if not shared:
            continue
        by_code: dict[int, Agreement] = {}
        for document_id in shared:
            first_spans, second_spans = spans[(document_id, first)], spans[(document_id, second)]
            for code_id in set(first_spans) | set(second_spans):
                by_code[code_id] = by_code.get(code_id, Agreement()) + agreement_on(
                    lengths[document_id], first_spans.get(code_id, []), second_spans.get(code_id, [])
                )
        rows_by_code = sorted(
            ((codes[code_id], found) for code_id, found in by_code.items()), key=lambda r: r[0]
        )
        pooled = Agreement()
        for _code, found in rows_by_code:
            pooled = pooled + found
        pairs.append(
            PairAgreement(
                first=colleague_name(users[first], project.programme),
                second=colleague_name(users[second], project.programme),
                documents=len(shared),
                by_code=rows_by_code,
                pooled=pooled,
            )
        )
    return pairs


def findings_of(project: Project) -> QuerySet[Finding]:
    return project.findings.prefetch_related("areas").annotate(
        excerpt_count=Count("excerpts", distinct=True),
        table_count=Count("tables", distinct=True),
        proposal_count=Count("proposals", distinct=True),
    )


def finding_in(programme: Programme, finding_id: int) -> Finding | None:
    return (
        Finding.objects.select_related("project").filter(project__programme=programme, pk=finding_id).first()
    )


def document_in(programme: Programme, document_id: int) -> Document | None:
    return (
        Document.objects.select_related("project", "submission")
        .filter(project__programme=programme, pk=document_id)
        .first()
    )


def table_in(programme: Programme, table_id: int) -> SavedTable | None:
    return (
        SavedTable.objects.select_related("survey__project")
        .filter(survey__programme=programme, pk=table_id)
        .first()
    )


def proposal_in(programme: Programme, proposal_id: int) -> AssetProposal | None:
    return (
        AssetProposal.objects.select_related("finding__project")
        .filter(finding__project__programme=programme, pk=proposal_id)
        .first()
    )


def proposals_awaiting(programme: Programme) -> QuerySet[AssetProposal]:
    return AssetProposal.objects.filter(
        finding__project__programme=programme, status=ProposalStatus.PROPOSED
    ).select_related("finding", "area")


def plans_of(programme: Programme) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(programme=programme)
        .select_related("area")
        .annotate(
            action_count=Count("actions", filter=~Q(actions__status=ActionStatus.DROPPED), distinct=True),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
        )
    )


def plan_in(programme: Programme, plan_id: int) -> Plan | None:
    return plans_of(programme).filter(pk=plan_id).first()


def progress(plan: Plan) -> float | None:
    """The share of the plan's actions done, leaving out those dropped."""
    total = getattr(plan, "action_count", None)
    done = getattr(plan, "done_count", 0)
    return done / total if total else None


def cited(user: Any, findings: Any) -> list[tuple[Finding, bool]]:
    """Findings as a page cites them, each with whether the reader may open it (its project)."""
    return [(finding, user.has_perm("research.view_project", finding.project)) for finding in findings]


@dataclass(frozen=True)
class SkillPool:
    """An accepted skill pool, with the finding it came from and the open opportunities that ask for its
    skill (those the reader may see)."""

    proposal: AssetProposal
    finding_open: bool
    opportunities: list[Opportunity]


def skill_pools(user: User, programme: Programme, area: Area | None = None) -> list[SkillPool]:
    """The register of skill pools community research found: accepted proposals, newest first."""
    pools = (
        AssetProposal.objects.filter(
            finding__project__programme=programme,
            kind=ProposalKind.SKILL_POOL,
            status=ProposalStatus.ACCEPTED,
        )
        .select_related("skill", "area", "finding__project__programme")
        .order_by("-decided_at", "-pk")
    )
    if area is not None:
        pools = pools.filter(area=area)
    found = list(pools)
    asking: dict[int, list[Opportunity]] = {}
    skills = {pool.skill_id for pool in found if pool.skill_id}
    if skills:
        requirements = (
            SkillRequirement.objects.filter(
                skill_id__in=skills,
                opportunity__in=opportunities_visible_to(user, programme).filter(
                    status=OpportunityStatus.OPEN
                ),
            )
            .select_related("opportunity__owner")
            .order_by("opportunity__title", "opportunity_id")
        )
        for requirement in requirements:
            listed = asking.setdefault(requirement.skill_id, [])
            if requirement.opportunity not in listed:
                listed.append(requirement.opportunity)
    return [
        SkillPool(
            pool,
            user.has_perm("research.view_project", pool.finding.project),
            asking.get(pool.skill_id, []) if pool.skill_id else [],
        )
        for pool in found
    ]


def evidence_of_response(submission: Submission) -> list[Excerpt]:
    """The excerpts coded from a response's answers, with the findings that cite them."""
    return list(
        Excerpt.objects.filter(document__submission=submission)
        .select_related("document")
        .prefetch_related("codes", "findings__actions__plan")
    )
