"""The local spend API: spend by locality under the caller's disclosure rule, and LM3 studies step by step."""

import datetime
from decimal import Decimal

import pytest

from assetlink.programmes.models import Role
from assetlink.spend import services
from tests.http import api
from tests.spend.spend_files import HEADER, line, run

pytestmark = pytest.mark.django_db


def test_spend_by_locality_hides_small_figures_outside_the_programme_team(spend_world, admin, other_world):
    w = spend_world
    w.programme.counts_hidden_up_to = 3
    w.programme.save()
    local = [
        line(w, "Greenway Cleaning CIC", "100.00", paid_on="2026-01-15", reference=f"G{n}") for n in range(5)
    ]
    far = [line(w, "Far Ltd", "900.00", paid_on="2026-02-15", reference="F1", postcode="EC1A 1BB")]
    assert run(w, admin, HEADER + "".join(local + far)).errors == []
    path = f"/api/v1/programmes/{w.programme.slug}/spend/by-locality?period=quarter"
    team = {row["key"]: row for row in api(admin, "GET", path).json()}["quarter:2026-01-01"]
    assert team["local"]["value"] == 500 and team["elsewhere"]["value"] == 900
    assert team["local_share"]["value"] == pytest.approx(500 / 1400)
    staff = {row["key"]: row for row in api(w.user(Role.PARTNER_STAFF), "GET", path).json()}[
        "quarter:2026-01-01"
    ]
    assert staff["elsewhere"] == {"value": None, "hidden": "rate"}  # one payment: one supplier's figure
    # With the total shown, another figure is hidden too, or the payment could be worked out.
    assert sum(staff[name]["value"] is None for name in ("local", "region", "unknown", "total")) >= 1
    for outsider in (w.user(Role.ENTERPRISE_MEMBER), w.user(Role.PARTICIPANT)):
        assert api(outsider, "GET", path).status_code == 403
    assert api(other_world.user(Role.PROGRAMME_ADMIN), "GET", path).status_code == 404


def test_lm3_studies_give_every_step(spend_world, admin):
    w = spend_world
    assert (
        run(
            w,
            admin,
            HEADER + line(w, "Greenway Cleaning CIC", "1000.00", paid_on="2025-06-01", reference="S1"),
        ).errors
        == []
    )
    study = services.save_study(
        actor=admin,
        programme=w.programme,
        buyer=w.buyer,
        title="LM3",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2026, 3, 31),
        total_wages=Decimal(1000),
        local_wages=Decimal(500),
        employee_local_share=Decimal("0.5"),
    )
    services.submit_return(
        actor=admin,
        study=study,
        organisation=w.cleaner,
        total_costs=Decimal(100),
        local_staff=Decimal(20),
        local_suppliers=Decimal(20),
    )
    (found,) = api(admin, "GET", f"/api/v1/programmes/{w.programme.slug}/spend/lm3").json()
    # R1 2,000; R2 1,000 + 500; R3 0.4 × 1,000 + 0.5 × 500 = 650; LM3 = 4,150 / 2,000.
    assert Decimal(found["r1"]) == 2000 and Decimal(found["supplier_rate"]) == Decimal("0.4")
    assert Decimal(found["lm3"]) == Decimal("2.075") and Decimal(found["returns_cover"]) == 1
