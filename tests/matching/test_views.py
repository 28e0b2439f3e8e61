"""Matching pages and API: what each role sees, anonymised where consent says so."""

import re
from decimal import Decimal

from assetlink.audit.models import AccessLogEntry
from assetlink.matching import services
from assetlink.matching.models import Match
from assetlink.opportunities import services as opportunity_services
from assetlink.organisations import services as organisation_services
from assetlink.people import services as person_services
from assetlink.programmes.models import Role
from tests import factories
from tests.http import api, signed_in
from tests.matching.helpers import make_overseas_nurse, nurse_post


def test_a_persons_matches_page_shows_eligibility_explanation_and_the_pathway_in_order(world, admin):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    page = signed_in(admin).get(f"/p/{world.programme.slug}/matching/people/{person.pk}/").content.decode()
    assert job.title in page and "Reachable with a pathway" in page
    assert re.findall(r'data-step="(\w+)"', page)[:5] == [
        "nmc_cbt",
        "nmc_osce",
        "nmc_registration",
        "background_check",
        "clinical_placement",
    ]
    assert "Has worked as nurse responsible for general care for 8 years" in page
    assert AccessLogEntry.objects.filter(path__contains="/matching/people/").exists()


def test_the_page_says_so_when_the_person_does_not_consent_to_matching(world, admin):
    nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    person_services.record_consent(
        actor=admin, person=person, purpose="matching", given=False, method="written"
    )
    page = signed_in(admin).get(f"/p/{world.programme.slug}/matching/people/{person.pk}/").content.decode()
    assert "has not agreed to be matched" in page and "Staff Nurse" not in page


def test_participants_reach_their_own_matches_and_nobody_elses(world):
    participant = world.user(Role.PARTICIPANT)
    person = factories.make_person(world.programme, user=participant)
    other = factories.make_person(world.programme)
    client = signed_in(participant)
    assert client.get(f"/p/{world.programme.slug}/matching/mine/")["Location"].endswith(
        f"/matching/people/{person.pk}/"
    )
    assert client.get(f"/p/{world.programme.slug}/matching/people/{other.pk}/").status_code == 403


def test_candidates_are_named_only_to_those_the_person_shares_with(world, admin):
    job = nurse_post(world)  # offered by world.organisation
    owner_staff = world.user(Role.PARTNER_STAFF)
    person = make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    services.refresh_opportunity_matches(job)
    url = f"/p/{world.programme.slug}/matching/opportunities/{job.pk}/candidates/"
    assert person.family_name in signed_in(admin).get(url).content.decode()
    owner_page = signed_in(owner_staff).get(url).content.decode()
    assert person.family_name not in owner_page and "Candidate " in owner_page
    rows = api(
        owner_staff, "GET", f"/api/v1/programmes/{world.programme.slug}/opportunities/{job.pk}/candidates"
    ).json()
    assert rows and rows[0]["person_id"] is None and person.family_name not in rows[0]["label"]
    other = factories.make_partner(world.programme)
    other_staff = factories.make_member(world.programme, Role.PARTNER_STAFF, other.organisation)
    assert "Candidate " not in signed_in(other_staff).get(url).content.decode()
    person_services.record_consent(
        actor=admin,
        person=person,
        purpose="sharing",
        given=True,
        organisation=world.organisation,
        method="written",
        evidence="Signed form in the case file",
    )
    assert person.family_name in signed_in(owner_staff).get(url).content.decode()


