"""Benchmark: a programme dashboard (every indicator, 12 monthly periods, equity by decile) over a ledger of
10 million rows on PostgreSQL, against the naive GROUP BY of the raw ledger in the same run: straight from
the ledger, and from the indicators' monthly summaries (tests/impact/test_facts.py proves them equal).

The ledger is bulk-inserted with SQL (not through services): 100,000 people in 2,000 areas, three years of
entries of eight types, 1 % of them later reversed and 0.5 % amended. Run by `make bench` (`BENCH_ROWS`
changes the size); building the ledger takes a few minutes and is rolled back after the run."""

from __future__ import annotations

import datetime
import json
import os
import statistics
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from assetlink.engine.disclosure import NO_CONTROL
from assetlink.engine.periods import PeriodKind
from assetlink.impact.indicators.dashboards import dashboard, equity_of, indicator_row
from assetlink.impact.indicators.facts import refresh_programme
from assetlink.impact.indicators.query import WHOLE
from assetlink.impact.indicators.services import define_indicator
from assetlink.impact.indicators.values import reporting_periods
from assetlink.impact.models import Denominator, Indicator, Measure
from assetlink.people.models import Person
from assetlink.places.models import Area
from assetlink.programmes.models import Programme

ROOT = Path(__file__).resolve().parents[2]
ROWS = int(os.environ.get("BENCH_ROWS", "10000000"))
PEOPLE = 100_000
AREAS = 2_000
TODAY = datetime.date(2026, 12, 31)
# Entry types by share of the ledger (per 100 rows).
MIX = [
    ("person.engaged", 30),
    ("person.trained", 25),
    ("person.referred", 15),
    ("job.applied", 12),
    ("job.started", 8),
    ("credential.gained", 6),
    ("volunteer.hours", 3),
    ("grant.won", 1),
]

pytestmark = [pytest.mark.django_db]


def _programme() -> Programme:
    programme, _created = Programme.objects.get_or_create(
        slug="bench-10m",
        defaults={
            "name": "Bench",
            "city": "Bench",
            "country": "GB",
            "currency": "GBP",
            "starts_on": datetime.date(2024, 1, 1),
            "ends_on": TODAY,
            "financial_year_starts": 4,
        },
    )
    return programme


def _build(programme: Programme) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM impact_outcome WHERE programme_id = %s", [programme.pk])
        if cursor.fetchone()[0] >= ROWS:
            return
        started = time.perf_counter()
        # Areas and people through the ORM (field defaults, encrypted fields); the ledger through SQL.
        areas = Area.objects.bulk_create(
            Area(
                programme=programme,
                code=f"B{i}",
                name=f"Area {i}",
                population=1000 + (i * 37) % 900,
                deprivation_rank=i,
                deprivation_decile=1 + ((i - 1) * 10) // AREAS,
                source="bench",
            )
            for i in range(1, AREAS + 1)
        )
        Person.objects.bulk_create(
            (
                Person(programme=programme, reference=f"B{i}", area_id=areas[(i * 7) % AREAS].pk)
                for i in range(1, PEOPLE + 1)
            ),
            batch_size=5000,
        )
        cursor.execute("SELECT MIN(id) FROM people_person WHERE programme_id = %s", [programme.pk])
        first_person = cursor.fetchone()[0]
        cases = []
        low = 0
        for entry_type, share in MIX:
            cases.append(f"WHEN i %% 100 < {low + share} THEN '{entry_type}'")
            low += share
        cursor.execute(
            f"""INSERT INTO impact_outcome (programme_id, entry_type, subject_type, subject_id, occurred_on,
                   value, currency, quantity, data, evidence, evidence_file, work_package_id,
                   recording_organisation_id, related_type, related_id, recorded_by_id, recorded_at,
                   corrects_id, correction, reason)
               SELECT %s, CASE {" ".join(cases)} END, 'people.person',
                      (%s + (i::bigint * 7919) %% %s)::text, DATE '2024-01-01' + (i %% 1095),
                      CASE WHEN i %% 100 >= 99 THEN 1000 + (i %% 50) * 100 END,
                      CASE WHEN i %% 100 >= 99 THEN 'GBP' ELSE '' END,
                      CASE WHEN i %% 100 BETWEEN 96 AND 98 THEN 1 + i %% 8 END,
                      '{{}}'::jsonb, '', '', NULL, NULL, '', '', NULL, now(), NULL, '', ''
               FROM generate_series(1, %s) i""",
            [programme.pk, first_person, PEOPLE, ROWS],
        )
        cursor.execute("SELECT MIN(id), MAX(id) FROM impact_outcome WHERE programme_id = %s", [programme.pk])
        first, last = cursor.fetchone()
        # 1 % reversed and 0.5 % amended (each correction points at a different earlier entry).
        cursor.execute(
            """INSERT INTO impact_outcome (programme_id, entry_type, subject_type, subject_id, occurred_on,
                   value, currency, quantity, data, evidence, evidence_file, work_package_id,
                   recording_organisation_id, related_type, related_id, recorded_by_id, recorded_at,
                   corrects_id, correction, reason)
               SELECT o.programme_id, o.entry_type, o.subject_type, o.subject_id, o.occurred_on, o.value,
                      o.currency, o.quantity, '{}'::jsonb, '', '', NULL, NULL, '', '', NULL, now(), o.id,
                      CASE WHEN (o.id - %s) %% 200 = 0 THEN 'amendment' ELSE 'reversal' END, 'bench'
               FROM impact_outcome o
               WHERE o.programme_id = %s AND o.id BETWEEN %s AND %s AND (o.id - %s) %% 100 IN (0, 50)
                 AND o.corrects_id IS NULL""",
            [first, programme.pk, first, last, first],
        )
        cursor.execute("ANALYZE impact_outcome")
        cursor.execute("ANALYZE people_person")
        cursor.execute("ANALYZE places_area")
        print(f"\nbuilt {ROWS:,} ledger rows in {time.perf_counter() - started:.0f} s")


