"""Collecting responses, as ODK Collect and the browser send them: the key a phone signs in with, the
surveys a researcher may fill in, the register lists served as form media, and a submission received once
per instance id (a repeat adds only the attachments that were missing)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.places.models import Area
from assetlink.research.models import (
    Attachment,
    CollectorKey,
    Consent,
    ProjectStatus,
    Researcher,
    ReviewAction,
    ReviewEntry,
    Submission,
    Survey,
    SurveyVersion,
)
from assetlink.research.services import area_of_answers, key_hash
from assetlink.research.xforms import (
    IDENTIFY_QUESTION,
    FormError,
    answers_of,
    read_response,
    repeats_of,
)
from assetlink.taxonomy.models import EscoConcept

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

AGREES = frozenset({"yes", "ok", "1", "true", "y"})


def max_submission_bytes() -> int:
    """The largest submission (XML and attachments together) the server takes, in bytes."""
    return int(getattr(settings, "RESEARCH_MAX_SUBMISSION_BYTES", 20 * 1024 * 1024))


class RefusedError(Exception):
    """A submission or request refused, with the HTTP status OpenRosa gives it and a message for the phone."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def collector(secret: str) -> CollectorKey | None:
    """The live key with this secret (not revoked, its researcher active), marked as used just now."""
    if not secret or len(secret) > 100:
        return None
    key = (
        CollectorKey.objects.select_related("researcher__programme")
        .filter(key_hash=key_hash(secret), revoked_at__isnull=True, researcher__is_active=True)
        .first()
    )
    if key is not None:
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
            CollectorKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def forms_for(researcher: Researcher) -> list[SurveyVersion]:
    """The current version of every open survey of the researcher's projects in fieldwork."""
    surveys = Survey.objects.filter(
        programme_id=researcher.programme_id,
        is_open=True,
        project__status=ProjectStatus.FIELDWORK,
        project__team__researcher=researcher,
    ).order_by("title", "pk")
    versions = []
    for survey in surveys:
        current = survey.versions.order_by("-created_at", "-pk").first()
        if current is not None:
            versions.append(current)
    return versions


def version_by_id(researcher: Researcher, form_id: str, version_id: int) -> SurveyVersion | None:
    """One version of a survey of the researcher's projects (any version, not only the current one, so
    that a phone holding an older one can still fetch its media)."""
    return (
        SurveyVersion.objects.select_related("survey__project")
        .filter(
            pk=version_id,
            survey__programme_id=researcher.programme_id,
            survey__form_id=form_id,
            survey__project__team__researcher=researcher,
        )
        .first()
    )


def register_list(programme: Programme, name: str) -> bytes:
    """The CSV of a list taken from the registers (areas of the programme, ESCO skills), as form media."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "label"])
    if name == "area":
        for code, label in (
            Area.objects.filter(programme=programme).order_by("name").values_list("code", "name")
        ):
            writer.writerow([code, label])
    elif name == "esco_skill":
        for uri, label in (
            EscoConcept.objects.filter(kind="skill")
            .order_by("preferred_label")
            .values_list("uri", "preferred_label")
        ):
            writer.writerow([uri, label])
    return out.getvalue().encode()


def md5_of(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class Received:
    """A submission taken: the response, and whether this request created it (or repeated it)."""

    submission: Submission
    created: bool


def receive(
    *,
    researcher: Researcher,
    xml: bytes,
    files: Mapping[str, UploadedFile],
    source: str,
    actor: User | None = None,
    for_survey: Survey | None = None,
) -> Received:
    """Take one submission from a researcher: refused whole (nothing written) when the XML is malformed,
    the form or version unknown, the survey closed or not theirs; taken once per instance id."""
    try:
        response = read_response(xml)
    except FormError as error:
        raise RefusedError(400, str(error)) from error
    survey = (
        Survey.objects.select_related("project", "programme")
        .filter(programme_id=researcher.programme_id, form_id=response.form_id)
        .first()
    )
    if survey is None or not survey.project.team.filter(researcher=researcher).exists():
        raise RefusedError(
            404, _("No survey with the form id “%(id)s” is open to you.") % {"id": response.form_id}
        )
    if for_survey is not None and survey.pk != for_survey.pk:
        raise RefusedError(409, _("This response belongs to another survey."))
    version = survey.versions.filter(version=response.version).first()
    if version is None:
        raise RefusedError(
            404,
            _("Version “%(version)s” of this survey is unknown here: download the form again.")
            % {"version": response.version},
        )
    digest = md5_of(xml)
    existing = Submission.objects.filter(survey=survey, instance_id=response.instance_id).first()
    if existing is not None:
        return _repeated(existing, digest, files)
    if not survey.is_open or survey.project.status != ProjectStatus.FIELDWORK:
        raise RefusedError(403, _("This survey no longer takes responses."))
    answers = answers_of(response.root, repeats_of(version.questions))
    submission = Submission(
        survey=survey,
        version=version,
        instance_id=response.instance_id,
        researcher=researcher,
        source=source,
        xml=xml.decode("utf-8", errors="replace"),
        xml_md5=digest,
        answers=answers,
        area=area_of_answers(survey, version, answers),
        consent=Consent.IDENTIFIED
        if str(answers.get(IDENTIFY_QUESTION, "")).strip().lower() in AGREES
        else Consent.ANONYMOUS,
    )
    try:
        with transaction.atomic():
            submission.save()
            _attach(submission, files)
            ReviewEntry.objects.create(
                submission=submission, action=ReviewAction.RECEIVED, actor=actor, changes={"source": source}
            )
            audit.record(
                actor,
                "response.received",
                submission,
                programme=survey.programme,
                after={"survey": survey.form_id, "version": version.version, "researcher": researcher.pk},
            )
    except IntegrityError:
        # The same instance arrived twice at once: the other request took it.
        existing = Submission.objects.filter(survey=survey, instance_id=response.instance_id).first()
        if existing is None:
            raise
        return _repeated(existing, digest, files)
    return Received(submission, created=True)


def _repeated(existing: Submission, digest: str, files: Mapping[str, UploadedFile]) -> Received:
    """A submission seen before: the same one again (ODK Collect sends large ones in parts, and retries)
    adds the attachments it lacked; different content under the same instance id is refused."""
    if existing.xml_md5 != digest:
        raise RefusedError(409, _("A different response with this instance id was received already."))
    missing = {
        name: upload for name, upload in files.items() if not existing.attachments.filter(name=name).exists()
    }
    if missing:
        with transaction.atomic():
            _attach(existing, missing)
    return Received(existing, created=False)


def _attach(submission: Submission, files: Mapping[str, UploadedFile]) -> None:
    for name, upload in files.items():
        clean = os.path.basename(name.replace("\\", "/"))[:255]
        if not clean:
            continue
        attachment = Attachment(
            submission=submission,
            name=clean,
            content_type=(upload.content_type or "application/octet-stream")[:100],
            size=upload.size or 0,
        )
        attachment.file.save(clean, upload, save=False)
        attachment.save()
