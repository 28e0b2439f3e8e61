"""Support programmes: cohorts, attendance rules, stages that write the ledger, and who runs them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.impact.models import Outcome
from assetlink.journeys import services
from assetlink.programmes.models import Role
from tests import factories

START = datetime.date(2025, 2, 3)


@pytest.fixture
def training(world, admin):
    support = services.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="community_research",
        name="Community researchers",
        organisation=world.organisation,
        participants="person",
        work_package=world.work_package,
        min_attendance=75,
    )
    return support, services.add_cohort(actor=admin, support=support, name="2025", starts_on=START)


def stage(support, code):
    return support.stages.get(code=code)


def test_training_needs_the_attendance_rule_and_writes_the_ledger(world, admin, training):
    support, cohort = training
    assert [s.code for s in support.stages.all()] == ["enrolled", "trained", "project_completed"]
    regular, absent = (factories.make_person(world.programme) for _ in range(2))
    keen = services.add_participant(actor=admin, cohort=cohort, person=regular, joined_on=START)
    rare = services.add_participant(actor=admin, cohort=cohort, person=absent, joined_on=START)
    for week in range(4):
        services.record_session(
            actor=admin,
            cohort=cohort,
            held_on=START + datetime.timedelta(weeks=week),
            topic=f"Week {week}",
            present=[keen] if week else [keen, rare],
        )
    with pytest.raises(ValidationError) as refused:
        services.advance_participant(actor=admin, participation=rare, stage=stage(support, "trained"))
    assert "Attended 1 of 4 sessions" in str(refused.value)
    services.advance_participant(
        actor=admin,
        participation=keen,
        stage=stage(support, "trained"),
        reached_on=START + datetime.timedelta(weeks=4),
    )
    trained = Outcome.objects.get(entry_type="person.trained")
    assert trained.subject_id == str(regular.pk) and trained.work_package == world.work_package
    assert trained.related_type == "journeys.cohort" and trained.related_id == str(cohort.pk)
    services.advance_participant(actor=admin, participation=keen, stage=stage(support, "project_completed"))
    keen.refresh_from_db()
    assert keen.status == "completed" and Outcome.objects.filter(entry_type="research.completed").count() == 1
    with pytest.raises(ValidationError):
        services.advance_participant(actor=admin, participation=keen, stage=stage(support, "trained"))


def test_organisations_trained_count_their_staff_and_enterprises_may_skip_a_stage(world, admin):
    digital = services.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="digital_skills",
        name="Digital skills",
        organisation=world.organisation,
        participants="organisation",
    )
    cohort = services.add_cohort(actor=admin, support=digital, name="Course 1", starts_on=START)
    firm = services.add_participant(
        actor=admin, cohort=cohort, organisation=world.lead.organisation, headcount=12
    )
    services.advance_participant(actor=admin, participation=firm, stage=stage(digital, "trained"))
    entry = Outcome.objects.get(entry_type="professionals.trained")
    assert entry.quantity == 12 and entry.subject_type == "organisations.organisation"
    with pytest.raises(ValidationError):
        services.add_participant(actor=admin, cohort=cohort, person=factories.make_person(world.programme))
    enterprises = services.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="enterprise_support",
        name="Enterprise support",
        organisation=world.organisation,
        participants="organisation",
    )
    intake = services.add_cohort(actor=admin, support=enterprises, name="2025", starts_on=START)
    established = services.add_participant(actor=admin, cohort=intake, organisation=world.organisation)
    services.advance_participant(
        actor=admin, participation=established, stage=stage(enterprises, "supported")
    )
    assert not Outcome.objects.filter(entry_type="enterprise.created").exists()
    assert Outcome.objects.filter(entry_type="enterprise.supported").count() == 1


def test_only_the_delivering_partner_runs_a_cohort_and_people_stay_unnamed_to_it(world, admin, training):
    support, cohort = training
    other = factories.make_member(
        world.programme, Role.PARTNER_STAFF, factories.make_partner(world.programme).organisation
    )
    with pytest.raises(PermissionDenied):
        services.add_cohort(actor=other, support=support, name="Rogue", starts_on=START)
    person = factories.make_person(world.programme, given_name="Zainab", family_name="Hussain")
    services.add_participant(actor=admin, cohort=cohort, person=person)
    runner = world.user(Role.PARTNER_STAFF)  # staff of the delivering organisation, without sharing consent
    client = Client()
    client.force_login(runner)
    page = client.get(
        reverse("journeys:cohort", kwargs={"slug": world.programme.slug, "cohort_id": cohort.pk})
    )
    assert page.status_code == 200
    assert person.reference in page.content.decode() and "Zainab" not in page.content.decode()
    with pytest.raises(PermissionDenied):  # they cannot add someone whose record they may not see
        services.add_participant(actor=runner, cohort=cohort, person=factories.make_person(world.programme))
    client.force_login(other)
    assert (
        client.get(
            reverse("journeys:cohort", kwargs={"slug": world.programme.slug, "cohort_id": cohort.pk})
        ).status_code
        == 403
    )
    listing = client.get(reverse("journeys:support_list", kwargs={"slug": world.programme.slug}))
    assert listing.status_code == 200 and "Community researchers" in listing.content.decode()


def test_a_failed_form_keeps_what_was_typed(world, admin, training):
    _support, cohort = training
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse(
            "journeys:cohort_participant_add", kwargs={"slug": world.programme.slug, "cohort_id": cohort.pk}
        ),
        {
            "participant-reference": "P999999",
            "participant-headcount": "1",
            "participant-joined_on": "2025-02-03",
        },
    )
    assert response.status_code == 422
    assert (
        "P999999" in response.content.decode() and "No person of this programme" in response.content.decode()
    )
