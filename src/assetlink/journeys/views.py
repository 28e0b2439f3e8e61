"""Pages of journeys: partners' services, referral inbox and outbox, a referral with its answers,
referring a person, pathways with their funnel and steps, a person's pathways and progress, support
programmes with cohorts, attendance and stages, and "my work"."""

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
    AnswerForm,
    CohortForm,
    CompleteForm,
    EnrolForm,
    LeaveForm,
    ParticipantForm,
    PathwayForm,
    ReasonForm,
    ReferralForm,
    ServiceForm,
    SessionForm,
    StepDoneForm,
    StepForm,
    SupportForm,
)
from assetlink.journeys.models import EnrolmentStatus, ParticipantKind, ReferralStatus
from assetlink.people.models import RecordPart
from assetlink.people.selectors import parts_shared_with, person_in, person_record
from assetlink.people.views import person_view
from assetlink.programmes.models import Programme
from assetlink.timelines.selectors import note_url
from assetlink.timelines.subjects import TimelineOf
from assetlink.timelines.views import timeline_context
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors
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
enrolment_page = programme_view(
    "programmes.view_programme",
    object_permission="journeys.change_enrolment",
    load_object=selectors.enrolment_in,
)


# Services -----------------------------------------------------------------------------------------


@programme_view("journeys.view_services")
def service_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    items = [
        {"service": service, "can_change": request.user.has_perm("journeys.change_service", service)}
        for service in selectors.services_of(programme)
    ]
    return render(
        request,
        "journeys/services.html",
        {
            "programme": programme,
            "items": items,
            "can_add": request.user.has_perm("journeys.add_service", programme),
        },
    )


def _service_form(request: AuthenticatedHttpRequest, programme: Programme, service: Any) -> HttpResponse:
    is_admin = request.user.has_perm("journeys.act_for_any_organisation", programme)
    form = ServiceForm(
        request.POST or None,
        instance=service,
        programme=programme,
        choose_organisation=service is None and is_admin,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ServiceForm.Meta.fields}
        try:
            services.save_service(
                actor=request.user,
                programme=programme,
                service=selectors.service_in(programme, service.pk) if service else None,
                organisation=form.cleaned_data.get("organisation"),
                **fields,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The service has been saved."))
            return redirect("journeys:services", slug=programme.slug)
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": _("Change the service") if service else _("Offer a service"),
            "intro": _(
                "Partners refer people to a service; it promises to answer and to close the loop in time."
            ),
            "cancel_url": reverse("journeys:services", kwargs={"slug": programme.slug}),
        },
        status=422 if form.errors else 200,
    )


@programme_view("journeys.add_service")
def service_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _service_form(request, programme, None)


@programme_view(
    "journeys.view_services", object_permission="journeys.change_service", load_object=selectors.service_in
)
def service_edit(request: AuthenticatedHttpRequest, programme: Programme, service_id: int) -> HttpResponse:
    return _service_form(request, programme, selectors.service_in(programme, service_id))


