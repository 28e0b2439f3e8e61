"""Indicators over the effective ledger: validated definitions, values with corrections applied, the
dashboard under each viewer's disclosure rule, drill-down scoped by permission, snapshots and revisions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from assetlink.engine.periods import Period, PeriodKind
from assetlink.impact.indicators.dashboards import dashboard, equity_of
from assetlink.impact.indicators.services import (
    define_indicator,
    freeze_snapshot,
    revisions_since,
    set_target,
)
from assetlink.impact.indicators.values import numerator_series, to_date
from assetlink.impact.models import Measure, Outcome, OutcomeType
from assetlink.impact.services import append_outcome, correct_outcome
from assetlink.places.models import Area
from assetlink.programmes.disclosure import rule_for
from assetlink.programmes.models import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # entries written by services are dated today


def won(world, admin, day, value, organisation=None):
    return append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.CONTRACT_WON,
        subject=organisation or world.organisation,
        occurred_on=day,
        value=Decimal(value),
        work_package=world.work_package,
        recording_organisation=world.organisation,
    )


def test_a_definition_that_cannot_be_computed_is_refused_with_the_field_and_reason(world, admin):
    programme = world.programme
    cases = [
        ({"measure": "entries", "entry_types": ["job.flew"]}, "entry_types", "Unknown entry types: job.flew"),
        ({"measure": "value", "entry_types": ["job.started"]}, "entry_types", "carry money"),
        (
            {"measure": "entries", "entry_types": ["job.started"], "filters": {"colour": ["red"]}},
            "filters",
            "colour",
        ),
        (
            {"measure": "entries", "entry_types": ["job.started"], "filters": {"work_package": ["WP9"]}},
            "filters",
            "WP9",
        ),
        ({"measure": "entries", "entry_types": []}, "entry_types", "at least one"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ValidationError) as error:
            define_indicator(actor=admin, programme=programme, code="broken", name="Broken", **fields)
        assert message in " ".join(error.value.message_dict[field])
    money = define_indicator(
        actor=admin,
        programme=programme,
        code="money",
        name="Money",
        measure="value",
        entry_types=["grant.won"],
    )
    with pytest.raises(ValidationError) as error:
        define_indicator(
            actor=admin,
            programme=programme,
            code="jobs_per_pound",
            name="Jobs per pound",
            measure="entries",
            entry_types=["job.started"],
            denominator="indicator",
            denominator_indicator=money,
        )
    assert "same unit" in error.value.message_dict["denominator_indicator"][0]
    with pytest.raises(PermissionDenied):
        define_indicator(
            actor=world.user(Role.PARTNER_STAFF),
            programme=programme,
            code="x",
            name="X",
            measure="entries",
            entry_types=["job.started"],
        )


def test_values_come_from_the_effective_ledger_per_period_and_to_date(world, admin):
    indicator = define_indicator(
        actor=admin,
        programme=world.programme,
        code="contracts",
        name="Contracts won",
        measure=Measure.VALUE,
        entry_types=["contract.won"],
        filters={"work_package": [world.work_package.code]},
    )
    first = won(world, admin, datetime.date(2025, 2, 1), "1000")
    second = won(world, admin, datetime.date(2025, 5, 1), "500")
    won(world, admin, datetime.date(2025, 5, 20), "250")
    correct_outcome(actor=admin, outcome=first, kind="reversal", reason="Double entry")
    correct_outcome(
        actor=admin, outcome=second, kind="amendment", reason="Wrong amount", value=Decimal("700")
    )
    quarters = [Period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), PeriodKind.QUARTER)]
    quarters.append(Period(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30), PeriodKind.QUARTER))
    series = numerator_series(indicator, quarters)[""]
    assert series.per_period == [Decimal(0), Decimal(950)]
    assert series.entries == [0, 2]
    assert to_date(indicator, TODAY) == Decimal(950)
    effective = Outcome.objects.filter(programme=world.programme, corrected_by__isnull=True).exclude(
        correction="reversal"
    )
    assert to_date(indicator, TODAY) == sum(e.value for e in effective.filter(entry_type="contract.won"))


def test_distinct_subjects_to_date_count_each_subject_once(world, admin):
    indicator = define_indicator(
        actor=admin,
        programme=world.programme,
        code="winners",
        name="Organisations that won",
        measure=Measure.SUBJECTS,
        entry_types=["contract.won"],
    )
    other = world.lead.organisation
    for day in (datetime.date(2025, 2, 1), datetime.date(2025, 8, 1)):
        won(world, admin, day, "10")
    won(world, admin, datetime.date(2025, 8, 2), "10", organisation=other)
    board = dashboard(world.programme, rule_for(admin, world.programme), kind=PeriodKind.YEAR, today=TODAY)
    row = next(r for r in board.rows if r.indicator.code == "winners")
    assert {figure.actual.value for figure in row.periods} == {2}  # 2025, 2026, ...: the running total
    assert row.to_date.value == 2 == to_date(indicator, TODAY)


def test_the_dashboard_hides_small_counts_outside_the_programme_team_and_compares_with_targets(world, admin):
    indicator = define_indicator(
        actor=admin,
        programme=world.programme,
        code="engaged",
        name="People engaged",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
    )
    for _ in range(3):
        make_person(world.programme)
    set_target(
        actor=admin,
        indicator=indicator,
        period_kind=PeriodKind.PROGRAMME,
        period_start=world.programme.starts_on,
        value=Decimal(100),
    )
    as_admin = dashboard(world.programme, rule_for(admin, world.programme), today=TODAY).rows[0]
    assert as_admin.to_date.value == 3 and as_admin.target == 100
    assert as_admin.status == "" or as_admin.status in ("on_track", "behind")
    staff = world.user(Role.PARTNER_STAFF)
    as_staff = dashboard(world.programme, rule_for(staff, world.programme), today=TODAY).rows[0]
    assert as_staff.to_date.is_hidden and as_staff.to_date.value is None
    assert all(figure.actual.value in (0, None) for figure in as_staff.periods)
    client = Client()
    client.force_login(staff)
    page = client.get(f"/p/{world.programme.slug}/results/").text
    assert "People engaged" in page and 'class="hidden-figure"' in page


def test_the_drill_down_shows_only_the_rows_the_viewer_may_read(world, other_world, admin):
    define_indicator(
        actor=admin,
        programme=world.programme,
        code="contracts",
        name="Contracts",
        measure=Measure.ENTRIES,
        entry_types=["contract.won"],
    )
    mine = won(world, admin, datetime.date(2025, 3, 1), "10")
    theirs = append_outcome(
        actor=admin,
        programme=world.programme,
        entry_type=OutcomeType.CONTRACT_WON,
        subject=world.organisation,
        occurred_on=datetime.date(2025, 3, 2),
        value=Decimal(5),
        recording_organisation=world.lead.organisation,
    )
    url = f"/p/{world.programme.slug}/ledger/?indicator=contracts&until=2026-12-01"
    client = Client()
    client.force_login(admin)
    page = client.get(url).text
    assert f"#{mine.pk}<" in page and f"#{theirs.pk}<" in page
    client.force_login(world.user(Role.PARTNER_STAFF))
    page = client.get(url).text
    assert f"#{mine.pk}<" in page and f"#{theirs.pk}<" not in page
    for outsider in (other_world.user(Role.PROGRAMME_ADMIN), world.user(Role.PARTICIPANT)):
        client.force_login(outsider)
        assert client.get(f"/p/{world.programme.slug}/results/").status_code in (403, 404)
        assert client.get(f"/p/{world.programme.slug}/results/equity/").status_code in (403, 404)


def test_a_snapshot_keeps_its_numbers_and_shows_later_corrections_as_revisions(world, admin):
    define_indicator(
        actor=admin,
        programme=world.programme,
        code="contracts",
        name="Contracts",
        measure=Measure.ENTRIES,
        entry_types=["contract.won"],
    )
    entries = [won(world, admin, datetime.date(2025, 3, day), "10") for day in range(1, 11)]
    quarter = Period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), PeriodKind.QUARTER)
    snapshot = freeze_snapshot(actor=admin, programme=world.programme, period=quarter)
    assert snapshot.version == 1 and snapshot.values["contracts"]["value"] == "10"
    assert revisions_since(snapshot) == {}
    correct_outcome(actor=admin, outcome=entries[0], kind="reversal", reason="Not a contract")
    snapshot.refresh_from_db()
    assert snapshot.values["contracts"]["value"] == "10"
    assert revisions_since(snapshot) == {"contracts": ("10", "9")}
    assert freeze_snapshot(actor=admin, programme=world.programme, period=quarter).version == 2
    client = Client()
    client.force_login(admin)
    page = client.get(f"/p/{world.programme.slug}/results/snapshots/{snapshot.pk}/").text
    assert "Revised: now 9" in page
    client.force_login(world.user(Role.PARTNER_STAFF))
    assert client.post(
        f"/p/{world.programme.slug}/results/snapshots/freeze/", {"period": quarter.key}
    ).status_code in (403, 404)


def test_equity_divides_by_the_residents_of_each_decile(world, admin):
    poor = Area.objects.create(
        programme=world.programme, code="A1", name="A1", deprivation_decile=1, population=1500
    )
    rich = Area.objects.create(
        programme=world.programme, code="A9", name="A9", deprivation_decile=9, population=3000
    )
    for area, count in ((poor, 9), (rich, 8)):
        for _ in range(count):
            make_person(world.programme, area=area)
    indicator = define_indicator(
        actor=admin,
        programme=world.programme,
        code="engaged",
        name="People engaged",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
    )
    view = equity_of(indicator, rule_for(admin, world.programme), today=TODAY)
    assert view.rows[0].outcomes.value == 9 and view.rows[0].per_thousand.value == 6.0
    assert view.rows[8].outcomes.value == 8 and float(view.rows[8].per_thousand.value) == pytest.approx(2.67)
    assert view.most_deprived_share == pytest.approx(9 / 17)
    assert view.concentration_index is not None and view.concentration_index > 0
    # Outside the team: 9 and 8 are above the threshold, so shown.
    staff_view = equity_of(indicator, rule_for(world.user(Role.PARTNER_STAFF), world.programme), today=TODAY)
    assert staff_view.rows[0].outcomes.value == 9


def test_targets_import_all_or_nothing_with_the_row_and_reason(world, admin):
    from assetlink.exchange.pipeline import run_import
    from assetlink.impact.models import Target

    define_indicator(
        actor=admin,
        programme=world.programme,
        code="engaged",
        name="People engaged",
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
    )
    good = "indicator,period,period_start,target,baseline,work_package\nengaged,programme,,250,0,\nengaged,quarter,2025-04-01,30,,WP1\n"
    bad = (
        good + "unknown,quarter,2025-04-01,5,,\nengaged,quarter,2025-05-01,5,,\nengaged,year,2024-01-01,5,,\n"
    )

    def run(data: str):
        return run_import(
            actor=admin,
            programme=world.programme,
            kind="targets",
            data=data.encode(),
            file_name="t.csv",
            commit=True,
        )

    result = run(bad)
    assert Target.objects.count() == 0
    problems = {(error.row, error.field): error.message for error in result.errors}
    assert "No indicator has the code “unknown”" in problems[(4, "indicator")]
    assert "does not start a period" in problems[(5, "period_start")]
    assert "has no data for 2024-01-01" in problems[(6, "period_start")]
    result = run(good)
    assert result.errors == [] and Target.objects.count() == 2
    assert Target.objects.get(period_kind="quarter").work_package == world.work_package


def test_admins_define_indicators_and_targets_on_pages_and_a_failed_form_keeps_its_input(world, admin):
    from assetlink.impact.models import Indicator

    client = Client()
    client.force_login(admin)
    base = f"/p/{world.programme.slug}/results/indicators/"
    refused = client.post(
        base + "new/",
        {
            "code": "money",
            "name": "Money won",
            "measure": "value",
            "entry_types": ["job.started"],
            "factor": "1",
            "accumulation": "cumulative",
        },
    )
    assert refused.status_code == 422
    assert "carry money" in refused.text and 'value="Money won"' in refused.text
    saved = client.post(
        base + "new/",
        {
            "code": "starts",
            "name": "Job starts",
            "name_es": "Empleos iniciados",
            "measure": "subjects",
            "entry_types": ["job.started"],
            "deciles": ["1", "2"],
            "factor": "1",
            "accumulation": "cumulative",
            "higher_is_better": "on",
        },
    )
    assert saved.status_code == 302
    starts = Indicator.objects.get(programme=world.programme, code="starts")
    assert starts.filters == {"decile": [1, 2]} and starts.names == {"es": "Empleos iniciados"}
    # Editing keeps filters the page does not show.
    starts.filters = {**starts.filters, "not_support_kind": ["community_research"]}
    starts.save()
    client.post(
        base + "starts/edit/",
        {
            "name": "Job starts",
            "measure": "subjects",
            "entry_types": ["job.started"],
            "factor": "1",
            "accumulation": "cumulative",
        },
    )
    starts.refresh_from_db()
    assert starts.filters == {"not_support_kind": ["community_research"]}
    target = client.post(
        base + "starts/targets/", {"period_kind": "quarter", "period_start": "2025-02-01", "value": "5"}
    )
    assert target.status_code == 422 and "does not start a period" in target.text
    assert (
        client.post(base + "starts/targets/", {"period_kind": "programme", "value": "40"}).status_code == 302
    )
    assert starts.targets.get().value == 40
    page = client.get(base).text
    assert "Job starts" in page and "40" in page
    client.force_login(world.user(Role.PARTNER_STAFF))
    assert client.get(base).status_code == 200
    assert client.post(base + "new/", {"code": "x"}).status_code == 403
