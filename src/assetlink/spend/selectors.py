"""Reads of local spend: totals per period and locality, category, supplier kind and size; the review
queue; and each LM3 study computed from its spend lines and returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.engine import lm3 as lm3_engine
from assetlink.engine.disclosure import Cell, DisclosureRule, protect_rate, protect_table
from assetlink.engine.local_spend import ShareShift, share_shift
from assetlink.engine.periods import Period, PeriodKind, periods_between
from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.programmes.models import Programme
from assetlink.spend.models import LinkStatus, Locality, SpendLine, Study, Supplier, SupplierReturn

# What an indicator over spend lines may filter by, and the column each filter compares.
FILTERS = {
    "locality": "locality",
    "category": "category",
    "supplier_kind": "supplier__organisation__kind",
    "supplier_size": "size",
    "buyer": "buyer_id",
}
SIZES = ("micro", "small", "medium", "large", "")
OUTSIDE = -1  # the bucket of lines before the first period


def _size() -> Case:
    employees = "supplier__organisation__employees"
    return Case(
        When(**{f"{employees}__lt": 10}, then=Value("micro")),
        When(**{f"{employees}__lt": 50}, then=Value("small")),
        When(**{f"{employees}__lt": 250}, then=Value("medium")),
        When(**{f"{employees}__isnull": False}, then=Value("large")),
        default=Value(""),
    )


def _bucket(periods: Sequence[Period]) -> Case:
    whens = [
        When(paid_on__range=(period.start, period.end), then=Value(i)) for i, period in enumerate(periods)
    ]
    whens.append(When(paid_on__lt=periods[0].start, then=Value(OUTSIDE)))
    return Case(*whens, default=None, output_field=IntegerField())


def lines_of(programme_id: int, filters: dict[str, Any] | None = None) -> QuerySet[SpendLine]:
    """The programme's spend lines narrowed by an indicator's filters ("not_" before a name excludes)."""
    lines = SpendLine.objects.filter(programme_id=programme_id).annotate(size=_size())
    for name, values in (filters or {}).items():
        key, negate = name.removeprefix("not_"), name.startswith("not_")
        condition = Q(**{f"{FILTERS[key]}__in": values})
        lines = lines.exclude(condition) if negate else lines.filter(condition)
    return lines


def totals(
    programme_id: int, periods: Sequence[Period], *, group: str = "", filters: dict[str, Any] | None = None
) -> dict[tuple[int, Any], tuple[Decimal, int]]:
    """(period index, group) → (amount, lines); index -1 holds what came before the first period."""
    if not periods:
        return {}
    lines = (
        lines_of(programme_id, filters).filter(paid_on__lte=periods[-1].end).annotate(bucket=_bucket(periods))
    )
    column = FILTERS.get(group, group) if group else None
    keys = ["bucket", column] if column else ["bucket"]
    rows = (
        lines.order_by().values(*keys).annotate(amount=Coalesce(Sum("amount"), Decimal(0)), lines=Count("pk"))
    )
    return {
        (row["bucket"], row[column] if column else ""): (row["amount"], row["lines"])
        for row in rows
        if row["bucket"] is not None
    }


@dataclass
class ShareRow:
    """One group's spend by locality in one period."""

    label: Any
    amounts: dict[str, Decimal]
    lines: dict[str, int]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))

    @property
    def line_count(self) -> int:
        return sum(self.lines.values())

    def share(self, locality: str) -> Decimal | None:
        return self.amounts.get(locality, Decimal(0)) / self.total if self.total else None


def by_locality(
    programme: Programme, periods: Sequence[Period], group: str = ""
) -> dict[Any, list[ShareRow]]:
    """Group → per period, the spend local, in the region, elsewhere and unknown."""
    rows: dict[Any, list[ShareRow]] = {}
    column = FILTERS.get(group, group) if group else None
    lines = SpendLine.objects.filter(
        programme=programme, paid_on__range=(periods[0].start, periods[-1].end)
    ).annotate(bucket=_bucket(periods), size=_size())
    keys = ["bucket", "locality", *([column] if column else [])]
    found = lines.order_by().values(*keys).annotate(amount=Sum("amount"), count=Count("pk"))
    for row in found:
        label = row[column] if column else ""
        series = rows.setdefault(label, [ShareRow(period, {}, {}) for period in periods])
        series[row["bucket"]].amounts[row["locality"]] = row["amount"]
        series[row["bucket"]].lines[row["locality"]] = row["count"]
    return rows


