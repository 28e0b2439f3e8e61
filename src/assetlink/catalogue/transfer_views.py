"""Pages of transfer: adopting a practice into a city's new programme (the form, the side-by-side plan in
the reader's language, the adoption) and the programme's transfer plan with its results beside the
original city's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assetlink.catalogue import selectors, transfer
from assetlink.catalogue.models import Adoption, AdoptionChange, TransferMilestone, TransferStage
from assetlink.catalogue.views import reader_language
from assetlink.impact.models import Indicator
from assetlink.programmes.models import Membership, Programme, Role
from assetlink.web.access import AuthenticatedHttpRequest, programme_view, signed_in
from assetlink.web.forms import show_service_errors, submit_or_retry


class AdoptionForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Your city's programme"),
        queryset=Programme.objects.none(),
        help_text=gettext_lazy(
            "A new programme of which you are the admin; the platform operator creates it"
        ),
    )
    city_population = forms.IntegerField(label=gettext_lazy("Your city's population"), min_value=1)
    lead_organisation = forms.CharField(
        label=gettext_lazy("Organisation that leads the programme"),
        max_length=200,
        help_text=gettext_lazy("e.g. the city council"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        administered = Membership.objects.filter(user=user, role=Role.PROGRAMME_ADMIN, is_active=True).values(
            "programme_id"
        )
        self.fields["programme"].queryset = (  # type: ignore[attr-defined]
            Programme.objects.filter(pk__in=administered, adoption__isnull=True, work_packages__isnull=True)
            .distinct()
            .order_by("name")
        )


@signed_in
def adopt(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Choose the programme, review every element beside the original, then adopt."""
    practice = selectors.practice_at(slug)
    if practice is None:
        raise Http404
    language = reader_language()
    template = practice.templates.order_by("-version").first()
    data = request.POST if request.method == "POST" else (request.GET if "programme" in request.GET else None)
    form = AdoptionForm(data, user=request.user)
    elements = None
    status = 200
    if form.is_bound and form.is_valid() and template is not None:
        chosen = form.cleaned_data
        elements = transfer.plan(
            template,
            country=chosen["programme"].country,
            population=chosen["city_population"],
            language=language,
        )
        if request.method == "POST":
            try:
                adoption = transfer.adopt(
                    actor=request.user,
                    practice=practice,
                    programme=chosen["programme"],
                    city_population=chosen["city_population"],
                    lead_organisation=chosen["lead_organisation"],
                    left_out=set(request.POST.getlist("left_out")),
                    language=language,
                )
            except ValidationError as error:
                show_service_errors(form, error)
                status = 422
            else:
                messages.success(
                    request, _("Your programme is built from the practice; its transfer plan is ready.")
                )
                return redirect("transfer:plan", slug=adoption.programme.slug)
    elif form.is_bound:
        status = 422
    text = selectors.text_of(practice, language)
    context = {
        "practice": practice,
        "title": text.title if text else practice.slug,
        "template": template,
        "form": form,
        "elements": elements,
        "left_out": set(request.POST.getlist("left_out")),
    }
    return render(request, "catalogue/adopt.html", context, status=status)


def _adoption(programme: Programme) -> Adoption | None:
    return Adoption.objects.filter(programme=programme).select_related("practice", "template").first()


@programme_view("programmes.view_work_packages")
def plan(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    adoption = _adoption(programme)
    language = reader_language()
    can_change = request.user.has_perm("programmes.change_programme", programme)
    context: dict[str, Any] = {"programme": programme, "adoption": adoption, "can_change": can_change}
    if adoption is not None:
        text = selectors.text_of(adoption.practice, language)
        milestones = adoption.milestones.all()
        context.update(
            {
                "title": text.title if text else adoption.practice.slug,
                "stages": [
                    (label, [m for m in milestones if m.stage == value])
                    for value, label in TransferStage.choices
                ],
                "changes": adoption.changes.all(),
                "local_group": adoption.local_group.all(),
                "comparison": transfer.compare(adoption, language),
                "original": adoption.template.captured_from,
                "stage_choices": TransferStage.choices,
                "indicators_defined": Indicator.objects.filter(programme=programme).count(),
            }
        )
    return render(request, "catalogue/transfer_plan.html", context)


class MilestoneForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=TransferStage.choices)
    title = forms.CharField(label=gettext_lazy("Milestone"), max_length=200)
    due_on = forms.DateField(
        label=gettext_lazy("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MemberForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=200, required=False)
    role = forms.CharField(label=gettext_lazy("Role in the group"), max_length=200, required=False)


def _plan_step(
    request: AuthenticatedHttpRequest, programme: Programme, form: Any, save: Any, message: str
) -> HttpResponse:
    adoption = _adoption(programme)
    if adoption is None:
        raise Http404
    here = reverse("transfer:plan", kwargs={"slug": programme.slug})
    return submit_or_retry(
        request,
        programme,
        form,
        lambda data: save(adoption, data),
        message,
        here,
        heading=adoption.city,
        back=here,
    )


@require_POST
@programme_view("programmes.change_programme")
def add_milestone(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _plan_step(
        request,
        programme,
        MilestoneForm(request.POST),
        lambda adoption, data: transfer.add_milestone(actor=request.user, adoption=adoption, **data),
        _("The milestone is added."),
    )


@require_POST
@programme_view("programmes.change_programme")
def add_member(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _plan_step(
        request,
        programme,
        MemberForm(request.POST),
        lambda adoption, data: transfer.add_group_member(actor=request.user, adoption=adoption, **data),
        _("The local group has a new member."),
    )


@require_POST
@programme_view("programmes.change_programme")
def complete_milestone(
    request: AuthenticatedHttpRequest, programme: Programme, milestone_id: int
) -> HttpResponse:
    milestone = TransferMilestone.objects.filter(adoption__programme=programme, pk=milestone_id).first()
    if milestone is None:
        raise Http404
    transfer.complete_milestone(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone is done."))
    return redirect("transfer:plan", slug=programme.slug)


@require_POST
@programme_view("programmes.change_programme")
def explain_change(request: AuthenticatedHttpRequest, programme: Programme, change_id: int) -> HttpResponse:
    change = AdoptionChange.objects.filter(adoption__programme=programme, pk=change_id).first()
    if change is None:
        raise Http404
    transfer.explain_change(actor=request.user, change=change, reason=request.POST.get("reason", ""))
    messages.success(request, _("The reason is recorded."))
    return redirect("transfer:plan", slug=programme.slug)
