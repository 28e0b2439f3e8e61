"""Pages of referrals: inbox and outbox, one referral with its answers, referring a person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.journeys import selectors, services
from assetlink.journeys.forms import (
    AnswerForm,
    CompleteForm,
    ReasonForm,
    ReferralForm,
)
from assetlink.journeys.models import ReferralStatus
from assetlink.people.models import RecordPart
from assetlink.people.selectors import parts_shared_with, person_record
from assetlink.people.views import person_view
from assetlink.programmes.models import Programme
from assetlink.timelines.subjects import TimelineOf
from assetlink.timelines.views import timeline_context
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context

referral_page = programme_view(
    "programmes.view_programme", object_permission="journeys.view_referral", load_object=selectors.referral_in
)


answer_page = programme_view(
    "programmes.view_programme",
    object_permission="journeys.answer_referral",
    load_object=selectors.referral_in,
)


withdraw_page = programme_view(
    "programmes.view_programme",
    object_permission="journeys.withdraw_referral",
    load_object=selectors.referral_in,
)


@programme_view("journeys.view_referrals")
def referral_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    box = "sent" if request.GET.get("box") == "sent" else "received"
    referrals = selectors.referrals_for(request.user, programme, box)
    status = request.GET.get("status", "")
    if status == "open":
        referrals = selectors.open_referrals(referrals)
    elif status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    only_overdue = request.GET.get("overdue") == "1"
    if only_overdue:
        referrals = selectors.overdue(referrals)
    is_admin = request.user.has_perm("journeys.view_all_referrals", programme)
    context = {
        "programme": programme,
        "box": box,
        "is_admin": is_admin,
        "status": status,
        "statuses": ReferralStatus.choices,
        "only_overdue": only_overdue,
        "overdue_count": selectors.overdue(selectors.referrals_for(request.user, programme, box)).count(),
        **page_context(request, referrals),
    }
    return render(request, "journeys/referrals.html", context)


def _referral_context(
    request: AuthenticatedHttpRequest, programme: Programme, referral: Any, **forms: Any
) -> dict[str, Any]:
    user = request.user
    can_answer = user.has_perm("journeys.answer_referral", referral)
    return {
        **timeline_context(request, TimelineOf(programme, referral)),
        "programme": programme,
        "referral": referral,
        "person": selectors.referred_person(user, referral, path=request.path),
        "can_answer": can_answer and referral.status == ReferralStatus.SENT,
        "can_complete": can_answer and referral.status == ReferralStatus.ACCEPTED,
        "can_withdraw": user.has_perm("journeys.withdraw_referral", referral)
        and referral.status in {ReferralStatus.SENT, ReferralStatus.ACCEPTED},
        "answer_form": forms.get("answer") or AnswerForm(prefix="answer"),
        "complete_form": forms.get("complete") or CompleteForm(prefix="complete"),
        "withdraw_form": forms.get("withdraw") or ReasonForm(prefix="withdraw"),
    }


@referral_page
def referral_detail(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    return render(request, "journeys/referral.html", _referral_context(request, programme, referral))


def _after_change(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    referral: Any,
    form_name: str,
    form: Any,
    error: ValidationError,
) -> HttpResponse:
    show_service_errors(form, error)
    context = _referral_context(request, programme, referral, **{form_name: form})
    return render(request, "journeys/referral.html", context, status=422)


@answer_page
@require_POST
def referral_answer(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    if referral.status != ReferralStatus.SENT:
        # Its answer form is no longer on the page, so the page could not show why: say it, and go back.
        messages.error(request, _("Only a referral awaiting an answer can be accepted or declined."))
        return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
    form = AnswerForm(request.POST, prefix="answer")
    if form.is_valid():
        try:
            services.answer_referral(
                actor=request.user,
                referral=referral,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return _after_change(request, programme, referral, "answer", form, error)
        messages.success(request, _("Your answer has been sent to the referring partner."))
        return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
    context = _referral_context(request, programme, referral, answer=form)
    return render(request, "journeys/referral.html", context, status=422)


@answer_page
@require_POST
def referral_complete(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    if referral.status != ReferralStatus.ACCEPTED:
        messages.error(request, _("Only an accepted referral can be completed."))
        return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
    form = CompleteForm(request.POST, prefix="complete")
    if form.is_valid():
        try:
            services.complete_referral(
                actor=request.user,
                referral=referral,
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
                completed_on=form.cleaned_data["completed_on"],
            )
        except ValidationError as error:
            return _after_change(request, programme, referral, "complete", form, error)
        messages.success(request, _("The referral is completed and its outcome recorded."))
        return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
    context = _referral_context(request, programme, referral, complete=form)
    return render(request, "journeys/referral.html", context, status=422)


@withdraw_page
@require_POST
def referral_withdraw(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    form = ReasonForm(request.POST, prefix="withdraw")
    if form.is_valid():
        try:
            services.withdraw_referral(
                actor=request.user, referral=referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            return _after_change(request, programme, referral, "withdraw", form, error)
        messages.success(request, _("The referral has been withdrawn."))
        return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
    context = _referral_context(request, programme, referral, withdraw=form)
    return render(request, "journeys/referral.html", context, status=422)


@person_view("journeys.refer_person")
def person_refer(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = person_record(request.user, programme, person_id, path=request.path)
    available = selectors.services_of(programme).filter(is_active=True).order_by("organisation__name", "name")
    form = ReferralForm(request.POST or None, services=available)
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.send_referral(
                actor=request.user, person=person, service=data["service"], reason=data["reason"]
            ),
            message=_("The referral has been sent; the receiving partner has been told."),
            then=lambda referral: reverse(
                "journeys:referral", kwargs={"slug": programme.slug, "referral_id": referral.pk}
            ),
        )
    ):
        return done
    consenting = [
        {
            "organisation": organisation,
            "parts": [str(RecordPart(part).label) for part in parts_shared_with(person, organisation)],
        }
        for organisation in {service.organisation for service in available}
    ]
    context = {
        "programme": programme,
        "person": person,
        "form": form,
        "consenting": sorted(consenting, key=lambda item: str(item["organisation"])),
        "referrals": selectors.person_referrals(person),
    }
    return render(request, "journeys/refer.html", context, status=422 if form.errors else 200)