def size_label(size: str) -> str:
    """A size class in words (the EU SME definition's staff thresholds)."""
    labels = {
        "micro": _("Micro (fewer than 10 staff)"),
        "small": _("Small (10 to 49 staff)"),
        "medium": _("Medium (50 to 249 staff)"),
        "large": _("Large (250 staff or more)"),
    }
    return str(labels.get(size, _("Size not known")))


def kind_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in OrganisationKind.choices}


def review_queue(programme: Programme) -> QuerySet[Supplier]:
    """Suppliers whose link waits for a person, with what they were paid."""
    return (
        Supplier.objects.filter(programme=programme, status=LinkStatus.REVIEW)
        .annotate(paid=Coalesce(Sum("lines__amount"), Decimal(0)), line_count=Count("lines"))
        .order_by("-paid", "name")
    )


def link_counts(programme: Programme) -> dict[str, int]:
    found = Supplier.objects.filter(programme=programme).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in found}


def candidates_of(supplier: Supplier) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=supplier.candidates).order_by("name"))


def year_spend(programme: Programme, period: Period) -> Decimal:
    found = SpendLine.objects.filter(
        programme=programme, paid_on__range=(period.start, period.end)
    ).aggregate(total=Sum("amount"))["total"]
    return found or Decimal(0)


@dataclass
class ReturnFigure:
    """A supplier's return as the study counts it: what the study's buyer paid it locally, and its rate."""

    item: SupplierReturn
    received: Decimal

    @property
    def local_share(self) -> Decimal:
        return (self.item.local_staff + self.item.local_suppliers) / self.item.total_costs

    @property
    def counted(self) -> bool:
        return self.received > 0


@dataclass
class StudyFigures:
    study: Study
    result: lm3_engine.LM3
    returns: list[ReturnFigure]
    local_suppliers: int  # local suppliers paid in the period
    responding: int


def study_lines(study: Study) -> QuerySet[SpendLine]:
    return SpendLine.objects.filter(
        programme_id=study.programme_id,
        buyer_id=study.buyer_id,
        paid_on__range=(study.starts_on, study.ends_on),
    )


def study_figures(study: Study) -> StudyFigures | None:
    """The study's LM3 from its spend lines, wages and returns; None while it has no spend."""
    lines = study_lines(study)
    spend = lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if spend <= 0:
        return None
    local = lines.filter(locality=Locality.LOCAL)
    local_spend = local.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    received = dict(
        local.filter(supplier__organisation__isnull=False)
        .order_by()
        .values("supplier__organisation")
        .annotate(total=Sum("amount"))
        .values_list("supplier__organisation", "total")
    )
    figures = [
        ReturnFigure(item, received.get(item.organisation_id, Decimal(0)))
        for item in study.returns.select_related("organisation").order_by("organisation__name")
    ]
    counted = [figure for figure in figures if figure.counted]
    result = lm3_engine.lm3(
        spend=spend + Decimal(study.total_wages),
        local_supplier_spend=local_spend,
        local_wages=Decimal(study.local_wages),
        returns=[
            lm3_engine.SupplierReturn(figure.item.organisation.name, figure.received, figure.local_share)
            for figure in counted
        ],
        employee_local_share=Decimal(study.employee_local_share),
    )
    suppliers = local.order_by().values("supplier").distinct().count()
    return StudyFigures(study, result, figures, suppliers, len(counted))


def studies_ending(programme_id: int, periods: Sequence[Period]) -> dict[int, list[StudyFigures]]:
    """Period index → the figures of the studies that end in it (-1: before the first period)."""
    found: dict[int, list[StudyFigures]] = {}
    if not periods:
        return found
    for study in Study.objects.filter(programme_id=programme_id, ends_on__lte=periods[-1].end).select_related(
        "programme"
    ):
        figures = study_figures(study)
        if figures is None:
            continue
        index = next(
            (i for i, period in enumerate(periods) if period.start <= study.ends_on <= period.end), OUTSIDE
        )
        found.setdefault(index, []).append(figures)
    return found


