"""Benchmark: importing 1 million spend lines through the one pipeline (every row checked, every supplier
linked to a register of 2,000 organisations, every line located by postcode) on PostgreSQL, against a
baseline measured in the same run: the same rows inserted with bulk_create and nothing checked, linked or
located. Reports the time of each, their ratio, and the import's peak memory. Run by `make bench`
(`BENCH_SPEND_LINES` changes the size); everything is rolled back after the run."""

from __future__ import annotations

import datetime
import io
import json
import os
import random
import resource
import time
from decimal import Decimal
from pathlib import Path

import pytest

from assetlink.accounts.models import User
from assetlink.exchange.pipeline import run_import
from assetlink.organisations.models import Listing, Organisation
from assetlink.places.models import Area, PostcodeArea
from assetlink.programmes.models import Membership, Partner, Programme, Role
from assetlink.spend import services
from assetlink.spend.models import Locality, SpendLine, Supplier

ROOT = Path(__file__).resolve().parents[2]
LINES = int(os.environ.get("BENCH_SPEND_LINES", "1000000"))
REGISTERED = 2_000
SUPPLIERS = 6_000  # distinct names in the file: a third registered, some misspelt, the rest national
HEADER = "buyer,supplier,registration_number,postcode,amount,currency,paid_on,category,reference\n"

pytestmark = [pytest.mark.django_db]


def _world() -> tuple[Programme, User, Organisation, list[tuple[str, str, str]]]:
    programme = Programme.objects.create(
        slug="bench-spend",
        name="Bench spend",
        city="Birmingham",
        country="GB",
        languages=["en"],
        currency="GBP",
        starts_on=datetime.date(2023, 4, 1),
    )
    admin = User.objects.create_user("bench-spend@example.org", "a-long-bench-password")
    Membership.objects.create(programme=programme, user=admin, role=Role.PROGRAMME_ADMIN)
    trust = Organisation.objects.create(name="Bench Hospital Trust", kind="anchor_institution", country="GB")
    Partner.objects.create(
        programme=programme, organisation=trust, role="anchor", joined_on=programme.starts_on
    )
    rng = random.Random(2026)
    districts = [f"B{number}" for number in range(1, 80)]
    areas = []
    for index, district in enumerate(districts):
        area = Area.objects.create(programme=programme, code=f"BENCH{index:04d}", name=f"Area {district}")
        PostcodeArea.objects.create(programme=programme, postcode=f"{district}1", area=area)
        areas.append(area)
    suppliers = []
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench Supplier {index} Ltd",
            kind=rng.choice(("sme", "social_enterprise", "cooperative")),
            country="GB",
            registration_number=f"{10_000_000 + index}",
            employees=rng.choice((3, 12, 40, 120, 400)),
        )
        for index in range(REGISTERED)
    )
    Listing.objects.bulk_create(Listing(programme=programme, organisation=org) for org in organisations)
    for index in range(SUPPLIERS):
        postcode = f"{rng.choice(districts)} {rng.randrange(1, 10)}AB"
        if index < REGISTERED:
            suppliers.append((f"Bench Supplier {index} Limited", f"{10_000_000 + index}", postcode))
        elif index < REGISTERED + 100:
            suppliers.append((f"Bench Suplier {index - REGISTERED} Ltd", "", postcode))  # for review
        else:
            far = rng.choice(("EC1A 1BB", "M1 1AE", "LS1 4AP", "CV1 2BB", ""))
            suppliers.append((f"National Firm {index} plc", f"{80_000_000 + index}", far))
    services.save_local_area(
        actor=admin, programme=programme, areas=areas[:20], districts=districts[:30], region=["B", "CV"]
    )
    return programme, admin, trust, suppliers


def _file(trust: Organisation, suppliers: list[tuple[str, str, str]]) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    out.write(HEADER)
    start = datetime.date(2023, 4, 1)
    for number in range(LINES):
        name, company, postcode = suppliers[rng.randrange(len(suppliers))]
        day = start + datetime.timedelta(days=rng.randrange(0, 1300))
        amount = f"{rng.lognormvariate(7.5, 1.2):.2f}"
        out.write(
            f"{trust.name},{name},{company},{postcode},{amount},GBP,{day},Supplies,BENCH-{number:08d}\n"
        )
    return out.getvalue().encode()


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_importing_a_million_spend_lines():
    programme, admin, trust, suppliers = _world()
    data = _file(trust, suppliers)
    memory_before = _peak_mib()
    started = time.perf_counter()
    result = run_import(
        actor=admin, programme=programme, kind="spend_lines", data=data, file_name="spend.csv", commit=True
    )
    imported = time.perf_counter() - started
    memory_after = _peak_mib()
    assert result.errors == [], result.errors[:5]
    assert SpendLine.objects.filter(programme=programme).count() == LINES
    placed = {
        locality: SpendLine.objects.filter(programme=programme, locality=locality).count()
        for locality in Locality
    }
    links = {
        status: Supplier.objects.filter(programme=programme, status=status).count()
        for status in ("by_number", "by_name", "review", "unregistered")
    }
    # Baseline: the same rows written with no check, link or location.
    supplier = Supplier.objects.filter(programme=programme).first()
    SpendLine.objects.filter(programme=programme).delete()
    rows = data.decode().splitlines()[1:]
    started = time.perf_counter()
    batch = []
    for row in rows:
        cells = row.split(",")
        batch.append(
            SpendLine(
                programme=programme,
                buyer=trust,
                supplier=supplier,
                reference=cells[8],
                paid_on=datetime.date.fromisoformat(cells[6]),
                amount=Decimal(cells[4]),
                category=cells[7],
                postcode=cells[3],
                locality="unknown",
            )
        )
        if len(batch) == 5000:
            SpendLine.objects.bulk_create(batch)
            batch = []
    SpendLine.objects.bulk_create(batch)
    baseline = time.perf_counter() - started
    report = {
        "lines": LINES,
        "import_seconds": round(imported, 1),
        "baseline_bulk_insert_seconds": round(baseline, 1),
        "ratio_to_baseline": round(imported / baseline, 2),
        "lines_per_second": round(LINES / imported),
        "peak_memory_mib": round(memory_after),
        "peak_memory_growth_mib": round(memory_after - memory_before),
        "file_mib": round(len(data) / 2**20, 1),
        "localities": {str(key): value for key, value in placed.items()},
        "supplier_links": links,
    }
    print(json.dumps(report, indent=2))
