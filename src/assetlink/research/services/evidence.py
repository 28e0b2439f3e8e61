"""Writes of what research makes of its responses: documents to code (free-text answers, transcripts), the
codebook and coded excerpts, tables kept as evidence, findings and the micro assets they propose (which
enter the register once accepted), and the areas' community economic development plans."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.organisations.models import OrganisationKind
from assetlink.organisations.selectors import organisations_of
from assetlink.organisations.services import register_organisation
from assetlink.places.models import SpaceKind
from assetlink.places.services import save_space
from assetlink.programmes.rules import require
from assetlink.research import analysis
from assetlink.research.models import (
    Action,
    ActionStatus,
    AssetKind,
    AssetProposal,
    Code,
    Document,
    DocumentKind,
    Excerpt,
    Finding,
    FindingKind,
    Goal,
    Plan,
    Project,
    ProposalKind,
    ProposalStatus,
    SavedTable,
    Survey,
)
from assetlink.research.selectors import labelled
from assetlink.research.xforms import answer_text
from assetlink.validation import without_control_characters

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.impact.models import Indicator
    from assetlink.opportunities.models import Opportunity
    from assetlink.organisations.models import Organisation
    from assetlink.places.models import Area
    from assetlink.programmes.models import Programme
    from assetlink.taxonomy.models import EscoConcept

MAX_DOCUMENT_CHARACTERS = 200_000
TEXT_CONTROLS = {"input", "textarea"}


def _text(field: str, value: str, limit: int, *, required: bool = True) -> str:
    text = without_control_characters(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Keep this under %(limit)s characters.") % {"limit": limit}})
    return text


def _all_of(field: str, chosen: Sequence[Any], allowed: Any) -> list[Any]:
    """The chosen records, refused when one is not among those allowed (another project's, say)."""
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any(record.pk not in allowed_ids for record in chosen):
        raise ValidationError({field: _("Choose among this project's own records.")})
    return list(chosen)


# Documents and the codebook


def add_transcript(*, actor: User, project: Project, title: str, text: str) -> Document:
    """A transcript (an interview, a group discussion) added to the project's documents to code."""
    require(actor, "research.analyse", project)
    document = Document(
        project=project,
        title=_text("title", title, 200),
        kind=DocumentKind.TRANSCRIPT,
        text=_text("text", text, MAX_DOCUMENT_CHARACTERS),
        created_by=actor,
    )
    with transaction.atomic():
        document.save()
        audit.record(actor, "research_document.added", document, programme=project.programme)
    return document


def text_questions(survey: Survey, language: str) -> list[tuple[str, str]]:
    """The free-text questions of a survey's current form, as (path, label)."""
    version = analysis.current_version(survey)
    return [
        (question["path"], labelled(question["labels"], language) or question["name"])
        for question in (version.questions if version else [])
        if question["control"] in TEXT_CONTROLS and question["type"] == "string"
    ]


def documents_from_answers(*, actor: User, survey: Survey, question_path: str, language: str = "en") -> int:
    """A document for each counted response's answer to a free-text question (answers given inside a repeat
    are joined); answers already made into documents are left as they are. Returns how many were made."""
    require(actor, "research.analyse", survey.project)
    labels = dict(text_questions(survey, language))
    if question_path not in labels:
        raise ValidationError({"question": _("Choose one of the survey's free-text questions.")})
    done = set(
        Document.objects.filter(submission__survey=survey, question_path=question_path).values_list(
            "submission_id", flat=True
        )
    )
    made = []
    for submission in analysis.counted(survey).exclude(pk__in=done).select_related("area"):
        text = answer_text(submission.answers, question_path)
        if not text:
            continue
        where = submission.area.name if submission.area else _("no area")
        made.append(
            Document(
                project=survey.project,
                title=_("%(question)s — %(where)s, %(date)s")
                % {
                    "question": labels[question_path][:120],
                    "where": where,
                    "date": submission.received_at.date().isoformat(),
                },
                kind=DocumentKind.ANSWER,
                text=without_control_characters(text)[:MAX_DOCUMENT_CHARACTERS],
                submission=submission,
                question_path=question_path,
                created_by=actor,
            )
        )
    with transaction.atomic():
        Document.objects.bulk_create(made)
        audit.record(
            actor,
            "research_documents.made_from_answers",
            survey,
            programme=survey.programme,
            after={"question": question_path, "documents": len(made)},
        )
    return len(made)


def save_code(
    *,
    actor: User,
    project: Project,
    name: str,
    description: str = "",
    parent: Code | None = None,
    code: Code | None = None,
) -> Code:
    """Add a code to the project's codebook (under another to refine it), or rename one."""
    require(actor, "research.analyse", project)
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError({"parent": _("Choose a code of this project's codebook.")})
    if code is not None and code.project_id != project.pk:
        raise ValidationError(_("The code belongs to another project."))
    ancestor = parent
    while ancestor is not None:
        if code is not None and ancestor.pk == code.pk:
            raise ValidationError({"parent": _("A code cannot sit under itself.")})
        ancestor = ancestor.parent
    code = code or Code(project=project)
    code.name = _text("name", name, 100)
    code.description = _text("description", description, 1000, required=False)
    code.parent = parent
    if (
        Code.objects.filter(project=project, parent=parent, name__iexact=code.name)
        .exclude(pk=code.pk or 0)
        .exists()
    ):
        raise ValidationError({"name": _("The codebook has this code here already.")})
    with transaction.atomic():
        code.save()
        audit.record(actor, "research_code.saved", code, programme=project.programme)
    return code


def code_excerpt(
    *,
    actor: User,
    document: Document,
    quote: str,
    codes: Sequence[Code],
    occurrence: int = 1,
    start: int | None = None,
) -> Excerpt:
    """Tag a passage of a document with codes. The passage is found by its words (the `occurrence`-th time
    they appear), or at `start` when the page knows where the coder selected it."""
    require(actor, "research.analyse", document.project)
    quote = (quote or "").strip()
    if not quote:
        raise ValidationError({"quote": _("Copy the passage to code from the document.")})
    if start is not None and document.text[start : start + len(quote)] == quote:
        position = start
    else:
        position = -1
        for _time in range(max(occurrence, 1)):
            position = document.text.find(quote, position + 1)
            if position < 0:
                break
        if position < 0:
            raise ValidationError(
                {"quote": _("This passage is not in the document (or not that many times); copy it exactly.")}
            )
    if not codes:
        raise ValidationError({"codes": _("Choose at least one code.")})
    chosen = _all_of("codes", codes, document.project.codes.all())
    with transaction.atomic():
        excerpt = Excerpt.objects.create(
            document=document, start=position, end=position + len(quote), text=quote, coder=actor
        )
        excerpt.codes.set(chosen)
        audit.record(actor, "research_excerpt.coded", excerpt, programme=document.project.programme)
    return excerpt


def remove_excerpt(*, actor: User, excerpt: Excerpt) -> None:
    """Take a coding back (the coder, or the programme admin); findings stop citing it."""
    require(actor, "research.analyse", excerpt.document.project)
    require(actor, "research.remove_excerpt", excerpt)
    with transaction.atomic():
        audit.record(actor, "research_excerpt.removed", excerpt, programme=excerpt.document.project.programme)
        excerpt.delete()


def keep_table(
    *, actor: User, survey: Survey, title: str, rows: str, columns: str = "", approved_only: bool = False
) -> SavedTable:
    """Keep a frequency (rows only) or a cross-tab of a survey as evidence a finding can cite."""
    require(actor, "research.analyse", survey.project)
    try:
        row_dimension = analysis.dimension(survey, rows, "en")
        if columns:
            column_dimension = analysis.dimension(survey, columns, "en")
            if row_dimension.multiple or column_dimension.multiple or rows == columns:
                raise analysis.AnalysisError(_("A cross-tab counts by two different single-choice things."))
    except analysis.AnalysisError as error:
        raise ValidationError({"columns" if columns else "rows": str(error)}) from error
    table = SavedTable(
        survey=survey,
        title=_text("title", title, 200),
        rows=rows,
        columns=columns,
        approved_only=approved_only,
        created_by=actor,
    )
    with transaction.atomic():
        table.save()
        audit.record(actor, "research_table.kept", table, programme=survey.programme)
    return table


# Findings and the assets they propose


def save_finding(
    *,
    actor: User,
    project: Project,
    title: str,
    summary: str,
    kind: str,
    areas: Sequence[Area] = (),
    asset_kinds: Sequence[str] = (),
    excerpts: Sequence[Excerpt] = (),
    tables: Sequence[SavedTable] = (),
    finding: Finding | None = None,
) -> Finding:
    """Record (or change) a finding of the project, citing its evidence: excerpts of its documents and tables
    of its surveys."""
    require(actor, "research.analyse", project)
    if finding is not None and finding.project_id != project.pk:
        raise ValidationError(_("The finding belongs to another project."))
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Choose a need, an opportunity or an asset.")})
    unknown = [value for value in asset_kinds if value not in AssetKind.values]
    if unknown:
        raise ValidationError({"asset_kinds": _("Choose among the listed kinds of asset.")})
    chosen_areas = _all_of("areas", areas, project.programme.areas.all())
    chosen_excerpts = _all_of("excerpts", excerpts, Excerpt.objects.filter(document__project=project))
    chosen_tables = _all_of("tables", tables, SavedTable.objects.filter(survey__project=project))
    finding = finding or Finding(project=project, created_by=actor)
    finding.title = _text("title", title, 200)
    finding.summary = _text("summary", summary, 4000)
    finding.kind = kind
    finding.asset_kinds = sorted(set(asset_kinds))
    with transaction.atomic():
        created = finding.pk is None
        finding.save()
        finding.areas.set(chosen_areas)
        finding.excerpts.set(chosen_excerpts)
        finding.tables.set(chosen_tables)
        audit.record(
            actor,
            "research_finding.recorded" if created else "research_finding.changed",
            finding,
            programme=project.programme,
        )
    return finding


def propose_asset(
    *,
    actor: User,
    finding: Finding,
    kind: str,
    name: str,
    description: str = "",
    area: Area | None = None,
    skill: EscoConcept | None = None,
    members: int | None = None,
    space_kind: str = "",
) -> AssetProposal:
    """A micro asset the finding brought to light, for the programme admin to review into the register."""
    require(actor, "research.analyse", finding.project)
    if kind not in ProposalKind.values:
        raise ValidationError({"kind": _("Choose a skill pool, a community group or a space.")})
    if area is not None and area.programme_id != finding.project.programme_id:
        raise ValidationError({"area": _("Choose one of this programme's areas.")})
    if kind == ProposalKind.SKILL_POOL and skill is None:
        raise ValidationError({"skill": _("Say which skill the residents of the pool share.")})
    if kind == ProposalKind.SPACE and space_kind not in SpaceKind.values:
        raise ValidationError({"space_kind": _("Say what kind of space it is.")})
    if members is not None and members < 1:
        raise ValidationError({"members": _("Count at least one resident, or leave it empty.")})
    proposal = AssetProposal(
        finding=finding,
        kind=kind,
        name=_text("name", name, 200),
        description=_text("description", description, 2000, required=False),
        area=area,
        skill=skill if kind == ProposalKind.SKILL_POOL else None,
        members=members if kind == ProposalKind.SKILL_POOL else None,
        space_kind=space_kind if kind == ProposalKind.SPACE else "",
    )
    with transaction.atomic():
        proposal.save()
        audit.record(actor, "asset_proposal.made", proposal, programme=finding.project.programme)
    return proposal


def decide_proposal(*, actor: User, proposal: AssetProposal, accept: bool, note: str = "") -> AssetProposal:
    """Accept a proposed asset into the register (a community group as an organisation of the programme's
    register, found there by its name or recorded new; a space as a space; each naming the finding as its
    source; a skill pool is kept as the proposal itself) or decline it."""
    programme = proposal.finding.project.programme
    require(actor, "research.manage_research", programme)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(_("This proposal is decided already."))
    note = _text("note", note, 300, required=not accept)
    source = _("Found by community research: “%(finding)s” (%(project)s).") % {
        "finding": proposal.finding.title,
        "project": proposal.finding.project.title,
    }
    description = f"{proposal.description}\n\n{source}".strip()
    with transaction.atomic():
        if accept and proposal.kind == ProposalKind.COMMUNITY_GROUP:
            proposal.organisation = register_organisation(
                actor=actor,
                programme=programme,
                name=proposal.name,
                kind=OrganisationKind.COMMUNITY_GROUP,
                description=description,
                country=programme.country,
            )
        elif accept and proposal.kind == ProposalKind.SPACE:
            proposal.space = save_space(
                actor=actor,
                programme=programme,
                name=proposal.name,
                kind=proposal.space_kind,
                description=description,
                area=proposal.area,
            )
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        proposal.decision_note = note
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.save()
        audit.record(
            actor,
            "asset_proposal.accepted" if accept else "asset_proposal.declined",
            proposal,
            programme=programme,
        )
    return proposal


# Community economic development plans


def save_plan(
    *,
    actor: User,
    programme: Programme,
    area: Area,
    title: str,
    vision: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    plan: Plan | None = None,
) -> Plan:
    """Start (or change) an area's community economic development plan."""
    require(actor, "research.manage_plans", programme)
    if area.programme_id != programme.pk:
        raise ValidationError({"area": _("Choose one of this programme's areas.")})
    if plan is not None and plan.programme_id != programme.pk:
        raise ValidationError(_("The plan belongs to another programme."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The plan cannot end before it starts.")})
    plan = plan or Plan(programme=programme)
    plan.area = area
    plan.title = _text("title", title, 200)
    plan.vision = _text("vision", vision, 4000, required=False)
    plan.starts_on, plan.ends_on = starts_on, ends_on
    with transaction.atomic():
        created = plan.pk is None
        plan.save()
        audit.record(actor, "ced_plan.created" if created else "ced_plan.changed", plan, programme=programme)
    return plan


def add_goal(*, actor: User, plan: Plan, title: str, indicator: Indicator | None = None) -> Goal:
    """A goal of the plan, measured by one of the programme's indicators when one fits."""
    require(actor, "research.manage_plans", plan.programme)
    if indicator is not None and indicator.programme_id != plan.programme_id:
        raise ValidationError({"indicator": _("Choose one of this programme's indicators.")})
    with transaction.atomic():
        goal = Goal.objects.create(plan=plan, title=_text("title", title, 200), indicator=indicator)
        audit.record(actor, "ced_goal.added", goal, programme=plan.programme)
    return goal


def save_action(
    *,
    actor: User,
    plan: Plan,
    title: str,
    goal: Goal | None = None,
    owner: Organisation | None = None,
    due_on: datetime.date | None = None,
    status: str = ActionStatus.PLANNED,
    findings: Sequence[Finding] = (),
    opportunities: Sequence[Opportunity] = (),
    action: Action | None = None,
) -> Action:
    """Add (or change) an action of the plan: its owner and date, the findings it rests on and the
    opportunities it opens."""
    require(actor, "research.manage_plans", plan.programme)
    if action is not None and action.plan_id != plan.pk:
        raise ValidationError(_("The action belongs to another plan."))
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose one of this plan's goals.")})
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a listed status.")})
    if owner is not None and not organisations_of(plan.programme).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose one of this programme's organisations.")})
    chosen_findings = _all_of("findings", findings, Finding.objects.filter(project__programme=plan.programme))
    chosen_opportunities = _all_of("opportunities", opportunities, plan.programme.opportunities.all())
    action = action or Action(plan=plan)
    action.title = _text("title", title, 300)
    action.goal, action.owner, action.due_on, action.status = goal, owner, due_on, status
    with transaction.atomic():
        created = action.pk is None
        action.save()
        action.findings.set(chosen_findings)
        action.opportunities.set(chosen_opportunities)
        audit.record(
            actor, "ced_action.added" if created else "ced_action.changed", action, programme=plan.programme
        )
    return action


def set_action_status(*, actor: User, action: Action, status: str) -> Action:
    """Move an action on: planned, under way, done or dropped."""
    require(actor, "research.manage_plans", action.plan.programme)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a listed status.")})
    before = action.status
    with transaction.atomic():
        action.status = status
        action.save(update_fields=["status"])
        audit.record(
            actor,
            "ced_action.status_changed",
            action,
            programme=action.plan.programme,
            before={"status": before},
            after={"status": status},
        )
    return action
