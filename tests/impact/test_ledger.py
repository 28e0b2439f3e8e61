"""The outcome ledger is append-only at the SQL level; corrections are new entries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from assetlink.impact.models import Correction, Outcome, OutcomeType
from assetlink.impact.selectors import effective_outcomes
from assetlink.impact.services import append_outcome, correct_outcome
from assetlink.programmes.models import Role


@pytest.fixture
def outcome(world, admin):
    return append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.CONTRACT_WON,
        subject=world.organisation,
        occurred_on=datetime.date(2025, 5, 1),
        value=Decimal("12000"),
    )


def test_sql_update_is_refused(outcome):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE impact_outcome SET value = 1 WHERE id = %s", [outcome.pk])
    outcome.refresh_from_db()
    assert outcome.value == Decimal("12000")


def test_sql_delete_is_refused(outcome):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM impact_outcome WHERE id = %s", [outcome.pk])
    assert Outcome.objects.filter(pk=outcome.pk).exists()


def test_orm_save_and_delete_are_refused_too(outcome):
    outcome.value = Decimal("1")
    with pytest.raises(DatabaseError), transaction.atomic():
        outcome.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        Outcome.objects.filter(pk=outcome.pk).delete()


def test_amendment_supersedes_and_keeps_the_original(outcome, admin):
    amended = correct_outcome(
        actor=admin,
        outcome=outcome,
        kind=Correction.AMENDMENT,
        reason="Invoice said 15k",
        value=Decimal("15000"),
    )
    assert amended.corrects == outcome and amended.currency == "GBP"
    assert list(effective_outcomes(outcome.programme)) == [amended]
    assert Outcome.objects.count() == 2


def test_reversal_removes_the_entry_from_effective_figures(outcome, admin):
    correct_outcome(actor=admin, outcome=outcome, kind=Correction.REVERSAL, reason="Recorded in error")
    assert not effective_outcomes(outcome.programme).exists()
    with pytest.raises(ValidationError):
        correct_outcome(actor=admin, outcome=outcome, kind=Correction.REVERSAL, reason="Again")


def test_correction_needs_a_reason_and_the_right_role(outcome, world):
    with pytest.raises(ValidationError) as error:
        correct_outcome(
            actor=world.user(Role.PROGRAMME_ADMIN), outcome=outcome, kind=Correction.REVERSAL, reason=" "
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        correct_outcome(
            actor=world.user(Role.PARTNER_STAFF), outcome=outcome, kind=Correction.REVERSAL, reason="x"
        )


def test_unknown_entry_type_is_refused(world, admin):
    with pytest.raises(ValidationError):
        append_outcome(
            actor=admin,
            programme=world.programme,
            entry_type="made.up",
            subject=world.organisation,
            occurred_on=datetime.date(2025, 5, 1),
        )


def test_the_ledger_knows_other_grounds_for_recording_only_through_its_registry():
    """impact imports no app above it: people adds 'a caseworker the person shares with', journeys adds
    'accepted a referral of the person', each in its ready()."""
    from pathlib import Path

    from assetlink.impact import rules as impact_rules
    from assetlink.journeys.rules import received_a_referral_of
    from assetlink.people.rules import shares_with_users_organisation

    assert impact_rules._recording_grounds == [shares_with_users_organisation, received_a_referral_of]
    source = Path(impact_rules.__file__).read_text()
    assert "assetlink.journeys" not in source
    assert "assetlink.people" not in source
