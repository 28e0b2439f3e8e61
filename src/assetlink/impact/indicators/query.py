"""One query builder for indicator values over the effective ledger: plain SQL, the same on PostgreSQL and
SQLite, grouped by period bucket and optionally by decile, area, work package or recording partner."""

# ruff: noqa: S608 - only table names and this module's fixed fragments are put into the SQL text; every
# value a user or an indicator definition gives travels as a query parameter.
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from assetlink.engine.periods import Period
from assetlink.impact.models import Measure, Outcome
from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import Organisation
from assetlink.people.models import Person
from assetlink.places.models import Area
from assetlink.programmes.models import WorkPackage


# The entries of one programme that count today, as figures.py and docs/impact.md define them; the
# builder narrows them at once to the entry types a definition reads, so that an index on
# (programme, entry_type, occurred_on) serves each indicator.
def _effective(sql: _Sql, types: Sequence[str], through: int | None = None) -> str:
    """`through` reads the ledger as it stood when its last entry was that id (for summaries)."""
    upto = f"AND o.id <= {sql.param(through)}" if through is not None else ""
    later_upto = f"AND later.id <= {sql.param(through)}" if through is not None else ""
    return f"""effective AS (
    SELECT o.* FROM {Outcome._meta.db_table} o
    WHERE o.programme_id = %(programme)s {upto}
      AND o.entry_type IN ({sql.values(sorted(set(types)))})
      AND o.correction <> 'reversal'
      AND NOT EXISTS (
          SELECT 1 FROM {Outcome._meta.db_table} later WHERE later.corrects_id = o.id {later_upto}
      )
)"""


def _types_read(definition: Definition) -> list[str]:
    return [*definition.entry_types, *definition.subject_has, *definition.subject_lacks]


# Attributes of the record an entry is related to, as SQL over `e` per related type. Apps above the ledger
# add theirs in AppConfig.ready (journeys: a referral's opportunity, a cohort's kind of support).
_related_attributes: dict[str, dict[str, str]] = {
    "opportunity": {"opportunities.opportunity": "CAST(e.related_id AS INTEGER)"},
    "support_kind": {},
}


def add_related_attribute(attribute: str, related_type: str, sql: str) -> None:
    """Let filters read `attribute` of entries related to `related_type`; `sql` is an expression over `e`."""
    _related_attributes.setdefault(attribute, {})[related_type] = sql


def knows_related_attribute(attribute: str) -> bool:
    return bool(_related_attributes.get(attribute))


def _related(attribute: str) -> str:
    cases = " ".join(
        f"WHEN e.related_type = '{related_type}' THEN {sql}"
        for related_type, sql in sorted(_related_attributes[attribute].items())
    )
    return f"(CASE {cases} END)" if cases else "NULL"


# Filters an indicator may use; each names the SQL expression it compares.
FILTERS = {
    "work_package": "wp.code",
    "recording_organisation": "e.recording_organisation_id",
    "subject_kind": "e.subject_type",
    "investment": "opp.investment_id",
    "opportunity_kind": "opp.kind",
    "support_kind": "__support_kind__",
    "decile": "area.deprivation_decile",
    "area": "area.code",
}
GROUPS = {
    "": "0",
    "decile": "area.deprivation_decile",
    "area": "area.id",
    "work_package": "e.work_package_id",
    "recording_organisation": "e.recording_organisation_id",
}


@dataclass(frozen=True)
class Definition:
    """What an indicator counts, independent of where it is stored."""

    measure: str
    entry_types: Sequence[str]
    filters: dict[str, Any] = field(default_factory=dict)
    subject_has: Sequence[str] = ()
    subject_lacks: Sequence[str] = ()


@dataclass(frozen=True)
class Scope:
    """A dashboard's narrowing: one work package, one recording partner or one area."""

    work_package_id: int | None = None
    recording_organisation_id: int | None = None
    area_id: int | None = None


WHOLE = Scope()


@dataclass
class Bucket:
    """One group's figures in one period: the measure, and how many entries lie behind it."""

    value: Decimal = Decimal(0)
    entries: int = 0


class _Sql:
    def __init__(self, programme_id: int) -> None:
        self.params: dict[str, Any] = {"programme": programme_id}

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    def values(self, values: Sequence[Any]) -> str:
        return ", ".join(self.param(value) for value in values)


