"""Pages of the outcome ledger: the entries a user may read with filters and export, one entry with its
corrections and verification, and recording an outcome with its evidence."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.impact import selectors, services
from assetlink.impact.forms import CorrectForm, LedgerFilterForm, RecordOutcomeForm, VerifyForm
from assetlink.impact.models import Correction, Outcome, Subject
from assetlink.organisations.models import Organisation
from assetlink.people.models import Person
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context

entry_page = programme_view(
    "impact.view_ledger", object_permission="impact.view_outcome", load_object=selectors.outcome_in
)


def subject_labels(programme: Programme, entries: list[Outcome]) -> dict[tuple[str, str], str]:
    """What to call each entry's subject: a person by reference (never by name), an organisation by name."""
    ids: dict[str, set[str]] = {}
    for entry in entries:
        ids.setdefault(entry.subject_type, set()).add(entry.subject_id)
    labels: dict[tuple[str, str], str] = {}
    people = Person.objects.filter(programme=programme, pk__in=ids.get(Subject.PERSON, set()))
    for pk, reference in people.values_list("pk", "reference"):
        labels[(Subject.PERSON, str(pk))] = reference
    organisations = Organisation.objects.filter(pk__in=ids.get(Subject.ORGANISATION, set()))
    for pk, name in organisations.values_list("pk", "name"):
        labels[(Subject.ORGANISATION, str(pk))] = name
    return labels


@programme_view("impact.view_ledger")
def ledger(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = LedgerFilterForm(request.GET or None, programme=programme)
    entries = selectors.ledger_visible_to(request.user, programme)
    if form.is_valid():
        entries = selectors.filter_ledger(entries, {**form.cleaned_data, "programme": programme})
    context = page_context(request, entries.order_by("-occurred_on", "-id"))
    rows = list(context["page_obj"])
    labels = subject_labels(programme, rows)
    context.update(
        {
            "programme": programme,
            "form": form,
            "rows": [
                (entry, labels.get((entry.subject_type, entry.subject_id), entry.subject_id))
                for entry in rows
            ],
            "can_record": request.user.has_perm("impact.record_outcome", programme),
        }
    )
    return render(request, "impact/ledger.html", context)


def _find_subject(programme: Programme, kind: str, reference: str) -> Any:
    found = selectors.subject_named(programme, kind, reference)
    if found is None:
        raise ValidationError(
            {
                "subject_reference": _("Nothing of that kind in this programme is called “%(reference)s”.")
                % {"reference": reference.strip()}
            }
        )
    return found


@programme_view("impact.record_outcome")
def record(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = RecordOutcomeForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.record_outcome(
                actor=request.user,
                programme=programme,
                entry_type=data["entry_type"],
                subject=_find_subject(programme, data["subject_type"], data["subject_reference"]),
                occurred_on=data["occurred_on"],
                value=data["value"],
                currency=data["currency"] or "",
                quantity=data["quantity"],
                evidence=data["evidence"],
                evidence_file=data["evidence_file"],
                work_package=data["work_package"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The outcome has been added to the ledger."))
            return redirect("impact:outcome", slug=programme.slug, outcome_id=outcome.pk)
    return render(
        request,
        "impact/record.html",
        {"programme": programme, "form": form},
        status=422 if form.errors else 200,
    )


def _entry_context(
    request: AuthenticatedHttpRequest, programme: Programme, outcome: Outcome, **forms: Any
) -> dict[str, Any]:
    chain = [outcome]
    while chain[-1].corrects_id:
        chain.append(Outcome.objects.get(pk=chain[-1].corrects_id))
    later = Outcome.objects.filter(corrects=outcome).first()
    labels = subject_labels(programme, [outcome])
    verification = getattr(outcome, "verification", None)
    return {
        "programme": programme,
        "outcome": outcome,
        "subject": labels.get((outcome.subject_type, outcome.subject_id), outcome.subject_id),
        "earlier": chain[1:],
        "later": later,
        "verification": verification,
        "can_verify": verification is None
        and request.user.has_perm("impact.verify_outcome", programme)
        and outcome.recorded_by_id != request.user.pk,
        "can_correct": later is None
        and outcome.correction != Correction.REVERSAL
        and request.user.has_perm("impact.correct_outcome", programme),
        "verify_form": forms.get("verify") or VerifyForm(prefix="verify"),
        "correct_form": forms.get("correct") or CorrectForm(prefix="correct"),
    }


@entry_page
def outcome_detail(request: AuthenticatedHttpRequest, programme: Programme, outcome_id: int) -> HttpResponse:
    outcome = selectors.outcome_in(programme, outcome_id)
    return render(request, "impact/outcome.html", _entry_context(request, programme, outcome))


@programme_view(
    "impact.verify_outcome", object_permission="impact.view_outcome", load_object=selectors.outcome_in
)
@require_POST
def outcome_verify(request: AuthenticatedHttpRequest, programme: Programme, outcome_id: int) -> HttpResponse:
    outcome = selectors.outcome_in(programme, outcome_id)
    form = VerifyForm(request.POST, prefix="verify")
    done = submit(
        request,
        form,
        lambda data: services.verify_outcome(actor=request.user, outcome=outcome, note=data["note"]),
        message=_("The entry is marked as verified."),
        then=reverse("impact:outcome", kwargs={"slug": programme.slug, "outcome_id": outcome.pk}),
    )
    if done:
        return done
    context = _entry_context(request, programme, outcome, verify=form)
    return render(request, "impact/outcome.html", context, status=422)


@programme_view(
    "impact.correct_outcome", object_permission="impact.view_outcome", load_object=selectors.outcome_in
)
@require_POST
def outcome_correct(request: AuthenticatedHttpRequest, programme: Programme, outcome_id: int) -> HttpResponse:
    outcome = selectors.outcome_in(programme, outcome_id)
    form = CorrectForm(request.POST, prefix="correct")
    if form.is_valid():
        data = form.cleaned_data
        try:
            correction = services.correct_outcome(
                actor=request.user,
                outcome=outcome,
                kind=data["kind"],
                reason=data["reason"],
                occurred_on=data["occurred_on"],
                value=data["value"],
                quantity=data["quantity"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The correction has been added to the ledger."))
            return redirect("impact:outcome", slug=programme.slug, outcome_id=correction.pk)
    context = _entry_context(request, programme, outcome, correct=form)
    return render(request, "impact/outcome.html", context, status=422)
