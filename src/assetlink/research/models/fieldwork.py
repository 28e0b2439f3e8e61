"""Community research: researchers and their accreditation, research projects and their teams, XLSForm
surveys kept per version with the XForm compiled from them, the responses collected with ODK (on a phone
or in the browser) and their review, and the revocable keys ODK Collect signs in with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Researcher(models.Model):
    """Someone who does community research in a programme: a resident of the register or partner staff."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="researchers",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name in the team"), max_length=100)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researcher_roles",
        verbose_name=_("resident"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researcher_roles",
        verbose_name=_("account"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researchers",
        verbose_name=_("organisation"),
        help_text=_("For partner staff: the organisation they work for"),
    )
    supervisor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervises",
        verbose_name=_("supervisor"),
    )
    accredited_on = models.DateField(_("accredited on"), null=True, blank=True)
    accreditation_expires_on = models.DateField(_("accreditation expires on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("researcher")
        verbose_name_plural = _("researchers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=models.Q(user__isnull=False),
                name="researcher_account_once_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectStatus(models.TextChoices):
    DESIGN = "design", _("Design")
    FIELDWORK = "fieldwork", _("Fieldwork")
    ANALYSIS = "analysis", _("Analysis")
    REPORTED = "reported", _("Reported")


class Project(models.Model):
    """A research project: its question, where, who, under which ethics and consent statement, and status."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="research_projects",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("research question"), max_length=2000)
    areas = models.ManyToManyField(
        "places.Area", blank=True, related_name="research_projects", verbose_name=_("areas")
    )
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="research_projects",
        verbose_name=_("lead organisation"),
        help_text=_("The organisation that runs the project; its completion is recorded as theirs"),
    )
    supervisor = models.ForeignKey(
        Researcher,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_projects",
        verbose_name=_("supervisor"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.DESIGN
    )
    # Statements per language code ({"en": "...", "ur": "..."}): what a respondent is told and agrees to.
    ethics_statement = models.JSONField(_("ethics statement"), default=dict, blank=True)
    consent_statement = models.JSONField(_("consent statement"), default=dict, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, null=True, blank=True)
    outputs = models.TextField(_("outputs"), max_length=4000, blank=True)
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="research_shared_with",
        verbose_name=_("responses shared with"),
        help_text=_("Partner organisations whose staff may read the project's responses"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["-starts_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Lead researcher")
    FIELDWORKER = "fieldworker", _("Researcher")


class TeamMember(models.Model):
    """A researcher on a project's team."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="team", verbose_name=_("project")
    )
    researcher = models.ForeignKey(
        Researcher, on_delete=models.CASCADE, related_name="projects", verbose_name=_("researcher")
    )
    role = models.CharField(_("role"), max_length=12, choices=TeamRole.choices, default=TeamRole.FIELDWORKER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["researcher__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "researcher"], name="researcher_once_per_team"),
        ]

    def __str__(self) -> str:
        return f"{self.researcher} ({self.project})"


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    VOUCHER = "voucher", _("Voucher")


class Payment(models.Model):
    """What a researcher was paid (or given in vouchers) for their work on a project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="payments", verbose_name=_("project")
    )
    researcher = models.ForeignKey(
        Researcher, on_delete=models.CASCADE, related_name="payments", verbose_name=_("researcher")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=PaymentKind.choices, default=PaymentKind.PAYMENT)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    paid_on = models.DateField(_("paid on"))
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.researcher}: {self.amount} {self.currency}"


class Survey(models.Model):
    """A questionnaire of a project, identified to ODK by its form id; its versions hold the XLSForm."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("project")
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="surveys", verbose_name=_("programme")
    )
    form_id = models.CharField(_("form id"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    is_open = models.BooleanField(
        _("takes responses"), default=True, help_text=_("A closed survey refuses new responses")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "form_id"], name="survey_form_id_per_programme"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def takes_responses(self) -> bool:
        """Open, and its project in fieldwork."""
        return self.is_open and self.project.status == ProjectStatus.FIELDWORK


class SurveyVersion(models.Model):
    """One version of a survey: the XLSForm as uploaded and the XForm pyxform compiled from it."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="versions", verbose_name=_("survey")
    )
    version = models.CharField(_("version"), max_length=40)
    xlsform_name = models.CharField(_("XLSForm file"), max_length=200)
    xlsform = models.BinaryField(_("XLSForm"))
    xform = models.TextField(_("XForm"))
    xform_md5 = models.CharField(_("XForm MD5"), max_length=32)
    title = models.CharField(_("title"), max_length=200)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Every question of the form (path, type, labels, choices, repeat), read once from the XLSForm.
    questions = models.JSONField(_("questions"), default=list, blank=True)
    # The lists this version reads from the registers (areas, ESCO skills), served to ODK as CSV media.
    register_lists = models.JSONField(_("lists from the registers"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "version"], name="survey_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.version}"


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    APPROVED = "approved", _("Approved")
    HAS_ISSUES = "has_issues", _("Has issues")
    REJECTED = "rejected", _("Rejected")


class Source(models.TextChoices):
    COLLECT = "collect", _("ODK Collect")
    BROWSER = "browser", _("Browser")


class Consent(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    IDENTIFIED = "identified", _("Identified, with recorded consent")


class Submission(models.Model):
    """One response to a survey version, as the device sent it; its instance id makes it arrive once."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("survey")
    )
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("version")
    )
    instance_id = models.CharField(_("instance id"), max_length=100)
    researcher = models.ForeignKey(
        Researcher,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        verbose_name=_("collected by"),
    )
    source = models.CharField(_("sent from"), max_length=8, choices=Source.choices)
    xml = models.TextField(_("submission XML"))
    xml_md5 = models.CharField(_("submission MD5"), max_length=32)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_submissions",
        verbose_name=_("area"),
    )
    consent = models.CharField(
        _("consent"), max_length=12, choices=Consent.choices, default=Consent.ANONYMOUS
    )
    respondent = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_responses",
        verbose_name=_("respondent"),
    )
    status = models.CharField(
        _("review"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "instance_id"], name="submission_instance_once"),
        ]
        indexes = [models.Index(fields=["survey", "status"], name="submission_status")]

    def __str__(self) -> str:
        return self.instance_id


class Attachment(models.Model):
    """A file sent with a response (a photo, a recording), named as the form names it."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("response")
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    file = models.FileField(_("file"), upload_to="research/attachments/%Y/%m/")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "name"], name="attachment_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewAction(models.TextChoices):
    RECEIVED = "received", _("Received")
    REVIEWED = "reviewed", _("Reviewed")
    EDITED = "edited", _("Edited")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ReviewEntry(models.Model):
    """One line of a response's review log: received, a review decision with its comment, an edit."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="log", verbose_name=_("response")
    )
    action = models.CharField(_("action"), max_length=10, choices=ReviewAction.choices)
    status = models.CharField(_("review"), max_length=12, choices=SubmissionStatus.choices, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review entry")
        verbose_name_plural = _("review entries")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action}"


class CollectorKey(models.Model):
    """A researcher's key for ODK Collect, part of the phone's server address; only its hash is kept."""

    researcher = models.ForeignKey(
        Researcher, on_delete=models.CASCADE, related_name="keys", verbose_name=_("researcher")
    )
    label = models.CharField(_("label"), max_length=100, help_text=_("Which phone, e.g. “Amina's phone”"))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("collector key")
        verbose_name_plural = _("collector keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label
