"""Monthly summaries of indicators equal a recomputation from the ledger, whatever the ledger holds
(a hypothesis property test over random entries, reversals and amendments), and are used only while fresh."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetlink.engine.periods import PeriodKind
from assetlink.impact.indicators import facts
from assetlink.impact.indicators.query import run
from assetlink.impact.indicators.services import define_indicator
from assetlink.impact.indicators.values import definition_of, numerator_series, reporting_periods
from assetlink.impact.models import IndicatorFact, Measure, Outcome
from assetlink.impact.services import append_outcome
from assetlink.places.models import Area
from tests.factories import make_person

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)
TYPES = ["job.started", "person.trained", "volunteer.hours", "grant.won"]


def _clean(rows):
    return {
        key: (bucket.value, bucket.entries) for key, bucket in rows.items() if bucket.value or bucket.entries
    }


@pytest.fixture
def setting(world, admin):
    areas = [
        Area.objects.create(
            programme=world.programme, code=f"F{d}", name=f"F{d}", deprivation_decile=d, population=500
        )
        for d in (1, 5, 10)
    ]
    people = [make_person(world.programme, area=areas[i % 3]) for i in range(5)]
    people.append(make_person(world.programme))  # no area
    common = {"actor": admin, "programme": world.programme}
    indicators = [
        define_indicator(
            **common, code="starts", name="Starts", measure=Measure.ENTRIES, entry_types=["job.started"]
        ),
        define_indicator(
            **common, code="starters", name="Starters", measure=Measure.SUBJECTS, entry_types=["job.started"]
        ),
        define_indicator(
            **common,
            code="trained_then_started",
            name="T",
            measure=Measure.SUBJECTS,
            entry_types=["job.started"],
            subject_has=["person.trained"],
        ),
        define_indicator(
            **common, code="hours", name="Hours", measure=Measure.QUANTITY, entry_types=["volunteer.hours"]
        ),
        define_indicator(
            **common, code="grants", name="Grants", measure=Measure.VALUE, entry_types=["grant.won"]
        ),
        define_indicator(
            **common,
            code="poor_starts",
            name="P",
            measure=Measure.ENTRIES,
            entry_types=["job.started"],
            filters={"decile": [1]},
        ),
    ]
    return world, people, indicators


entries = st.lists(
    st.tuples(st.sampled_from(TYPES), st.integers(0, 5), st.integers(0, 700), st.integers(1, 9)),
    max_size=30,
)


def test_summaries_equal_a_recomputation_from_the_ledger(setting):
    world, people, indicators = setting
    programme = world.programme

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        entries,
        st.lists(st.tuples(st.integers(0, 29), st.booleans()), max_size=6),
        st.sampled_from([PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.FINANCIAL_YEAR]),
    )
    def check(rows, corrections, kind):
        with transaction.atomic():
            created = Outcome.objects.bulk_create(
                Outcome(
                    programme=programme,
                    entry_type=entry_type,
                    subject_type="organisations.organisation"
                    if entry_type == "grant.won"
                    else "people.person",
                    subject_id=str(world.organisation.pk if entry_type == "grant.won" else people[who].pk),
                    occurred_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
                    value=Decimal(amount * 100) if entry_type == "grant.won" else None,
                    currency="GBP" if entry_type == "grant.won" else "",
                    quantity=Decimal(amount) if entry_type == "volunteer.hours" else None,
                )
                for entry_type, who, day, amount in rows
            )
            corrected = set()
            for index, reverse in corrections:
                if index < len(created) and index not in corrected:
                    corrected.add(index)
                    old = created[index]
                    Outcome.objects.create(
                        programme=programme,
                        entry_type=old.entry_type,
                        subject_type=old.subject_type,
                        subject_id=old.subject_id,
                        occurred_on=old.occurred_on + datetime.timedelta(days=40),
                        value=old.value,
                        currency=old.currency,
                        quantity=old.quantity,
                        corrects=old,
                        correction="reversal" if reverse else "amendment",
                        reason="property test",
                    )
            periods = reporting_periods(programme, kind, count=8, today=TODAY)
            for indicator in indicators:
                definition = definition_of(indicator)
                facts.refresh(indicator, definition)
                assert facts.is_fresh(indicator, definition)
                first_time = indicator.measure == Measure.SUBJECTS
                for group in ("", "decile", "area"):
                    live = run(definition, programme.pk, periods, group=group, first_time_only=first_time)
                    summary = facts.read(indicator, periods, group)
                    assert _clean(summary) == _clean(live), (indicator.code, group, kind)
            transaction.set_rollback(True)

    check()


def test_a_summary_is_used_only_while_fresh(setting):
    world, people, indicators = setting
    starts = indicators[0]
    periods = reporting_periods(world.programme, PeriodKind.QUARTER, count=4, today=TODAY)
    facts.refresh(starts, definition_of(starts))
    assert facts.is_fresh(starts, definition_of(starts))
    # Tamper with the summary: while fresh, the dashboard reads it...
    IndicatorFact.objects.filter(indicator=starts).update(entries=999)
    append_outcome(
        actor=world.user("programme_admin"),
        programme=world.programme,
        entry_type="job.started",
        subject=people[0],
        occurred_on=datetime.date(2026, 11, 2),
    )
    # ...but a new ledger entry makes it stale, and the figures come from the ledger again.
    assert not facts.is_fresh(starts, definition_of(starts))
    assert numerator_series(starts, periods)[""].per_period[-1] == 1
    assert facts.refresh_programme(world.programme.pk) >= 1
    assert numerator_series(starts, periods)[""].per_period[-1] == 1