def returns_due(programme: Programme, organisation_id: int) -> list[tuple[Study, SupplierReturn | None]]:
    """The studies whose buyer paid this organisation locally, each with its return so far."""
    studies = []
    for study in Study.objects.filter(programme=programme).select_related("buyer"):
        paid = study_lines(study).filter(locality=Locality.LOCAL, supplier__organisation_id=organisation_id)
        if paid.exists():
            studies.append((study, study.returns.filter(organisation_id=organisation_id).first()))
    return studies


def worth_of_shift(programme: Programme, period: Period, points: Decimal) -> ShareShift:
    """What moving the local share of a period's spend by some points is worth, re-spend included at the
    latest study's supplier rate."""
    latest = Study.objects.filter(programme=programme).order_by("-ends_on").first()
    figures = study_figures(latest) if latest else None
    rate = figures.result.supplier_rate if figures else Decimal(0)
    return share_shift(year_spend(programme, period), points, rate)


LOCALITIES = (Locality.LOCAL, Locality.REGION, Locality.ELSEWHERE, Locality.UNKNOWN)


@dataclass
class ReleasedRow:
    """A row of spend by locality as the reader may see it: amounts hidden with the few lines behind them."""

    label: Any
    amounts: list[Cell]
    total: Cell
    local_share: Cell
    region_share: Cell


def released(rows: Sequence[ShareRow], rule: DisclosureRule) -> list[ReleasedRow]:
    if not rows:
        return []
    table = protect_table([[row.lines.get(locality, 0) for locality in LOCALITIES] for row in rows], rule)
    result = []
    for row, cells, total in zip(rows, table.cells, table.row_totals, strict=True):
        amounts = [
            protect_rate(cell, row.amounts.get(locality, Decimal(0)))
            for cell, locality in zip(cells, LOCALITIES, strict=True)
        ]
        share = row.share(Locality.LOCAL)
        region = row.share(Locality.REGION)
        result.append(
            ReleasedRow(
                row.label,
                amounts,
                protect_rate(total, row.total),
                protect_rate(cells[0] if cells[0].is_hidden else total, share),
                protect_rate(cells[1] if cells[1].is_hidden else total, region),
            )
        )
    return result


def spend_periods(programme: Programme, kind: PeriodKind, count: int = 12) -> list[Period]:
    """The last `count` periods of a kind up to today, from the programme's first spend line."""
    first = SpendLine.objects.filter(programme=programme).order_by("paid_on").first()
    start = min(first.paid_on, programme.starts_on) if first else programme.starts_on
    periods = periods_between(
        start, timezone.localdate(), kind, financial_year_starts=programme.financial_year_starts
    )
    return periods[-count:]


def last_full_year(programme: Programme) -> Period:
    """The programme's last financial year that has ended (the current one before any has)."""
    today = timezone.localdate()
    years = periods_between(
        today.replace(year=today.year - 1),
        today,
        PeriodKind.FINANCIAL_YEAR,
        financial_year_starts=programme.financial_year_starts,
    )
    return years[-2] if len(years) > 1 else years[-1]


def breakdown(
    programme: Programme, period: Period, group: str, rule: DisclosureRule
) -> list[tuple[str, ReleasedRow]]:
    """A period's spend by locality for each category, supplier kind or size, named in words and released
    as one table (so that no group's figure can be worked out from the others and the totals)."""
    found = by_locality(programme, [period], group)
    names = {"supplier_kind": kind_labels()}.get(group, {})
    ordered = sorted(found, key=lambda label: str(label or ""))
    rows = [ShareRow(label, found[label][0].amounts, found[label][0].lines) for label in ordered]
    result = []
    for row in released(rows, rule):
        if group == "supplier_size":
            name = size_label(row.label or "")
        elif group == "supplier_kind":
            name = names.get(row.label, "") or str(_("Not in the register"))
        else:
            name = row.label or str(_("Not given"))
        result.append((name, row))
    return result
