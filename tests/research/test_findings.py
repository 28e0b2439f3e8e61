"""Findings citing their evidence, the micro assets they propose entering the register after review, and
area plans whose actions rest on findings: the evidence chain followed both ways on the pages, as far as
each reader may open."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area, Space
from assetlink.programmes.models import Role
from assetlink.research import collection, services
from assetlink.research.models import Document, ProposalStatus
from assetlink.taxonomy.models import EscoConcept
from tests import factories
from tests.matching.helpers import concept, nurse_post
from tests.research.sample import response_xml

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chain(fieldwork, world):
    """A response, the excerpt coded from its answer, a table, a finding citing both and a plan action
    resting on the finding."""
    submission = collection.receive(
        researcher=fieldwork.researcher,
        xml=response_xml(idea="Women here cook for weddings and want a kitchen"),
        files={},
        source="collect",
    ).submission
    services.documents_from_answers(
        actor=fieldwork.admin, survey=fieldwork.survey, question_path="/data/idea"
    )
    document = Document.objects.get(submission=submission)
    code = services.save_code(actor=fieldwork.admin, project=fieldwork.project, name="Catering")
    excerpt = services.code_excerpt(
        actor=fieldwork.researcher.user, document=document, quote="cook for weddings", codes=[code]
    )
    table = services.keep_table(
        actor=fieldwork.researcher.user,
        survey=fieldwork.survey,
        title="Consent by area",
        rows="area",
        columns="/data/assetlink_identify",
    )
    area = Area.objects.get(programme=world.programme)
    finding = services.save_finding(
        actor=fieldwork.researcher.user,
        project=fieldwork.project,
        title="A catering skill pool",
        summary="Several households cater for weddings from home kitchens.",
        kind="asset",
        areas=[area],
        asset_kinds=["skills", "space"],
        excerpts=[excerpt],
        tables=[table],
    )
    plan = services.save_plan(
        actor=fieldwork.admin, programme=world.programme, area=area, title="Matrix Heath plan 2026"
    )
    goal = services.add_goal(actor=fieldwork.admin, plan=plan, title="More local catering contracts")
    action = services.save_action(
        actor=fieldwork.admin,
        plan=plan,
        title="Open a shared kitchen",
        goal=goal,
        owner=world.lead.organisation,
        findings=[finding],
    )
    return {
        "submission": submission,
        "document": document,
        "excerpt": excerpt,
        "table": table,
        "finding": finding,
        "plan": plan,
        "action": action,
    }


def test_a_finding_cites_only_its_own_projects_evidence(fieldwork, chain, world):
    other = services.save_project(
        actor=fieldwork.admin,
        programme=world.programme,
        title="Other",
        question="?",
        lead_organisation=world.lead.organisation,
    )
    with pytest.raises(ValidationError, match="own records"):
        services.save_finding(
            actor=fieldwork.admin,
            project=other,
            title="Borrowed",
            summary="-",
            kind="need",
            excerpts=[chain["excerpt"]],
        )
    with pytest.raises(ValidationError, match="kinds of asset"):
        services.save_finding(
            actor=fieldwork.admin,
            project=fieldwork.project,
            title="Odd",
            summary="-",
            kind="need",
            asset_kinds=["castles"],
        )


def test_proposed_assets_enter_the_register_only_after_the_admins_review(fieldwork, chain, world):
    finding = chain["finding"]
    researcher = fieldwork.researcher.user
    group = services.propose_asset(
        actor=researcher, finding=finding, kind="community_group", name="Heath Caterers"
    )
    kitchen = services.propose_asset(
        actor=researcher,
        finding=finding,
        kind="space",
        name="Church hall kitchen",
        space_kind="kitchen",
        area=chain["plan"].area,
    )
    skill = EscoConcept.objects.filter(kind="skill").order_by("uri").first()
    pool = services.propose_asset(
        actor=researcher, finding=finding, kind="skill_pool", name="Wedding cooks", skill=skill, members=9
    )
    with pytest.raises(ValidationError, match="which skill"):
        services.propose_asset(actor=researcher, finding=finding, kind="skill_pool", name="Someone")
    assert not Organisation.objects.filter(name="Heath Caterers").exists()
    with pytest.raises(PermissionDenied):
        services.decide_proposal(actor=researcher, proposal=group, accept=True)
    services.decide_proposal(actor=fieldwork.admin, proposal=group, accept=True)
    services.decide_proposal(actor=fieldwork.admin, proposal=kitchen, accept=True)
    with pytest.raises(ValidationError, match="required"):
        services.decide_proposal(actor=fieldwork.admin, proposal=pool, accept=False)
    services.decide_proposal(
        actor=fieldwork.admin, proposal=pool, accept=False, note="Counted in the register"
    )
    organisation = organisations_of(world.programme).get(name="Heath Caterers")
    assert organisation.kind == "community_group" and "A catering skill pool" in organisation.description
    space = Space.objects.get(name="Church hall kitchen")
    assert (
        space.kind == "kitchen"
        and space.area == chain["plan"].area
        and "community research" in space.description
    )
    group.refresh_from_db()
    assert group.organisation == organisation and group.status == ProposalStatus.ACCEPTED
    with pytest.raises(ValidationError, match="decided already"):
        services.decide_proposal(actor=fieldwork.admin, proposal=group, accept=True)
    page = (
        client_of(fieldwork.admin)
        .get(reverse("research:finding", kwargs={"slug": world.programme.slug, "finding_id": finding.pk}))
        .content.decode()
    )
    assert "in the organisation register" in page and "in the spaces register" in page


def test_the_evidence_chain_runs_from_the_plan_to_the_response(fieldwork, chain, world):
    slug = world.programme.slug
    client = client_of(fieldwork.admin)
    plan = client.get(
        reverse("research:plan", kwargs={"slug": slug, "plan_id": chain["plan"].pk})
    ).content.decode()
    finding_url = reverse("research:finding", kwargs={"slug": slug, "finding_id": chain["finding"].pk})
    assert f'href="{finding_url}"' in plan and "Open a shared kitchen" in plan
    finding = client.get(finding_url).content.decode()
    document_url = reverse("research:document", kwargs={"slug": slug, "document_id": chain["document"].pk})
    table_url = reverse("research:table", kwargs={"slug": slug, "table_id": chain["table"].pk})
    response_url = reverse(
        "research:response", kwargs={"slug": slug, "submission_id": chain["submission"].pk}
    )
    assert f'href="{document_url}#excerpt-{chain["excerpt"].pk}"' in finding
    assert f'href="{table_url}"' in finding and f'href="{response_url}"' in finding
    table = client.get(table_url).content.decode()
    survey_url = reverse("research:survey", kwargs={"slug": slug, "survey_id": fieldwork.survey.pk})
    assert f'href="{survey_url}"' in table
    document = client.get(document_url).content.decode()
    assert f'href="{response_url}"' in document


def test_the_evidence_chain_runs_back_from_the_response_to_the_plan(fieldwork, chain, world):
    slug = world.programme.slug
    client = client_of(fieldwork.researcher.user)
    response = client.get(
        reverse("research:response", kwargs={"slug": slug, "submission_id": chain["submission"].pk})
    ).content.decode()
    finding_url = reverse("research:finding", kwargs={"slug": slug, "finding_id": chain["finding"].pk})
    action_url = reverse("research:plan", kwargs={"slug": slug, "plan_id": chain["plan"].pk})
    assert f'href="{finding_url}"' in response
    assert f'href="{action_url}#action-{chain["action"].pk}"' in response
    table = client.get(reverse("research:table", kwargs={"slug": slug, "table_id": chain["table"].pk}))
    assert f'href="{finding_url}"' in table.content.decode()
    finding = client.get(finding_url).content.decode()
    assert f'href="{action_url}#action-{chain["action"].pk}"' in finding


def test_a_reader_outside_the_project_sees_the_plan_but_not_the_evidence_behind_it(fieldwork, chain, world):
    slug = world.programme.slug
    staff = client_of(world.user(Role.PARTNER_STAFF))
    plan = staff.get(reverse("research:plan", kwargs={"slug": slug, "plan_id": chain["plan"].pk}))
    text = plan.content.decode()
    assert plan.status_code == 200 and "Open a shared kitchen" in text
    assert "A finding of a project you cannot open" in text and "A catering skill pool" not in text
    finding_url = reverse("research:finding", kwargs={"slug": slug, "finding_id": chain["finding"].pk})
    assert staff.get(finding_url).status_code == 403
    # Shared with their organisation, the project opens to them, evidence included.
    fieldwork.project.shared_with.add(world.organisation)
    shared = staff.get(finding_url).content.decode()
    assert "cook for weddings" in shared
    assert client_of(world.user(Role.PARTICIPANT)).get(finding_url).status_code == 403


def test_a_plan_action_can_only_be_owned_by_and_cite_the_programmes_own_records(fieldwork, chain, world):
    stranger = factories.make_organisation(name="Elsewhere Ltd")
    with pytest.raises(ValidationError, match="programme's organisations"):
        services.save_action(actor=fieldwork.admin, plan=chain["plan"], title="X", owner=stranger)
    with pytest.raises(PermissionDenied):
        services.save_action(actor=fieldwork.researcher.user, plan=chain["plan"], title="X")
    services.set_action_status(actor=fieldwork.admin, action=chain["action"], status="done")
    page = (
        client_of(fieldwork.admin)
        .get(reverse("research:plans", kwargs={"slug": world.programme.slug}))
        .content.decode()
    )
    assert "100 %" in page


def test_accepted_skill_pools_form_a_register_naming_the_open_opportunities_that_ask_for_their_skill(
    fieldwork, chain, world
):
    finding = chain["finding"]
    researcher = fieldwork.researcher.user
    job = nurse_post(world)
    draft_job = nurse_post(world, status="draft")
    infection_control = concept("infection control", "skill")
    carers = services.propose_asset(
        actor=researcher,
        finding=finding,
        kind="skill_pool",
        name="Home carers of Matrix Heath",
        skill=infection_control,
        members=14,
        area=chain["plan"].area,
    )
    cooks = services.propose_asset(
        actor=researcher,
        finding=finding,
        kind="skill_pool",
        name="Wedding cooks",
        skill=EscoConcept.objects.filter(kind="skill")
        .exclude(pk=infection_control.pk)
        .order_by("uri")
        .first(),
    )
    url = reverse("research:skill_pools", kwargs={"slug": world.programme.slug})
    admin = client_of(fieldwork.admin)
    assert "Home carers of Matrix Heath" not in admin.get(url).content.decode()
    services.decide_proposal(actor=fieldwork.admin, proposal=carers, accept=True)
    services.decide_proposal(actor=fieldwork.admin, proposal=cooks, accept=True)
    page = admin.get(url).content.decode()
    assert "Home carers of Matrix Heath" in page and "14 residents" in page
    assert f"/opportunities/{job.pk}/" in page and f"/opportunities/{draft_job.pk}/" not in page
    assert "A catering skill pool" in page  # the finding, which the admin may open
    assert "No open opportunity asks for this skill yet." in page  # the cooks
    in_area = admin.get(url, {"area": chain["plan"].area.code}).content.decode()
    assert "Home carers of Matrix Heath" in in_area and "Wedding cooks" not in in_area
    # Partner staff outside the project see the pool, not the finding behind it.
    staff = client_of(world.user(Role.PARTNER_STAFF)).get(url).content.decode()
    assert "Home carers of Matrix Heath" in staff
    assert "A finding of a project you cannot open" in staff and "A catering skill pool" not in staff
    finding_page = admin.get(
        reverse("research:finding", kwargs={"slug": world.programme.slug, "finding_id": finding.pk})
    ).content.decode()
    assert f"skill-pools/#pool-{carers.pk}" in finding_page
    # More pools and opportunities, the same queries.
    with CaptureQueriesContext(connection) as few:
        admin.get(url)
    for number in range(5):
        extra = services.propose_asset(
            actor=researcher,
            finding=finding,
            kind="skill_pool",
            name=f"Pool {number}",
            skill=infection_control,
        )
        services.decide_proposal(actor=fieldwork.admin, proposal=extra, accept=True)
        nurse_post(world)
    with CaptureQueriesContext(connection) as many:
        assert "Pool 4" in admin.get(url).content.decode()
    assert len(many) == len(few), "\n".join(q["sql"][:160] for q in many.captured_queries)
    assert client_of(world.user(Role.PARTICIPANT)).get(url).status_code == 403
    other = factories.make_programme()
    outsider = factories.make_member(other, Role.PROGRAMME_ADMIN, None, factories.make_user())
    assert client_of(outsider).get(url).status_code in {403, 404}
