"""Writes on responses: the review decision, corrected answers (with the answers as they were kept in the
review log), the respondent linked to or added to the register, and withdrawal, which removes a response's
personal content everywhere."""

from __future__ import annotations

import copy
import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.people.models import ConsentMethod, ConsentPurpose
from assetlink.people.selectors import people_visible_to
from assetlink.people.services import ConsentChoice, register_person
from assetlink.places.models import Area
from assetlink.programmes.rules import require
from assetlink.research.models import (
    Consent,
    ReviewAction,
    ReviewEntry,
    Submission,
    SubmissionStatus,
    Survey,
    SurveyVersion,
)
from assetlink.research.services.fieldwork import long_text, plain_text
from assetlink.research.xforms import (
    Answerable,
    answer_at,
    answer_of,
    answer_text,
    correctable_answers,
    set_answer,
)
from assetlink.validation import without_control_characters

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.people.models import Person

ANSWER_LENGTH = 10000


def review_submission(*, actor: User, submission: Submission, status: str, comment: str = "") -> Submission:
    """Decide on a response (approved, has issues, rejected) with a comment, kept in its review log."""
    require(actor, "research.review_responses", submission.survey.project)
    if status not in SubmissionStatus.values or status == SubmissionStatus.RECEIVED:
        raise ValidationError({"status": _("Choose approved, has issues or rejected.")})
    comment = long_text("comment", comment)
    if status in {SubmissionStatus.HAS_ISSUES, SubmissionStatus.REJECTED} and not comment:
        raise ValidationError({"comment": _("Say what the issue is, for the researcher who collected it.")})
    if submission.withdrawn_at is not None:
        raise ValidationError({"status": _("This response was withdrawn.")})
    with transaction.atomic():
        before = submission.status
        submission.status = status
        submission.save(update_fields=["status"])
        ReviewEntry.objects.create(
            submission=submission,
            action=ReviewAction.REVIEWED,
            status=status,
            comment=comment,
            changes={"status": [before, status]},
            actor=actor,
        )
        audit.record(
            actor,
            "response.reviewed",
            submission,
            programme=submission.survey.programme,
            before={"status": before},
            after={"status": status},
        )
    return submission


def withdraw_response(*, actor: User, submission: Submission, reason: str = "") -> Submission:
    """The respondent withdrew: the response's personal content (its XML, answers, attachments and the link
    to the person) is removed everywhere; what remains counts that a response was withdrawn."""
    require(actor, "research.review_responses", submission.survey.project)
    with transaction.atomic():
        remove_personal_content(submission)
        ReviewEntry.objects.create(
            submission=submission,
            action=ReviewAction.WITHDRAWN,
            comment=long_text("comment", reason),
            actor=actor,
        )
        audit.record(actor, "response.withdrawn", submission, programme=submission.survey.programme)
    return submission


def remove_personal_content(submission: Submission) -> None:
    """Blank a response and delete its files (consent withdrawn, or the respondent's record erased)."""
    for attachment in submission.attachments.all():
        attachment.file.delete(save=False)
    submission.attachments.all().delete()
    # Documents made from its answers go too, and with them their coded excerpts.
    submission.documents.all().delete()
    submission.xml = ""
    submission.answers = {}
    submission.respondent = None
    submission.withdrawn_at = submission.withdrawn_at or timezone.now()
    submission.save(update_fields=["xml", "answers", "respondent", "withdrawn_at"])
    submission.log.exclude(action=ReviewAction.WITHDRAWN).update(comment="", changes={})


def _identified(submission: Submission) -> None:
    if submission.withdrawn_at is not None:
        raise ValidationError(_("This response was withdrawn."))
    if submission.consent != Consent.IDENTIFIED:
        raise ValidationError(
            _("The respondent stayed anonymous: only one who agreed to give their name can be linked.")
        )


