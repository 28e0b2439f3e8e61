"""The demo's hospital in Birmingham: its investment, jobs by ward and specialty, and contracts in lots."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from assetlink.accounts.models import User
from assetlink.opportunities.demo.register import TODAY
from assetlink.opportunities.models import Investment, Opportunity, OpportunityStatus
from assetlink.opportunities.services import add_part, change_status, create_opportunity, save_investment
from assetlink.organisations.models import Organisation
from assetlink.people.demo import DemoResolver
from assetlink.places.models import Area
from assetlink.programmes.models import Programme
from assetlink.taxonomy.models import ConceptKind

# (ESCO occupation, job title, posts, pay from, pay to, band, hours, essential ESCO skills, credentials)
HOSPITAL_JOBS = (
    (
        "nurse responsible for general care",
        "Staff Nurse - {ward}",
        40,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("evidence-based nursing care", "administer prescribed medication", "infection control"),
        ("registration:NMC registration", "background_check:Enhanced DBS check"),
    ),
    (
        "nurse responsible for general care",
        "Senior Staff Nurse - {ward}",
        8,
        37338,
        44962,
        "Agenda for Change band 6",
        37.5,
        ("plan nursing care", "evidence-based nursing care"),
        ("registration:NMC registration", "background_check:Enhanced DBS check"),
    ),
    (
        "healthcare assistant",
        "Healthcare Assistant - {ward}",
        25,
        24071,
        25674,
        "Agenda for Change band 3",
        37.5,
        ("tend to elderly people", "infection control"),
        ("background_check:Enhanced DBS check",),
    ),
    (
        "specialised doctor",
        "Specialty Registrar in {specialty}",
        10,
        55329,
        63152,
        "Resident doctor, specialty registrar",
        40,
        ("prescribe medication", "clinical reports"),
        ("registration:GMC registration with a licence to practise", "background_check:Enhanced DBS check"),
    ),
    (
        "midwife",
        "Midwife",
        6,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("plan nursing care",),
        ("registration:NMC registration",),
    ),
    (
        "hospital pharmacist",
        "Clinical Pharmacist",
        4,
        37338,
        44962,
        "Agenda for Change band 6",
        37.5,
        ("dispense medicines", "pharmacotherapy"),
        ("registration:GPhC registration",),
    ),
    (
        "pharmacy technician",
        "Pharmacy Technician",
        4,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("dispense medicines",),
        ("registration:GPhC registration",),
    ),
    (
        "physiotherapist",
        "Physiotherapist",
        5,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("rehabilitation", "prescribe exercises"),
        ("registration:HCPC registration",),
    ),
    (
        "radiographer",
        "Diagnostic Radiographer",
        5,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("diagnostic radiology",),
        ("registration:HCPC registration",),
    ),
    (
        "biomedical scientist",
        "Biomedical Scientist",
        3,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("clinical biology",),
        ("registration:HCPC registration",),
    ),
    (
        "occupational therapist",
        "Occupational Therapist",
        3,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("rehabilitation",),
        ("registration:HCPC registration",),
    ),
    (
        "hospital porter",
        "Hospital Porter",
        10,
        23615,
        23615,
        "Agenda for Change band 2",
        37.5,
        ("customer service",),
        ("background_check:Standard DBS check",),
    ),
    (
        "domestic cleaner",
        "Domestic Assistant",
        10,
        23615,
        23615,
        "Agenda for Change band 2",
        30,
        ("conduct cleaning tasks", "infection control"),
        (),
    ),
    (
        "kitchen assistant",
        "Catering Assistant",
        6,
        23615,
        23615,
        "Agenda for Change band 2",
        30,
        ("food hygiene rules",),
        (),
    ),
    (
        "medical records clerk",
        "Medical Records Clerk",
        5,
        24071,
        25674,
        "Agenda for Change band 3",
        37.5,
        ("customer service",),
        (),
    ),
    (
        "phlebotomist",
        "Phlebotomist",
        4,
        24071,
        25674,
        "Agenda for Change band 3",
        37.5,
        ("infection control",),
        ("background_check:Enhanced DBS check",),
    ),
    (
        "sterile services technician",
        "Sterile Services Technician",
        3,
        24071,
        25674,
        "Agenda for Change band 3",
        37.5,
        ("infection control",),
        (),
    ),
    (
        "clinical coder",
        "Clinical Coder",
        2,
        29970,
        36483,
        "Agenda for Change band 5",
        37.5,
        ("clinical coding",),
        (),
    ),
)


WARDS = (
    "Elderly Care",
    "Acute Medicine",
    "Emergency Department",
    "Surgery",
    "Respiratory",
    "Cardiology",
    "Paediatrics",
)


SPECIALTIES = ("Anaesthetics", "Emergency Medicine", "Geriatric Medicine", "General Surgery", "Paediatrics")


# (title, CPV code of the contract, lots as (title, CPV code, share of value))
HOSPITAL_CONTRACTS = (
    (
        "Patient and staff catering",
        "55520000-1",
        (("Patient meals", "55321000-6", 0.6), ("Staff restaurant and cafés", "55330000-2", 0.4)),
    ),
    (
        "Domestic cleaning services",
        "90910000-9",
        (("Wards and clinical areas", "90911200-8", 0.7), ("Offices and public areas", "90919200-4", 0.3)),
    ),
    (
        "Linen and laundry services",
        "98310000-9",
        (("Patient linen", "98311000-6", 0.7), ("Staff uniforms", "98311100-7", 0.3)),
    ),
    (
        "Grounds maintenance and landscaping",
        "77314000-4",
        (("Grounds maintenance", "77314000-4", 0.7), ("Planting and landscaping", "77310000-6", 0.3)),
    ),
    (
        "Security and car park services",
        "79710000-4",
        (("Manned security", "79713000-5", 0.7), ("Car park management", "98351000-8", 0.3)),
    ),
    (
        "Electrical installation package",
        "45310000-3",
        (("Ward blocks", "45311000-0", 0.6), ("Outbuildings", "45315000-8", 0.4)),
    ),
    (
        "Mechanical and plumbing package",
        "45330000-9",
        (("Heating and ventilation", "45331000-6", 0.6), ("Plumbing", "45332000-3", 0.4)),
    ),
    (
        "Groundworks and landscaping package",
        "45112000-5",
        (("Groundworks", "45112000-5", 0.7), ("Hard landscaping", "45112710-5", 0.3)),
    ),
    (
        "IT support and digital inclusion",
        "72000000-5",
        (("Service desk", "72253000-3", 0.5), ("Digital skills for patients", "80533100-0", 0.5)),
    ),
    ("Community transport for patients", "60100000-9", (("Patient transport", "60130000-8", 1.0),)),
)


def _resolve_many(resolve: DemoResolver, labels: tuple[str, ...], kind: str) -> list[Any]:
    return [resolve(label, kind) for label in labels]


def open_opportunity(
    actor: User, opportunity: Opportunity, rng: random.Random, *, award_to: list[Organisation] | None = None
) -> None:
    change_status(actor=actor, opportunity=opportunity, status=OpportunityStatus.OPEN)
    roll = rng.random()
    if award_to and roll < 0.35:
        change_status(actor=actor, opportunity=opportunity, status=OpportunityStatus.CLOSED)
        value = opportunity.value or opportunity.amount_max
        change_status(
            actor=actor,
            opportunity=opportunity,
            status=OpportunityStatus.AWARDED,
            awarded_to=rng.choice(award_to),
            awarded_value=(value * Decimal(rng.choice(("0.85", "0.9", "0.95", "1")))).quantize(Decimal(1))
            if value
            else None,
            awarded_on=TODAY - datetime.timedelta(days=rng.randrange(10, 300)),
        )


def build_hospital(
    *, admin: User, programme: Programme, areas: list[Area], suppliers: list[Organisation], seed: int
) -> None:
    """The new hospital: its investment, ~150 jobs, 40 contracts with lots, grants and training places."""
    if Investment.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-hospital")  # noqa: S311 - demo data
    resolve = DemoResolver()
    trust = programme.partners.get(role="anchor").organisation
    council = programme.partners.get(role="lead").organisation
    site = areas[0]
    hospital = save_investment(
        actor=admin,
        programme=programme,
        name="Midland Riverside Hospital (demo)",
        owner=trust,
        area=site,
        description="A new 700-bed acute hospital and its supply chain; figures invented for the demo.",
        budget=Decimal("989000000"),
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2028, 3, 31),
        spend_categories=[
            "45215140-0",
            "55520000-1",
            "90910000-9",
            "98310000-9",
            "77314000-4",
            "79710000-4",
            "72000000-5",
        ],
    )
    from assetlink.opportunities.services import add_phase

    for name, start, end in (
        ("Construction completion", "2025-04-01", "2026-03-31"),
        ("Opening and recruitment", "2026-04-01", "2027-03-31"),
        ("Full operation", "2027-04-01", "2028-03-31"),
    ):
        add_phase(
            actor=admin,
            investment=hospital,
            name=name,
            starts_on=datetime.date.fromisoformat(start),
            ends_on=datetime.date.fromisoformat(end),
        )
    number = 0
    for occupation, title, posts, pay_from, pay_to, band, hours, skills, credentials in HOSPITAL_JOBS:
        for index in range(posts):
            number += 1
            job = create_opportunity(
                actor=admin,
                programme=programme,
                investment=hospital,
                owner=trust,
                kind="job",
                title=title.format(
                    ward=WARDS[index % len(WARDS)], specialty=SPECIALTIES[index % len(SPECIALTIES)]
                ),
                reference=f"MRH-J{number:03d}",
                description=f"Join the new hospital's team as {title.split(' - ')[0].lower()}.",
                occupation=resolve(occupation, ConceptKind.OCCUPATION),
                positions=1,
                hours_per_week=Decimal(str(hours)),
                employment_type=rng.choice(("permanent", "permanent", "fixed_term", "bank")),
                salary_min=Decimal(pay_from),
                salary_max=Decimal(pay_to),
                pay_band=band,
                area=site,
                location="Grove Lane, Smethwick",
                minimum_language="en",
                minimum_language_level="B2" if "Assistant" in title or "Porter" in title else "C1",
                closes_on=TODAY + datetime.timedelta(days=rng.randrange(7, 70)),
                contact_email="recruitment@example.org",
            )
            for skill in _resolve_many(resolve, skills, ConceptKind.SKILL):
                add_part(actor=admin, opportunity=job, part="skills", skill=skill, is_essential=True)
            for item in credentials:
                kind, _sep, name = item.partition(":")
                add_part(
                    actor=admin, opportunity=job, part="credentials", kind=kind, name=name, is_required=True
                )
            change_status(actor=admin, opportunity=job, status=OpportunityStatus.OPEN)
            if rng.random() < 0.2:  # some posts have already been filled
                change_status(actor=admin, opportunity=job, status=OpportunityStatus.CLOSED)
                change_status(actor=admin, opportunity=job, status=OpportunityStatus.FILLED)
    clauses = "\n".join(
        (
            "Recruit at least 20% of staff from the neighbouring wards",
            "Pay the real Living Wage",
            "Offer apprenticeships to local residents",
        )
    )
    for round_number in range(4):
        for title, cpv, lots in HOSPITAL_CONTRACTS:
            value = Decimal(rng.choice((80000, 150000, 250000, 400000, 750000)))
            contract = create_opportunity(
                actor=admin,
                programme=programme,
                investment=hospital,
                owner=trust,
                kind="contract",
                title=f"{title} ({2025 + round_number}–{2026 + round_number})",
                reference=f"MRH-C{round_number}{HOSPITAL_CONTRACTS.index((title, cpv, lots)):02d}",
                value=value,
                cpv_codes=[cpv],
                procedure=rng.choice(("open", "selective")),
                social_value_clauses=clauses,
                description=f"{title} for the new hospital, in lots that small local suppliers can bid for.",
                closes_on=TODAY + datetime.timedelta(days=rng.randrange(10, 90)),
                area=site,
            )
            for lot_number, (lot_title, lot_cpv, share) in enumerate(lots, start=1):
                add_part(
                    actor=admin,
                    opportunity=contract,
                    part="lots",
                    number=lot_number,
                    title=lot_title,
                    cpv_code=lot_cpv,
                    value=(value * Decimal(str(share))).quantize(Decimal(1)),
                )
            open_opportunity(
                admin,
                contract,
                rng,
                award_to=[
                    s for s in suppliers if any(c.cpv_code[:2] == cpv[:2] for c in s.capabilities.all())
                ]
                or suppliers,
            )
    for index, (title, amount) in enumerate(
        (
            ("Neighbourhood food projects fund", 5000),
            ("Social enterprise start-up grants", 10000),
            ("Community research small grants", 2500),
            ("Green spaces improvement fund", 7500),
        )
    ):
        grant = create_opportunity(
            actor=admin,
            programme=programme,
            investment=hospital,
            owner=council,
            kind="grant",
            title=title,
            reference=f"HVC-G{index + 1:02d}",
            amount_min=Decimal(500),
            amount_max=Decimal(amount),
            eligibility="Community groups and social enterprises based in the programme's areas.",
            closes_on=TODAY + datetime.timedelta(days=45),
        )
        open_opportunity(admin, grant, rng, award_to=suppliers)
    for occupation, title, leads_to in (
        ("healthcare assistant", "Care Certificate course with guaranteed interview", ("", "")),
        (
            "nurse responsible for general care",
            "OSCE preparation course for overseas nurses",
            ("licensing_exam", "NMC test of competence part 2 (OSCE)"),
        ),
        ("specialised doctor", "Clinical attachment for overseas doctors", ("", "")),
        ("hospital porter", "Pre-employment programme: portering and facilities", ("", "")),
    ):
        training = create_opportunity(
            actor=admin,
            programme=programme,
            investment=hospital,
            owner=trust,
            kind="training",
            title=title,
            occupation=resolve(occupation, ConceptKind.OCCUPATION),
            leads_to_kind=leads_to[0],
            leads_to_name=leads_to[1],
            positions=12,
            hours_per_week=Decimal(16),
            closes_on=TODAY + datetime.timedelta(days=30),
            area=site,
        )
        change_status(actor=admin, opportunity=training, status=OpportunityStatus.OPEN)
