"""A programme's social value measures (saved with their proxies and rules) and the ledger priced by them:
every money figure keeps the entries, proxy and rules behind it (engine/social_value.py)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine import social_value as engine
from assetlink.engine.disclosure import DisclosureRule, protect_count, protect_rate
from assetlink.impact.models import (
    Commitment,
    CountedUnit,
    DeliveryReturn,
    Evidence,
    Outcome,
    OutcomeType,
    SocialValueMeasure,
)
from assetlink.impact.rules import ContractScope
from assetlink.impact.selectors import effective_outcomes
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import require
from assetlink.validation import cleaned_text, reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User

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


def social_value_summary(
    programme: Programme, rule: DisclosureRule, *, shows_entries: bool
) -> dict[str, Any]:
    """Each measure with how many entries it priced and their value, released under the reader's rule;
    the priced entries themselves only when asked (for readers of every ledger entry)."""
    measures, lines = priced_ledger(programme)
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


def priced_by_day(
    programme_id: int, *, themes: Sequence[str] = (), measures: Sequence[str] = ()
) -> list[tuple[datetime.date, Decimal]]:
    """(day of the entry, value) of every priced line, narrowed to some themes or measures."""
    programme = Programme.objects.get(pk=programme_id)
    chosen, lines = priced_ledger(programme)
    if not lines:
        return []
    days = {entry.id: entry.occurred_on for entry in ledger_entries(programme, chosen)}
    return [
        (days[line.entry_id], line.value)
        for line in lines
        if (not themes or line.theme in themes) and (not measures or line.measure in measures)
    ]


COMMITMENT_QUARTER_LIMIT = 40  # ten years of quarters: more on one contract is a mistake


def _check_contract(contract: Any, programme: Programme) -> None:
    if contract.programme_id != programme.pk:
        raise ValidationError(_("That contract belongs to another programme."))
    if contract.awarded_to_id is None:
        raise ValidationError(_("Social value is committed on a contract once it is awarded to a supplier."))


def set_commitment(
    *,
    actor: User | None,
    contract: Any,
    measure: SocialValueMeasure,
    period_start: datetime.date,
    period_end: datetime.date,
    quantity: Decimal,
    note: str = "",
) -> Commitment:
    """Record (or change) what the supplier committed at bid under one measure for one period."""
    programme = contract.programme
    if actor is not None:
        require(actor, "impact.manage_social_value", programme)
    _check_contract(contract, programme)
    if measure.programme_id != programme.pk:
        raise ValidationError({"measure": _("Choose a measure of this programme.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if quantity < 0:
        raise ValidationError({"quantity": _("A commitment cannot be negative.")})
    commitment = Commitment.objects.filter(
        contract=contract, measure=measure, period_start=period_start
    ).first()
    created = commitment is None
    commitment = commitment or Commitment(contract=contract, measure=measure, period_start=period_start)
    commitment.period_end, commitment.quantity, commitment.note = period_end, quantity, cleaned_text(note)
    commitment.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        commitment.save()
        audit.record(
            actor,
            "commitment.set" if created else "commitment.changed",
            commitment,
            programme=programme,
            after=audit.snapshot(commitment),
        )
    return commitment


@dataclass
class DeliveryRow:
    """One commitment against what the ledger holds for the contract in its period."""

    commitment: Commitment
    committed_value: Decimal
    delivered_quantity: Decimal
    delivered_value: Decimal
    lines: list[engine.Line]
    ended: bool

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.committed_value - self.delivered_value)

    @property
    def status(self) -> str:
        if self.delivered_value >= self.committed_value:
            return "met"
        return "short" if self.ended else "in_progress"


def contract_delivery(contract: Any, today: datetime.date | None = None) -> list[DeliveryRow]:
    """Each commitment of a contract with what was delivered in its period: the ledger priced for this
    contract (its share of entries serving several contracts) by the commitment's measure."""
    today = today or timezone.localdate()
    programme = contract.programme
    commitments = list(contract.social_value_commitments.select_related("measure"))
    if not commitments:
        return []
    measures, lines = priced_ledger(programme, contract=str(contract.pk))
    days = {entry.id: entry.occurred_on for entry in ledger_entries(programme, measures)}
    rows = []
    for commitment in commitments:
        measure = commitment.measure
        own = [
            line
            for line in lines
            if line.measure == measure.code
            and commitment.period_start <= days[line.entry_id] <= commitment.period_end
        ]
        committed = (
            commitment.quantity * measure.proxy_value * (Decimal(1) - Decimal(measure.deadweight))
        ).quantize(engine.CENT)
        rows.append(
            DeliveryRow(
                commitment,
                committed,
                sum((line.quantity * line.attribution for line in own), Decimal(0)),
                sum((line.value for line in own), Decimal(0)),
                own,
                commitment.period_end < today,
            )
        )
    return rows


