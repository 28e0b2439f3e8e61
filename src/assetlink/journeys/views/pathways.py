"""Pages of pathways: templates with their funnel and steps, a person's pathways and progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.journeys import selectors, services
from assetlink.journeys.forms import (
    EnrolForm,
    LeaveForm,
    PathwayForm,
    StepDoneForm,
    StepForm,
)
from assetlink.journeys.models import EnrolmentStatus
from assetlink.people.selectors import person_in, person_record
from assetlink.people.views import person_view
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit
from assetlink.web.pagination import page_context

enrolment_page = programme_view(
    "programmes.view_programme",
    object_permission="journeys.change_enrolment",
    load_object=selectors.enrolment_in,
)


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
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.save_pathway(
                actor=request.user,
                programme=programme,
                template=selectors.pathway_in(programme, template.pk) if template else None,
                **{name: data[name] for name in PathwayForm.Meta.fields},
            ),
            message=_("The pathway has been saved."),
            then=lambda saved: reverse(
                "journeys:pathway", kwargs={"slug": programme.slug, "template_id": saved.pk}
            ),
        )
    ):
        return done
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
    done = submit(
        request,
        form,
        lambda data: services.save_step(
            actor=request.user, template=template, **{name: data[name] for name in StepForm.Meta.fields}
        ),
        message=_("The step has been added."),
        then=reverse("journeys:pathway", kwargs={"slug": programme.slug, "template_id": template.pk}),
    )
    if done:
        return done
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
        done = submit(
            request,
            form,
            lambda data: services.enrol_person(
                actor=request.user, person=person, template=data["template"], started_on=data["started_on"]
            ),
            message=_("The person has been enrolled on the pathway."),
            then=reverse("journeys:person_pathways", kwargs={"slug": programme.slug, "person_id": person.pk}),
        )
        if done:
            return done
    context = _person_pathways_context(request, programme, person, enrol=form)
    return render(request, "journeys/person_pathways.html", context, status=422 if form is not None else 200)


@enrolment_page
@require_POST
def enrolment_step(
    request: AuthenticatedHttpRequest, programme: Programme, enrolment_id: int
) -> HttpResponse:
    enrolment = selectors.enrolment_in(programme, enrolment_id)
    form = StepDoneForm(request.POST, prefix=f"step{enrolment.pk}")
    done = submit(
        request,
        form,
        lambda data: services.complete_step(
            actor=request.user,
            enrolment=enrolment,
            evidence=data["evidence"],
            completed_on=data["completed_on"],
            not_needed=data["outcome"] == "not_needed",
        ),
        message=_("The step has been recorded; the next one has started."),
        then=reverse(
            "journeys:person_pathways", kwargs={"slug": programme.slug, "person_id": enrolment.person_id}
        ),
    )
    if done:
        return done
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
    done = submit(
        request,
        form,
        lambda data: services.leave_pathway(actor=request.user, enrolment=enrolment, reason=data["reason"]),
        message=_("The person has left the pathway."),
        then=reverse(
            "journeys:person_pathways", kwargs={"slug": programme.slug, "person_id": enrolment.person_id}
        ),
    )
    if done:
        return done
    person = person_in(programme, enrolment.person_id)
    context = _person_pathways_context(request, programme, person, leave=form, enrolment_id=enrolment.pk)
    return render(request, "journeys/person_pathways.html", context, status=422)
