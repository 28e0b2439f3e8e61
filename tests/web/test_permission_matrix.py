"""Every URL pattern and every API route, for every kind of user.

Anonymous → login redirect (web) or 401 (API); a user of another programme → 404; a role without
the right → 403; a role with it gets through. Each view declares its rule (`view.access`); a view
without a declaration fails this test, so a new route cannot be left out.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern

from assetlink.accounts.services import create_api_token
from assetlink.api import api
from assetlink.background.models import TaskRun
from assetlink.catalogue import services as catalogue_services
from assetlink.catalogue.models import (
    Adoption,
    AdoptionChange,
    CatalogueEditor,
    PracticeTemplate,
    Theme,
    TransferMilestone,
)
from assetlink.catalogue.transfer import capture_template
from assetlink.engine.periods import PeriodKind, period_containing
from assetlink.exchange import services as exchange_services
from assetlink.impact.indicators.services import define_indicator, freeze_snapshot
from assetlink.impact.services import append_outcome
from assetlink.impact.social_value import save_measure, set_commitment
from assetlink.journeys import services as journey_services
from assetlink.journeys.models import PathwayTemplate
from assetlink.matching.models import Match
from assetlink.opportunities import services as opportunity_services
from assetlink.organisations import services as organisation_services
from assetlink.people import services as person_services
from assetlink.places import services as place_services
from assetlink.programmes import services as programme_services
from assetlink.programmes.models import Membership, Role
from assetlink.research import collection as research_collection
from assetlink.research import services as research_services
from assetlink.spend import services as spend_services
from assetlink.spend.models import Supplier
from assetlink.taxonomy.models import EscoConcept
from assetlink.timelines import services as timeline_services
from assetlink.timelines.subjects import TimelineOf
from tests import factories
from tests.research.sample import response_xml, skills_survey
from tests.web import expected_access


def url_patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def is_api_route(route: str) -> bool:
    return route.startswith("api/")


def fill(route: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The concrete path for a route pattern and the URL keyword arguments it carries."""
    kwargs: dict[str, Any] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        value = values.get(name, "unknown-key")  # third-party routes have keys of their own
        if isinstance(value, dict):
            value = next(v for prefix, v in value.items() if prefix in route)
        kwargs[name] = value
        return str(kwargs[name])

    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", replace, route)
    path = re.sub(r"\{(?P<name>\w+)\}", replace, path)
    return "/" + path.lstrip("/"), {k: v for k, v in kwargs.items() if k != "slug"}