def contract_summary(contract: Any, today: datetime.date | None = None) -> dict[str, Any]:
    """A contract's social value at a glance: committed and delivered in all, and its shortfalls."""
    delivery = contract_delivery(contract, today)
    return {
        "contract": contract,
        "committed": sum((row.committed_value for row in delivery), Decimal(0)),
        "delivered": sum((row.delivered_value for row in delivery), Decimal(0)),
        "shortfalls": [row for row in delivery if row.status == "short"],
    }


def contract_entries(contract: Any, start: datetime.date, end: datetime.date) -> QuerySet[Outcome]:
    """The effective ledger entries that serve a contract in a period: about it, or sharing in it."""
    key = str(contract.pk)
    about = Q(related_type="opportunities.opportunity", related_id=key)
    shared = Q(data__contracts__has_key=key)
    return (
        effective_outcomes(contract.programme)
        .filter(about | shared, occurred_on__range=(start, end))
        .order_by("occurred_on", "pk")
    )


def submit_delivery_return(
    *,
    actor: User,
    contract: Any,
    period_start: datetime.date,
    period_end: datetime.date,
    statement: str,
    evidence: dict[int, str],
) -> DeliveryReturn:
    """A supplier's quarterly return on its contract: a statement and evidence for entries of the quarter
    (replacing an earlier return for the same quarter)."""
    programme = contract.programme
    require(actor, "impact.submit_delivery_return", ContractScope(contract))
    _check_contract(contract, programme)
    if period_start > timezone.localdate():
        raise ValidationError({"period_start": _("A return is made for a quarter that has begun.")})
    allowed = set(contract_entries(contract, period_start, period_end).values_list("pk", flat=True))
    unknown = sorted(set(evidence) - allowed)
    if unknown:
        raise ValidationError(
            {
                "evidence": _("Entries %(ids)s do not serve this contract in this quarter.")
                % {"ids": ", ".join(f"#{pk}" for pk in unknown)}
            }
        )
    texts = {pk: cleaned_text(text) for pk, text in evidence.items() if str(text).strip()}
    too_long = [pk for pk, text in texts.items() if len(text) > 500]
    if too_long:
        raise ValidationError({"evidence": _("Evidence is at most 500 characters per entry.")})
    with transaction.atomic():
        item, created = DeliveryReturn.objects.update_or_create(
            contract=contract,
            period_start=period_start,
            defaults={"period_end": period_end, "statement": cleaned_text(statement), "submitted_by": actor},
        )
        item.full_clean(validate_unique=False, validate_constraints=False)
        item.evidence.all().delete()
        Evidence.objects.bulk_create(
            Evidence(delivery_return=item, outcome_id=pk, description=text) for pk, text in texts.items()
        )
        audit.record(
            actor,
            "delivery_return.submitted" if created else "delivery_return.changed",
            item,
            programme=programme,
            after={"period_start": period_start.isoformat(), "evidence": sorted(texts)},
        )
    return item
