"""Transfer: a practice's template captured from the programme that runs it, the side-by-side plan a city
reviews (targets scaled to its population, pathways to its country), an adoption that builds a working
programme (a match, a referral and a ledger entry run in it) and shows the city under "adapted by", and
results compared on the same indicator definitions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.catalogue import transfer
from assetlink.catalogue.models import Adoption
from assetlink.impact.indicators.headline import install_headline_indicator
from assetlink.impact.indicators.services import set_target
from assetlink.impact.models import Indicator, Outcome, Target
from assetlink.journeys import services as journey_services
from assetlink.journeys.models import PathwayTemplate, SupportProgramme
from assetlink.matching import services as matching_services
from assetlink.matching.models import Match
from assetlink.people.services import record_consent
from assetlink.programmes.models import Role
from assetlink.research import services as research_services
from assetlink.research.models import Survey
from tests import factories
from tests.catalogue.conftest import publish
from tests.conftest import ProgrammeWorld
from tests.matching.helpers import make_overseas_nurse, nurse_post
from tests.research.sample import skills_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(catalogue, world):
    """The practice runs in the test world: headline indicators with targets, a support programme, a
    pathway with a step and a survey; its template is captured from there."""
    admin = world.user(Role.PROGRAMME_ADMIN)
    for code, target in (("people_trained_in_community_research", 85), ("research_projects_completed", 24)):
        indicator = install_headline_indicator(world.programme, code, actor=admin)
        set_target(
            actor=admin,
            indicator=indicator,
            period_kind="programme",
            period_start=world.programme.starts_on,
            value=Decimal(target),
        )
    journey_services.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="community_research",
        organisation=world.lead.organisation,
        participants="person",
        name="Community research training",
    )
    pathway = journey_services.save_pathway(
        actor=admin, programme=world.programme, code="nursing", name="Back into nursing", country="GB"
    )
    journey_services.save_step(
        actor=admin, template=pathway, code="ielts", name="Language test", expected_days=60
    )
    project = research_services.save_project(
        actor=admin,
        programme=world.programme,
        title="Skills",
        question="?",
        lead_organisation=world.lead.organisation,
    )
    research_services.create_survey(actor=admin, project=project, file_name="s.xlsx", data=skills_survey())
    for _number in range(19):  # beside the world's own researcher
        factories.make_member(world.programme, Role.COMMUNITY_RESEARCHER)
    publish(catalogue, catalogue.practice)
    return transfer.save_template(
        actor=catalogue.reviewer, practice=catalogue.practice, programme=world.programme
    )


@pytest.fixture
def maribor():
    programme = factories.make_programme(
        "use-it-maribor",
        name="USE-IT! Maribor",
        city="Maribor",
        country="SI",
        languages=["sl", "en"],
        currency="EUR",
    )
    admin = factories.make_member(
        programme, Role.PROGRAMME_ADMIN, user=factories.make_user("admin@maribor.example.org")
    )
    return programme, admin


def test_the_plan_scales_counts_to_the_city_and_moves_pathways_to_its_country(template):
    elements = {element.key: element for element in transfer.plan(template, country="si", population=115_000)}
    trained = elements["indicator:people_trained_in_community_research"]
    # 85 for a city of 1,150,000 is about 8.5 for one of 115,000.
    assert (trained.original, trained.adapted, trained.core) == ("85", "9", True)
    pathway = elements["pathway:nursing"]
    assert (pathway.original, pathway.adapted, pathway.core) == ("GB", "SI", False)
    assert elements["support:community_research"].core and not elements["support:community_research"].changed
    assert elements["survey:household_skills"].original == "household_skills"
    # The roles it runs with: partners as many as the original has, the team scaled to the city.
    lead = elements["role:partner:lead"]
    assert (lead.label, lead.original, lead.adapted, lead.core) == ("Partners: Lead partner", "1", "1", True)
    assert not elements["role:partner:delivery"].core
    researchers = elements["role:member:community_researcher"]
    assert (researchers.original, researchers.adapted, researchers.core) == ("20", "2", True)
    assert "role:member:participant" not in elements


def test_a_city_adopts_the_practice_into_a_working_programme(template, catalogue, maribor):
    programme, admin = maribor
    with pytest.raises(ValidationError, match="Core elements"):
        transfer.adopt(
            actor=admin,
            practice=catalogue.practice,
            programme=programme,
            city_population=115_000,
            lead_organisation="Mestna občina Maribor",
            left_out={"support:community_research"},
        )
    assert not Indicator.objects.filter(programme=programme).exists()
    with pytest.raises(PermissionDenied):
        transfer.adopt(
            actor=catalogue.editor,
            practice=catalogue.practice,
            programme=programme,
            city_population=115_000,
            lead_organisation="Mestna občina Maribor",
        )
    adoption = transfer.adopt(
        actor=admin,
        practice=catalogue.practice,
        programme=programme,
        city_population=115_000,
        lead_organisation="Mestna občina Maribor",
        left_out={"pathway:nursing"},
    )
    assert programme.work_packages.get().code == "WP1"
    target = Target.objects.get(indicator__programme=programme, indicator__code="research_projects_completed")
    assert target.value == Decimal(2)
    assert SupportProgramme.objects.get(programme=programme).kind == "community_research"
    assert not PathwayTemplate.objects.filter(programme=programme).exists()
    assert Survey.objects.get(programme=programme).form_id == "household_skills"
    left = adoption.changes.get(key="pathway:nursing")
    assert left.left_out and not left.core
    # The roles become milestones: partners to find, the team to bring together (the lead exists already).
    milestones = list(adoption.milestones.values_list("title", flat=True))
    assert len(milestones) == 5 + 5  # a delivery partner; admins, partner staff, researchers, enterprises
    assert "Find partners for “Partners: Delivery partner”: 1 in the original city" in milestones
    assert "Bring the team together for “Team: Community researcher”: 2 for this city" in milestones
    with pytest.raises(ValidationError, match="adopted a practice already"):
        transfer.adopt(
            actor=admin,
            practice=catalogue.practice,
            programme=programme,
            city_population=115_000,
            lead_organisation="Mestna občina Maribor",
        )

    # The programme works: a match, a referral and its ledger entry.
    lead = programme.partners.get()
    employer = factories.make_partner(programme)
    world = ProgrammeWorld(
        programme, lead, employer.organisation, programme.work_packages.get(), {Role.PROGRAMME_ADMIN: admin}
    )
    job = nurse_post(world, owner=employer.organisation)
    person = make_overseas_nurse(world, factories.make_person(programme))
    matching_services.refresh_person_matches(person)
    match = Match.objects.get(person=person, opportunity=job)
    record_consent(
        actor=admin,
        person=person,
        purpose="referral",
        given=True,
        organisation=employer.organisation,
        method="written",
        evidence="Signed form",
        parts=("name", "qualifications"),
    )
    referral = journey_services.send_referral(
        actor=admin, person=person, reason="A nursing post", opportunity=job, match=match
    )
    assert referral.pk is not None
    assert Outcome.objects.filter(programme=programme, entry_type="person.referred").exists()

    page = Client().get("/practices/use-it-birmingham/").content.decode()
    assert "Maribor" in page
    # The adopting programme has its transfer plan in its navigation; the original's has none.
    maribor_admin = Client()
    maribor_admin.force_login(admin)
    home = maribor_admin.get(f"/p/{programme.slug}/").content.decode()
    assert f'href="/p/{programme.slug}/transfer/"' in home
    birmingham_admin = Client()
    birmingham_admin.force_login(
        template.captured_from.memberships.filter(role=Role.PROGRAMME_ADMIN).first().user
    )
    assert "/transfer/" not in birmingham_admin.get(f"/p/{template.captured_from.slug}/").content.decode()


def test_results_compare_on_the_same_definitions_per_10000_residents(template, catalogue, maribor):
    programme, admin = maribor
    adoption = transfer.adopt(
        actor=admin,
        practice=catalogue.practice,
        programme=programme,
        city_population=115_000,
        lead_organisation="Mestna občina Maribor",
    )
    rows = {row.label: row for row in transfer.compare(adoption)}
    assert set(rows) == {"People trained as community researchers", "Community research projects completed"}
    row = rows["Community research projects completed"]
    assert row.adopted.value == 0 and row.original.value == 0
    assert Adoption.objects.get().city == "Maribor"
    assert datetime.date.today() <= adoption.milestones.order_by("due_on").first().due_on


def test_the_city_reviews_the_plan_in_its_language_and_adopts_on_the_page(template, catalogue, maribor):
    programme, admin = maribor
    client = Client()
    client.force_login(admin)
    url = "/practices/use-it-birmingham/adopt/"
    chosen = {
        "programme": programme.pk,
        "city_population": 115_000,
        "lead_organisation": "Mestna občina Maribor",
    }
    preview = client.get(url, chosen, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    # The elements are named in the reader's language where the original names them so.
    assert "Proyectos de investigación comunitaria terminados" in preview and "Back into nursing" in preview
    assert 'name="left_out" value="pathway:nursing"' in preview
    assert 'value="support:community_research"' not in preview  # core: never left out
    forged = client.post(url, {**chosen, "left_out": ["support:community_research"]})
    assert forged.status_code == 422 and not hasattr(programme, "adoption")
    done = client.post(url, {**chosen, "left_out": ["pathway:nursing"]})
    assert done.status_code == 302 and done["Location"] == f"/p/{programme.slug}/transfer/"
    plan = client.get(done["Location"]).content.decode()
    assert "Back into nursing" in plan and "left out" in plan and "Maribor" in plan
    # Someone who administers no empty programme is offered none.
    other = Client()
    other.force_login(catalogue.editor)
    assert "You are not the admin of a new, empty programme" in other.get(url).content.decode()
