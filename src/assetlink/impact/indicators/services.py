"""Defining indicators (validated), setting baselines and targets, and freezing a period into a snapshot."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine.disclosure import Cell, DisclosureRule, protect_count, protect_rate
from assetlink.engine.periods import Period, PeriodKind, period_from_key
from assetlink.impact.indicators import sources
from assetlink.impact.indicators.query import FILTERS, knows_related_attribute
from assetlink.impact.indicators.values import numerator_series, programme_span, to_date, unit_of
from assetlink.impact.models import (
    MONEY_TYPES,
    QUANTITY_TYPES,
    Accumulation,
    Denominator,
    Indicator,
    Measure,
    OutcomeType,
    Snapshot,
    Source,
    Subject,
    Target,
)
from assetlink.places.models import Area
from assetlink.programmes.models import WorkPackage
from assetlink.programmes.rules import require
from assetlink.validation import cleaned_text, reject_unknown_fields, without_control_characters

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

TEXT_FIELDS = frozenset({"name", "names", "description"})
INDICATOR_FIELDS = (
    "name",
    "names",
    "description",
    "source",
    "measure",
    "entry_types",
    "filters",
    "subject_has",
    "subject_lacks",
    "plus",
    "denominator",
    "denominator_indicator",
    "factor",
    "higher_is_better",
    "accumulation",
    "is_headline",
    "position",
)


def _check_types(field: str, types: Any) -> None:
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise ValidationError({field: _("Give a list of entry types.")})
    unknown = [t for t in types if t not in OutcomeType.values]
    if unknown:
        raise ValidationError(
            {field: _("Unknown entry types: %(types)s.") % {"types": ", ".join(sorted(unknown))}}
        )


def _check_filters(programme: Programme, filters: Any) -> None:
    if not isinstance(filters, dict):
        raise ValidationError({"filters": _("Filters must be a mapping of a filter's name to its values.")})
    for name, values in filters.items():
        key = name.removeprefix("not_")
        if key not in FILTERS:
            raise ValidationError(
                {
                    "filters": _("Unknown filter “%(name)s”; the filters are: %(known)s.")
                    % {"name": name, "known": ", ".join(sorted(FILTERS))}
                }
            )
        if not isinstance(values, list) or not values:
            raise ValidationError(
                {"filters": _("The filter “%(name)s” needs a list of values.") % {"name": name}}
            )
        if values == ["*"]:
            continue
        known: set[Any] | None = None
        if key == "work_package":
            known = set(WorkPackage.objects.filter(programme=programme).values_list("code", flat=True))
        elif key == "area":
            known = set(Area.objects.filter(programme=programme).values_list("code", flat=True))
        elif key == "decile":
            known = set(range(1, 11))
        elif key == "subject_kind":
            known = set(Subject.values)
        if known is not None:
            unknown = [value for value in values if value not in known]
            if unknown:
                raise ValidationError(
                    {
                        "filters": _(
                            "The filter “%(name)s” names what this programme does not have: %(values)s."
                        )
                        % {"name": name, "values": ", ".join(map(str, unknown))}
                    }
                )
        if key == "support_kind" and not knows_related_attribute("support_kind"):
            raise ValidationError({"filters": _("No kind of support is known to this installation.")})


def _check_length(model: type[Any], field: str, value: Any, label: str | None = None) -> None:
    limit = model._meta.get_field(field).max_length
    if isinstance(value, str) and limit is not None and len(value) > limit:
        raise ValidationError(
            {
                label or field: _("At most %(limit)s characters, please (this has %(length)s).")
                % {"limit": limit, "length": len(value)}
            }
        )


def _check_ledger_definition(programme: Programme, measure: Any, fields: dict[str, Any]) -> None:
    types = fields.get("entry_types")
    _check_types("entry_types", types)
    if not types:
        raise ValidationError({"entry_types": _("Name at least one entry type to count.")})
    if measure == Measure.VALUE and set(types) - MONEY_TYPES:
        raise ValidationError(
            {
                "entry_types": _("Only entries that carry money can be summed as money: %(types)s.")
                % {"types": ", ".join(sorted(MONEY_TYPES))}
            }
        )
    if measure == Measure.QUANTITY and set(types) - QUANTITY_TYPES:
        raise ValidationError(
            {
                "entry_types": _("Only entries that carry a quantity can be summed: %(types)s.")
                % {"types": ", ".join(sorted(QUANTITY_TYPES))}
            }
        )
    _check_types("subject_has", fields.get("subject_has", []))
    _check_types("subject_lacks", fields.get("subject_lacks", []))
    _check_filters(programme, fields.get("filters", {}))


def _check_source(source: str, measure: Any, fields: dict[str, Any]) -> None:
    """An indicator over spend, social value or LM3 reads no ledger entry types and has its own filters."""
    if measure not in sources.MEASURES[Source(source)]:
        raise ValidationError(
            {"measure": _("This source gives sums of money or numbers of rows, not this measure.")}
        )
    if fields.get("entry_types") or fields.get("subject_has") or fields.get("subject_lacks"):
        raise ValidationError({"entry_types": _("Only indicators over the ledger name entry types.")})
    filters = fields.get("filters", {})
    if not isinstance(filters, dict):
        raise ValidationError({"filters": _("Filters must be a mapping of a filter's name to its values.")})
    known = sources.FILTERS[source]
    for name, values in filters.items():
        if name.removeprefix("not_") not in known:
            raise ValidationError(
                {
                    "filters": _("Unknown filter “%(name)s”; the filters are: %(known)s.")
                    % {"name": name, "known": ", ".join(sorted(known))}
                }
            )
        if not isinstance(values, list) or not values:
            raise ValidationError(
                {"filters": _("The filter “%(name)s” needs a list of values.") % {"name": name}}
            )
        if name == "part" and (len(values) != 1 or values[0] not in sources.LM3_PARTS):
            raise ValidationError(
                {"filters": _("Name one part of LM3: %(parts)s.") % {"parts": ", ".join(sources.LM3_PARTS)}}
            )


def validate_indicator(
    programme: Programme, fields: dict[str, Any], *, instance: Indicator | None = None
) -> None:
    """Refuse a definition that cannot be computed, saying which field is wrong and why."""
    if not str(fields.get("name", "")).strip():
        raise ValidationError({"name": _("Give the indicator a name.")})
    _check_length(Indicator, "name", fields.get("name"))
    names = fields.get("names", {})
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        raise ValidationError({"names": _("Give the names as a mapping of language code to name.")})
    for translated in names.values():
        _check_length(Indicator, "name", translated, "names")
    measure = fields.get("measure")
    if measure not in Measure.values:
        raise ValidationError({"measure": _("Choose what to measure.")})
    source = fields.get("source", Source.LEDGER)
    if source not in Source.values:
        raise ValidationError({"source": _("Choose where the figures come from.")})
    if source:
        _check_source(source, measure, fields)
    else:
        _check_ledger_definition(programme, measure, fields)
    if fields.get("accumulation", Accumulation.CUMULATIVE) not in Accumulation.values:
        raise ValidationError({"accumulation": _("Choose cumulative or per period.")})
    probe = Indicator(programme=programme, measure=measure, source=source)
    for other_field in ("plus", "denominator_indicator"):
        other = fields.get(other_field)
        if other is None:
            continue
        if other.programme_id != programme.pk:
            raise ValidationError({other_field: _("That indicator belongs to another programme.")})
        if instance is not None and other.pk == instance.pk:
            raise ValidationError({other_field: _("An indicator cannot refer to itself.")})
        if other_field == "plus" and (
            other.denominator or (unit_of(other) == "money") != (unit_of(probe) == "money")
        ):
            raise ValidationError(
                {"plus": _("Only money adds to money, and only counts to counts; a rate cannot be added.")}
            )
        if other_field == "denominator_indicator" and (other.denominator or unit_of(other) != unit_of(probe)):
            raise ValidationError(
                {
                    "denominator_indicator": _(
                        "The denominator must be an indicator of the same unit (%(unit)s) "
                        "that is not itself a rate."
                    )
                    % {"unit": unit_of(probe)}
                }
            )
    denominator = fields.get("denominator", Denominator.NONE)
    if denominator not in Denominator.values:
        raise ValidationError({"denominator": _("Choose a denominator.")})
    if denominator == Denominator.INDICATOR and fields.get("denominator_indicator") is None:
        raise ValidationError({"denominator_indicator": _("Choose the indicator to divide by.")})
    if denominator == Denominator.POPULATION and measure not in (Measure.ENTRIES, Measure.SUBJECTS):
        raise ValidationError(
            {"denominator": _("A rate per resident needs a count of entries or of people.")}
        )
    if Decimal(str(fields.get("factor", 1))) <= 0:
        raise ValidationError({"factor": _("The factor must be more than zero.")})


def define_indicator(*, actor: User | None, programme: Programme, code: str, **fields: Any) -> Indicator:
    """Create or change the indicator with this code, after validating its definition."""
    if actor is not None:
        require(actor, "impact.manage_indicators", programme)
    reject_unknown_fields(fields, INDICATOR_FIELDS)
    fields = {name: cleaned_text(value) if name in TEXT_FIELDS else value for name, value in fields.items()}
    instance = Indicator.objects.filter(programme=programme, code=code).first()
    validate_indicator(programme, fields, instance=instance)
    indicator = instance or Indicator(programme=programme, code=code)
    created = instance is None
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        indicator.save()
        audit.record(
            actor,
            "indicator.defined" if created else "indicator.changed",
            indicator,
            programme=programme,
            after=audit.snapshot(indicator),
        )
    return indicator


def check_within_programme(programme: Programme, period: Period) -> None:
    """A period the programme does not cover has no data: say so rather than report zeros."""
    if period.end < programme.starts_on or (programme.ends_on and period.start > programme.ends_on):
        runs = (
            programme.starts_on.isoformat()
            + " – "
            + (programme.ends_on.isoformat() if programme.ends_on else "")
        )
        raise ValidationError(
            {
                "period_start": _("The programme has no data for %(start)s – %(end)s: it runs %(runs)s.")
                % {"start": period.start.isoformat(), "end": period.end.isoformat(), "runs": runs}
            }
        )


def period_of(programme: Programme, kind: str, start: datetime.date) -> Period:
    """The period of a kind that starts on a day, or a clear error."""
    try:
        return period_from_key(
            f"{kind}:{start.isoformat()}",
            financial_year_starts=programme.financial_year_starts,
            programme=programme_span(programme) if kind == PeriodKind.PROGRAMME else None,
        )
    except ValueError:
        raise ValidationError(
            {"period_start": _("%(day)s does not start a period of that kind.") % {"day": start.isoformat()}}
        ) from None


def set_target(
    *,
    actor: User | None,
    indicator: Indicator,
    period_kind: str,
    period_start: datetime.date,
    value: Decimal,
    baseline: Decimal | None = None,
    work_package: WorkPackage | None = None,
    area: Area | None = None,
    source: str = "",
) -> Target:
    """Set (or replace) the target of an indicator for one period, optionally for a work package or area."""
    programme = indicator.programme
    if actor is not None:
        require(actor, "impact.manage_indicators", programme)
    if period_kind == PeriodKind.PROGRAMME:
        period_start = programme.starts_on
    else:
        check_within_programme(programme, period_of(programme, period_kind, period_start))
    source = without_control_characters(source)
    _check_length(Target, "source", source)
    for scoped in (work_package, area):
        if scoped is not None and scoped.programme_id != programme.pk:
            raise ValidationError(_("The target's work package or area belongs to another programme."))
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            indicator=indicator,
            period_kind=period_kind,
            period_start=period_start,
            work_package=work_package,
            area=area,
            defaults={"value": value, "baseline": baseline, "source": source},
        )
        audit.record(actor, "target.set", target, programme=programme, after=audit.snapshot(target))
    return target


def freeze_snapshot(*, actor: User | None, programme: Programme, period: Period, note: str = "") -> Snapshot:
    """Freeze every indicator's value for a period as the next numbered version; reports cite it.

    Without an actor it is the monthly report task's own action (no one froze it by hand)."""
    if actor is not None:
        require(actor, "impact.freeze_snapshot", programme)
    check_within_programme(programme, period)
    note = without_control_characters(note)
    _check_length(Snapshot, "note", note)
    values: dict[str, dict[str, str | int | None]] = {}
    for indicator in Indicator.objects.filter(programme=programme).select_related(
        "plus", "denominator_indicator"
    ):
        series = numerator_series(indicator, [period])[""]
        value = to_date(indicator, period.end) if indicator.accumulation == Accumulation.CUMULATIVE else None
        if value is None and indicator.accumulation != Accumulation.CUMULATIVE:
            value = series.per_period[0]
        values[indicator.code] = {
            "name": indicator.name,
            "unit": unit_of(indicator),
            "value": None if value is None else str(value),
            "entries": series.entries[0]
            + (series.opening_entries if indicator.accumulation == Accumulation.CUMULATIVE else 0),
        }
    with transaction.atomic():
        # Lock the programme row so that two people freezing at once cannot take the same version.
        type(programme).objects.select_for_update().filter(pk=programme.pk).first()
        latest = Snapshot.objects.filter(
            programme=programme, period_kind=period.kind.value, period_start=period.start
        ).aggregate(latest=Max("version"))["latest"]
        snapshot = Snapshot.objects.create(
            programme=programme,
            period_kind=period.kind.value,
            period_start=period.start,
            period_end=period.end,
            version=(latest or 0) + 1,
            frozen_by=actor,
            note=note,
            values=values,
        )
        audit.record(
            actor, "snapshot.frozen", snapshot, programme=programme, after={"version": snapshot.version}
        )
    return snapshot


