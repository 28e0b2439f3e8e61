"""Research pages of a response: its answers, review and log, the correction of its answers, its
respondent linked to or added to the register, and withdrawal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.people.selectors import people_visible_to
from assetlink.programmes.models import Programme
from assetlink.research import selectors, services
from assetlink.research.forms import (
    CorrectionForm,
    LinkRespondentForm,
    RegisterRespondentForm,
    ReviewForm,
    WithdrawForm,
)
from assetlink.research.models import Consent, SubmissionStatus
from assetlink.research.views.fieldwork import status_code
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit, submit_or_retry


def _submission(programme: Programme, submission_id: int, **_other: Any) -> Any:
    submission = selectors.submission_in(programme, submission_id)
    if submission is None:
        raise Http404
    return submission.survey.project


@programme_view(
    "research.view_research", object_permission="research.view_responses", load_object=_submission
)
def response(request: AuthenticatedHttpRequest, programme: Programme, submission_id: int) -> HttpResponse:
    found = selectors.submission_in(programme, submission_id)
    assert found is not None
    can_review = request.user.has_perm("research.review_responses", found.survey.project)
    language = (get_language() or "en").split("-")[0]
    review_form = ReviewForm(request.POST if request.method == "POST" else None) if can_review else None
    if request.method == "POST":
        if review_form is None:
            raise Http404
        here = reverse("research:response", kwargs={"slug": programme.slug, "submission_id": found.pk})
        done = submit(
            request,
            review_form,
            lambda data: services.review_submission(actor=request.user, submission=found, **data),
            message=_("Your review is saved."),
            then=here,
        )
        if done:
            return done
    context = {
        "programme": programme,
        "submission": found,
        "answers": selectors.answered(found, language),
        "can_correct": can_review and found.withdrawn_at is None,
        "log": selectors.review_log(found, language),
        "attachments": found.attachments.all(),
        "evidence": selectors.evidence_of_response(found),
        **_respondent_forms(request, programme, found, can_review),
        "review_form": review_form,
        "withdraw_form": WithdrawForm() if can_review and found.withdrawn_at is None else None,
    }
    return render(request, "research/response.html", context, status=status_code(review_form))


@programme_view(
    "research.view_research", object_permission="research.review_responses", load_object=_submission
)
def response_correct(
    request: AuthenticatedHttpRequest, programme: Programme, submission_id: int
) -> HttpResponse:
    found = selectors.submission_in(programme, submission_id)
    assert found is not None
    if found.withdrawn_at is not None:
        raise Http404
    answerables, labels, choices = selectors.correctable_answers_of(
        found, (get_language() or "en").split("-")[0]
    )
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        answerables=answerables,
        answers=found.answers,
        labels=labels,
        choice_labels=choices,
    )
    here = reverse("research:response", kwargs={"slug": programme.slug, "submission_id": found.pk})

    def save(data: dict[str, Any]) -> Any:
        try:
            return services.correct_answers(
                actor=request.user, submission=found, values=form.values(), reason=data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            # The service names answers by their key in the form; the page by its fields.
            raise ValidationError(
                {form.field_of(key) or key: errors for key, errors in error.error_dict.items()}
            ) from error

    if request.method == "POST":
        done = submit(request, form, save, message=_("The corrected answers are saved."), then=here)
        if done:
            return done
    context = {"programme": programme, "submission": found, "form": form}
    return render(request, "research/response_correct.html", context, status=status_code(form))


def _respondent_forms(
    request: AuthenticatedHttpRequest, programme: Programme, found: Any, can_review: bool
) -> dict[str, Any]:
    """The respondent's record as the reader may see it, and the forms that link or register them."""
    respondent = found.respondent
    visible = (
        respondent is not None
        and people_visible_to(request.user, programme).filter(pk=respondent.pk).exists()
    )
    identified = found.consent == Consent.IDENTIFIED and found.withdrawn_at is None
    unlinked = can_review and identified and respondent is None
    name = str(found.answers.get("respondent_name", "")).strip() if unlinked else ""
    given, _space, family = name.partition(" ")
    return {
        "respondent_visible": visible,
        "link_form": LinkRespondentForm() if unlinked else None,
        "register_form": (
            RegisterRespondentForm(initial={"given_name": given, "family_name": family})
            if unlinked
            and found.status == SubmissionStatus.APPROVED
            and request.user.has_perm("people.register_person", programme)
            else None
        ),
    }


@require_POST
@programme_view(
    "research.view_research", object_permission="research.review_responses", load_object=_submission
)
def response_withdraw(
    request: AuthenticatedHttpRequest, programme: Programme, submission_id: int
) -> HttpResponse:
    found = selectors.submission_in(programme, submission_id)
    assert found is not None
    form = WithdrawForm(request.POST)
    here = reverse("research:response", kwargs={"slug": programme.slug, "submission_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: services.withdraw_response(actor=request.user, submission=found, reason=data["reason"]),
        _("The response's personal content is removed."),
        here,
        heading=found.survey.title,
        back=here,
    )


def _respondent_step(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    submission_id: int,
    form: Any,
    save: Any,
    message: str,
) -> HttpResponse:
    found = selectors.submission_in(programme, submission_id)
    assert found is not None
    here = reverse("research:response", kwargs={"slug": programme.slug, "submission_id": found.pk})
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: save(found, data),
        message,
        here,
        heading=found.survey.title,
        back=here,
    )


@require_POST
@programme_view(
    "research.view_research", object_permission="research.review_responses", load_object=_submission
)
def respondent_link(
    request: AuthenticatedHttpRequest, programme: Programme, submission_id: int
) -> HttpResponse:
    def save(found: Any, data: dict[str, Any]) -> Any:
        person = (
            people_visible_to(request.user, programme).filter(reference=data["reference"].strip()).first()
        )
        if person is None:
            raise ValidationError(
                {"reference": _("No person you may see in the register has this reference.")}
            )
        return services.link_respondent(actor=request.user, submission=found, person=person)

    return _respondent_step(
        request,
        programme,
        submission_id,
        LinkRespondentForm(request.POST),
        save,
        _("The response is linked."),
    )


@require_POST
@programme_view(
    "research.view_research", object_permission="research.review_responses", load_object=_submission
)
def respondent_register(
    request: AuthenticatedHttpRequest, programme: Programme, submission_id: int
) -> HttpResponse:
    return _respondent_step(
        request,
        programme,
        submission_id,
        RegisterRespondentForm(request.POST),
        lambda found, data: services.register_respondent(actor=request.user, submission=found, **data),
        _("The respondent is in the register, with their consent to community research."),
    )