@pytest.fixture
def values(world, other_world, settings, tmp_path):
    admin = world.user(Role.PROGRAMME_ADMIN)
    invitation, token = programme_services.invite_member(
        actor=admin, programme=world.programme, email="invitee@example.org", role=Role.PARTICIPANT
    )
    api_token, _secret = create_api_token(actor=admin, name="matrix")
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "result.csv").write_text("a,b\n")
    task_run = TaskRun.objects.create(
        started_by=admin,
        programme=world.programme,
        kind="test",
        status=TaskRun.Status.SUCCEEDED,
        result_file="result.csv",
    )
    batch = exchange_services.upload_import(
        actor=admin, programme=world.programme, kind="areas", file_name="a.csv", data=b"code,name\nA,B\n"
    )
    world.programme.allows_self_registration = True
    world.programme.publishes_results = True
    world.programme.save()
    person = factories.make_person(
        world.programme, share_with=world.organisation, user=world.user(Role.PARTICIPANT)
    )
    language = person_services.add_item(
        actor=admin, person=person, part="languages", language="ar", level="B2"
    )
    capability = organisation_services.add_part(
        actor=admin,
        organisation=world.organisation,
        part="capabilities",
        programme=world.programme,
        description="Catering",
    )
    investment = opportunity_services.save_investment(
        actor=admin, programme=world.programme, name="Hospital", owner=world.lead.organisation
    )
    opportunity = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Nurse",
        owner=world.organisation,
        occupation=EscoConcept.objects.filter(kind="occupation").first(),
    )
    opportunity_services.change_status(actor=admin, opportunity=opportunity, status="open")
    requirement = opportunity_services.add_part(
        actor=admin, opportunity=opportunity, part="credentials", kind="registration", name="NMC registration"
    )
    space = place_services.save_space(actor=admin, programme=world.programme, name="Hall", kind="hall")
    area = place_services.save_area(
        actor=admin, programme=world.programme, code="MX1", name="Matrix", latitude=52.5, longitude=-1.9
    )
    place_services.save_postcode(actor=admin, programme=world.programme, postcode="MX1", area=area)
    match = factories.make_match(person, opportunity)
    challenge = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="challenge",
        title="Presses",
        owner=world.lead.organisation,
        cpv_codes=["72000000-5"],
    )
    opportunity_services.change_status(actor=admin, opportunity=challenge, status="open")
    provider_match = Match.objects.create(
        programme=world.programme,
        opportunity=challenge,
        organisation=world.organisation,
        score=0.5,
        engine_version="test",
    )
    service = journey_services.save_service(
        actor=admin, programme=world.programme, organisation=world.organisation, name="Job club"
    )
    referral = journey_services.send_referral(
        actor=admin, person=person, service=service, reason="Interview practice"
    )
    (template,) = [
        journey_services.save_pathway(
            actor=admin, programme=world.programme, code="gen", name="Gen", country="GB"
        )
    ]
    journey_services.save_step(
        actor=admin, template=template, code="course", name="Course", expected_days=30, outcome_type=""
    )
    step = journey_services.save_step(
        actor=admin, template=template, code="exam", name="Exam", expected_days=30, outcome_type=""
    )
    enrolment = journey_services.enrol_person(actor=admin, person=person, template=template)
    support = journey_services.save_support_programme(
        actor=admin,
        programme=world.programme,
        kind="digital_skills",
        name="Digital skills",
        organisation=world.organisation,
        participants="person",
    )
    cohort = journey_services.add_cohort(
        actor=admin, support=support, name="Spring", starts_on=datetime.date(2025, 3, 1)
    )
    participation = journey_services.add_participant(actor=admin, cohort=cohort, person=person)
    note = timeline_services.add_note(
        actor=admin,
        target=TimelineOf(world.programme, person),
        body="Call back",
        assignee=world.user(Role.PARTNER_STAFF),
    )
    link = organisation_services.request_link(
        actor=other_world.user(Role.PROGRAMME_ADMIN),
        programme=other_world.programme,
        name=world.organisation.name,
        country="GB",
    )
    glass_operator = factories.make_user("glass.operator@example.org", is_superuser=True, is_staff=True)
    operator_access = programme_services.open_operator_access(
        actor=glass_operator, programme=world.programme, reason="Support case 42: a page fails for the admin"
    )
    outcome = append_outcome(
        actor=world.user(Role.PARTNER_STAFF),
        programme=world.programme,
        entry_type="job.started",
        subject=person,
        occurred_on=datetime.date(2025, 5, 1),
    )
    indicator = define_indicator(
        actor=admin,
        programme=world.programme,
        code="matrix_jobs",
        name="Jobs started",
        measure="subjects",
        entry_types=["job.started"],
    )
    snapshot = freeze_snapshot(
        actor=admin,
        programme=world.programme,
        period=period_containing(datetime.date(2025, 5, 1), PeriodKind.QUARTER),
    )
    # Local spend: a line paid locally to the organisation (so its people owe an LM3 return), one
    # supplier left for review, and a contract awarded to the organisation with a commitment.
    spend_services.save_local_area(
        actor=admin, programme=world.programme, areas=[area], districts=["B18"], region=[]
    )
    spend_services.import_lines(
        actor=admin,
        programme=world.programme,
        lines=[
            spend_services.LineIn(
                1,
                world.lead.organisation,
                world.organisation.name,
                "",
                "R1",
                datetime.date(2025, 5, 1),
                Decimal(900),
                "Catering",
                "B18 1AA",
            ),
            spend_services.LineIn(
                2,
                world.lead.organisation,
                world.organisation.name + "s",
                "",
                "R2",
                datetime.date(2025, 5, 2),
                Decimal(90),
                "Catering",
                "B18 1AA",
            ),
        ],
    )
    supplier = Supplier.objects.get(status="review")
    study = spend_services.save_study(
        actor=admin,
        programme=world.programme,
        buyer=world.lead.organisation,
        title="LM3",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2026, 3, 31),
    )
    contract = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Catering",
        owner=world.lead.organisation,
        value=1000,
    )
    for status in ("open", "closed"):
        opportunity_services.change_status(actor=admin, opportunity=contract, status=status)
    opportunity_services.change_status(
        actor=admin, opportunity=contract, status="awarded", awarded_to=world.organisation, awarded_value=900
    )
    measure = save_measure(
        actor=admin,
        programme=world.programme,
        code="hours",
        theme="Community",
        outcome="Volunteering",
        unit="per hour",
        proxy_value=Decimal(15),
        currency="GBP",
        source="Illustrative",
        year=2026,
        entry_types=["volunteer.hours"],
        counted="quantity",
    )
    set_commitment(
        actor=admin,
        contract=contract,
        measure=measure,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2025, 6, 30),
        quantity=Decimal(10),
    )
    # Community research: a project led by the lead partner, shared with the staff's organisation, whose
    # team has the programme's community researcher; a survey with one response collected by them.
    researcher = research_services.save_researcher(
        actor=admin, programme=world.programme, name="Matrix R.", user=world.user(Role.COMMUNITY_RESEARCHER)
    )
    project = research_services.save_project(
        actor=admin,
        programme=world.programme,
        title="Matrix research",
        question="What is here?",
        lead_organisation=world.lead.organisation,
        areas=[area],
        shared_with=[world.organisation],
    )
    research_services.set_team_member(actor=admin, project=project, researcher=researcher)
    survey = research_services.create_survey(
        actor=admin, project=project, file_name="matrix.xlsx", data=skills_survey()
    )
    research_services.change_project_status(actor=admin, project=project, status="fieldwork")
    collector_key, collector_secret = research_services.issue_key(
        actor=admin, researcher=researcher, label="Matrix phone"
    )
    received = research_collection.receive(
        researcher=researcher, xml=response_xml(), files={}, source="collect"
    )
    # What is made of it: a transcript coded by the admin, a table kept, a finding citing both that
    # proposes a space, and the area's plan with an action resting on the finding.
    document = research_services.add_transcript(
        actor=admin, project=project, title="Matrix talk", text="We cook together on Fridays."
    )
    code = research_services.save_code(actor=admin, project=project, name="Food")
    excerpt = research_services.code_excerpt(actor=admin, document=document, quote="cook", codes=[code])
    table = research_services.keep_table(actor=admin, survey=survey, title="By area", rows="area")
    finding = research_services.save_finding(
        actor=admin,
        project=project,
        title="Shared cooking",
        summary="Residents cook together.",
        kind="asset",
        excerpts=[excerpt],
        tables=[table],
    )
    proposal = research_services.propose_asset(
        actor=admin, finding=finding, kind="space", name="Church kitchen", space_kind="kitchen"
    )
    plan = research_services.save_plan(actor=admin, programme=world.programme, area=area, title="Matrix plan")
    action = research_services.save_action(
        actor=admin, plan=plan, title="Open the kitchen", findings=[finding]
    )
    # The catalogue: a published practice and a draft by an editor, a network, an event with a registration,
    # and a subscription, with the links their e-mails carry.
    catalogue_editor = factories.make_user("catalogue.editor@example.org")
    catalogue_reviewer = factories.make_user("catalogue.reviewer@example.org")
    CatalogueEditor.objects.create(user=catalogue_editor, role="editor")
    CatalogueEditor.objects.create(user=catalogue_reviewer, role="reviewer")
    theme = Theme.objects.create(code="jobs-and-skills", names={"en": "Jobs and skills"})
    texts = {"en": {"title": "Matrix practice", "summary": "Residents map skills."}}
    published = catalogue_services.save_practice(
        actor=catalogue_editor,
        slug="matrix-practice",
        city="Matrix",
        country="GB",
        texts=texts,
        themes=[theme],
    )
    catalogue_services.submit_for_review(actor=catalogue_editor, practice=published)
    catalogue_services.publish(actor=catalogue_reviewer, practice=published)
    draft = catalogue_services.save_practice(
        actor=catalogue_editor, slug="matrix-draft", city="Matrix", country="GB", texts=texts
    )
    network = catalogue_services.save_network(
        actor=catalogue_editor,
        slug="matrix-network",
        name="Matrix network",
        kind="transfer",
        status="ongoing",
    )
    event = catalogue_services.save_event(
        actor=catalogue_editor,
        slug="matrix-event",
        titles={"en": "Matrix day"},
        starts_on=datetime.date(2026, 5, 4),
        ends_on=datetime.date(2026, 5, 4),
        place="Town hall",
        city="Matrix",
        country="GB",
        capacity=10,
        is_published=True,
    )
    registration, cancel_token = catalogue_services.register(
        event=event, name="R. Egistrant", email="r@example.org"
    )
    subscription = catalogue_services.subscribe(email="s@example.org", themes=[theme])
    # The programme as if it had adopted the practice: its transfer plan with a milestone and a change.
    practice_template = PracticeTemplate.objects.create(
        practice=published,
        version=1,
        content=capture_template(world.programme),
        captured_from=world.programme,
    )
    adoption = Adoption.objects.create(
        practice=published,
        template=practice_template,
        programme=world.programme,
        city="Matrix",
        country="GB",
        city_population=90_000,
    )
    milestone = TransferMilestone.objects.create(adoption=adoption, stage="understand", title="Study visit")
    change = AdoptionChange.objects.create(
        adoption=adoption, section="pathways", key="pathway:x", label="A pathway"
    )
    return {
        "milestone_id": milestone.pk,
        "change_id": change.pk,
        "catalogue_editor": catalogue_editor,
        "step": "submit",
        "document_id": document.pk,
        "excerpt_id": excerpt.pk,
        "table_id": table.pk,
        "finding_id": finding.pk,
        "proposal_id": proposal.pk,
        "plan_id": plan.pk,
        "action_id": action.pk,
        "sheet_format": "csv",
        "project_id": project.pk,
        "survey_id": survey.pk,
        "version_id": survey.versions.get().pk,
        "form_id": survey.form_id,
        "file_name": "assetlink-areas.csv",
        "submission_id": received.submission.pk,
        "registration_id": registration.pk,
        "researcher_id": researcher.pk,
        "key_id": collector_key.pk,
        "key": collector_secret,
        "supplier_id": supplier.pk,
        "study_id": study.pk,
        "contract_id": contract.pk,
        "quarter": "quarter:2025-04-01",
        "code": {"practices/edit/themes/": theme.code, "": indicator.code},
        "snapshot_id": snapshot.pk,
        "link_request_id": link.pk,
        "access_id": operator_access.pk,
        "glass_operator": glass_operator,
        "match_handle": match.handle,
        "provider_match_handle": provider_match.handle,
        "service_id": service.pk,
        "referral_id": referral.pk,
        "template_id": template.pk,
        "step_id": step.pk,
        "enrolment_id": enrolment.pk,
        "outcome_id": outcome.pk,
        "support_id": support.pk,
        "cohort_id": cohort.pk,
        "participation_id": participation.pk,
        "note_id": note.pk,
        "subject": "person",
        "subject_id": person.pk,
        "name": "people",
        "fmt": {"research/": "xml", "exports/": "csv"},
        "person_id": person.pk,
        "space_id": space.pk,
        "investment_id": investment.pk,
        "opportunity_id": opportunity.pk,
        "part": {"organisations/": "capabilities", "opportunities/": "credentials", "people/": "languages"},
        "item_id": {
            "people/": language.pk,
            "organisations/": capability.pk,
            "opportunities/": requirement.pk,
        },
        "batch_id": batch.pk,
        # the same URL key names different things under different prefixes
        "kind": {"people/": "languages", "imports/": "areas", "opportunities/": "job"},
        # Under /practices/ a slug names a catalogue entry; everywhere else, the programme.
        "slug": {
            "practices/edit/networks/": network.slug,
            "practices/edit/events/": event.slug,
            "practices/edit/": draft.slug,
            "practices/networks/": network.slug,
            "practices/events/": event.slug,
            "practices/": published.slug,
            "": world.programme.slug,
        },
        "partner_id": world.lead.pk,
        "work_package_id": world.work_package.pk,
        "organisation_id": world.organisation.pk,
        "membership_id": Membership.objects.get(user=world.user(Role.PARTICIPANT)).pk,
        "invitation_id": invitation.pk,
        "token": {
            "practices/registrations/": cancel_token,
            "practices/subscribe/": signing.dumps(subscription.pk, salt=catalogue_services.CONFIRM_SALT),
            "practices/unsubscribe/": signing.dumps(
                subscription.pk, salt=catalogue_services.UNSUBSCRIBE_SALT
            ),
            "": token,
        },
        "token_id": api_token.pk,
        "task_run_id": task_run.pk,
    }