def link_respondent(*, actor: User, submission: Submission, person: Person) -> Submission:
    """Link an identified response to its respondent's record in the register (one the reviewer may see)."""
    require(actor, "research.review_responses", submission.survey.project)
    _identified(submission)
    programme = submission.survey.programme
    if not people_visible_to(actor, programme).filter(pk=person.pk).exists():
        raise ValidationError({"reference": _("No person you may see in the register has this reference.")})
    with transaction.atomic():
        submission.respondent = person
        submission.save(update_fields=["respondent"])
        ReviewEntry.objects.create(
            submission=submission, action=ReviewAction.EDITED, changes={"respondent": "linked"}, actor=actor
        )
        audit.record(actor, "response.respondent_linked", submission, programme=programme)
    return submission


def register_respondent(*, actor: User, submission: Submission, given_name: str, family_name: str) -> Person:
    """Add an identified respondent of an approved response to the register, with the consent to community
    research they gave in the survey, and link the response to them."""
    require(actor, "research.review_responses", submission.survey.project)
    _identified(submission)
    if submission.status != SubmissionStatus.APPROVED:
        raise ValidationError(_("Approve the response before adding its respondent to the register."))
    if submission.respondent_id is not None:
        raise ValidationError(_("This response is linked to a person already."))
    survey = submission.survey
    with transaction.atomic():
        person = register_person(
            actor=actor,
            programme=survey.programme,
            consents=[ConsentChoice(ConsentPurpose.RESEARCH, True)],
            method=ConsentMethod.VERBAL,
            evidence=_("Agreed to give their name in the survey “%(survey)s”, response of %(date)s.")
            % {"survey": survey.title, "date": submission.received_at.date().isoformat()},
            given_name=plain_text(given_name),
            family_name=plain_text(family_name),
            area=submission.area,
        )
        link_respondent(actor=actor, submission=submission, person=person)
    return person


def area_of_answers(survey: Survey, version: SurveyVersion, answers: dict[str, Any]) -> Area | None:
    """The programme's area a response names in the form's area question (outside repeats), if any."""
    question = next((q for q in version.questions if q["register"] == "area" and not q["repeat"]), None)
    if question is None:
        return None
    code = answer_at(answers, question["path"])
    if not isinstance(code, str) or not code:
        return None
    return Area.objects.filter(programme_id=survey.programme_id, code=code).first()


def correct_answers(
    *, actor: User, submission: Submission, values: dict[str, str], reason: str
) -> Submission:
    """Correct answers of a response (a misheard figure, a misspelt name, the wrong area ticked), each
    checked against its question; the review log keeps every answer as it was and why it changed. The XML
    stays as the device sent it, so that a phone's retry is still recognised."""
    require(actor, "research.review_responses", submission.survey.project)
    if submission.withdrawn_at is not None:
        raise ValidationError(_("This response was withdrawn."))
    reason = long_text("comment", reason)
    area_codes = set(
        Area.objects.filter(programme_id=submission.survey.programme_id).values_list("code", flat=True)
    )
    with transaction.atomic():
        # Two reviewers correcting at once: the second reads the first one's answers.
        answers = (
            Submission.objects.select_for_update().values_list("answers", flat=True).get(pk=submission.pk)
        )
        correctable = {a.key: a for a in correctable_answers(submission.version.questions, answers)}
        changes = _changes(correctable, answers, values, area_codes, reason, submission)
        corrected = copy.deepcopy(answers)
        for key, (_before, value) in changes.items():
            set_answer(corrected, correctable[key], value)
        submission.answers = corrected
        submission.area = area_of_answers(submission.survey, submission.version, corrected)
        submission.save(update_fields=["answers", "area"])
        # A document made from a corrected answer follows it (none has coded passages: see _changes).
        for document in submission.documents.filter(question_path__in=_paths(changes)):
            document.text = answer_text(corrected, document.question_path)
            if document.text:
                document.save(update_fields=["text"])
            else:
                document.delete()
        ReviewEntry.objects.create(
            submission=submission,
            action=ReviewAction.EDITED,
            comment=reason,
            changes={"answers": changes},
            actor=actor,
        )
        # The audit trail names the questions, not the answers: those are the respondent's to withdraw.
        audit.record(
            actor,
            "response.corrected",
            submission,
            programme=submission.survey.programme,
            after={"questions": sorted({correctable[key].question["name"] for key in changes})},
        )
    return submission


