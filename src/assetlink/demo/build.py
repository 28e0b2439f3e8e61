"""Builds both demo programmes in order: the programmes and their partners, then each app's demo data
(areas, people, organisations, spaces, the hospital or the Bilbao challenges, journeys, support
programmes), then every match. Deterministic for a seed, idempotent, and it says what it is doing."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable

from django.db import transaction

from assetlink.accounts.models import User
from assetlink.catalogue.demo import ADOPTER_ADMIN_EMAIL, build_demo_adoption, build_demo_catalogue
from assetlink.catalogue.demo import EDITOR_EMAIL as CATALOGUE_EDITOR_EMAIL
from assetlink.catalogue.demo import REVIEWER_EMAIL as CATALOGUE_REVIEWER_EMAIL
from assetlink.events import events_deferred
from assetlink.impact.demo import build_demo_social_value
from assetlink.impact.indicators.headline import build_demo_indicators, build_local_economy_indicators
from assetlink.journeys.demo import build_demo_journeys, build_demo_support, enrol_demo_participant
from assetlink.matching.services import refresh_programme_matches
from assetlink.opportunities.demo import (
    build_bilbao,
    build_demo_organisations,
    build_demo_spaces,
    build_hospital,
    equip_demo_partners,
)
from assetlink.people.demo import DemoResolver, build_demo_people
from assetlink.people.models import ConsentPurpose, Person
from assetlink.people.services import ConsentChoice, add_item, register_person
from assetlink.places.demo import build_demo_areas
from assetlink.programmes import services
from assetlink.programmes.demo import (
    DEMO_PROGRAMMES,
    OPERATOR_EMAIL,
    DemoProgramme,
    build_programme,
    demo_user,
)
from assetlink.programmes.models import PartnerRole, Programme, Role
from assetlink.research.demo import build_demo_evidence, build_demo_research
from assetlink.spend.demo import build_demo_spend
from assetlink.taxonomy.models import ConceptKind

Progress = Callable[[str], None]

DEFAULT_PEOPLE = 2000
# The demo participants' own profiles: (email, occupation they trained in, country of training).
PARTICIPANT_PROFILES = {
    "participant.birmingham@example.org": ("general practitioner", "SY"),
    "participant.bilbao@example.org": ("data scientist", "ES"),
}


def _ensure_esco() -> None:
    from assetlink.engine.esco_sources import read_packaged_source
    from assetlink.taxonomy.models import EscoConcept
    from assetlink.taxonomy.services import load_esco

    if not EscoConcept.objects.exists():
        load_esco(actor=None, source=read_packaged_source())


def _populate(programme: Programme, demo: DemoProgramme, people: int, seed: int, say: Progress) -> None:
    """Everything of one demo programme below its partners (Bilbao gets a tenth as many people)."""
    admin = User.objects.get(email=next(u.email for u in demo.users if u.role == Role.PROGRAMME_ADMIN))
    staff_spec = next(u for u in demo.users if u.role == Role.PARTNER_STAFF)
    caseworker = User.objects.get(email=staff_spec.email)
    organisations = {
        p.organisation.name: p.organisation for p in programme.partners.select_related("organisation")
    }
    lead = programme.partners.get(role=PartnerRole.LEAD).organisation
    rng = random.Random(f"{seed}-{programme.slug}-areas")  # noqa: S311 - demo data
    say("areas")
    areas = build_demo_areas(admin=admin, programme=programme, rng=rng)
    if programme.country == "GB" and not programme.allows_self_registration:
        services.update_programme(actor=admin, programme=programme, allows_self_registration=True)
    say("participants")
    build_demo_people(
        admin=admin,
        caseworker=caseworker,
        programme=programme,
        count=people if programme.country == "GB" else max(1, people // 10),
        areas=areas,
        partners={"__lead__": lead, "__caseworker__": organisations[staff_spec.organisation or ""]},
        seed=seed,
    )
    say("organisations")
    register = build_demo_organisations(
        admin=admin,
        programme=programme,
        areas=areas,
        count=260 if programme.country == "GB" else 40,
        seed=seed,
    )
    equip_demo_partners(admin=admin, programme=programme)
    say("spaces")
    build_demo_spaces(admin=admin, programme=programme, areas=areas, owners=register, seed=seed)
    say("investments and opportunities")
    if programme.country == "GB":
        build_hospital(admin=admin, programme=programme, areas=areas, suppliers=register, seed=seed)
    else:
        build_bilbao(admin=admin, programme=programme, areas=areas, firms=register, seed=seed)
    participant_spec = next(u for u in demo.users if u.role == Role.PARTICIPANT)
    participant = User.objects.get(email=participant_spec.email)
    if not Person.objects.filter(programme=programme, user=participant).exists():
        given, _space, family = participant_spec.full_name.partition(" ")
        person = register_person(
            actor=admin,
            programme=programme,
            consents=[
                ConsentChoice(ConsentPurpose.SHARING, True, lead),
                ConsentChoice(ConsentPurpose.MATCHING, True),
            ],
            evidence="Signed registration form",
            given_name=given,
            family_name=family,
            email=participant.email,
            area=areas[0],
        )
        person.user = participant
        person.save(update_fields=["user"])
        occupation, country = PARTICIPANT_PROFILES[participant.email]
        add_item(
            actor=admin,
            person=person,
            part="occupations",
            occupation=DemoResolver()(occupation, ConceptKind.OCCUPATION),
            years=8,
            country=country,
        )

    say("referrals, pathways and outcomes")
    build_demo_journeys(admin=admin, programme=programme, seed=seed)
    enrol_demo_participant(admin=admin, person=Person.objects.get(programme=programme, user=participant))
    say("support programmes")
    build_demo_support(admin=admin, programme=programme, seed=seed)
    if programme.country == "GB":
        say("community research")
        build_demo_research(admin=admin, programme=programme, areas=areas, people=people, seed=seed)
    say("indicators and targets")
    if programme.country == "GB" and programme.financial_year_starts != 4:
        services.update_programme(actor=admin, programme=programme, financial_year_starts=4)
    build_demo_indicators(admin=admin, programme=programme)
    if programme.country == "GB":
        say("research findings and area plans")
        build_demo_evidence(admin=admin, programme=programme, areas=areas)
        say("local spend, LM3 and social value")
        build_demo_spend(admin=admin, programme=programme, register=register, seed=seed)
        build_demo_social_value(admin=admin, programme=programme, seed=seed)
        build_local_economy_indicators(admin=admin, programme=programme)
    if not programme.publishes_results:
        services.update_programme(actor=admin, programme=programme, publishes_results=True)


def build_demo(
    seed: int = 2026, people: int = DEFAULT_PEOPLE, progress: Progress | None = None
) -> list[Programme]:
    """Build (or complete) the demo programmes; running it again changes nothing. `progress` is told
    each stage as it starts."""
    started = time.monotonic()

    def say(stage: str, programme: Programme | None = None) -> None:
        if progress is not None:
            where = f"{programme.name}: " if programme is not None else ""
            progress(f"[{time.monotonic() - started:6.1f} s] {where}{stage}")

    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    say("ESCO skills and occupations")
    _ensure_esco()
    say("programmes, partners and users")
    with transaction.atomic():
        operator = demo_user(OPERATOR_EMAIL, "Platform operator", superuser=True)
        programmes = [build_programme(operator, demo, rng) for demo in DEMO_PROGRAMMES]
    for programme, demo in zip(programmes, DEMO_PROGRAMMES, strict=True):
        # Matches are computed once per programme at the end rather than after every single change.
        with events_deferred(), transaction.atomic():
            _populate(programme, demo, people, seed, functools.partial(say, programme=programme))
        say("matches", programme)
        refresh_programme_matches(programme)
    say("good-practice catalogue")
    with transaction.atomic():
        build_demo_catalogue()
    say("a third city adopts USE-IT!")
    with transaction.atomic():
        build_demo_adoption(operator)
    say("done")
    return programmes


def demo_logins() -> list[tuple[str, str, str]]:
    """(programme, role, email) of every demo user, for printing."""
    rows = [
        ("—", "platform operator", OPERATOR_EMAIL),
        ("—", "catalogue editor", CATALOGUE_EDITOR_EMAIL),
        ("—", "catalogue reviewer", CATALOGUE_REVIEWER_EMAIL),
        ("USE-IT! Maribor (demo)", "programme admin", ADOPTER_ADMIN_EMAIL),
    ]
    for demo in DEMO_PROGRAMMES:
        rows.extend((demo.name, str(user.role.label), user.email) for user in demo.users)
    return rows
