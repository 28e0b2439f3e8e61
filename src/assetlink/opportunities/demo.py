"""Demo register and macro assets: ~300 organisations, spaces, the hospital investment with its jobs,
contracts (with lots), grants and training places; Bilbao's KIBS firms and manufacturers' challenges.

Real ESCO occupations and skills and real CPV codes; invented organisations and figures.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assetlink.accounts.models import User
from assetlink.opportunities.models import Investment, Opportunity, OpportunityStatus
from assetlink.opportunities.services import add_part, change_status, create_opportunity, save_investment
from assetlink.organisations.models import Organisation
from assetlink.organisations.services import add_part as add_capability
from assetlink.organisations.services import register_organisation
from assetlink.people.demo import DemoResolver
from assetlink.places.models import Area, Space
from assetlink.places.services import save_space
from assetlink.programmes.models import Programme
from assetlink.taxonomy.models import ConceptKind

# Dates are relative to the day the demo is built, so that its opportunities are open when it is shown.
TODAY = datetime.date.today()


@dataclass(frozen=True)
class Trade:
    kind: str
    sector: str
    cpv: str
    capability: str
    words: tuple[str, ...]
    legal_forms: tuple[str, ...]


BIRMINGHAM_TRADES = (
    Trade(
        "social_enterprise",
        "56.29",
        "55520000-1",
        "Catering services",
        ("Kitchen", "Catering", "Food", "Table"),
        ("cic", "guarantee"),
    ),
    Trade(
        "social_enterprise",
        "81.21",
        "90910000-9",
        "Cleaning services",
        ("Clean", "Shine", "Fresh Start"),
        ("cic", "cooperative"),
    ),
    Trade(
        "social_enterprise",
        "96.01",
        "98310000-9",
        "Washing and dry-cleaning services",
        ("Laundry", "Linen"),
        ("cic",),
    ),
    Trade(
        "sme",
        "81.30",
        "77314000-4",
        "Grounds maintenance services",
        ("Gardens", "Grounds", "Green Works"),
        ("limited",),
    ),
    Trade("sme", "80.10", "79710000-4", "Security services", ("Security", "Guarding"), ("limited",)),
    Trade(
        "sme",
        "43.21",
        "45310000-3",
        "Electrical installation work",
        ("Electrical", "Sparks"),
        ("limited", "sole_trader"),
    ),
    Trade(
        "sme",
        "43.22",
        "45330000-9",
        "Plumbing and sanitary works",
        ("Plumbing", "Heating"),
        ("limited", "sole_trader"),
    ),
    Trade(
        "sme",
        "41.20",
        "45210000-2",
        "Building construction work",
        ("Build", "Construction", "Brick"),
        ("limited",),
    ),
    Trade("kibs_firm", "62.01", "72000000-5", "IT services", ("Digital", "Data", "Code"), ("limited",)),
    Trade(
        "community_group",
        "88.99",
        "85320000-8",
        "Social services",
        ("Community", "Neighbours", "Welcome"),
        ("charity", "association"),
    ),
    Trade(
        "social_enterprise",
        "49.32",
        "60100000-9",
        "Road transport services",
        ("Travel", "Community Transport"),
        ("cic", "community_benefit"),
    ),
    Trade(
        "social_enterprise",
        "88.10",
        "85310000-5",
        "Social work services",
        ("Care", "Home Support"),
        ("cic", "charity"),
    ),
)
PLACE_WORDS = (
    "Smethwick",
    "Soho",
    "Winson Green",
    "Handsworth",
    "Lozells",
    "Ladywood",
    "Oldbury",
    "Sandwell",
    "Rotton Park",
    "Cape Hill",
    "Black Patch",
    "Galton",
    "Brindley",
    "Spon Lane",
    "Bearwood",
    "Edgbaston Reservoir",
)
SUFFIX = {
    "cic": "CIC",
    "guarantee": "Ltd",
    "cooperative": "Co-operative",
    "limited": "Ltd",
    "sole_trader": "",
    "charity": "Trust",
    "association": "Association",
    "community_benefit": "Community Benefit Society",
    "sl": "S.L.",
    "sa": "S.A.",
}

BILBAO_KIBS = (
    ("62.01", "72000000-5", "Industrial software and MES integration", ("Datuak", "Kodea", "Softlan")),
    ("62.02", "72220000-3", "Digital transformation consultancy", ("Eraldatu", "Bidea", "Aurrera")),
    ("71.12", "71300000-1", "Engineering and simulation services", ("Ingeniería", "Simula", "Kalkulu")),
    ("72.19", "73000000-2", "Applied research and development", ("Ikerlan", "Berrikuntza", "Lab")),
    ("63.11", "72300000-8", "Data analytics and machine learning", ("Analytics", "Adimena", "Datu")),
    ("74.10", "79930000-2", "Industrial and product design", ("Diseinu", "Forma", "Design")),
)
BILBAO_MAKERS = (
    ("25.50", "Forging and stamping"),
    ("28.41", "Machine tools"),
    ("22.29", "Plastic parts"),
    ("24.10", "Steel products"),
    ("29.32", "Automotive components"),
    ("27.11", "Electric motors"),
)
BILBAO_PLACES = (
    "Zorrotza",
    "Deusto",
    "Ibaizabal",
    "Nervión",
    "Artxanda",
    "Txurdinaga",
    "Zorrotzaurre",
    "Errekalde",
    "Basauri",
    "Barakaldo",
    "Erandio",
    "Galdakao",
)


def _name(
    rng: random.Random, words: tuple[str, ...], places: tuple[str, ...], legal: str, taken: set[str]
) -> str:
    for _attempt in range(50):
        name = f"{rng.choice(places)} {rng.choice(words)} {SUFFIX.get(legal, '')}".strip()
        if name not in taken:
            taken.add(name)
            return name
    name = f"{rng.choice(places)} {rng.choice(words)} {len(taken)} {SUFFIX.get(legal, '')}".strip()
    taken.add(name)
    return name


def build_demo_organisations(
    *, admin: User, programme: Programme, areas: list[Area], count: int, seed: int
) -> list[Organisation]:
    """Organisations of the register beyond the partners, with capabilities and social value credentials."""
    from assetlink.organisations.selectors import organisations_of

    existing = list(
        organisations_of(programme)
        .filter(listings__programme=programme)
        .exclude(partnerships__programme=programme)
    )
    if len(existing) >= count:
        return existing
    rng = random.Random(f"{seed}-{programme.slug}-organisations")  # noqa: S311 - demo data
    taken = set(organisations_of(programme).values_list("name", flat=True))
    is_bilbao = programme.country == "ES"
    created = []
    for index in range(count):
        area = rng.choice(areas)
        if is_bilbao:
            if index % 3 == 0:
                sector, label = rng.choice(BILBAO_MAKERS)
                fields: dict[str, Any] = {
                    "kind": "sme",
                    "legal_form": rng.choice(("sl", "sa")),
                    "sectors": [sector],
                    "description": f"{label} manufacturer looking for digital partners.",
                }
                words, cpv, capability = (label.split()[0], "Industrial", "Manufacturing"), "", label
            else:
                sector, cpv, capability, words = rng.choice(BILBAO_KIBS)
                fields = {
                    "kind": "kibs_firm",
                    "legal_form": "sl",
                    "sectors": [sector],
                    "description": f"Knowledge-intensive business services: {capability.lower()}.",
                }
            name = _name(rng, words, BILBAO_PLACES, fields["legal_form"], taken)
        else:
            trade = rng.choice(BIRMINGHAM_TRADES)
            legal = rng.choice(trade.legal_forms)
            fields = {
                "kind": trade.kind,
                "legal_form": legal,
                "sectors": [trade.sector],
                "description": f"{trade.capability} from {area.name.rsplit(' ', 1)[0]}.",
            }
            cpv, capability = trade.cpv, trade.capability
            name = _name(rng, trade.words, PLACE_WORDS, legal, taken)
        employees = rng.choice((1, 2, 3, 5, 8, 12, 18, 25, 40, 60, 120))
        organisation = register_organisation(
            actor=admin,
            programme=programme,
            name=name,
            country=programme.country,
            city=programme.city,
            area=area,
            employees=employees,
            turnover_band="under_100k"
            if employees < 5
            else ("100k_1m" if employees < 20 else "1m_2m" if employees < 50 else "2m_10m"),
            ownership=rng.choice(("local", "local", "community", "employee", "member"))
            if not is_bilbao
            else "local",
            pays_real_living_wage=not is_bilbao and rng.random() < 0.45,
            local_employee_share=rng.randrange(40, 100) if not is_bilbao else rng.randrange(30, 90),
            max_contract_value=Decimal(employees * rng.choice((15000, 25000, 40000))),
            max_contract_currency=programme.currency,
            **fields,
        )
        add_capability(
            actor=admin,
            organisation=organisation,
            part="capabilities",
            programme=programme,
            cpv_code=cpv,
            description=capability,
        )
        if rng.random() < 0.6:
            add_capability(
                actor=admin,
                organisation=organisation,
                part="certificates",
                programme=programme,
                kind="insurance",
                name="Public liability insurance",
                cover=Decimal(rng.choice((1, 2, 5, 10)) * 1_000_000),
                expires_on=TODAY + datetime.timedelta(days=rng.randrange(-60, 400)),
            )
        if rng.random() < 0.25:
            add_capability(
                actor=admin,
                organisation=organisation,
                part="certificates",
                programme=programme,
                kind="certification",
                name=rng.choice(("ISO 9001", "ISO 14001", "Cyber Essentials", "SafeContractor")),
                expires_on=TODAY + datetime.timedelta(days=rng.randrange(30, 900)),
            )
        created.append(organisation)
    return created


SPACE_NAMES = (
    ("Old library", "building"),
    ("Community hall", "hall"),
    ("Railway arch unit", "vacant_unit"),
    ("Canal-side plot", "land"),
    ("Community kitchen", "kitchen"),
    ("Makerspace", "workshop"),
    ("Pocket park", "green_space"),
    ("Shopfront", "vacant_unit"),
    ("Office floor", "office"),
)


def build_demo_spaces(
    *, admin: User, programme: Programme, areas: list[Area], owners: list[Organisation], seed: int
) -> None:
    if Space.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-spaces")  # noqa: S311 - demo data
    for index in range(24 if programme.country == "GB" else 8):
        name, kind = SPACE_NAMES[index % len(SPACE_NAMES)]
        area = rng.choice(areas)
        save_space(
            actor=admin,
            programme=programme,
            name=f"{name}, {area.name}",
            kind=kind,
            owner=rng.choice(owners),
            area=area,
            size_m2=Decimal(rng.choice((40, 80, 150, 300, 900, 2500))),
            capacity=rng.choice((None, 20, 60, 150)),
            status=rng.choice(("available", "available", "planned", "let")),
            terms=rng.choice(("free", "peppercorn", "below_market", "asset_transfer", "meanwhile", "hourly")),
            step_free=rng.random() < 0.6,
            accessible_toilet=rng.random() < 0.4,
            hearing_loop=rng.random() < 0.2,
            parking=rng.random() < 0.5,
            available_from=TODAY + datetime.timedelta(days=rng.randrange(-30, 180)),
        )


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


def _open(
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
            _open(
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
        _open(admin, grant, rng, award_to=suppliers)
    for occupation, title in (
        ("healthcare assistant", "Care Certificate course with guaranteed interview"),
        ("nurse responsible for general care", "OSCE preparation course for overseas nurses"),
        ("specialised doctor", "Clinical attachment for overseas doctors"),
        ("hospital porter", "Pre-employment programme: portering and facilities"),
    ):
        training = create_opportunity(
            actor=admin,
            programme=programme,
            investment=hospital,
            owner=trust,
            kind="training",
            title=title,
            occupation=resolve(occupation, ConceptKind.OCCUPATION),
            positions=12,
            hours_per_week=Decimal(16),
            closes_on=TODAY + datetime.timedelta(days=30),
            area=site,
        )
        change_status(actor=admin, opportunity=training, status=OpportunityStatus.OPEN)


CHALLENGES = (
    (
        "Predictive maintenance for forging presses",
        "Vibration and temperature data from 12 presses should warn before failures.",
        "72000000-5",
    ),
    (
        "Machine vision for surface defects",
        "Inspect forged parts at line speed and flag cracks and laps.",
        "72000000-5",
    ),
    ("Digital twin of the mould shop", "Simulate the shop floor to plan jobs and energy use.", "71300000-1"),
    (
        "Energy monitoring across three plants",
        "Measure and reduce electricity use per part produced.",
        "71300000-1",
    ),
    (
        "Traceability from steel bar to finished part",
        "Follow each batch through every process step.",
        "72000000-5",
    ),
    (
        "Upskilling operators for Industry 4.0",
        "Short courses for 80 operators on data and automation.",
        "80530000-8",
    ),
)


def build_bilbao(
    *, admin: User, programme: Programme, areas: list[Area], firms: list[Organisation], seed: int
) -> None:
    """Manufacturers' challenges for KIBS firms, and a training programme."""
    if Investment.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-challenges")  # noqa: S311 - demo data
    lead = programme.partners.get(role="lead").organisation
    makers = [firm for firm in firms if firm.kind == "sme"] or [lead]
    kibs = [firm for firm in firms if firm.kind == "kibs_firm"]
    programme_investment = save_investment(
        actor=admin,
        programme=programme,
        name="AS-Fabrik opportunity spaces (demo)",
        owner=lead,
        description="Public funding for opportunity spaces co-created by manufacturers and KIBS firms.",
        budget=Decimal("2400000"),
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        spend_categories=["72000000-5", "73000000-2"],
    )
    for index, (title, description, cpv) in enumerate(CHALLENGES):
        owner = makers[index % len(makers)]
        challenge = create_opportunity(
            actor=admin,
            programme=programme,
            investment=programme_investment,
            owner=owner,
            kind="challenge",
            title=title,
            description=description,
            cpv_codes=[cpv],
            value=Decimal(rng.choice((30000, 60000, 90000))),
            closes_on=TODAY + datetime.timedelta(days=rng.randrange(20, 80)),
            area=rng.choice(areas),
        )
        _open(admin, challenge, rng, award_to=kibs)
    resolve = DemoResolver()
    training = create_opportunity(
        actor=admin,
        programme=programme,
        investment=programme_investment,
        owner=lead,
        kind="training",
        title="Data science for manufacturing professionals",
        occupation=resolve("data scientist", ConceptKind.OCCUPATION),
        positions=40,
        hours_per_week=Decimal(6),
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    add_part(
        actor=admin,
        opportunity=training,
        part="skills",
        skill=resolve("utilise machine learning", ConceptKind.SKILL),
    )
    change_status(actor=admin, opportunity=training, status=OpportunityStatus.OPEN)
