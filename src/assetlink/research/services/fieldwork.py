"""Writes of community research: researchers and their accreditation, projects and their teams and status
(a reported project is recorded in the ledger), payments, surveys and their XLSForm versions, the keys
ODK Collect signs in with."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area
from assetlink.programmes.models import Membership
from assetlink.programmes.rules import require
from assetlink.research.form_editor import AGREE, NAME, DraftQuestion, EditorError, write_xlsform
from assetlink.research.models import (
    CollectorKey,
    Payment,
    Project,
    ProjectStatus,
    Researcher,
    Survey,
    SurveyVersion,
    TeamMember,
    TeamRole,
)
from assetlink.research.xforms import (
    FormError,
    compile_xlsform,
    language_code,
)
from assetlink.validation import without_control_characters

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.people.models import Person
    from assetlink.programmes.models import Programme

STATUS_ORDER = [ProjectStatus.DESIGN, ProjectStatus.FIELDWORK, ProjectStatus.ANALYSIS, ProjectStatus.REPORTED]
LONG_TEXT = {"question": 2000, "outputs": 4000, "comment": 2000}
STATEMENT_LENGTH = 4000


def plain_text(value: str) -> str:
    """Text as the user typed it, without control characters or surrounding blanks."""
    return without_control_characters(value or "").strip()


def long_text(field: str, value: str) -> str:
    """Plain text within the limit LONG_TEXT sets for this field, or a ValidationError on it."""
    text = plain_text(value)
    if len(text) > LONG_TEXT[field]:
        raise ValidationError(
            {field: _("Keep this under %(limit)s characters.") % {"limit": LONG_TEXT[field]}}
        )
    return text


def _statements(field: str, statements: dict[str, str]) -> dict[str, str]:
    """Statements per language code, without empty ones."""
    cleaned = {}
    for language, text in statements.items():
        text = plain_text(text)
        if not text:
            continue
        if len(text) > STATEMENT_LENGTH:
            raise ValidationError(
                {field: _("Keep each statement under %(limit)s characters.") % {"limit": STATEMENT_LENGTH}}
            )
        cleaned[plain_text(language).lower()[:12]] = text
    return cleaned


def _same_programme(programme: Programme, **records: Any) -> None:
    for field, record in records.items():
        if record is not None and getattr(record, "programme_id", programme.pk) != programme.pk:
            raise ValidationError({field: _("Choose one of this programme's records.")})


def save_researcher(
    *,
    actor: User,
    programme: Programme,
    name: str,
    researcher: Researcher | None = None,
    person: Person | None = None,
    user: User | None = None,
    organisation: Organisation | None = None,
    supervisor: Researcher | None = None,
    accredited_on: datetime.date | None = None,
    accreditation_expires_on: datetime.date | None = None,
    is_active: bool = True,
) -> Researcher:
    """Add a researcher (a resident of the register, or partner staff) or change one."""
    require(actor, "research.manage_research", programme)
    _same_programme(programme, person=person, supervisor=supervisor)
    if (
        user is not None
        and not Membership.objects.filter(user=user, programme=programme, is_active=True).exists()
    ):
        raise ValidationError({"user": _("This account has no role in the programme.")})
    if organisation is not None and not programme.partners.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Choose a partner organisation of this programme.")})
    if accredited_on and accreditation_expires_on and accreditation_expires_on <= accredited_on:
        raise ValidationError(
            {"accreditation_expires_on": _("The accreditation must expire after it was given.")}
        )
    created = researcher is None
    researcher = researcher or Researcher(programme=programme)
    if (
        user is not None
        and Researcher.objects.filter(programme=programme, user=user).exclude(pk=researcher.pk).exists()
    ):
        raise ValidationError({"user": _("This account has a researcher record already.")})
    if supervisor is not None and researcher.pk and supervisor.pk == researcher.pk:
        raise ValidationError({"supervisor": _("A researcher cannot supervise themselves.")})
    before = None if created else audit.snapshot(researcher)
    researcher.name = plain_text(name)
    researcher.person = person
    researcher.user = user
    researcher.organisation = organisation
    researcher.supervisor = supervisor
    researcher.accredited_on = accredited_on
    researcher.accreditation_expires_on = accreditation_expires_on
    researcher.is_active = is_active
    researcher.full_clean(exclude=["programme"])
    with transaction.atomic():
        researcher.save()
        audit.record(
            actor,
            "researcher.added" if created else "researcher.changed",
            researcher,
            programme=programme,
            before=before,
            after=audit.snapshot(researcher),
        )
    return researcher


def save_project(
    *,
    actor: User,
    programme: Programme,
    title: str,
    question: str,
    lead_organisation: Organisation,
    project: Project | None = None,
    areas: Sequence[Area] = (),
    supervisor: Researcher | None = None,
    ethics_statement: dict[str, str] | None = None,
    consent_statement: dict[str, str] | None = None,
    budget: Decimal | None = None,
    outputs: str = "",
    shared_with: Sequence[Organisation] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Project:
    """Start a research project or change its description, team supervisor, sharing and dates."""
    if project is None:
        require(actor, "research.manage_research", programme)
    else:
        require(actor, "research.change_project", project)
    _same_programme(programme, supervisor=supervisor)
    if any(area.programme_id != programme.pk for area in areas):
        raise ValidationError({"areas": _("Choose areas of this programme.")})
    if not organisations_of(programme).filter(pk=lead_organisation.pk).exists():
        raise ValidationError({"lead_organisation": _("Choose an organisation of this programme.")})
    partners = set(programme.partners.values_list("organisation_id", flat=True))
    if any(organisation.pk not in partners for organisation in shared_with):
        raise ValidationError({"shared_with": _("Share only with partner organisations of this programme.")})
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The project cannot end before it starts.")})
    if budget is not None and budget < 0:
        raise ValidationError({"budget": _("A budget cannot be negative.")})
    created = project is None
    project = project or Project(programme=programme)
    before = None if created else audit.snapshot(project)
    project.title = plain_text(title)
    project.question = long_text("question", question)
    project.lead_organisation = lead_organisation
    project.supervisor = supervisor
    project.ethics_statement = _statements("ethics_statement", ethics_statement or {})
    project.consent_statement = _statements("consent_statement", consent_statement or {})
    project.budget = budget
    project.outputs = long_text("outputs", outputs)
    project.starts_on = starts_on
    project.ends_on = ends_on
    project.full_clean(exclude=["programme"])
    with transaction.atomic():
        project.save()
        project.areas.set(areas)
        project.shared_with.set(shared_with)
        audit.record(
            actor,
            "research_project.started" if created else "research_project.changed",
            project,
            programme=programme,
            before=before,
            after=audit.snapshot(project),
        )
    return project


def set_team_member(
    *, actor: User, project: Project, researcher: Researcher, role: str = TeamRole.FIELDWORKER
) -> TeamMember:
    """Put a researcher on the project's team (or change their role in it)."""
    require(actor, "research.change_project", project)
    _same_programme(project.programme, researcher=researcher)
    if not researcher.is_active:
        raise ValidationError({"researcher": _("This researcher is no longer active.")})
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Choose a role in the team.")})
    with transaction.atomic():
        member, _created = TeamMember.objects.update_or_create(
            project=project,
            researcher=researcher,
            defaults={"role": role},
            create_defaults={"role": role, "joined_on": timezone.localdate()},
        )
        audit.record(actor, "research_team.set", member, programme=project.programme, after={"role": role})
    return member