# Referrals ----------------------------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.send_referral(
                actor=request.user,
                person=person,
                service=form.cleaned_data["service"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The referral has been sent; the receiving partner has been told."))
            return redirect("journeys:referral", slug=programme.slug, referral_id=referral.pk)
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


# Pathways -----------------------------------------------------------------------------------------


@programme_view("journeys.view_pathways")
def pathway_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    templates = selectors.pathways_of(programme)
    return render(
        request,
        "journeys/pathways.html",
        {
            "programme": programme,
            "templates": templates,
            "can_manage": request.user.has_perm("journeys.manage_pathways", programme),
            "overdue": selectors.overdue_steps(request.user, programme)[:50],
        },
    )


@programme_view("journeys.manage_pathways")
@require_POST
def pathway_install(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    installed = services.install_standard_pathways(actor=request.user, programme=programme)
    messages.success(request, _("%(count)s standard pathways added.") % {"count": len(installed)})
    return redirect("journeys:pathways", slug=programme.slug)


def _pathway_form(request: AuthenticatedHttpRequest, programme: Programme, template: Any) -> HttpResponse:
    form = PathwayForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_pathway(
                actor=request.user,
                programme=programme,
                template=selectors.pathway_in(programme, template.pk) if template else None,
                **{name: form.cleaned_data[name] for name in PathwayForm.Meta.fields},
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The pathway has been saved."))
            return redirect("journeys:pathway", slug=programme.slug, template_id=saved.pk)
    return render(
        request,
        "web/object_form.html",
        {
            "programme": programme,
            "form": form,
            "heading": _("Change the pathway") if template else _("New pathway"),
        },
        status=422 if form.errors else 200,
    )


@programme_view("journeys.manage_pathways")
def pathway_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _pathway_form(request, programme, None)


@programme_view("journeys.manage_pathways")
def pathway_edit(request: AuthenticatedHttpRequest, programme: Programme, template_id: int) -> HttpResponse:
    return _pathway_form(request, programme, selectors.pathway_in(programme, template_id))


def _pathway_context(
    request: AuthenticatedHttpRequest, programme: Programme, template: Any, step_form: Any = None
) -> dict[str, Any]:
    enrolments = selectors.enrolments_visible_to(request.user, template)
    status = request.GET.get("status", "")
    if status in EnrolmentStatus.values:
        enrolments = enrolments.filter(status=status)
    return {
        "programme": programme,
        "template": template,
        "funnel": selectors.pathway_funnel(template),
        "can_manage": request.user.has_perm("journeys.manage_pathways", programme),
        "step_form": step_form or StepForm(prefix="step"),
        "status": status,
        "statuses": EnrolmentStatus.choices,
        **page_context(request, enrolments.order_by("-started_on", "-id")),
    }


@programme_view("journeys.view_pathways")
def pathway_detail(request: AuthenticatedHttpRequest, programme: Programme, template_id: int) -> HttpResponse:
    template = selectors.pathway_in(programme, template_id)
    return render(request, "journeys/pathway.html", _pathway_context(request, programme, template))


@programme_view("journeys.manage_pathways")
@require_POST
def pathway_step_add(
    request: AuthenticatedHttpRequest, programme: Programme, template_id: int
) -> HttpResponse:
    template = selectors.pathway_in(programme, template_id)
    form = StepForm(request.POST, prefix="step")
    if form.is_valid():
        try:
            services.save_step(
                actor=request.user,
                template=template,
                **{name: form.cleaned_data[name] for name in StepForm.Meta.fields},
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The step has been added."))
            return redirect("journeys:pathway", slug=programme.slug, template_id=template.pk)
    context = _pathway_context(request, programme, template, step_form=form)
    return render(request, "journeys/pathway.html", context, status=422)


@programme_view("journeys.manage_pathways")
@require_POST
def pathway_step_remove(
    request: AuthenticatedHttpRequest, programme: Programme, template_id: int, step_id: int
) -> HttpResponse:
    template = selectors.pathway_in(programme, template_id)
    step = template.steps.filter(pk=step_id).first()
    if step is None:
        messages.error(request, _("That step is not part of this pathway."))
    else:
        try:
            services.remove_step(actor=request.user, step=step)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The step has been removed."))
    return redirect("journeys:pathway", slug=programme.slug, template_id=template.pk)


def _person_pathways_context(
    request: AuthenticatedHttpRequest, programme: Programme, person: Any, **forms: Any
) -> dict[str, Any]:
    enrolments = []
    failed = forms.get("enrolment_id")
    for enrolment in selectors.person_enrolments(person):
        # Each enrolment has its own forms (prefixed by its id), so that field ids stay unique.
        enrolments.append(
            {
                "enrolment": enrolment,
                "progress": sorted(enrolment.progress.all(), key=lambda item: item.step.position),
                "can_change": request.user.has_perm("journeys.change_enrolment", enrolment)
                and enrolment.status == EnrolmentStatus.ACTIVE,
                "step_form": (forms.get("step") if failed == enrolment.pk else None)
                or StepDoneForm(prefix=f"step{enrolment.pk}"),
                "leave_form": (forms.get("leave") if failed == enrolment.pk else None)
                or LeaveForm(prefix=f"leave{enrolment.pk}"),
            }
        )
    active_templates = selectors.pathways_of(programme).filter(is_active=True)
    return {
        "programme": programme,
        "person": person,
        "enrolments": enrolments,
        "can_enrol": request.user.has_perm("journeys.enrol_person", person),
        "enrol_form": forms.get("enrol") or EnrolForm(prefix="enrol", templates=active_templates),
    }


@person_view("people.view_person")
def person_pathways(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = person_record(request.user, programme, person_id, path=request.path)
    form = None
    if request.method == "POST":
        if not request.user.has_perm("journeys.enrol_person", person):
            raise PermissionDenied
        form = EnrolForm(
            request.POST, prefix="enrol", templates=selectors.pathways_of(programme).filter(is_active=True)
        )
        if form.is_valid():
            try:
                services.enrol_person(
                    actor=request.user,
                    person=person,
                    template=form.cleaned_data["template"],
                    started_on=form.cleaned_data["started_on"],
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("The person has been enrolled on the pathway."))
                return redirect("journeys:person_pathways", slug=programme.slug, person_id=person.pk)
    context = _person_pathways_context(request, programme, person, enrol=form)
    return render(request, "journeys/person_pathways.html", context, status=422 if form is not None else 200)


@enrolment_page
@require_POST
def enrolment_step(
    request: AuthenticatedHttpRequest, programme: Programme, enrolment_id: int
) -> HttpResponse:
    enrolment = selectors.enrolment_in(programme, enrolment_id)
    form = StepDoneForm(request.POST, prefix=f"step{enrolment.pk}")
    if form.is_valid():
        try:
            services.complete_step(
                actor=request.user,
                enrolment=enrolment,
                evidence=form.cleaned_data["evidence"],
                completed_on=form.cleaned_data["completed_on"],
                not_needed=form.cleaned_data["outcome"] == "not_needed",
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The step has been recorded; the next one has started."))
            return redirect("journeys:person_pathways", slug=programme.slug, person_id=enrolment.person_id)
    person = person_in(programme, enrolment.person_id)
    context = _person_pathways_context(request, programme, person, step=form, enrolment_id=enrolment.pk)
    return render(request, "journeys/person_pathways.html", context, status=422)


@enrolment_page
@require_POST
def enrolment_leave(
    request: AuthenticatedHttpRequest, programme: Programme, enrolment_id: int
) -> HttpResponse:
    enrolment = selectors.enrolment_in(programme, enrolment_id)
    form = LeaveForm(request.POST, prefix=f"leave{enrolment.pk}")
    if form.is_valid():
        try:
            services.leave_pathway(
                actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The person has left the pathway."))
            return redirect("journeys:person_pathways", slug=programme.slug, person_id=enrolment.person_id)
    person = person_in(programme, enrolment.person_id)
    context = _person_pathways_context(request, programme, person, leave=form, enrolment_id=enrolment.pk)
    return render(request, "journeys/person_pathways.html", context, status=422)


# Support programmes -------------------------------------------------------------------------------

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
        if form.is_valid():
            try:
                cohort = services.add_cohort(actor=request.user, support=support, **form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("The cohort has been opened."))
                return redirect("journeys:cohort", slug=programme.slug, cohort_id=cohort.pk)
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
    if form.is_valid():
        try:
            services.add_participant(
                actor=request.user,
                cohort=cohort,
                joined_on=form.cleaned_data["joined_on"],
                headcount=form.cleaned_data["headcount"],
                **_participant_of(programme, cohort, form.cleaned_data["reference"]),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The participant has joined the cohort."))
            return redirect("journeys:cohort", slug=programme.slug, cohort_id=cohort.pk)
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
    if form.is_valid():
        try:
            services.record_session(
                actor=request.user,
                cohort=cohort,
                held_on=form.cleaned_data["held_on"],
                topic=form.cleaned_data["topic"],
                present=list(form.cleaned_data["present"]),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The session and its attendance have been recorded."))
            return redirect("journeys:cohort", slug=programme.slug, cohort_id=cohort.pk)
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
    if form.is_valid():
        try:
            services.advance_participant(actor=request.user, participation=participation, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The stage has been recorded."))
            return redirect("journeys:cohort", slug=programme.slug, cohort_id=cohort.pk)
    context = _cohort_context(request, programme, cohort, advance=form, participation_id=participation.pk)
    return render(request, "journeys/cohort.html", context, status=422)


# My work -----------------------------------------------------------------------------


@programme_view("journeys.view_my_work")
def my_work(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    work = selectors.my_work(request.user, programme)
    mentions = [(note, note_url(programme, note)) for note in work.pop("mentions")]
    tasks = [(note, note_url(programme, note)) for note in work.pop("tasks")]
    return render(
        request,
        "journeys/my_work.html",
        {"programme": programme, "tasks": tasks, "mentions": mentions, **work},
    )