ROLE_WORDS = {
    Role.PROGRAMME_ADMIN: "admin",
    Role.PARTNER_STAFF: "staff",
    Role.COMMUNITY_RESEARCHER: "researcher",
    Role.ENTERPRISE_MEMBER: "enterprise",
    Role.PARTICIPANT: "participant",
}
# What a page answers someone who got through: the page, or a redirect that is not to the sign-in page
# (a form posted empty goes back to its page, or answers 422 with its errors shown).
GOT_THROUGH = {200, 302, 422}


def rolled_back(request: Callable[[], int]) -> int:
    """Make a request whose writes are undone afterwards, so that each role meets the same records (a POST
    that gets through may end a membership, erase a person or withdraw a referral)."""
    with transaction.atomic():
        status = request()
        transaction.set_rollback(True)
    return status


def through_status(client: Client, path: str) -> int:
    """Status of a request that should get through: a page answers GET with 200 (or a redirect that is
    not to sign in); a POST-only view answers an empty POST with a redirect or its form's errors."""
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path)
        if response.status_code == 422:
            assert b"error" in response.content, f"{path}: 422 without an error shown"
    elif response.status_code not in {200, 302}:
        return response.status_code
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"], f"{path}: sent to sign in"
    return response.status_code


def refusal_status(client: Client, path: str) -> int:
    """Status of a request that should be refused; POST-only views are asked with POST."""
    status = client.get(path).status_code
    return client.post(path).status_code if status == 405 else status


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def platform_operator():
    """A superuser with no membership and no operator access: sees no programme."""
    return factories.make_user("operator@example.org", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_every_web_route_enforces_its_declared_access(world, other_world, values):
    operator = platform_operator()
    checked = 0
    seen: set[str] = set()
    for route, pattern in url_patterns():
        if is_api_route(route):
            continue
        view = pattern.callback
        access = getattr(view, "access", None)
        if isinstance(pattern.pattern, RegexPattern):
            # allauth's regular-expression routes: build them from their names.
            path = reverse(
                pattern.name, kwargs=dict.fromkeys(pattern.pattern.regex.groupindex, "unknown-key")
            )
            kwargs: dict[str, Any] = {}
        else:
            path, kwargs = fill(route, values)
        anonymous = Client().get(path)
        if anonymous.status_code == 405:
            anonymous = Client().post(path)
        if access is None:
            # Only allauth's own sign-in and account-security pages carry no declaration.
            assert view.__module__.startswith("allauth."), (
                f"{route} ({view.__module__}) declares no access rule"
            )
            assert anonymous.status_code in {200, 302, 405}, route
            if anonymous.status_code == 302:
                assert anonymous["Location"].startswith("/accounts/"), route
            continue
        checked += 1
        if access.scope == "public":
            assert anonymous.status_code in {200, 302, 405}, route
            continue
        if access.scope == "collector":
            # OpenRosa: the key in the address is the credential; a wrong key reaches nothing.
            assert anonymous.status_code in {200, 204}, f"{route}: a live key got {anonymous.status_code}"
            bogus = path.replace(values["key"], "not-a-key")
            assert Client().get(bogus).status_code == 403, route
            client = Client()
            client.force_login(other_world.user(Role.PROGRAMME_ADMIN))
            assert client.get(bogus).status_code == 403, f"{route}: a session stands in for a key"
            continue
        assert is_login_redirect(anonymous), f"{route}: anonymous got {anonymous.status_code}"
        if access.scope == "platform":
            client = Client()
            client.force_login(values["glass_operator"])
            assert through_status(client, path) in GOT_THROUGH, route
            for role in Role:
                client.force_login(world.user(role))
                assert refusal_status(client, path) == 403, f"{route}: {role} reaches a platform page"
            continue
        if access.scope == "catalogue":
            client = Client()
            client.force_login(values["catalogue_editor"])
            status = rolled_back(lambda client=client, path=path: through_status(client, path))
            assert status in GOT_THROUGH, f"{route}: a catalogue editor got {status}"
            client.force_login(values["glass_operator"])
            assert refusal_status(client, path) == 403, f"{route}: the platform operator edits the catalogue"
            for role in Role:
                client.force_login(world.user(role))
                assert refusal_status(client, path) == 403, f"{route}: {role} edits the catalogue"
            continue
        if access.scope == "signed_in":
            owner, stranger = world.user(Role.PROGRAMME_ADMIN), other_world.user(Role.PROGRAMME_ADMIN)
            client = Client()
            client.force_login(owner)
            assert (
                rolled_back(lambda client=client, path=path: through_status(client, path)) in GOT_THROUGH
            ), route
            if kwargs:
                client.force_login(stranger)
                assert refusal_status(client, path) == 404, f"{route}: another user's record is reachable"
            continue
        outsider = Client()
        outsider.force_login(other_world.user(Role.PROGRAMME_ADMIN))
        assert refusal_status(outsider, path) == 404, f"{route}: reachable from another programme"
        outsider.force_login(operator)
        assert refusal_status(outsider, path) == 404, f"{route}: reachable by the platform operator"
        assert route in expected_access.WEB, f"{route}: say in tests/web/expected_access.py who reaches it"
        for role in Role:
            user = type(world.user(role)).objects.get(pk=world.user(role).pk)
            client = Client()
            client.force_login(user)
            if ROLE_WORDS[role] in expected_access.WEB[route].split():
                status = rolled_back(lambda client=client, path=path: through_status(client, path))
                assert status in GOT_THROUGH, f"{route}: {role} should get through, got {status}"
            else:
                status = refusal_status(client, path)
                assert status == 403, f"{route}: {role} should be refused, got {status}"
            seen.add(route)
    assert checked > 20
    assert seen == set(expected_access.WEB), "tests/web/expected_access.py names routes that do not exist"


def api_operations() -> Iterator[tuple[str, str, Any]]:
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield method, "/api/v1/" + (prefix.strip("/") + path).lstrip("/"), operation.view_func


# Query strings that GET routes need to answer at all (keyed by the route after the programme).
QUERIES = {
    "/esco/concepts": "?q=nurse&kind=occupation",
    "/esco/concept": "?uri=http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50",
    "/areas/lookup": "?postcode=MX1 1AA",
    "/esco/classify-occupation": "?title=Staff nurse",
}


def sample_body(world, method: str, path: str) -> dict[str, Any]:
    bodies = {
        ("POST", "/partners"): {
            "organisation_name": "Matrix Ltd",
            "kind": "sme",
            "country": "GB",
            "role": "delivery",
        },
        ("POST", "/work-packages"): {"code": "WPX", "title": "Matrix", "lead_partner_id": world.lead.pk},
        ("PUT", "/work-packages/{work_package_id}"): {
            "code": "WP1",
            "title": "Matrix",
            "lead_partner_id": world.lead.pk,
        },
        ("POST", "/organisations"): {"name": "Matrix Org", "kind": "sme", "country": "GB"},
        ("POST", "/organisations/{organisation_id}/parts/{part}"): {"description": "Catering"},
        ("POST", "/spaces"): {"name": "Matrix hall", "kind": "hall"},
        ("POST", "/people"): {
            "given_name": "Matrix",
            "consents": [{"purpose": "sharing", "organisation_id": world.organisation.pk}],
        },
        ("POST", "/people/{person_id}/consents"): {"purpose": "matching", "given": True},
        ("POST", "/people/{person_id}/parts/{part}"): {"language": "fr", "level": "B1"},
        ("POST", "/people/{person_id}/erasure-request"): {},
        ("POST", "/investments"): {"name": "Matrix investment", "owner_id": world.lead.organisation.pk},
        ("POST", "/opportunities"): {"kind": "job", "title": "Matrix job", "owner_id": world.organisation.pk},
        ("POST", "/opportunities/{opportunity_id}/status"): {"status": "closed"},
        ("POST", "/opportunities/{opportunity_id}/parts/{part}"): {"kind": "registration", "name": "NMC"},
        ("POST", "/imports"): {"__multipart__": {"kind": "people"}},
        ("POST", "/imports/{batch_id}/commit"): {},
        ("POST", "/matches/{match_handle}/status"): {"status": "shortlisted"},
        ("POST", "/esco/extract-skills"): {"text": "infection control and customer service"},
        ("POST", "/services"): {"name": "Matrix service", "organisation_id": world.organisation.pk},
        # Neither a service nor an opportunity: refused with 422 once through the access check.
        ("POST", "/people/{person_id}/referrals"): {"reason": "Matrix"},
        ("POST", "/referrals/{referral_id}/answer"): {"accept": True},
        ("POST", "/referrals/{referral_id}/complete"): {"result": "achieved"},
        ("POST", "/referrals/{referral_id}/withdraw"): {"reason": "Matrix"},
        # The person is already on this pathway: 422 once through the access check.
        ("POST", "/people/{person_id}/enrolments"): {
            "template_id": PathwayTemplate.objects.get(programme=world.programme, code="gen").pk
        },
        ("POST", "/enrolments/{enrolment_id}/steps"): {"evidence": "Matrix"},
        ("POST", "/enrolments/{enrolment_id}/leave"): {"reason": "Matrix"},
        ("POST", "/ledger"): {
            "entry_type": "job.started",
            "subject_type": "organisations.organisation",
            "subject_id": 0,
            "occurred_on": "2025-05-01",
            "evidence": "Matrix",
        },
        ("POST", "/ledger/{outcome_id}/verify"): {},
        ("POST", "/pathways"): {"code": "matrix", "name": "Matrix", "country": "GB"},
        ("POST", "/standard-pathways"): {},
        ("POST", "/pathways/{template_id}/steps"): {"code": "m", "name": "M", "expected_days": 5},
        ("POST", "/support"): {
            "kind": "digital_skills",
            "name": "Matrix",
            "participants": "person",
            "organisation_id": world.organisation.pk,
        },
        ("POST", "/support/{support_id}/cohorts"): {"name": "Matrix", "starts_on": "2025-04-01"},
        # Neither a person nor an organisation: 422 once through the access check.
        ("POST", "/cohorts/{cohort_id}/participants"): {"headcount": 1},
        ("POST", "/cohorts/{cohort_id}/sessions"): {"held_on": "2025-04-01", "topic": "Matrix"},
        ("POST", "/cohorts/{cohort_id}/participants/{participation_id}/stage"): {"stage_code": "none"},
        ("POST", "/timeline/{subject}/{subject_id}/notes"): {"body": "Matrix"},
        # No other programme holds this name: 422 once through the access check.
        ("POST", "/link-requests"): {"name": "Nobody Holds This", "country": "GB"},
        ("POST", "/link-requests/{link_request_id}/answer"): {"accept": False},
        ("POST", "/ledger/{outcome_id}/corrections"): {"kind": "reversal", "reason": "Matrix"},
        ("PUT", "/indicators/{code}"): {
            "name": "Jobs",
            "measure": "subjects",
            "entry_types": ["job.started"],
        },
        ("PUT", "/indicators/{code}/targets"): {
            "period_kind": "programme",
            "period_start": "2025-01-01",
            "value": 9,
        },
        ("POST", "/snapshots"): {"period": "quarter:2025-04-01"},
        ("PUT", "/returns/{quarter}"): {"statement": "Matrix", "evidence": []},
    }
    for (body_method, suffix), body in bodies.items():
        if method == body_method and path.endswith(suffix):
            return body
    assert method in {"GET", "PATCH"}, f"{method} {path}: add a sample body to this test"
    return {}


@pytest.mark.django_db
def test_every_api_route_enforces_its_declared_access(world, other_world, values):
    tokens = {}
    for role in Role:
        _token, tokens[role] = create_api_token(actor=world.user(role), name="api matrix")
    _token, outsider_token = create_api_token(actor=other_world.user(Role.PROGRAMME_ADMIN), name="matrix")
    _token, operator_token = create_api_token(actor=platform_operator(), name="matrix")
    checked = 0
    seen: set[str] = set()
    for method, route, view in api_operations():
        access = getattr(view, "access", None)
        assert access is not None, f"{method} {route} declares no access rule"
        path, _kwargs = fill(route, values)
        path += next((query for suffix, query in QUERIES.items() if route.endswith(suffix)), "")
        body = sample_body(world, method, route)

        def call(token: str | None, method: str = method, path: str = path, body: dict = body) -> int:
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
            if "__multipart__" in body:
                upload = SimpleUploadedFile("a.csv", b"code,name\nM1,Matrix\n")
                return (
                    Client().post(path, data={**body["__multipart__"], "file": upload}, **headers).status_code
                )
            return (
                Client()
                .generic(method, path, data=json.dumps(body), content_type="application/json", **headers)
                .status_code
            )

        checked += 1
        assert call(None) == 401, f"{method} {route}: anonymous not refused"
        if access.scope == "signed_in":
            assert call(outsider_token) == 200
            assert call(operator_token) == 200
            continue
        assert call(outsider_token) == 404, f"{method} {route}: reachable from another programme"
        assert call(operator_token) == 404, f"{method} {route}: reachable by the platform operator"
        key = f"{method} {route}"
        assert key in expected_access.API, f"{key}: say in tests/web/expected_access.py who reaches it"
        seen.add(key)
        for role in Role:
            status = rolled_back(lambda role=role: call(tokens[role]))
            if ROLE_WORDS[role] in expected_access.API[key].split():
                # Through the access check: an answer, or the sample body's validation error (422).
                assert status in {200, 201, 202, 204, 422}, f"{key}: {role} should get through, got {status}"
            else:
                assert status == 403, f"{key}: {role} should be refused, got {status}"
    assert checked >= 14
    assert seen == set(expected_access.API), "tests/web/expected_access.py names routes that do not exist"


@pytest.mark.django_db
def test_every_route_of_a_person_follows_the_persons_sharing_consent(world, values):
    """Partner staff of an organisation the person has not agreed to share with are refused on every
    page and API route of that person; once the person agrees, they get through (except erasure and the
    person's own actions)."""
    from assetlink.people.models import ConsentPurpose, Person
    from assetlink.people.services import record_consent

    partner = factories.make_partner(world.programme)
    stranger = factories.make_member(world.programme, Role.PARTNER_STAFF, partner.organisation)
    _token, secret = create_api_token(actor=stranger, name="consent")
    person = Person.objects.get(pk=values["person_id"])
    web_routes = [(route, pattern) for route, pattern in url_patterns() if "<int:person_id>" in route]
    api_routes = [(method, route) for method, route, _view in api_operations() if "{person_id}" in route]
    assert len(web_routes) >= 8 and len(api_routes) >= 6

    def statuses() -> dict[str, int]:
        client = Client()
        client.force_login(type(stranger).objects.get(pk=stranger.pk))
        found = {}
        for route, _pattern in web_routes:
            path, _kwargs = fill(route, values)
            found[route] = refusal_status(client, path)
        for method, route in api_routes:
            path, _kwargs = fill(route, values)
            body = sample_body(world, method, route)
            found[f"{method} {route}"] = (
                Client()
                .generic(
                    method,
                    path,
                    data=json.dumps(body),
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {secret}",
                )
                .status_code
            )
        return found

    assert set(statuses().values()) == {403}
    record_consent(
        actor=world.user(Role.PROGRAMME_ADMIN),
        person=person,
        purpose=ConsentPurpose.SHARING,
        given=True,
        organisation=partner.organisation,
        method="written",
        evidence="Signed form in the case file",
    )
    refused = {route for route, status in statuses().items() if status in {403, 404}}
    # What stays with the person or the programme team: erasure, the erasure request and the data download.
    assert refused == {
        route for route in refused if any(word in route for word in ("erase", "erasure", "export"))
    }
    assert refused
