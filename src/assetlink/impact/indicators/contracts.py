"""Contracts' social value: what each supplier committed at bid against what the ledger shows it
delivered, shortfalls flagged, and the supplier's quarterly returns with evidence per entry."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assetlink.engine.periods import PeriodKind, period_containing, period_from_key
from assetlink.impact.models import Commitment
from assetlink.impact.rules import ContractScope
from assetlink.impact.social_value import (
    contract_delivery,
    contract_entries,
    contract_summary,
    submit_delivery_return,
)
from assetlink.opportunities.models import Opportunity
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit


def contracts_visible_to(user: Any, programme: Programme) -> Any:
    """Awarded contracts with commitments: every one for the programme team, its own for a supplier."""
    contracts = Opportunity.objects.filter(
        programme=programme, awarded_to__isnull=False, social_value_commitments__isnull=False
    ).distinct()
    if user.has_perm("impact.manage_social_value", programme):
        return contracts.select_related("awarded_to")
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation_id is None:
        return contracts.none()
    return contracts.filter(awarded_to_id=membership.organisation_id).select_related("awarded_to")


class ReturnForm(forms.Form):
    period = forms.CharField(widget=forms.HiddenInput)
    statement = forms.CharField(
        label=gettext_lazy("What you delivered this quarter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, entries: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            self.fields[f"evidence_{entry.pk}"] = forms.CharField(
                label=_("Evidence for entry #%(id)s (%(type)s, %(day)s)")
                % {
                    "id": entry.pk,
                    "type": entry.get_entry_type_display(),
                    "day": entry.occurred_on.isoformat(),
                },
                required=False,
                max_length=500,
            )

    def evidence(self) -> dict[int, str]:
        return {entry.pk: self.cleaned_data.get(f"evidence_{entry.pk}", "") for entry in self.entries}


def _quarter(programme: Programme, key: str | None) -> Any:
    if key:
        try:
            period = period_from_key(key, financial_year_starts=programme.financial_year_starts)
        except ValueError:
            raise Http404 from None
        if period.kind is not PeriodKind.QUARTER:
            raise Http404
        return period
    today = timezone.localdate()
    current = period_containing(
        today, PeriodKind.QUARTER, financial_year_starts=programme.financial_year_starts
    )
    return period_containing(
        current.start - datetime.timedelta(days=1),
        PeriodKind.QUARTER,
        financial_year_starts=programme.financial_year_starts,
    )


def _contract(request: AuthenticatedHttpRequest, programme: Programme, contract_id: int) -> Opportunity:
    contract = get_object_or_404(
        Opportunity.objects.select_related("programme", "awarded_to"), programme=programme, pk=contract_id
    )
    if not request.user.has_perm("impact.view_contract_delivery", ContractScope(contract)):
        raise Http404  # another supplier's contract is not there for this reader
    return contract


@programme_view("impact.view_contracts")
def contract_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    rows = [contract_summary(contract) for contract in contracts_visible_to(request.user, programme)]
    context = {
        "programme": programme,
        "rows": rows,
        "shows_results": request.user.has_perm("impact.view_indicators", programme),
    }
    return render(request, "impact/results/contracts.html", context)


def _detail(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    contract: Opportunity,
    form: ReturnForm | None = None,
) -> HttpResponse:
    quarter = _quarter(programme, request.GET.get("quarter") or (form.data.get("period") if form else None))
    entries = list(contract_entries(contract, quarter.start, quarter.end))
    current = (
        contract.delivery_returns.filter(period_start=quarter.start).prefetch_related("evidence").first()
    )
    if form is None:
        initial: dict[str, Any] = {"period": quarter.key}
        if current is not None:
            initial["statement"] = current.statement
            initial.update(
                {f"evidence_{item.outcome_id}": item.description for item in current.evidence.all()}
            )
        form = ReturnForm(initial=initial, entries=entries)
    can_return = request.user.has_perm("impact.submit_delivery_return", ContractScope(contract))
    context = {
        "programme": programme,
        "contract": contract,
        "rows": contract_delivery(contract),
        "quarter": quarter,
        "returns": contract.delivery_returns.prefetch_related("evidence__outcome"),
        "form": form if can_return else None,
        "commitments": Commitment.objects.filter(contract=contract).count(),
    }
    return render(request, "impact/results/contract.html", context, status=422 if form.is_bound else 200)


@programme_view("impact.view_contracts")
def contract_detail(
    request: AuthenticatedHttpRequest, programme: Programme, contract_id: int
) -> HttpResponse:
    return _detail(request, programme, _contract(request, programme, contract_id))


@programme_view("impact.view_contracts")
@require_POST
def contract_return(
    request: AuthenticatedHttpRequest, programme: Programme, contract_id: int
) -> HttpResponse:
    contract = _contract(request, programme, contract_id)
    quarter = _quarter(programme, request.POST.get("period"))
    form = ReturnForm(request.POST, entries=list(contract_entries(contract, quarter.start, quarter.end)))
    done = submit(
        request,
        form,
        lambda data: submit_delivery_return(
            actor=request.user,
            contract=contract,
            period_start=quarter.start,
            period_end=quarter.end,
            statement=data["statement"],
            evidence=form.evidence(),
        ),
        message=_("The quarterly return is saved."),
        then=reverse("results:contract", kwargs={"slug": programme.slug, "contract_id": contract.pk})
        + f"?quarter={quarter.key}",
    )
    return done or _detail(request, programme, contract, form)
