"""Pathways: standard templates per country, enrolment, progress with evidence, the funnel."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.impact.models import Outcome
from assetlink.journeys import selectors, services
from assetlink.journeys.models import StepStatus
from assetlink.programmes.models import Role
from tests import factories

DAY = datetime.date(2025, 1, 6)


def days(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


@pytest.fixture
def nurse_route(world, admin):
    installed = {
        template.code: template
        for template in services.install_standard_pathways(actor=admin, programme=world.programme)
    }
    assert set(installed) == {"uk_doctor", "uk_nurse", "uk_midwife", "uk_pharmacist", "uk_allied_health"}
    return installed["uk_nurse"]


def test_standard_pathways_follow_the_programme_country_and_are_installed_once(world, admin, nurse_route):
    codes = [step.code for step in nurse_route.steps.order_by("position")]
    assert codes == ["english_test", "nmc_cbt", "nmc_osce", "nmc_registration", "clinical_placement"]
    registration = nurse_route.steps.get(code="nmc_registration")
    assert registration.outcome_type == "qualification.recognised" and registration.expected_cost > 0
    assert services.install_standard_pathways(actor=admin, programme=world.programme) == []
    spain = factories.make_programme("bilbao-test", country="ES", currency="EUR", languages=["es"])
    spain_admin = factories.make_member(spain, Role.PROGRAMME_ADMIN)
    (spanish,) = services.install_standard_pathways(actor=spain_admin, programme=spain)
    assert spanish.country == "ES" and "homologación" in spanish.steps.get(code="homologacion").name.lower()


def test_progress_writes_evidence_to_the_ledger_and_the_funnel_counts_and_times_steps(
    world, admin, nurse_route
):
    people = [factories.make_person(world.programme) for _ in range(3)]
    enrolments = [
        services.enrol_person(actor=admin, person=person, template=nurse_route, started_on=DAY)
        for person in people
    ]
    first, second, third = enrolments
    services.complete_step(actor=admin, enrolment=first, evidence="OET report 123", completed_on=days(60))
    services.complete_step(actor=admin, enrolment=first, evidence="Pearson VUE pass", completed_on=days(100))
    services.complete_step(actor=admin, enrolment=second, evidence="IELTS 7.5", completed_on=days(90))
    services.complete_step(
        actor=admin, enrolment=third, evidence="Holds OET already", completed_on=DAY, not_needed=True
    )
    services.leave_pathway(actor=admin, enrolment=third, reason="Moved to Manchester", left_on=days(10))
    gained = Outcome.objects.filter(entry_type="credential.gained")
    assert gained.count() == 3 and {o.data["step"] for o in gained} == {"english_test", "nmc_cbt"}
    # The ledger names the kind of evidence; what was typed stays on the step, where erasure reaches it.
    assert {o.evidence for o in gained} == {"Test report form", "Test result"}
    assert "OET report 123" in [p.evidence for p in first.progress.all()]
    assert gained.filter(data__step="english_test").order_by("occurred_on")[0].occurred_on == days(60)
    funnel = selectors.pathway_funnel(nurse_route)
    english, cbt, osce = funnel.steps[:3]
    assert (english.reached, english.done, english.skipped, english.median_days) == (3, 2, 1, 75)
    assert (cbt.reached, cbt.done, cbt.in_progress, cbt.stopped, cbt.median_days) == (3, 1, 1, 1, 40)
    assert (osce.reached, osce.in_progress) == (1, 1)
    assert (funnel.enrolled, funnel.active, funnel.withdrawn) == (3, 2, 1)
    # The page shows the same funnel.
    client = Client()
    client.force_login(admin)
    page = client.get(
        reverse("journeys:pathway", kwargs={"slug": world.programme.slug, "template_id": nurse_route.pk})
    ).content.decode()
    assert "Median days to pass" in page and "<td>75</td>" in page


def test_a_step_needs_its_evidence_and_cannot_end_before_it_started(world, admin, nurse_route):
    enrolment = services.enrol_person(
        actor=admin, person=factories.make_person(world.programme), template=nurse_route, started_on=DAY
    )
    with pytest.raises(ValidationError) as no_evidence:
        services.complete_step(actor=admin, enrolment=enrolment, evidence=" ", completed_on=days(3))
    assert "Test report form" in str(no_evidence.value)
    with pytest.raises(ValidationError):
        services.complete_step(actor=admin, enrolment=enrolment, evidence="OET", completed_on=days(-3))
    with pytest.raises(ValidationError):
        services.enrol_person(actor=admin, person=enrolment.person, template=nurse_route)


def test_overdue_steps_are_flagged_for_those_who_may_see_the_person(world, admin, nurse_route):
    caseworker = world.user(Role.PARTNER_STAFF)
    shared = factories.make_person(world.programme, share_with=world.organisation)
    hidden = factories.make_person(world.programme)
    for person in (shared, hidden):
        services.enrol_person(actor=admin, person=person, template=nurse_route, started_on=days(-400))
    assert {p.enrolment.person for p in selectors.overdue_steps(caseworker, world.programme)} == {shared}
    assert len(selectors.overdue_steps(admin, world.programme)) == 2
    assert selectors.person_enrolments(shared).get().progress.get(status=StepStatus.IN_PROGRESS).is_overdue


def test_only_the_programme_admin_edits_pathways_and_steps_with_history_stay(world, admin, nurse_route):
    with pytest.raises(PermissionDenied):
        services.save_step(
            actor=world.user(Role.PARTNER_STAFF), template=nurse_route, code="x", name="X", expected_days=1
        )
    person = factories.make_person(world.programme)
    enrolment = services.enrol_person(actor=admin, person=person, template=nurse_route, started_on=DAY)
    added = services.save_step(
        actor=admin, template=nurse_route, code="trust_induction", name="Trust induction", expected_days=10
    )
    assert enrolment.progress.filter(step=added, status=StepStatus.PENDING).exists()
    with pytest.raises(ValidationError):
        services.remove_step(actor=admin, step=nurse_route.steps.get(code="english_test"))  # in progress
    services.remove_step(actor=admin, step=added)
    assert not nurse_route.steps.filter(code="trust_induction").exists()


def test_the_api_installs_routes_adds_steps_and_returns_the_funnel(world, admin):
    import json

    from assetlink.accounts.services import create_api_token

    _token, secret = create_api_token(actor=admin, name="pathways")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    base = f"/api/v1/programmes/{world.programme.slug}/pathways"
    installed = Client().post(f"/api/v1/programmes/{world.programme.slug}/standard-pathways", **headers)
    assert installed.status_code == 201 and len(installed.json()) == 5
    nurse = next(item for item in installed.json() if item["code"] == "uk_nurse")
    step = {"code": "trust_induction", "name": "Trust induction", "expected_days": 10}
    added = Client().post(
        f"{base}/{nurse['id']}/steps", json.dumps(step), content_type="application/json", **headers
    )
    assert added.status_code == 201 and added.json()["steps"][-1]["code"] == "trust_induction"
    detail = Client().get(f"{base}/{nurse['id']}", **headers).json()
    assert [s["code"] for s in detail["funnel"]["steps"]][-1] == "trust_induction"
    assert detail["funnel"]["enrolled"] == 0
    staff = create_api_token(actor=world.user(Role.PARTNER_STAFF), name="staff")[1]
    refused = Client().post(
        base,
        json.dumps({"code": "x", "name": "X", "country": "GB"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {staff}",
    )
    assert refused.status_code == 403
