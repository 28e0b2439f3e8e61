"""Matches are made, explained, kept up to date, moved along their statuses and told about."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assetlink.accounts.models import Notification
from assetlink.impact.models import Outcome
from assetlink.matching import selectors, services
from assetlink.matching.models import Match, MatchStatus
from assetlink.people import services as person_services
from assetlink.people.services import record_consent
from assetlink.programmes.models import Role
from tests import factories
from tests.matching.helpers import make_overseas_nurse, nurse_post, run_queued_tasks


def test_an_overseas_nurse_is_matched_with_the_post_and_the_nmc_steps_in_order(world):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    [match] = [m for m in services.refresh_person_matches(person) if m.opportunity_id == job.pk]
    assert match.eligibility == "reachable"
    assert [step["code"] for step in match.pathway] == [
        "nmc_cbt",
        "nmc_osce",
        "nmc_registration",
        "background_check",
        "clinical_placement",
    ]
    assert match.pathway_template == "uk_nurse" and match.engine_version
    codes = {reason["code"] for reason in match.reasons}
    assert {"occupation_same", "skill_held", "language_met", "right_to_work_held"} <= codes
    assert abs(sum(match.components.values()) - match.score) < 1e-3


def test_a_registered_nurse_is_eligible(world):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    services.refresh_person_matches(person)
    assert Match.objects.get(person=person, opportunity=job).eligibility == "eligible"


def test_the_opportunity_side_finds_the_same_people(world):
    job = nurse_post(world)
    nurse = make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    bystander = factories.make_person(world.programme)
    found = services.refresh_opportunity_matches(job)
    assert [m.person_id for m in found][:1] == [nurse.pk]
    assert bystander.pk not in {m.person_id for m in found}


def test_without_consent_to_matching_nothing_is_matched_and_untouched_matches_go(world, admin):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    assert Match.objects.filter(person=person).exists()
    person_services.record_consent(
        actor=admin, person=person, purpose="matching", given=False, method="written"
    )
    assert services.refresh_person_matches(person) == []
    assert not Match.objects.filter(person=person).exists()
    assert selectors.person_matches(person).count() == 0
    assert person.pk not in {m.person_id for m in services.refresh_opportunity_matches(job)}


def test_work_done_on_a_match_survives_recomputation(world, admin):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    match = Match.objects.get(pk=services.refresh_person_matches(person)[0].pk, opportunity=job)
    services.change_match_status(actor=admin, match=match, status="shortlisted")
    person_services.record_consent(
        actor=admin, person=person, purpose="matching", given=False, method="written"
    )
    services.refresh_person_matches(person)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.SHORTLISTED


def test_status_workflow_checks_who_and_what_and_writes_the_referral_to_the_ledger(world, admin):
    job = nurse_post(world)
    caseworker = world.user(Role.PARTNER_STAFF)  # acts for world.organisation, the job's owner
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    match = (
        Match.objects.get(person=person, opportunity=job) if services.refresh_person_matches(person) else None
    )
    with pytest.raises(ValidationError) as missing_reason:
        services.change_match_status(actor=admin, match=match, status="dismissed")
    assert "reason" in missing_reason.value.message_dict
    with pytest.raises(ValidationError):  # a suggestion may be referred at once, but not without consent
        services.change_match_status(actor=admin, match=match, status="referred")
    services.change_match_status(actor=caseworker, match=match, status="shortlisted")
    with pytest.raises(
        PermissionDenied
    ):  # the owner's staff cannot refer someone who does not share with them
        services.change_match_status(actor=caseworker, match=match, status="referred")
    # Referring is a closed-loop referral to the job's owner: refused without the person's consent.
    with pytest.raises(ValidationError) as no_consent:
        services.change_match_status(actor=admin, match=match, status="referred")
    assert "has not agreed to be referred to" in str(no_consent.value)
    match.refresh_from_db()
    assert match.status == "shortlisted" and not Outcome.objects.filter(entry_type="person.referred").exists()
    record_consent(
        actor=admin,
        person=person,
        purpose="referral",
        given=True,
        organisation=job.owner,
        method="written",
        evidence="Signed form in the case file",
        parts=("name", "qualifications"),
    )
    services.change_match_status(actor=admin, match=match, status="referred")
    outcome = Outcome.objects.get(entry_type="person.referred", subject_id=str(person.pk))
    assert outcome.data["opportunity"] == job.pk
    assert match.referrals.get().to_organisation == job.owner
    stranger = factories.make_member(world.programme, Role.PARTICIPANT)
    with pytest.raises(PermissionDenied):
        services.change_match_status(actor=stranger, match=match, status="dismissed", reason="no")


def test_a_new_strong_match_notifies_the_person_and_their_caseworker_once(world):
    nurse_post(world)
    participant = world.user(Role.PARTICIPANT)
    caseworker = world.user(Role.PARTNER_STAFF)
    person = factories.make_person(world.programme, share_with=world.organisation, user=participant)
    person.registered_by = caseworker
    person.save(update_fields=["registered_by"])
    make_overseas_nurse(world, person, registered=True)
    services.refresh_person_matches(person)
    services.refresh_person_matches(person)
    assert Notification.objects.filter(user=participant, kind="strong_match").count() == 1
    assert Notification.objects.filter(user=caseworker, kind="strong_match").count() == 1
    # A programme admin who registered people in bulk is not their caseworker: no notification.
    bulk = make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    services.refresh_person_matches(bulk)
    assert bulk.registered_by == world.user(Role.PROGRAMME_ADMIN)
    assert not Notification.objects.filter(user=world.user(Role.PROGRAMME_ADMIN)).exists()


def test_profile_changes_queue_a_recomputation_run_by_the_worker(
    world, admin, django_capture_on_commit_callbacks
):
    job = nurse_post(world)
    person = factories.make_person(world.programme)
    with django_capture_on_commit_callbacks(execute=True):
        make_overseas_nurse(world, person, registered=True)
    assert run_queued_tasks("refresh_person_task") >= 1
    assert Match.objects.get(person=person, opportunity=job).eligibility == "eligible"
    with django_capture_on_commit_callbacks(execute=True):
        from assetlink.opportunities.services import change_status

        change_status(actor=admin, opportunity=job, status="closed")
    assert run_queued_tasks("refresh_opportunity_task") == 1
    assert not Match.objects.filter(opportunity=job).exists()


def test_programme_batch_gives_the_same_matches_as_one_person_at_a_time(world):
    job = nurse_post(world)
    people = [
        make_overseas_nurse(world, factories.make_person(world.programme), registered=i % 2 == 0)
        for i in range(3)
    ]
    services.refresh_programme_matches(world.programme)
    batch = {
        (m.person_id, m.opportunity_id): (m.eligibility, round(m.score, 4))
        for m in Match.objects.filter(person__in=people)
    }
    for person in people:
        services.refresh_person_matches(person)
    single = {
        (m.person_id, m.opportunity_id): (m.eligibility, round(m.score, 4))
        for m in Match.objects.filter(person__in=people)
    }
    assert batch == single and (people[0].pk, job.pk) in batch


def test_erasure_deletes_the_persons_matches_and_keeps_the_referral_in_the_ledger(world, admin):
    from assetlink.people.erasure import erase_person

    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme, share_with=job.owner))
    services.refresh_person_matches(person)
    match = Match.objects.get(person=person, opportunity=job)
    services.change_match_status(actor=admin, match=match, status="shortlisted")
    services.change_match_status(actor=admin, match=match, status="referred", reason="Amara is ready")
    erase_person(actor=admin, person=person)
    assert not Match.objects.filter(person=person).exists()
    assert Outcome.objects.filter(entry_type="person.referred", subject_id=str(person.pk)).exists()
    assert person.referrals.get().reason == ""  # the referral stays, anonymous
    assert services.refresh_person_matches(person) == []


def test_a_new_capability_rematches_the_open_contracts(world, admin, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from assetlink.opportunities import services as opportunity_services
    from assetlink.organisations import services as organisation_services

    contract = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Hospital catering",
        owner=world.lead.organisation,
        value=Decimal(90000),
        cpv_codes=["55520000-1"],
    )
    opportunity_services.change_status(actor=admin, opportunity=contract, status="open")
    caterer = organisation_services.register_organisation(
        actor=admin, programme=world.programme, name="Kitchen Co-op", kind="cooperative", country="GB"
    )
    assert not Match.objects.filter(organisation=caterer).exists()
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.add_part(
            actor=admin,
            organisation=caterer,
            part="capabilities",
            programme=world.programme,
            cpv_code="55520000-1",
            description="Catering",
        )
    assert run_queued_tasks("refresh_organisation_task") == 1
    match = Match.objects.get(organisation=caterer, opportunity=contract)
    assert match.components["coverage"] == 1.0
    assert any(reason["code"] == "social_enterprise" for reason in match.reasons)


def test_a_course_for_an_exam_the_person_passed_is_never_suggested(world, admin):
    from assetlink.opportunities import services as opportunity_services
    from assetlink.people import services as person_services
    from tests.matching.helpers import concept

    course = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="training",
        title="OSCE preparation course",
        owner=world.organisation,
        occupation=concept("nurse responsible for general care", "occupation"),
        leads_to_kind="licensing_exam",
        leads_to_name="NMC test of competence part 2 (OSCE)",
    )
    opportunity_services.change_status(actor=admin, opportunity=course, status="open")
    waiting = make_overseas_nurse(world, factories.make_person(world.programme))
    passed = make_overseas_nurse(world, factories.make_person(world.programme))
    person_services.add_item(
        actor=admin, person=passed, part="credentials", kind="licensing_exam", name="NMC OSCE", status="held"
    )
    services.refresh_opportunity_matches(course)
    assert set(Match.objects.filter(opportunity=course).values_list("person_id", flat=True)) == {waiting.pk}
    assert not [m for m in services.refresh_person_matches(passed) if m.opportunity_id == course.pk]
    assert [m.opportunity_id for m in services.refresh_person_matches(waiting)] == [course.pk]


def test_a_dismissal_reason_too_long_is_refused_and_nothing_changes(world, admin):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    match = Match.objects.get(person=person, opportunity=job)
    with pytest.raises(ValidationError) as too_long:
        services.change_match_status(actor=admin, match=match, status="dismissed", reason="x" * 301)
    assert "300 characters or fewer" in str(too_long.value)
    match.refresh_from_db()
    assert match.status == "suggested" and match.dismissed_reason == ""
