"""What research makes of its responses: documents coded with a hierarchical codebook (excerpts), the
cross-tabs kept as evidence, findings that cite both and may propose micro assets for the register, and
each area's community economic development plan whose actions rest on findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assetlink.research.models.fieldwork import Project, Submission, Survey


class DocumentKind(models.TextChoices):
    ANSWER = "answer", _("Free-text answer")
    TRANSCRIPT = "transcript", _("Transcript")


class Document(models.Model):
    """A text to code: a free-text answer of a response, or a transcript of an interview or a group."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    text = models.TextField(_("text"))
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("response"),
    )
    question_path = models.CharField(_("question"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question_path"],
                condition=models.Q(submission__isnull=False),
                name="document_once_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Code(models.Model):
    """A code of a project's codebook; a code under another refines it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="codes", verbose_name=_("project")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("under"),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "parent", "name"], name="code_name_once_per_parent"),
            models.UniqueConstraint(
                fields=["project", "name"],
                condition=models.Q(parent__isnull=True),
                name="top_code_name_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Excerpt(models.Model):
    """A highlighted passage of a document, tagged with codes by one coder."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="excerpts", verbose_name=_("document")
    )
    start = models.PositiveIntegerField(_("starts at"))
    end = models.PositiveIntegerField(_("ends at"))
    text = models.TextField(_("excerpt"))
    codes = models.ManyToManyField(Code, related_name="excerpts", verbose_name=_("codes"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="research_excerpts",
        verbose_name=_("coder"),
    )
    created_at = models.DateTimeField(_("coded"), auto_now_add=True)

    class Meta:
        verbose_name = _("coded excerpt")
        verbose_name_plural = _("coded excerpts")
        ordering = ["document", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="excerpt_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class SavedTable(models.Model):
    """A frequency or cross-tab of a survey kept as evidence; its figures are worked out when read."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="tables", verbose_name=_("survey")
    )
    title = models.CharField(_("title"), max_length=200)
    rows = models.CharField(_("rows"), max_length=300)
    columns = models.CharField(_("columns"), max_length=300, blank=True)
    approved_only = models.BooleanField(_("approved responses only"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("kept"), auto_now_add=True)

    class Meta:
        verbose_name = _("table kept as evidence")
        verbose_name_plural = _("tables kept as evidence")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class FindingKind(models.TextChoices):
    NEED = "need", _("Need")
    OPPORTUNITY = "opportunity", _("Opportunity")
    ASSET = "asset", _("Asset the area already has")


class AssetKind(models.TextChoices):
    SKILLS = "skills", _("Residents' skills")
    QUALIFICATIONS = "qualifications", _("Overseas qualifications")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprises")
    COMMUNITY_GROUP = "community_group", _("Community groups")
    SMALL_FIRM = "small_firm", _("Small firms")
    SPACE = "space", _("Spaces")


class Finding(models.Model):
    """What a project found, for some areas and kinds of asset, citing its excerpts and tables."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="findings", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000)
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    areas = models.ManyToManyField(
        "places.Area", blank=True, related_name="research_findings", verbose_name=_("areas")
    )
    asset_kinds = models.JSONField(_("kinds of asset"), default=list, blank=True)
    excerpts = models.ManyToManyField(
        Excerpt, blank=True, related_name="findings", verbose_name=_("excerpts cited")
    )
    tables = models.ManyToManyField(
        SavedTable, blank=True, related_name="findings", verbose_name=_("tables cited")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class ProposalKind(models.TextChoices):
    SKILL_POOL = "skill_pool", _("Skill pool")
    COMMUNITY_GROUP = "community_group", _("Community group")
    SPACE = "space", _("Space")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting review")
    ACCEPTED = "accepted", _("Accepted into the register")
    DECLINED = "declined", _("Declined")


class AssetProposal(models.Model):
    """A micro asset a finding brought to light. Accepted, a community group or a space is registered with
    the finding as its source; an accepted skill pool is itself the register's record of the pool."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("finding")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("area"),
    )
    skill = models.ForeignKey(
        "taxonomy.EscoConcept",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ESCO skill"),
    )
    members = models.PositiveIntegerField(_("residents in the pool"), null=True, blank=True)
    space_kind = models.CharField(_("kind of space"), max_length=14, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_proposals",
        verbose_name=_("organisation registered"),
    )
    space = models.ForeignKey(
        "places.Space",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_proposals",
        verbose_name=_("space registered"),
    )

    class Meta:
        verbose_name = _("proposed asset")
        verbose_name_plural = _("proposed assets")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """An area's community economic development plan: its vision, goals and actions."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="ced_plans",
        verbose_name=_("programme"),
    )
    area = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="ced_plans", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(_("vision"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("community economic development plan")
        verbose_name_plural = _("community economic development plans")
        ordering = ["area__name", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A goal of a plan, measured (where it can be) by one of the programme's indicators."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    title = models.CharField(_("goal"), max_length=200)
    indicator = models.ForeignKey(
        "impact.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ced_goals",
        verbose_name=_("indicator"),
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    """A step of a plan with its owner and date, resting on findings and opening opportunities."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions", verbose_name=_("goal")
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ced_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="actions", verbose_name=_("findings it rests on")
    )
    opportunities = models.ManyToManyField(
        "opportunities.Opportunity", blank=True, related_name="ced_actions", verbose_name=_("opportunities")
    )

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