def test_status_changes_from_the_page_and_the_api(world, admin):
    job = nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    match = Match.objects.get(person=person, opportunity=job)
    page_url = f"/p/{world.programme.slug}/matching/people/{person.pk}/"
    response = signed_in(admin).post(
        f"/p/{world.programme.slug}/matching/matches/{match.handle}/status/",
        {"status": "dismissed", "reason": "", "next": page_url},
        follow=True,
    )
    assert "Say why this match is dismissed" in response.content.decode()
    response = api(
        admin,
        "POST",
        f"/api/v1/programmes/{world.programme.slug}/matches/{match.handle}/status",
        data='{"status": "shortlisted"}',
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "shortlisted"
    bad = api(
        admin,
        "POST",
        f"/api/v1/programmes/{world.programme.slug}/matches/{match.handle}/status",
        data='{"status": "suggested-ish"}',
        content_type="application/json",
    )
    assert bad.status_code == 422 and "status" in bad.json()["detail"]


def test_person_matches_api_explains_in_words(world, admin):
    nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    rows = api(admin, "GET", f"/api/v1/programmes/{world.programme.slug}/people/{person.pk}/matches").json()
    nurse = next(row for row in rows if row["opportunity_title"].startswith("Staff Nurse"))
    assert nurse["eligibility"] == "reachable"
    assert [step["code"] for step in nurse["pathway"]][:3] == ["nmc_cbt", "nmc_osce", "nmc_registration"]
    assert any("NMC registration" in gap for gap in nurse["gaps"])


def _supplier(world, name, cpv, capacity, *, kind="social_enterprise"):
    admin = world.user(Role.PROGRAMME_ADMIN)
    organisation = organisation_services.register_organisation(
        actor=admin,
        programme=world.programme,
        name=name,
        kind=kind,
        country="GB",
        max_contract_value=Decimal(capacity),
        max_contract_currency="GBP",
    )
    organisation_services.add_part(
        actor=admin,
        organisation=organisation,
        part="capabilities",
        programme=world.programme,
        cpv_code=cpv,
        description=name,
    )
    return organisation


def test_contract_page_suggests_a_consortium_or_names_what_nobody_covers(world, admin):
    contract = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="contract",
        title="Soft FM",
        owner=world.lead.organisation,
        value=Decimal(400000),
    )
    for number, (title, cpv, value) in enumerate(
        (
            ("Catering", "55520000-1", 200000),
            ("Cleaning", "90910000-9", 150000),
            ("Grounds", "77314000-4", 50000),
        ),
        1,
    ):
        opportunity_services.add_part(
            actor=admin,
            opportunity=contract,
            part="lots",
            number=number,
            title=title,
            cpv_code=cpv,
            value=Decimal(value),
        )
    opportunity_services.change_status(actor=admin, opportunity=contract, status="open")
    _supplier(world, "Kitchen Co-op", "55520000-1", 250000)
    _supplier(world, "Clean CIC", "90910000-9", 200000)
    url = f"/p/{world.programme.slug}/matching/opportunities/{contract.pk}/consortia/"
    page = signed_in(admin).get(url).content.decode()
    assert "No organisation of the register covers “Grounds”" in page
    _supplier(world, "Green Spaces", "77314000-4", 60000)
    page = signed_in(admin).get(url).content.decode()
    assert "Consortium 1" in page and "Kitchen Co-op" in page and "Green Spaces" in page
    body = api(
        world.user(Role.ENTERPRISE_MEMBER),
        "GET",
        f"/api/v1/programmes/{world.programme.slug}/opportunities/{contract.pk}/consortia",
    ).json()
    assert sorted(body["consortia"][0]["member_names"]) == ["Clean CIC", "Green Spaces", "Kitchen Co-op"]


def test_challenge_page_ranks_providers_and_pairs_them(world, admin):
    challenge = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="challenge",
        title="Predictive maintenance of presses",
        description="We need machine learning and data analysis of sensor data.",
        owner=world.lead.organisation,
        cpv_codes=["72000000-5"],
        value=Decimal(60000),
    )
    opportunity_services.change_status(actor=admin, opportunity=challenge, status="open")
    first = _supplier(world, "Data Lab", "72300000-8", 100000, kind="kibs_firm")
    organisation_services.add_part(
        actor=admin,
        organisation=first,
        part="capabilities",
        programme=world.programme,
        description="perform data analysis",
    )
    second = _supplier(world, "ML Works", "73000000-2", 100000, kind="kibs_firm")
    organisation_services.add_part(
        actor=admin,
        organisation=second,
        part="capabilities",
        programme=world.programme,
        description="utilise machine learning",
    )
    page = (
        signed_in(admin)
        .get(f"/p/{world.programme.slug}/matching/opportunities/{challenge.pk}/providers/")
        .content.decode()
    )
    assert "Data Lab" in page and "ML Works" in page
    assert "Data Lab + ML Works" in page or "ML Works + Data Lab" in page


def test_fairness_report_suppresses_small_groups(world, admin):
    nurse_post(world)
    for _ in range(6):
        make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    factories.make_person(world.programme, right_to_work="citizen")
    services.refresh_programme_matches(world.programme)
    page = signed_in(admin).get(f"/p/{world.programme.slug}/matching/").content.decode()
    assert "Fewer than 5: not shown" in page
    sections = api(admin, "GET", f"/api/v1/programmes/{world.programme.slug}/matching/fairness").json()
    rights = next(s for s in sections if s["characteristic"] == "right_to_work")
    groups = {g["group"]: g for g in rights["groups"]}
    assert groups["work_visa"]["people"] == 6 and groups["work_visa"]["match_rate"] == 1.0
    assert groups["citizen"]["people"] is None


def test_notifications_page_lists_strong_matches(world):
    participant = world.user(Role.PARTICIPANT)
    nurse_post(world)
    person = factories.make_person(world.programme, user=participant)
    make_overseas_nurse(world, person, registered=True)
    services.refresh_person_matches(person)
    client = signed_in(participant)
    page = client.get("/account/notifications/").content.decode()
    assert "A strong new match for" in page and "Staff Nurse" in page
    assert "Notifications (1 new)" in client.get(f"/p/{world.programme.slug}/").content.decode()
    client.post("/account/notifications/read/")
    assert "new)" not in client.get(f"/p/{world.programme.slug}/").content.decode()


def test_classify_and_extract_api(world, admin):
    found = api(
        admin, "GET", "/api/v1/esco/classify-occupation?title=Senior%20Staff%20Nurse%20-%20Elderly%20Care"
    ).json()
    assert found[0]["label"] == "nurse responsible for general care"
    mentions = api(
        admin,
        "POST",
        "/api/v1/esco/extract-skills",
        data='{"text": "infection control and customer service"}',
        content_type="application/json",
    ).json()
    assert {m["label"] for m in mentions} >= {"infection control", "customer service"}


