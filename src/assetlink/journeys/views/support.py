"""Pages of support programmes: cohorts, participants, attendance and stages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.impact.models import Subject
from assetlink.impact.selectors import subject_named
from assetlink.journeys import selectors, services
from assetlink.journeys.forms import (
    AdvanceForm,
    CohortForm,
    ParticipantForm,
    SessionForm,
    SupportForm,
)
from assetlink.journeys.models import ParticipantKind
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors, submit

run_support_page = programme_view(
    "journeys.view_support", object_permission="journeys.run_support", load_object=selectors.support_in
)


cohort_page = programme_view(
    "journeys.view_support", object_permission="journeys.run_support", load_object=selectors.cohort_support
)


@programme_view("journeys.view_support")
def support_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    items = [
        {
            "support": support,
            "summary": selectors.support_summary(support),
            "can_run": request.user.has_perm("journeys.run_support", support),
        }
        for support in selectors.support_programmes_of(programme)
    ]
    return render(
        request,
        "journeys/support_list.html",
        {
            "programme": programme,
            "items": items,
            "can_add": request.user.has_perm("journeys.add_support", programme),
        },
    )


def _support_form(request: AuthenticatedHttpRequest, programme: Programme, support: Any) -> HttpResponse:
    is_admin = request.user.has_perm("journeys.act_for_any_organisation", programme)
    form = SupportForm(
        request.POST or None, instance=support, programme=programme, choose_organisation=is_admin
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation", None)
        kind, participants = data.pop("kind", ""), data.pop("participants", "")
        try:
            saved = services.save_support_programme(
                actor=request.user,
                programme=programme,
                support=selectors.support_in(programme, support.pk) if support else None,
                kind=kind,
                participants=participants,
                organisation=organisation,
                **data,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The support programme has been saved."))
            return redirect("journeys:support", slug=programme.slug, support_id=saved.pk)
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": _("Change the support programme") if support else _("New support programme"),
            "intro": _("Stages follow the kind of programme; reaching some of them records an outcome."),
            "cancel_url": reverse("journeys:support_list", kwargs={"slug": programme.slug}),
        },
        status=422 if form.errors else 200,
    )


@programme_view("journeys.add_support")
def support_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _support_form(request, programme, None)


@run_support_page
def support_edit(request: AuthenticatedHttpRequest, programme: Programme, support_id: int) -> HttpResponse:
    return _support_form(request, programme, selectors.support_in(programme, support_id))


@programme_view("journeys.view_support")
def support_detail(request: AuthenticatedHttpRequest, programme: Programme, support_id: int) -> HttpResponse:
    support = selectors.support_in(programme, support_id)
    can_run = request.user.has_perm("journeys.run_support", support)
    form = None
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        form = CohortForm(request.POST)
        done = submit(
            request,
            form,
            lambda data: services.add_cohort(actor=request.user, support=support, **data),
            message=_("The cohort has been opened."),
            then=lambda cohort: reverse(
                "journeys:cohort", kwargs={"slug": programme.slug, "cohort_id": cohort.pk}
            ),
        )
        if done:
            return done
    context = {
        "programme": programme,
        "support": support,
        "summary": selectors.support_summary(support),
        "cohorts": support.cohorts.annotate(size=Count("participations")),
        "can_run": can_run,
        "cohort_form": form or CohortForm(),
    }
    return render(request, "journeys/support.html", context, status=422 if form is not None else 200)


def _cohort_context(
    request: AuthenticatedHttpRequest, programme: Programme, cohort: Any, **forms: Any
) -> dict[str, Any]:
    rows = selectors.cohort_participants(request.user, cohort)
    labels = {row["participation"].pk: row["label"] for row in rows}
    failed = forms.get("participation_id")
    for row in rows:
        pk = row["participation"].pk
        row["form"] = (forms.get("advance") if failed == pk else None) or AdvanceForm(
            prefix=f"advance{pk}", support=cohort.support
        )
    return {
        "programme": programme,
        "cohort": cohort,
        "support": cohort.support,
        "rows": rows,
        "sessions": cohort.sessions.annotate(count=Count("present")),
        "participant_form": forms.get("participant") or ParticipantForm(prefix="participant"),
        "session_form": forms.get("session") or SessionForm(prefix="session", cohort=cohort, labels=labels),
    }


@cohort_page
def cohort_detail(request: AuthenticatedHttpRequest, programme: Programme, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_in(programme, cohort_id)
    return render(request, "journeys/cohort.html", _cohort_context(request, programme, cohort))


def _participant_of(programme: Programme, cohort: Any, reference: str) -> dict[str, Any]:
    kind = Subject.PERSON if cohort.support.participants == ParticipantKind.PERSON else Subject.ORGANISATION
    found = subject_named(programme, kind, reference)
    if found is None:
        message = (
            _("No person of this programme has the reference “%(reference)s”.")
            if kind == Subject.PERSON
            else _("No organisation of the register is called “%(reference)s”.")
        )
        raise ValidationError({"reference": message % {"reference": reference.strip()}})
    return {"person" if kind == Subject.PERSON else "organisation": found}


@cohort_page
@require_POST
def cohort_participant_add(
    request: AuthenticatedHttpRequest, programme: Programme, cohort_id: int
) -> HttpResponse:
    cohort = selectors.cohort_in(programme, cohort_id)
    form = ParticipantForm(request.POST, prefix="participant")
    done = submit(
        request,
        form,
        lambda data: services.add_participant(
            actor=request.user,
            cohort=cohort,
            joined_on=data["joined_on"],
            headcount=data["headcount"],
            **_participant_of(programme, cohort, data["reference"]),
        ),
        message=_("The participant has joined the cohort."),
        then=reverse("journeys:cohort", kwargs={"slug": programme.slug, "cohort_id": cohort.pk}),
    )
    if done:
        return done
    context = _cohort_context(request, programme, cohort, participant=form)
    return render(request, "journeys/cohort.html", context, status=422)


@cohort_page
@require_POST
def cohort_session_add(
    request: AuthenticatedHttpRequest, programme: Programme, cohort_id: int
) -> HttpResponse:
    cohort = selectors.cohort_in(programme, cohort_id)
    labels = {
        row["participation"].pk: row["label"] for row in selectors.cohort_participants(request.user, cohort)
    }
    form = SessionForm(request.POST, prefix="session", cohort=cohort, labels=labels)
    done = submit(
        request,
        form,
        lambda data: services.record_session(
            actor=request.user,
            cohort=cohort,
            held_on=data["held_on"],
            topic=data["topic"],
            present=list(data["present"]),
        ),
        message=_("The session and its attendance have been recorded."),
        then=reverse("journeys:cohort", kwargs={"slug": programme.slug, "cohort_id": cohort.pk}),
    )
    if done:
        return done
    context = _cohort_context(request, programme, cohort, session=form)
    return render(request, "journeys/cohort.html", context, status=422)


@cohort_page
@require_POST
def cohort_advance(
    request: AuthenticatedHttpRequest, programme: Programme, cohort_id: int, participation_id: int
) -> HttpResponse:
    cohort = selectors.cohort_in(programme, cohort_id)
    participation = selectors.participation_in(cohort, participation_id)
    form = AdvanceForm(request.POST, prefix=f"advance{participation.pk}", support=cohort.support)
    done = submit(
        request,
        form,
        lambda data: services.advance_participant(actor=request.user, participation=participation, **data),
        message=_("The stage has been recorded."),
        then=reverse("journeys:cohort", kwargs={"slug": programme.slug, "cohort_id": cohort.pk}),
    )
    if done:
        return done
    context = _cohort_context(request, programme, cohort, advance=form, participation_id=participation.pk)
    return render(request, "journeys/cohort.html", context, status=422)