def _indicators(programme: Programme) -> None:
    if Indicator.objects.filter(programme=programme).exists():
        return
    common = {"actor": None, "programme": programme}
    define_indicator(
        **common,
        code="engaged",
        name="People engaged",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
    )
    define_indicator(
        **common, code="trained", name="Trainings", measure=Measure.ENTRIES, entry_types=["person.trained"]
    )
    define_indicator(
        **common, code="started", name="Job starts", measure=Measure.SUBJECTS, entry_types=["job.started"]
    )
    define_indicator(
        **common,
        code="started_after_referral",
        name="Started after a referral",
        measure=Measure.SUBJECTS,
        entry_types=["job.started"],
        subject_has=["person.referred"],
    )
    define_indicator(**common, code="grants", name="Grants", measure=Measure.VALUE, entry_types=["grant.won"])
    define_indicator(
        **common,
        code="hours",
        name="Volunteer hours",
        measure=Measure.QUANTITY,
        entry_types=["volunteer.hours"],
    )
    define_indicator(
        **common,
        code="engaged_deprived",
        name="Engaged, deciles 1-2",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
        filters={"decile": [1, 2]},
    )
    define_indicator(
        **common,
        code="engaged_per_1000",
        name="Engaged per 1,000",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
        denominator=Denominator.POPULATION,
        factor=Decimal(1000),
    )


def _naive() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry_type, date_trunc('month', occurred_on), COUNT(*), SUM(value) FROM impact_outcome "
            "GROUP BY 1, 2"
        )
        cursor.fetchall()


def _timed(work, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.fixture
def bench_database(django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("the 10-million-row benchmark runs on PostgreSQL (make bench sets BENCH_DATABASE_URL)")
    return None


def test_dashboard_over_ten_million_rows(bench_database):
    programme = _programme()
    _build(programme)
    _indicators(programme)
    programme = Programme.objects.get(pk=programme.pk)
    engaged = Indicator.objects.get(programme=programme, code="engaged")

    def board() -> None:
        dashboard(programme, NO_CONTROL, kind=PeriodKind.MONTH, count=12, today=TODAY)
        equity_of(engaged, NO_CONTROL, today=TODAY)

    naive = _timed(_naive)
    periods = reporting_periods(programme, PeriodKind.MONTH, count=12, today=TODAY)

    def per_indicator() -> dict[str, float]:
        timings = {
            indicator.code: round(
                _timed(lambda i=indicator: indicator_row(i, periods, WHOLE, NO_CONTROL, TODAY), 1), 3
            )
            for indicator in Indicator.objects.filter(programme=programme).select_related("programme")
        }
        timings["equity"] = round(_timed(lambda: equity_of(engaged, NO_CONTROL, today=TODAY), 1), 3)
        return timings

    # Straight from the ledger (no summaries yet), then from the monthly summaries.
    live = _timed(board, repeat=1)
    live_per_indicator = per_indicator()
    started = time.perf_counter()
    refresh_programme(programme.pk)
    summarising = time.perf_counter() - started
    measured = _timed(board)
    result = {
        "rows": ROWS,
        "indicators": Indicator.objects.filter(programme=programme).count(),
        "periods": 12,
        "dashboard_seconds": round(measured, 3),
        "naive_group_by_seconds": round(naive, 3),
        "ratio": round(measured / naive, 3),
        "dashboard_from_ledger_seconds": round(live, 3),
        "ratio_from_ledger": round(live / naive, 2),
        "summaries_refresh_seconds": round(summarising, 1),
        "seconds_per_indicator_from_ledger": live_per_indicator,
        "seconds_per_indicator_from_summaries": per_indicator(),
        "areas": Area.objects.filter(programme=programme).count(),
    }
    print("\n" + json.dumps(result, indent=1))
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    (ROOT / "var" / "bench" / "dashboard.json").write_text(json.dumps(result, indent=1))
