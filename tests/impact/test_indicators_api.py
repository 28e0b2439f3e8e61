"""The indicators API: definitions validated with the field and reason, values under the caller's
disclosure rule, targets, snapshots with revisions, and the public aggregates."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client

from assetlink.accounts.services import create_api_token
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome, correct_outcome
from assetlink.programmes.models import Role

pytestmark = pytest.mark.django_db


SECRETS: dict[int, str] = {}


def call(user, method, path, body=None):
    if user.pk not in SECRETS:
        SECRETS[user.pk] = create_api_token(actor=user, name="test")[1]
    secret = SECRETS[user.pk]
    response = Client().generic(
        method,
        f"/api/v1{path}",
        data=json.dumps(body or {}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    return response.status_code, response.json() if response.content else None


def test_define_set_a_target_read_values_and_freeze_through_the_api(world, admin):
    SECRETS.clear()
    base = f"/programmes/{world.programme.slug}"
    status, body = call(
        admin,
        "PUT",
        f"{base}/indicators/contracts",
        {"name": "Contracts", "measure": "value", "entry_types": ["job.started"]},
    )
    assert status == 422 and "carry money" in str(body)
    status, body = call(
        admin,
        "PUT",
        f"{base}/indicators/contracts",
        {"name": "Contracts", "measure": "entries", "entry_types": ["contract.won"]},
    )
    assert status == 200 and body["unit"] == "count"
    status, body = call(
        admin,
        "PUT",
        f"{base}/indicators/contracts/targets",
        {"period_kind": "quarter", "period_start": "2025-02-01", "value": 10},
    )
    assert status == 422 and "does not start" in str(body)
    status, _body = call(
        admin,
        "PUT",
        f"{base}/indicators/contracts/targets",
        {"period_kind": "quarter", "period_start": "2025-01-01", "value": 10},
    )
    assert status == 200
    entries = [
        append_outcome(
            actor=admin,
            programme=world.programme,
            entry_type=OutcomeType.CONTRACT_WON,
            subject=world.organisation,
            occurred_on=datetime.date(2025, 2, day),
            value=Decimal(50),
        )
        for day in range(1, 10)
    ]
    status, body = call(admin, "GET", f"{base}/indicators/contracts/values?period=quarter&count=100")
    first = next(p for p in body["periods"] if p["key"] == "quarter:2025-01-01")
    assert (
        first["value"] == {"value": 9.0, "hidden": ""}
        and first["target"] == "10.00"
        and first["status"] == "behind"
    )
    status, body = call(
        world.user(Role.PARTNER_STAFF), "GET", f"{base}/indicators/contracts/values?period=quarter&count=100"
    )
    assert body["hidden_up_to"] == 7 and body["to_date"]["value"] == 9.0  # 9 is above the threshold
    status, frozen = call(admin, "POST", f"{base}/snapshots", {"period": "quarter:2025-01-01"})
    assert status == 201 and frozen["version"] == 1
    correct_outcome(actor=admin, outcome=entries[0], kind="reversal", reason="Duplicate")
    correct_outcome(actor=admin, outcome=entries[1], kind="reversal", reason="Duplicate")
    status, detail = call(world.user(Role.PARTNER_STAFF), "GET", f"{base}/snapshots/{frozen['id']}")
    row = detail["rows"][0]
    assert row["value"] == {"value": 9.0, "hidden": ""}
    assert row["revised"] == {"value": None, "hidden": "small"}  # 7 now: hidden outside the team
    status, detail = call(admin, "GET", f"{base}/snapshots/{frozen['id']}")
    assert detail["rows"][0]["revised"] == {"value": 7.0, "hidden": ""}
    status, rows = call(world.user(Role.PARTICIPANT), "GET", f"{base}/public-results")
    assert status == 200 and isinstance(rows, list)
    assert call(world.user(Role.PARTICIPANT), "GET", f"{base}/indicators")[0] == 403
