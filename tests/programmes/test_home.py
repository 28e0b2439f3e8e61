"""A programme's home answers "what needs me now?" for each role, and shows nothing of another role's
work: referrals waiting for a partner, a participant's next step, the team's pipeline and verification."""

import datetime
import re

import pytest

from assetlink.journeys import services as journeys
from assetlink.programmes.models import Role
from tests.factories import make_person
from tests.http import signed_in

pytestmark = pytest.mark.django_db


def sections(page: str) -> set[str]:
    """The home's sections, those with items (each a card) and those with none (one line each)."""
    shown = set(re.findall(r'<h2 id="home-([a-z_0-9]+)"', page)) | set(
        re.findall(r'data-section="(\w+)"', page)
    )
    return shown - {"quiet"}


def test_each_role_sees_what_needs_it_now_and_only_that(world, admin):
    programme = world.programme
    person = make_person(programme, share_with=world.organisation, user=world.user(Role.PARTICIPANT))
    service = journeys.save_service(
        actor=admin, programme=programme, organisation=world.organisation, name="Job club"
    )
    referral = journeys.send_referral(
        actor=admin, person=person, service=service, reason="Interview practice"
    )
    template = journeys.save_pathway(
        actor=admin, programme=programme, code="nurse", name="Nursing", country="GB"
    )
    journeys.save_step(
        actor=admin, template=template, code="cbt", name="CBT exam", expected_days=30, outcome_type=""
    )
    journeys.save_step(
        actor=admin, template=template, code="osce", name="OSCE", expected_days=60, outcome_type=""
    )
    journeys.enrol_person(actor=admin, person=person, template=template, started_on=datetime.date(2026, 1, 5))
    home = f"/p/{programme.slug}/"

    staff = signed_in(world.user(Role.PARTNER_STAFF)).get(home).content.decode()
    assert {"waiting_referrals", "tasks", "late_steps", "strong_matches", "organisation_matches"} <= sections(
        staff
    )
    assert f"/journeys/referrals/{referral.pk}/" in staff and "Job club" in staff
    assert "next_steps" not in sections(staff) and "pipeline" not in sections(staff)

    participant = signed_in(world.user(Role.PARTICIPANT)).get(home).content.decode()
    assert sections(participant) == {"next_steps", "my_matches"}
    assert "Your next step: CBT exam" in participant and "Nursing: 0 of 2 steps done" in participant
    assert "API tokens" not in participant

    team = signed_in(admin).get(home).content.decode()
    assert {"pipeline", "verification", "overdue_referrals", "imports"} <= sections(team)
    assert "waiting_referrals" not in sections(team) and "strong_matches" not in sections(team)
    assert "API tokens" in team

    enterprise = signed_in(world.user(Role.ENTERPRISE_MEMBER)).get(home).content.decode()
    assert "organisation_matches" in sections(enterprise) and "lm3_returns" in sections(enterprise)
    assert "strong_matches" not in sections(enterprise) and "waiting_referrals" not in sections(enterprise)


def test_the_home_of_one_programme_shows_nothing_of_another(world, other_world, admin):
    person = make_person(world.programme, share_with=world.organisation)
    service = journeys.save_service(
        actor=admin, programme=world.programme, organisation=world.organisation, name="Job club"
    )
    journeys.send_referral(actor=admin, person=person, service=service, reason="Interview practice")
    page = (
        signed_in(other_world.user(Role.PARTNER_STAFF))
        .get(f"/p/{other_world.programme.slug}/")
        .content.decode()
    )
    assert "Job club" not in page and person.display_name not in page
    assert (
        signed_in(other_world.user(Role.PARTNER_STAFF)).get(f"/p/{world.programme.slug}/").status_code == 404
    )


def test_the_menu_marks_one_page_as_current(world, admin):
    page = signed_in(admin).get(f"/p/{world.programme.slug}/areas/map/").content.decode()
    nav = re.search(r'<nav class="programme-nav".*?</nav>', page, re.S).group(0)
    assert re.findall(r'aria-current="page">([^<]+)<', nav) == ["Map"]


def test_an_enterprise_sees_the_support_programmes_it_takes_part_in(world, admin):
    support = journeys.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="startup_boosting",
        name="Social enterprise accelerator",
        organisation=world.lead.organisation,
        participants="organisation",
        work_package=world.work_package,
    )
    cohort = journeys.add_cohort(
        actor=admin, support=support, name="Spring 2026", starts_on=datetime.date(2026, 3, 2)
    )
    home = f"/p/{world.programme.slug}/"
    enterprise = signed_in(world.user(Role.ENTERPRISE_MEMBER))
    assert "our_support" not in sections(enterprise.get(home).content.decode())
    journeys.add_participant(
        actor=admin, cohort=cohort, organisation=world.organisation, joined_on=datetime.date(2026, 3, 2)
    )
    page = enterprise.get(home).content.decode()
    assert "our_support" in sections(page)
    assert "Social enterprise accelerator: Spring 2026" in page and "Stage reached:" in page
    assert f"/journeys/support/{support.pk}/" in page
    # Not for the programme team, nor for a participant.
    assert "our_support" not in sections(signed_in(admin).get(home).content.decode())
    assert "our_support" not in sections(signed_in(world.user(Role.PARTICIPANT)).get(home).content.decode())
