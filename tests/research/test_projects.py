"""Research projects and researchers through their services: the stages and the ledger entry of a reported
project, who sees a project and its responses (team, lead organisation, sharing; tested from both sides),
review with its log, withdrawal and erasure removing a response's personal content."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assetlink.impact.models import Outcome
from assetlink.people.erasure import erase_person
from assetlink.programmes.models import Role
from assetlink.research import collection, selectors, services
from assetlink.research.models import ReviewEntry
from tests import factories
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db


def received(fieldwork, **fields):
    return collection.receive(
        researcher=fieldwork.researcher, xml=response_xml(**fields), files={}, source="collect"
    ).submission


def test_reporting_a_project_records_it_once_in_the_ledger_as_its_lead_organisations(fieldwork):
    project = fieldwork.project
    services.change_project_status(actor=fieldwork.admin, project=project, status="analysis")
    assert not Outcome.objects.filter(entry_type="research.completed").exists()
    services.change_project_status(
        actor=fieldwork.admin, project=project, status="reported", on=datetime.date(2026, 3, 31)
    )
    entry = Outcome.objects.get(entry_type="research.completed")
    assert entry.subject_id == str(project.lead_organisation_id)
    assert entry.related_type == "research.project" and entry.related_id == str(project.pk)
    assert entry.occurred_on == datetime.date(2026, 3, 31)
    with pytest.raises(ValidationError, match="reported"):
        services.change_project_status(actor=fieldwork.admin, project=project, status="analysis")
    assert Outcome.objects.filter(entry_type="research.completed").count() == 1


def test_the_team_lead_runs_the_project_and_a_fieldworker_does_not(fieldwork, world):
    lead, fieldworker = fieldwork.researcher.user, fieldwork.colleague.user
    services.change_project_status(actor=lead, project=fieldwork.project, status="analysis")
    with pytest.raises(PermissionDenied):
        services.change_project_status(actor=fieldworker, project=fieldwork.project, status="reported")
    with pytest.raises(PermissionDenied):
        services.save_project(
            actor=lead,
            programme=world.programme,
            title="Mine",
            question="?",
            lead_organisation=world.lead.organisation,
        )


def test_who_sees_a_project_and_its_responses_from_both_sides_of_the_sharing(fieldwork, world):
    project = fieldwork.project
    staff = world.user(Role.PARTNER_STAFF)  # of world.organisation, not the lead organisation
    lead_staff = factories.make_member(world.programme, Role.PARTNER_STAFF, world.lead.organisation)
    outsider_researcher = factories.make_member(world.programme, Role.COMMUNITY_RESEARCHER)
    assert lead_staff.has_perm("research.view_responses", project)
    assert not staff.has_perm("research.view_responses", project)
    assert not outsider_researcher.has_perm("research.view_project", project)
    assert list(selectors.projects_for(staff, world.programme)) == []
    services.save_project(
        actor=fieldwork.admin,
        project=project,
        programme=world.programme,
        title=project.title,
        question=project.question,
        lead_organisation=project.lead_organisation,
        shared_with=[world.organisation],
    )
    assert staff.has_perm("research.view_responses", project)
    assert [p.pk for p in selectors.projects_for(staff, world.programme)] == [project.pk]
    assert not staff.has_perm("research.review_responses", project)
    # Sharing the project does not share the organisation's other projects, nor reach the other side.
    assert not world.user(Role.ENTERPRISE_MEMBER).has_perm("research.view_project", project)
    assert not world.user(Role.PARTICIPANT).has_perm("research.view_project", project)


def test_a_programme_operator_and_another_programme_see_no_project(fieldwork, other_world):
    operator = factories.make_user("op@example.org", is_superuser=True, is_staff=True)
    assert not operator.has_perm("research.view_project", fieldwork.project)
    assert list(selectors.projects_for(operator, fieldwork.project.programme)) == []
    stranger = other_world.user(Role.PROGRAMME_ADMIN)
    assert not stranger.has_perm("research.view_project", fieldwork.project)
    assert selectors.project_in(other_world.programme, fieldwork.project.pk) is None


def test_a_review_is_logged_and_an_issue_needs_a_comment(fieldwork):
    submission = received(fieldwork)
    with pytest.raises(ValidationError, match="issue"):
        services.review_submission(actor=fieldwork.admin, submission=submission, status="has_issues")
    services.review_submission(
        actor=fieldwork.admin, submission=submission, status="has_issues", comment="Age looks wrong"
    )
    services.review_submission(actor=fieldwork.researcher.user, submission=submission, status="approved")
    with pytest.raises(PermissionDenied):
        services.review_submission(actor=fieldwork.colleague.user, submission=submission, status="rejected")
    log = list(submission.log.values_list("action", "status", "comment"))
    assert log == [
        ("received", "", ""),
        ("reviewed", "has_issues", "Age looks wrong"),
        ("reviewed", "approved", ""),
    ]


def test_withdrawal_removes_the_personal_content_and_keeps_the_count(fieldwork):
    submission = received(fieldwork, identify="yes")
    assert submission.consent == "identified"
    services.review_submission(
        actor=fieldwork.admin, submission=submission, status="has_issues", comment="Farah?"
    )
    services.withdraw_response(actor=fieldwork.admin, submission=submission, reason="Phoned the office")
    submission.refresh_from_db()
    assert submission.xml == "" and submission.answers == {}
    assert submission.withdrawn_at is not None
    assert "Farah" not in str(list(ReviewEntry.objects.values_list("comment", "changes")))
    with pytest.raises(ValidationError, match="withdrawn"):
        services.review_submission(actor=fieldwork.admin, submission=submission, status="approved")


def test_erasing_a_respondent_removes_their_responses_content_and_a_researchers_name(fieldwork, world):
    person = factories.make_person(world.programme)
    submission = received(fieldwork, identify="yes")
    submission.respondent = person
    submission.save()
    fieldwork.researcher.person = person
    fieldwork.researcher.save()
    erase_person(actor=fieldwork.admin, person=person)
    submission.refresh_from_db()
    fieldwork.researcher.refresh_from_db()
    assert submission.answers == {} and submission.respondent is None
    assert fieldwork.researcher.name == "[erased]" and not fieldwork.researcher.is_active


def test_payments_go_to_the_team_and_keys_are_the_researchers_own(fieldwork, world):
    services.record_payment(
        actor=fieldwork.admin,
        project=fieldwork.project,
        researcher=fieldwork.researcher,
        amount=Decimal("150.00"),
        paid_on=datetime.date(2025, 4, 30),
        kind="voucher",
        evidence="Voucher 0042",
    )
    stranger = services.save_researcher(actor=fieldwork.admin, programme=world.programme, name="Not on team")
    with pytest.raises(ValidationError, match="team"):
        services.record_payment(
            actor=fieldwork.admin,
            project=fieldwork.project,
            researcher=stranger,
            amount=Decimal(10),
            paid_on=datetime.date(2025, 4, 30),
        )
    key, _secret = services.issue_key(
        actor=fieldwork.researcher.user, researcher=fieldwork.researcher, label="Mine"
    )
    with pytest.raises(PermissionDenied):
        services.revoke_key(actor=fieldwork.colleague.user, key=key)
    services.revoke_key(actor=fieldwork.researcher.user, key=key)
    assert collection.collector(_secret) is None