def _paths(changes: dict[str, list[str]]) -> set[str]:
    return {key.partition("#")[0] for key in changes}


def _changes(
    correctable: dict[str, Answerable],
    answers: dict[str, Any],
    values: dict[str, str],
    area_codes: set[str],
    reason: str,
    submission: Submission,
) -> dict[str, list[str]]:
    """Each changed answer as [before, after] by its key, every value checked first; ValidationError names
    each answer that cannot take its value."""
    errors: dict[str, str] = {}
    changes: dict[str, list[str]] = {}
    for key, raw in values.items():
        answerable = correctable.get(key)
        if answerable is None:
            errors[key] = _("This question cannot be corrected.")
            continue
        before = answer_of(answers, answerable)
        before_text = "" if before is None else str(before)
        if str(raw).strip() == before_text:
            continue  # unchanged, even where the device sent what the form would refuse now
        try:
            value = _checked_answer(answerable.question, raw, area_codes)
        except ValueError as error:
            errors[key] = str(error)
            continue
        if value != before_text:
            changes[key] = [before_text, value]
    errors.update(_coded_answers(submission, changes))
    if not errors and not changes:
        errors["__all__"] = _("No answer changed.")
    if not reason:
        errors["reason"] = _("Say why the answers change, for whoever reads the response after you.")
    if errors:
        raise ValidationError(errors)
    return changes


def _checked_answer(question: dict[str, Any], raw: str, area_codes: set[str]) -> str:
    """The answer as the form would have stored it; ValueError says why it cannot be."""
    value = without_control_characters(str(raw)).strip()
    if not value:
        # Versions compiled before the form's `required` was kept say nothing of it: they allow a blank.
        if question.get("required"):
            raise ValueError(_("The form requires an answer to this question."))
        return ""
    kind = question["type"]
    if kind == "int":
        if not re.fullmatch(r"-?\d{1,15}", value):
            raise ValueError(_("Write a whole number."))
    elif kind == "decimal":
        try:
            number = Decimal(value)
        except ArithmeticError as error:
            raise ValueError(_("Write a number, with a point for decimals.")) from error
        if not number.is_finite():
            raise ValueError(_("Write a number, with a point for decimals."))
    elif kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(_("Write the date as YYYY-MM-DD.")) from error
    elif question["control"] in {"select1", "select"}:
        allowed = area_codes if question["register"] == "area" else {c["value"] for c in question["choices"]}
        chosen = value.split() if question["control"] == "select" else [value]
        unknown = [choice for choice in chosen if choice not in allowed]
        if unknown:
            raise ValueError(_("“%(choice)s” is not one of the question's choices.") % {"choice": unknown[0]})
        value = " ".join(dict.fromkeys(chosen))
    elif len(value) > ANSWER_LENGTH:
        raise ValueError(_("Keep the answer under %(limit)s characters.") % {"limit": ANSWER_LENGTH})
    return value


def _coded_answers(submission: Submission, changes: dict[str, list[str]]) -> dict[str, str]:
    """Changed answers that are documents with coded passages: the passages rest on the words as they are."""
    coded = submission.documents.filter(question_path__in=_paths(changes), excerpts__isnull=False).distinct()
    return {
        key: _("Passages of this answer are coded in “%(document)s”: remove them there before correcting it.")
        % {"document": document.title}
        for document in coded
        for key in changes
        if key.partition("#")[0] == document.question_path
    }