def _condition(sql: _Sql, name: str, values: Any) -> tuple[str, set[str]]:
    """The WHERE clause of one filter and the joins it needs."""
    negate = name.startswith("not_")
    key = name.removeprefix("not_")
    if key not in FILTERS:
        raise ValueError(_("Unknown filter “%(name)s”.") % {"name": name})
    column = FILTERS[key] if key != "support_kind" else _related("support_kind")
    joins = {prefix for prefix in ("wp", "opp", "area") if column.startswith(prefix + ".")}
    if not isinstance(values, list) or not values:
        raise ValueError(_("The filter “%(name)s” needs a list of values.") % {"name": name})
    if values == ["*"]:
        return (f"{column} IS NULL" if negate else f"{column} IS NOT NULL"), joins
    clause = f"{column} IN ({sql.values(values)})"
    return (f"NOT ({clause})" if negate else clause), joins


def _entries(definition: Definition, sql: _Sql, scope: Scope, group: str) -> str:
    """The CTE `entries`: the effective entries counted, with their subject, related and group keys."""
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}")
    conditions = [f"e.entry_type IN ({sql.values(list(definition.entry_types))})"]
    joins: set[str] = set()
    for name, values in sorted(definition.filters.items()):
        clause, needed = _condition(sql, name, values)
        conditions.append(clause)
        joins |= needed
    for types, exists in ((definition.subject_has, "EXISTS"), (definition.subject_lacks, "NOT EXISTS")):
        if types:
            conditions.append(
                f"{exists} (SELECT 1 FROM effective other WHERE other.subject_type = e.subject_type "
                f"AND other.subject_id = e.subject_id AND other.entry_type IN ({sql.values(list(types))}))"
            )
    if scope.work_package_id is not None:
        conditions.append(f"e.work_package_id = {sql.param(scope.work_package_id)}")
    if scope.recording_organisation_id is not None:
        conditions.append(f"e.recording_organisation_id = {sql.param(scope.recording_organisation_id)}")
    if scope.area_id is not None:
        conditions.append(f"area.id = {sql.param(scope.area_id)}")
        joins.add("area")
    if group in ("decile", "area"):
        joins.add("area")
    join_sql = []
    if "wp" in joins:
        join_sql.append(f"LEFT JOIN {WorkPackage._meta.db_table} wp ON wp.id = e.work_package_id")
    if "opp" in joins:
        join_sql.append(f"LEFT JOIN {Opportunity._meta.db_table} opp ON opp.id = {_related('opportunity')}")
    if "area" in joins:
        join_sql.append(
            f"LEFT JOIN {Person._meta.db_table} sp ON e.subject_type = 'people.person' "
            f"AND sp.id = CAST(e.subject_id AS INTEGER)\n"
            f"LEFT JOIN {Organisation._meta.db_table} so ON e.subject_type = 'organisations.organisation' "
            f"AND so.id = CAST(e.subject_id AS INTEGER)\n"
            f"LEFT JOIN {Area._meta.db_table} area ON area.id = COALESCE(sp.area_id, so.area_id)"
        )
    joined = "\n".join(join_sql)
    where = "\n  AND ".join(conditions)
    return f"""entries AS (
SELECT e.id, e.occurred_on, e.value, e.quantity,
       e.subject_type || ':' || e.subject_id AS subject_key,
       e.related_type || ':' || e.related_id AS related_key,
       {GROUPS[group]} AS grp
FROM effective e
{joined}
WHERE {where}
)"""


# What each measure aggregates over the `entries` CTE, and the key a distinct count counts.
MEASURES = {
    Measure.ENTRIES: "COUNT(*)",
    Measure.SUBJECTS: "COUNT(DISTINCT subject_key)",
    Measure.RELATED: "COUNT(DISTINCT related_key)",
    Measure.VALUE: "COALESCE(SUM(value), 0)",
    Measure.QUANTITY: "COALESCE(SUM(quantity), 0)",
}
DISTINCT_KEYS = {Measure.SUBJECTS: "subject_key", Measure.RELATED: "related_key"}


