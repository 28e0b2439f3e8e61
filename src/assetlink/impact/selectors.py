"""Reads of the outcome ledger, scoped by role: the programme admin reads all, partners what they recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.impact.models import Correction, Indicator, Outcome, Subject
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User


def effective_outcomes(programme: Programme) -> QuerySet[Outcome]:
    """Entries that count today: not reversals, and not superseded by a later correction."""
    return Outcome.objects.filter(programme=programme, corrected_by__isnull=True).exclude(
        correction=Correction.REVERSAL
    )


def ledger_visible_to(user: User, programme: Programme) -> QuerySet[Outcome]:
    """Every entry for the programme admin; the entries their organisation recorded for partner staff."""
    entries = Outcome.objects.filter(programme=programme).select_related(
        "recorded_by", "recording_organisation", "work_package", "verification__verified_by", "corrects"
    )
    membership = roles_of(user).get(programme.pk)
    if membership is None:
        return entries.none()
    if user.has_perm("impact.view_every_outcome", programme):
        return entries
    if user.has_perm("impact.view_ledger", programme) and membership.organisation_id:
        return entries.filter(recording_organisation_id=membership.organisation_id)
    return entries.none()


def outcome_in(programme: Programme, outcome_id: int, **_other_url_parts: object) -> Outcome:
    return get_object_or_404(Outcome.objects.select_related("programme"), programme=programme, pk=outcome_id)


def filter_ledger(entries: QuerySet[Outcome], filters: dict[str, Any]) -> QuerySet[Outcome]:
    """Narrow entries by type, subject kind, dates, work package and whether only effective ones count."""
    if filters.get("entry_type"):
        entries = entries.filter(entry_type=filters["entry_type"])
    if filters.get("subject_type"):
        entries = entries.filter(subject_type=filters["subject_type"])
    if filters.get("since"):
        entries = entries.filter(occurred_on__gte=filters["since"])
    if filters.get("until"):
        entries = entries.filter(occurred_on__lte=filters["until"])
    if filters.get("work_package"):
        entries = entries.filter(work_package=filters["work_package"])
    if filters.get("effective_only"):
        entries = entries.filter(corrected_by__isnull=True).exclude(correction=Correction.REVERSAL)
    if filters.get("indicator"):
        entries = _behind_indicator(entries, filters)
    return entries


def _behind_indicator(entries: QuerySet[Outcome], filters: dict[str, Any]) -> QuerySet[Outcome]:
    """The effective entries an indicator counts (narrowed like the dashboard it came from)."""
    from assetlink.impact.indicators.query import Scope, behind
    from assetlink.impact.indicators.values import definition_of

    programme_id = filters["programme"].pk
    indicator = Indicator.objects.filter(programme_id=programme_id, code=filters["indicator"]).first()
    work_package = filters.get("work_package")
    scope = Scope(
        work_package_id=work_package.pk if work_package is not None else None,
        recording_organisation_id=filters.get("recording_organisation"),
        area_id=filters.get("area"),
    )
    counted = Q(pk__in=[])
    while indicator is not None and not indicator.source:  # other sources show their rows elsewhere
        counted |= Q(pk__in=behind(definition_of(indicator), programme_id, scope))
        indicator = indicator.plus
    return entries.filter(counted)


def subject_named(programme: Programme, kind: str, reference: str) -> Any:
    """The person (by reference) or organisation (by name in the register) a user typed, or None."""
    from assetlink.organisations.selectors import organisations_of
    from assetlink.people.models import Person

    reference = reference.strip()
    if kind == Subject.PERSON:
        return Person.objects.filter(programme=programme, reference__iexact=reference).first()
    return organisations_of(programme).filter(name__iexact=reference).first()