def test_the_matches_page_is_worded_in_the_readers_language(world, admin):
    nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_person_matches(person)
    page = (
        signed_in(admin)
        .get(f"/p/{world.programme.slug}/matching/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="es")
        .content.decode()
    )
    assert "Alcanzable con un itinerario" in page
    assert "Preseleccionar" in page and ">Shortlist<" not in page
    assert "Prueba de competencia del NMC, parte 1 (CBT)" in page


def test_a_candidate_code_reveals_nothing_of_the_person_and_differs_per_opportunity(world, admin, settings):
    """The code shown instead of a name cannot be computed from ids (keyed with the site's secret), is not
    the same person's code on another opportunity, and sits beside no particulars of the person."""
    import hashlib
    import re

    first, second = nurse_post(world), nurse_post(world)
    person = make_overseas_nurse(world, factories.make_person(world.programme), registered=True)
    services.refresh_opportunity_matches(first)
    services.refresh_opportunity_matches(second)
    owner_staff = world.user(Role.PARTNER_STAFF)

    def code_on(job) -> str:
        page = (
            signed_in(owner_staff)
            .get(f"/p/{world.programme.slug}/matching/opportunities/{job.pk}/candidates/")
            .content.decode()
        )
        (code,) = re.findall(r"Candidate ([0-9A-F]{8})", page)
        # The match is named by its random handle, never by its id (one person's ids are neighbours).
        match = Match.objects.get(opportunity=job, person=person)
        assert f"/matches/{match.handle}/status/" in page and f"/matches/{match.pk}/" not in page
        # Explained in the opportunity's terms only: not the 8 years in the Philippines, nor C1 held.
        assert "8 years" not in page and "(PH)" not in page and "(asked:" not in page
        assert "km away" not in page
        return code

    code = code_on(first)
    assert code != code_on(second)
    # No unkeyed hash of the ids gives it, for any person id an attacker would try.
    for guess in range(1, person.pk + 200):
        for text in (f"{first.pk}:{guess}", f"{guess}:{first.pk}", f"{first.pk}-{guess}", str(guess)):
            for algorithm in ("sha256", "sha1", "md5"):
                digest = hashlib.new(algorithm, text.encode()).hexdigest().upper()
                assert code not in (digest[:8], digest[-8:])
    # Another secret, another code: it is keyed.
    settings.SECRET_KEY = "another-secret-of-another-deployment"
    assert code_on(first) != code
    rows = api(
        owner_staff, "GET", f"/api/v1/programmes/{world.programme.slug}/opportunities/{first.pk}/candidates"
    ).json()
    assert rows[0]["person_id"] is None and "id" not in rows[0]
    assert not any("8 years" in reason or "(PH)" in reason for reason in rows[0]["explanation"])


def test_equal_scores_are_ordered_and_explained_and_the_list_filters_and_pages(world, admin, monkeypatch):
    from assetlink.matching import views

    job = nurse_post(world)
    registered = [
        make_overseas_nurse(world, factories.make_person(world.programme), registered=True) for _ in range(3)
    ]
    reachable = make_overseas_nurse(world, factories.make_person(world.programme))
    services.refresh_opportunity_matches(job)
    url = f"/p/{world.programme.slug}/matching/opportunities/{job.pk}/candidates/"
    monkeypatch.setattr(views, "CANDIDATES_PER_PAGE", 2)
    client = signed_in(admin)
    first = client.get(url).content.decode()
    assert "4 candidates" in first and "Page 1 of 2" in first
    # The three registered nurses share their points: each says why it stands where it does.
    assert first.count("Level with 2 others at") == 2
    assert "fewer pathway steps to go first (here 0)" in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count("Level with 2 others at") == 1 and reachable.family_name in second
    eligible = client.get(url + "?eligibility=eligible").content.decode()
    assert "3 candidates" in eligible and reachable.family_name not in eligible
    assert all(person.family_name in first + second for person in registered)
    # A named candidate links to the person, not back to the job.
    assert f'href="/p/{world.programme.slug}/people/{registered[0].pk}/"' in first + second
    # The offering partner sees codes, and no distance: neither in the note nor as a filter.
    owner_page = signed_in(world.user(Role.PARTNER_STAFF)).get(url).content.decode()
    assert "Level with" in owner_page and " km)" not in owner_page and 'name="within"' not in owner_page


def test_a_participant_reads_their_matches_in_the_first_person(world, admin):
    nurse_post(world)
    participant = world.user(Role.PARTICIPANT)
    person = make_overseas_nurse(world, factories.make_person(world.programme, user=participant))
    services.refresh_person_matches(person)
    url = f"/p/{world.programme.slug}/matching/people/{person.pk}/"
    own = signed_in(participant).get(url).content.decode()
    assert "Your matches" in own and "You have worked as nurse responsible for general care" in own
    assert "You need NMC registration." in own
    about = signed_in(admin).get(url).content.decode()
    assert "Has worked as nurse responsible for general care" in about and "You have worked" not in about