def _bucket(sql: _Sql, periods: Sequence[Period], column: str) -> str:
    """Which period a date falls in: -1 before the first, then 0, 1, ...; dates after the last are cut."""
    cases = [f"WHEN {column} < {sql.param(periods[0].start)} THEN -1"]
    cases += [
        f"WHEN {column} <= {sql.param(period.end)} THEN {index}" for index, period in enumerate(periods)
    ]
    return f"CASE {' '.join(cases)} END"


def build(
    definition: Definition,
    programme_id: int,
    periods: Sequence[Period],
    *,
    scope: Scope = WHOLE,
    group: str = "",
    first_time_only: bool = False,
) -> tuple[str, dict[str, Any]]:
    """SQL giving (bucket, group, measure, entries) rows; bucket -1 holds what came before the periods.

    With `first_time_only`, a distinct measure counts each subject (or related record) in the period of
    its first entry, so that the buckets add up to a running total.
    """
    if not periods:
        raise ValueError("at least one period is needed")
    sql = _Sql(programme_id)
    entries = _entries(definition, sql, scope, group)
    last = sql.param(periods[-1].end)
    key = DISTINCT_KEYS.get(Measure(definition.measure))
    if key and first_time_only:
        select = f"""SELECT {_bucket(sql, periods, "first_on")} AS bucket, grp, COUNT(*), COUNT(*)
FROM (SELECT {key} AS item, grp, MIN(occurred_on) AS first_on FROM entries GROUP BY {key}, grp) firsts
WHERE first_on <= {last}
GROUP BY 1, grp"""
    else:
        measure = MEASURES[Measure(definition.measure)]
        select = f"""SELECT {_bucket(sql, periods, "occurred_on")} AS bucket, grp, {measure}, COUNT(*)
FROM entries
WHERE occurred_on <= {last}
GROUP BY 1, grp"""
    return f"WITH {_effective(sql, _types_read(definition))},\n{entries}\n{select}", sql.params


def run(
    definition: Definition,
    programme_id: int,
    periods: Sequence[Period],
    *,
    scope: Scope = WHOLE,
    group: str = "",
    first_time_only: bool = False,
) -> dict[tuple[int, Any], Bucket]:
    """(bucket, group) → the measure and its entry count."""
    query, params = build(
        definition, programme_id, periods, scope=scope, group=group, first_time_only=first_time_only
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    return {(bucket, grp): Bucket(Decimal(str(value or 0)), entries) for bucket, grp, value, entries in rows}


def behind(definition: Definition, programme_id: int, scope: Scope) -> RawSQL:
    """The ids of the effective entries an indicator counts, as a subquery for `pk__in`."""
    sql = _Sql(programme_id)
    entries = _entries(definition, sql, scope, "")
    named = f"WITH {_effective(sql, _types_read(definition))},\n{entries}\nSELECT id FROM entries"
    # RawSQL takes positional parameters: put them in the order the names appear.
    order = re.findall(r"%\((\w+)\)s", named)
    return RawSQL(  # noqa: S611 - every value is a parameter
        re.sub(r"%\((\w+)\)s", "%s", named), [sql.params[name] for name in order]
    )


def month_of(column: str) -> str:
    """SQL for the first day of the month of a date column, on PostgreSQL or SQLite."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"strftime('%%Y-%%m-01', {column})"


def monthly(
    definition: Definition, programme_id: int, *, first_time_only: bool, through: int
) -> tuple[str, dict[str, Any]]:
    """SQL giving (month, area id, entries, measure) of the ledger as it stood at entry `through`: the
    rows of an indicator's monthly summary. A distinct count counts each subject in its first month."""
    sql = _Sql(programme_id)
    effective = _effective(sql, _types_read(definition), through)
    entries = _entries(definition, sql, WHOLE, "area")
    key = DISTINCT_KEYS.get(Measure(definition.measure))
    if key:
        if not first_time_only:
            raise ValueError("a distinct count per period has no additive monthly summary")
        select = f"""SELECT {month_of("first_on")}, grp, COUNT(*), COUNT(*)
FROM (SELECT {key} AS item, grp, MIN(occurred_on) AS first_on FROM entries GROUP BY {key}, grp) firsts
GROUP BY 1, grp"""
    else:
        measure = MEASURES[Measure(definition.measure)]
        select = f"SELECT {month_of('occurred_on')}, grp, COUNT(*), {measure} FROM entries GROUP BY 1, grp"
    return f"WITH {effective},\n{entries}\n{select}", sql.params