def remove_team_member(*, actor: User, member: TeamMember) -> None:
    require(actor, "research.change_project", member.project)
    with transaction.atomic():
        audit.record(actor, "research_team.removed", member, programme=member.project.programme)
        member.delete()


def change_project_status(
    *, actor: User, project: Project, status: str, on: datetime.date | None = None
) -> Project:
    """Move a project through design → fieldwork → analysis → reported; reporting records the completed
    project in the ledger, as done by its lead organisation. A reported project stays reported (its ledger
    entry is corrected in the ledger, not by moving back)."""
    require(actor, "research.change_project", project)
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Choose a stage of the project.")})
    if project.status == ProjectStatus.REPORTED:
        raise ValidationError({"status": _("This project is reported; its results are in the ledger.")})
    if status == project.status:
        return project
    on = on or timezone.localdate()
    before = project.status
    with transaction.atomic():
        project.status = status
        if status == ProjectStatus.REPORTED:
            project.completed_on = on
        project.save(update_fields=["status", "completed_on"])
        if status == ProjectStatus.REPORTED:
            append_outcome(
                actor=actor,
                programme=project.programme,
                entry_type=OutcomeType.RESEARCH_PROJECT_COMPLETED,
                subject=project.lead_organisation,
                occurred_on=on,
                data={"project": project.title, "researchers": project.team.count()},
                related=project,
            )
        audit.record(
            actor,
            "research_project.status",
            project,
            programme=project.programme,
            before={"status": before},
            after={"status": status},
        )
    return project


