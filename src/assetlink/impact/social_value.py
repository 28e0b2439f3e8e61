"""A programme's social value measures (saved with their proxies and rules) and the ledger priced by them:
every money figure keeps the entries, proxy and rules behind it (engine/social_value.py)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine import social_value as engine
from assetlink.engine.disclosure import DisclosureRule, protect_count, protect_rate
from assetlink.impact.models import CountedUnit, OutcomeType, SocialValueMeasure
from assetlink.impact.selectors import effective_outcomes
from assetlink.programmes.rules import require
from assetlink.validation import cleaned_text, reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

MEASURE_FIELDS = (
    "theme",
    "outcome",
    "unit",
    "proxy_value",
    "currency",
    "source",
    "year",
    "entry_types",
    "counted",
    "deadweight",
    "first_year_only",
    "hours_per_fte",
    "is_illustrative",
    "position",
)


def as_engine(measure: SocialValueMeasure) -> engine.SocialValueMeasure:
    return engine.SocialValueMeasure(
        code=measure.code,
        theme=measure.theme,
        entry_types=frozenset(measure.entry_types),
        counted=engine.Counted(measure.counted),
        proxy=engine.Proxy(measure.proxy_value, measure.currency, measure.unit, measure.source, measure.year),
        deadweight=Decimal(measure.deadweight),
        first_year_only=measure.first_year_only,
        hours_per_fte=measure.hours_per_fte,
    )


def save_measure(*, actor: User | None, programme: Programme, code: str, **fields: Any) -> SocialValueMeasure:
    """Create or change a measure, refusing one that cannot be counted or priced in this programme."""
    if actor is not None:
        require(actor, "impact.manage_social_value", programme)
    reject_unknown_fields(fields, MEASURE_FIELDS)
    fields = {name: cleaned_text(value) for name, value in fields.items()}
    types = fields.get("entry_types")
    if not isinstance(types, list) or not types:
        raise ValidationError({"entry_types": _("Name at least one entry type to count.")})
    unknown = sorted(set(types) - set(OutcomeType.values))
    if unknown:
        raise ValidationError(
            {"entry_types": _("Unknown entry types: %(types)s.") % {"types": ", ".join(unknown)}}
        )
    if fields.get("currency") != programme.currency:
        raise ValidationError(
            {
                "currency": _("Proxies are in the programme's currency, %(currency)s.")
                % {"currency": programme.currency}
            }
        )
    measure = SocialValueMeasure.objects.filter(programme=programme, code=code).first()
    created = measure is None
    measure = measure or SocialValueMeasure(programme=programme, code=code)
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean(validate_unique=False, validate_constraints=False)
    # The engine's own rules, said in the reader's language (its ValueErrors are for programmers).
    if measure.hours_per_fte is not None and measure.hours_per_fte <= 0:
        raise ValidationError({"hours_per_fte": _("Hours per full-time year must be more than zero.")})
    if measure.hours_per_fte is not None and measure.counted != CountedUnit.QUANTITY:
        raise ValidationError(
            {
                "hours_per_fte": _(
                    "With hours per full-time year the measure must count the entry's quantity: "
                    "full-time equivalents come from a quantity of hours."
                )
            }
        )
    as_engine(measure)
    with transaction.atomic():
        measure.save()
        audit.record(
            actor,
            "social_value_measure.created" if created else "social_value_measure.changed",
            measure,
            programme=programme,
            after=audit.snapshot(measure),
        )
    return measure


def _contracts(data: Any, related_type: str, related_id: str) -> dict[str, Decimal]:
    """The contracts an entry serves: shares recorded with it, or the contract it is about."""
    shares = data.get("contracts") if isinstance(data, dict) else None
    if isinstance(shares, dict):
        return {str(name): Decimal(str(share)) for name, share in shares.items()}
    if related_type == "opportunities.opportunity" and related_id:
        return {related_id: Decimal(1)}
    return {}


def ledger_entries(programme: Programme, measures: Sequence[SocialValueMeasure]) -> list[engine.Entry]:
    types = {entry_type for measure in measures for entry_type in measure.entry_types}
    rows = effective_outcomes(programme).filter(entry_type__in=types)
    return [
        engine.Entry(
            id=row.pk,
            entry_type=row.entry_type,
            subject=f"{row.subject_type}:{row.subject_id}",
            occurred_on=row.occurred_on,
            quantity=row.quantity,
            value=row.value,
            contracts=_contracts(row.data, row.related_type, row.related_id),
        )
        for row in rows.only(
            "pk",
            "entry_type",
            "subject_type",
            "subject_id",
            "occurred_on",
            "quantity",
            "value",
            "data",
            "related_type",
            "related_id",
        )
    ]


def priced_ledger(
    programme: Programme, *, contract: str | None = None
) -> tuple[list[SocialValueMeasure], list[engine.Line]]:
    """The programme's measures and every line of social value the effective ledger yields under them."""
    measures = list(SocialValueMeasure.objects.filter(programme=programme))
    if not measures:
        return [], []
    lines = engine.price(
        [as_engine(measure) for measure in measures], ledger_entries(programme, measures), contract=contract
    )
    return measures, lines


def social_value_summary(user: Any, programme: Programme, rule: DisclosureRule) -> dict[str, Any]:
    """Each measure with how many entries it priced and their value, released under the reader's rule;
    the priced entries themselves only for readers of every ledger entry."""
    measures, lines = priced_ledger(programme)
    shows_entries = user.has_perm("impact.view_every_outcome", programme)
    rows: list[dict[str, Any]] = []
    for measure in measures:
        own = [line for line in lines if line.measure == measure.code]
        entries = protect_count(len(own), rule)
        rows.append(
            {
                "measure": measure,
                "entries": entries,
                "total": protect_rate(entries, sum((line.value for line in own), Decimal(0))),
                "lines": own[:50] if shows_entries else [],
            }
        )
    shown = [row["total"] for row in rows if not row["total"].is_hidden]
    return {
        "rows": rows,
        "total": sum((Decimal(str(cell.value)) for cell in shown), Decimal(0)),
        "incomplete": len(shown) < len(rows),
    }
