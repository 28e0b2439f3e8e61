"""The demo's organisations (Birmingham's trades, Bilbao's knowledge-intensive firms, makers) and spaces."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation
from assetlink.organisations.services import add_part as add_capability
from assetlink.organisations.services import register_organisation, update_organisation
from assetlink.places.models import Area, Space
from assetlink.places.services import save_space
from assetlink.programmes.models import Programme

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


# What the demo's enterprise partners can deliver, so that the contracts and challenges of their
# programme match them (a partner is registered with the programme, not built above).
PARTNER_CAPABILITIES = {
    "Greenway Catering CIC": (
        "55520000-1",
        "Catering for hospital patients and staff, and for community events",
        Decimal(400000),
    ),
    "Datuak Analytics S.L.": (
        "72000000-5",
        "Predictive maintenance and machine vision from the sensor data of presses and production lines",
        Decimal(250000),
    ),
}


def equip_demo_partners(*, admin: User, programme: Programme) -> None:
    """Give the demo's enterprise partners their capability and capacity (once)."""
    from assetlink.organisations.selectors import organisations_of

    for organisation in organisations_of(programme).filter(name__in=PARTNER_CAPABILITIES):
        if organisation.capabilities.exists():
            continue
        cpv, capability, capacity = PARTNER_CAPABILITIES[organisation.name]
        update_organisation(
            actor=admin,
            organisation=organisation,
            max_contract_value=capacity,
            max_contract_currency=programme.currency,
        )
        add_capability(
            actor=admin,
            organisation=organisation,
            part="capabilities",
            programme=programme,
            cpv_code=cpv,
            description=capability,
        )


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