def revisions_since(snapshot: Snapshot) -> dict[str, tuple[str | None, str | None]]:
    """Indicator code → (frozen value, value today) for every figure a later correction changed."""
    programme = snapshot.programme
    period = Period(snapshot.period_start, snapshot.period_end, PeriodKind(snapshot.period_kind))
    changed = {}
    for indicator in Indicator.objects.filter(programme=programme, code__in=list(snapshot.values)):
        if indicator.accumulation == Accumulation.CUMULATIVE:
            now = to_date(indicator, period.end)
        else:
            now = numerator_series(indicator, [period])[""].per_period[0]
        frozen = snapshot.values[indicator.code]["value"]
        today = None if now is None else str(now)
        if (Decimal(frozen) if frozen is not None else None) != now:
            changed[indicator.code] = (frozen, today)
    return changed


def _release(value: str | None, entries: int, unit: str, rule: DisclosureRule) -> Cell:
    behind = protect_count(entries, rule)
    if value is None:
        return Cell(None)
    if unit == "count":
        return protect_count(int(Decimal(value)), rule) if not behind.is_hidden else Cell(None, behind.hidden)
    return protect_rate(behind, Decimal(value))


def released_snapshot(
    snapshot: Snapshot, rule: DisclosureRule, revised: dict[str, tuple[str | None, str | None]]
) -> list[dict[str, Any]]:
    """The snapshot's rows as a reader may see them, with the revised value where a correction came later."""
    rows = []
    for code, frozen in snapshot.values.items():
        unit = str(frozen.get("unit", "count"))
        entries = int(frozen.get("entries") or 0)
        rows.append(
            {
                "code": code,
                "name": frozen["name"],
                "unit": unit,
                "value": _release(frozen["value"], entries, unit, rule),
                "revised": _release(revised[code][1], entries, unit, rule) if code in revised else None,
            }
        )
    return rows
