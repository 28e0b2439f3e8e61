"""Pages of referrals: inbox and outbox, one referral with its answers, referring a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
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
from assetlink.web.forms import submit
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
        "can_open_opportunity": referral.opportunity is not None
        and user.has_perm("opportunities.view_opportunity", referral.opportunity),
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


def _act_on_referral(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    referral: Any,
    form_name: str,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    message: Any,
) -> HttpResponse:
    """Answer, complete or withdraw through the service; back to the referral, or its page with the
    form's errors."""
    page = reverse("journeys:referral", kwargs={"slug": programme.slug, "referral_id": referral.pk})
    done = submit(request, form, save, message=message, then=page)
    if done:
        return done
    context = _referral_context(request, programme, referral, **{form_name: form})
    return render(request, "journeys/referral.html", context, status=422)


def _not_in(
    request: AuthenticatedHttpRequest, referral: Any, status: str, reason: Any
) -> HttpResponse | None:
    """A referral no longer in this status has no such form on its page, so the page could not show why
    a submission failed: say it, and go back to the referral."""
    if referral.status == status:
        return None
    messages.error(request, reason)
    return redirect("journeys:referral", slug=referral.programme.slug, referral_id=referral.pk)


@answer_page
@require_POST
def referral_answer(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    refused = _not_in(
        request,
        referral,
        ReferralStatus.SENT,
        _("Only a referral awaiting an answer can be accepted or declined."),
    )
    return refused or _act_on_referral(
        request,
        programme,
        referral,
        "answer",
        AnswerForm(request.POST, prefix="answer"),
        lambda data: services.answer_referral(
            actor=request.user, referral=referral, accept=data["decision"] == "accept", reason=data["reason"]
        ),
        _("Your answer has been sent to the referring partner."),
    )


@answer_page
@require_POST
def referral_complete(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    refused = _not_in(
        request, referral, ReferralStatus.ACCEPTED, _("Only an accepted referral can be completed.")
    )
    return refused or _act_on_referral(
        request,
        programme,
        referral,
        "complete",
        CompleteForm(request.POST, prefix="complete"),
        lambda data: services.complete_referral(
            actor=request.user,
            referral=referral,
            result=data["result"],
            note=data["note"],
            completed_on=data["completed_on"],
        ),
        _("The referral is completed and its outcome recorded."),
    )


@withdraw_page
@require_POST
def referral_withdraw(
    request: AuthenticatedHttpRequest, programme: Programme, referral_id: int
) -> HttpResponse:
    referral = selectors.referral_in(programme, referral_id)
    return _act_on_referral(
        request,
        programme,
        referral,
        "withdraw",
        ReasonForm(request.POST, prefix="withdraw"),
        lambda data: services.withdraw_referral(actor=request.user, referral=referral, reason=data["reason"]),
        _("The referral has been withdrawn."),
    )


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