def record_payment(
    *,
    actor: User,
    project: Project,
    researcher: Researcher,
    amount: Decimal,
    paid_on: datetime.date,
    kind: str = "payment",
    evidence: str = "",
) -> Payment:
    """Record what a researcher of the team was paid, or given in vouchers, for the project."""
    require(actor, "research.manage_research", project.programme)
    if not project.team.filter(researcher=researcher).exists():
        raise ValidationError({"researcher": _("Pay researchers of the project's team.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    payment = Payment(
        project=project,
        researcher=researcher,
        kind=kind,
        amount=amount,
        currency=project.programme.currency,
        paid_on=paid_on,
        evidence=plain_text(evidence),
        recorded_by=actor,
    )
    payment.full_clean()
    with transaction.atomic():
        payment.save()
        audit.record(
            actor,
            "research_payment.recorded",
            payment,
            programme=project.programme,
            after={"amount": str(amount), "kind": kind, "paid_on": paid_on.isoformat()},
        )
    return payment


def _compiled(data: bytes, file_name: str) -> Any:
    try:
        return compile_xlsform(data, file_name)
    except FormError as error:
        raise ValidationError({"xlsform": str(error)}) from error


def create_survey(*, actor: User, project: Project, file_name: str, data: bytes) -> Survey:
    """Add a survey to the project from an XLSForm: its form id and title come from the form."""
    require(actor, "research.change_project", project)
    compiled = _compiled(data, file_name)
    programme = project.programme
    if Survey.objects.filter(programme=programme, form_id=compiled.form_id).exists():
        raise ValidationError(
            {
                "xlsform": _(
                    "A survey with the form id “%(form_id)s” exists already: upload this XLSForm as its new "
                    "version, or give it another form_id in the settings sheet."
                )
                % {"form_id": compiled.form_id}
            }
        )
    survey = Survey(project=project, programme=programme, form_id=compiled.form_id, title=compiled.title)
    survey.full_clean(exclude=["project", "programme"])
    with transaction.atomic():
        survey.save()
        _save_version(actor, survey, compiled, file_name, data)
        audit.record(actor, "survey.created", survey, programme=programme, after={"form_id": survey.form_id})
    return survey


def build_survey(
    *,
    actor: User,
    project: Project,
    title: str,
    form_id: str,
    questions: list[DraftQuestion],
    other_language: str = "",
    with_consent: bool = True,
    ask_name: bool = False,
) -> Survey:
    """Add a survey built in the form editor: it is written as an XLSForm (the project's consent statement
    as its consent screen) and saved exactly as an uploaded one. A problem is shown on the question it is
    about, as the editor numbers them."""
    require(actor, "research.change_project", project)
    title = plain_text(title)
    if not title:
        raise ValidationError({"title": _("Give the survey a title.")})
    if not NAME.match(form_id or ""):
        raise ValidationError(
            {"form_id": _("A form id starts with a letter and holds only letters, digits and “_”.")}
        )
    code = language_code(other_language) if other_language else ""
    consent = project.consent_statement.get("en", "") or AGREE
    try:
        data, row_of = write_xlsform(
            form_id=form_id,
            title=title,
            version=timezone.now().strftime("%Y%m%d%H%M"),
            questions=questions,
            other_language=other_language,
            consent_label=consent if with_consent else "",
            consent_label_other=project.consent_statement.get(code, "") if with_consent else "",
            ask_name=ask_name,
        )
        compile_xlsform(data, f"{form_id}.xlsx")
    except EditorError as error:
        raise ValidationError({"questions": _question_message(error.question, error.message)}) from error
    except FormError as error:
        question = row_of.get(error.row or 0) if error.sheet in {"", "survey"} else None
        raise ValidationError({"questions": _question_message(question, error.message)}) from error
    return create_survey(actor=actor, project=project, file_name=f"{form_id}.xlsx", data=data)


def _question_message(question: int | None, message: str) -> str:
    if question is None:
        return message
    return _("Question %(number)s: %(message)s") % {"number": question, "message": message}


def add_survey_version(*, actor: User, survey: Survey, file_name: str, data: bytes) -> SurveyVersion:
    """Upload a new version of a survey's XLSForm; phones offered the survey take the new one."""
    require(actor, "research.change_project", survey.project)
    compiled = _compiled(data, file_name)
    if compiled.form_id != survey.form_id:
        raise ValidationError(
            {
                "xlsform": _("This XLSForm has the form id “%(found)s”; this survey's is “%(form_id)s”.")
                % {"found": compiled.form_id, "form_id": survey.form_id}
            }
        )
    if survey.versions.filter(version=compiled.version).exists():
        raise ValidationError(
            {
                "xlsform": _("Version “%(version)s” exists already: raise the version in the settings sheet.")
                % {"version": compiled.version}
            }
        )
    with transaction.atomic():
        version = _save_version(actor, survey, compiled, file_name, data)
        survey.title = compiled.title[:200]
        survey.save(update_fields=["title"])
        audit.record(
            actor,
            "survey.version_added",
            version,
            programme=survey.programme,
            after={"version": version.version},
        )
    return version


def _save_version(actor: User, survey: Survey, compiled: Any, file_name: str, data: bytes) -> SurveyVersion:
    version = SurveyVersion(
        survey=survey,
        version=compiled.version,
        xlsform_name=plain_text(file_name)[:200],
        xlsform=data,
        xform=compiled.xform,
        xform_md5=compiled.md5,
        title=compiled.title[:200],
        languages=compiled.languages,
        questions=compiled.questions,
        register_lists=compiled.register_lists,
        warnings=compiled.warnings,
        uploaded_by=actor,
    )
    version.full_clean(exclude=["survey", "xlsform"])
    version.save()
    return version


def set_survey_open(*, actor: User, survey: Survey, is_open: bool) -> Survey:
    """Open a survey to responses or close it (a closed survey refuses new ones)."""
    require(actor, "research.change_project", survey.project)
    with transaction.atomic():
        survey.is_open = is_open
        survey.save(update_fields=["is_open"])
        audit.record(
            actor, "survey.opened" if is_open else "survey.closed", survey, programme=survey.programme
        )
    return survey


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(*, actor: User, researcher: Researcher, label: str) -> tuple[CollectorKey, str]:
    """A new key for a researcher's phone; the secret is shown once and only its hash kept."""
    require(actor, "research.manage_keys", researcher)
    if not researcher.is_active:
        raise ValidationError({"label": _("This researcher is no longer active.")})
    secret = secrets.token_urlsafe(32)
    key = CollectorKey(
        researcher=researcher, label=plain_text(label), key_hash=key_hash(secret), created_by=actor
    )
    key.full_clean()
    with transaction.atomic():
        key.save()
        audit.record(actor, "collector_key.issued", key, programme=researcher.programme)
    return key, secret


def revoke_key(*, actor: User, key: CollectorKey) -> CollectorKey:
    """Stop a key working at once (a lost phone, a researcher who left)."""
    require(actor, "research.manage_keys", key.researcher)
    if key.revoked_at is None:
        with transaction.atomic():
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            audit.record(actor, "collector_key.revoked", key, programme=key.researcher.programme)
    return key
