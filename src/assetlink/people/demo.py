"""Demo participants: invented residents, several hundred with overseas health qualifications at
different stages of re-accreditation, described with real ESCO occupations and skills."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation
from assetlink.people.models import (
    ConsentMethod,
    ConsentPurpose,
    CredentialKind,
    CredentialStatus,
    Person,
    RecognitionStatus,
    RegisteredVia,
    RightToWork,
)
from assetlink.people.services import ConsentChoice, add_item, register_person
from assetlink.places.demo import demo_postcode
from assetlink.places.models import Area
from assetlink.programmes.models import Programme
from assetlink.taxonomy.models import ConceptKind, EscoConcept
from assetlink.taxonomy.selectors import concepts_labelled


@dataclass(frozen=True)
class Step:
    """One credential on the way to practising, in the order a person meets them."""

    kind: CredentialKind
    name: str
    issuer: str
    score: str = ""


@dataclass(frozen=True)
class Profession:
    occupation: str
    qualification: str
    eqf_level: int
    skills: tuple[str, ...]
    steps: tuple[Step, ...]
    share: int  # relative frequency among overseas health professionals


ENGLISH_TEST = Step(CredentialKind.LANGUAGE_TEST, "OET", "OET", "B")
IELTS = Step(CredentialKind.LANGUAGE_TEST, "IELTS Academic", "IELTS", "7.0")
DBS = Step(CredentialKind.BACKGROUND_CHECK, "Enhanced DBS check", "DBS")

HEALTH_PROFESSIONS = (
    Profession(
        "general practitioner",
        "MBBS",
        7,
        ("prescribe medication", "clinical reports", "infection control", "first aid", "pharmacology"),
        (
            ENGLISH_TEST,
            Step(CredentialKind.LICENSING_EXAM, "PLAB 1", "GMC"),
            Step(CredentialKind.LICENSING_EXAM, "PLAB 2", "GMC"),
            Step(
                CredentialKind.PROFESSIONAL_REGISTRATION, "GMC registration with a licence to practise", "GMC"
            ),
            DBS,
        ),
        14,
    ),
    Profession(
        "specialised doctor",
        "MBBS and specialist diploma",
        8,
        ("prescribe medication", "clinical reports", "clinical science", "infection control"),
        (
            ENGLISH_TEST,
            Step(CredentialKind.LICENSING_EXAM, "PLAB 1", "GMC"),
            Step(CredentialKind.LICENSING_EXAM, "PLAB 2", "GMC"),
            Step(
                CredentialKind.PROFESSIONAL_REGISTRATION, "GMC registration with a licence to practise", "GMC"
            ),
            DBS,
        ),
        8,
    ),
    Profession(
        "nurse responsible for general care",
        "BSc Nursing",
        6,
        (
            "evidence-based nursing care",
            "plan nursing care",
            "administer prescribed medication",
            "carry out wound care",
            "infection control",
            "tend to elderly people",
        ),
        (
            IELTS,
            Step(CredentialKind.LICENSING_EXAM, "NMC test of competence part 1 (CBT)", "NMC"),
            Step(CredentialKind.LICENSING_EXAM, "NMC test of competence part 2 (OSCE)", "NMC"),
            Step(CredentialKind.PROFESSIONAL_REGISTRATION, "NMC registration", "NMC"),
            DBS,
        ),
        40,
    ),
    Profession(
        "midwife",
        "BSc Midwifery",
        6,
        ("plan nursing care", "infection control", "first aid", "administer prescribed medication"),
        (
            IELTS,
            Step(CredentialKind.LICENSING_EXAM, "NMC test of competence part 1 (CBT)", "NMC"),
            Step(CredentialKind.LICENSING_EXAM, "NMC test of competence part 2 (OSCE)", "NMC"),
            Step(CredentialKind.PROFESSIONAL_REGISTRATION, "NMC registration", "NMC"),
            DBS,
        ),
        6,
    ),
    Profession(
        "pharmacist",
        "Bachelor of Pharmacy",
        6,
        ("dispense medicines", "pharmacology", "pharmacy law", "pharmacotherapy", "pharmacokinetics"),
        (
            IELTS,
            Step(CredentialKind.LICENSING_EXAM, "OSPAP", "GPhC"),
            Step(CredentialKind.LICENSING_EXAM, "GPhC registration assessment", "GPhC"),
            Step(CredentialKind.PROFESSIONAL_REGISTRATION, "GPhC registration", "GPhC"),
            DBS,
        ),
        12,
    ),
    Profession(
        "physiotherapist",
        "BSc Physiotherapy",
        6,
        ("rehabilitation", "prescribe exercises", "physical medicine", "community-based rehabilitation"),
        (IELTS, Step(CredentialKind.PROFESSIONAL_REGISTRATION, "HCPC registration", "HCPC"), DBS),
        8,
    ),
    Profession(
        "radiographer",
        "BSc Radiography",
        6,
        ("diagnostic radiology", "infection control"),
        (IELTS, Step(CredentialKind.PROFESSIONAL_REGISTRATION, "HCPC registration", "HCPC"), DBS),
        5,
    ),
    Profession(
        "biomedical scientist",
        "BSc Medical Laboratory Science",
        6,
        ("clinical biology", "clinical cytology", "clinical science"),
        (IELTS, Step(CredentialKind.PROFESSIONAL_REGISTRATION, "HCPC registration", "HCPC"), DBS),
        4,
    ),
    Profession(
        "occupational therapist",
        "BSc Occupational Therapy",
        6,
        ("rehabilitation", "community-based rehabilitation", "older adults' needs"),
        (IELTS, Step(CredentialKind.PROFESSIONAL_REGISTRATION, "HCPC registration", "HCPC"), DBS),
        3,
    ),
)


@dataclass(frozen=True)
class LocalWork:
    occupation: str
    skills: tuple[str, ...]
    share: int


LOCAL_WORK = (
    LocalWork("cook", ("food hygiene rules", "cook meat dishes", "cook fish", "customer service"), 10),
    LocalWork("kitchen porter", ("food hygiene rules", "conduct cleaning tasks"), 6),
    LocalWork("security guard", ("security threats", "first aid", "customer service"), 6),
    LocalWork("home care aide", ("tend to elderly people", "older adults' needs", "first aid"), 10),
    LocalWork("healthcare assistant", ("tend to elderly people", "infection control", "first aid"), 8),
    LocalWork("hospital porter", ("customer service", "work in teams"), 4),
    LocalWork("laundry worker", ("conduct cleaning tasks", "work in teams"), 4),
    LocalWork("bricklayer", ("work in teams",), 5),
    LocalWork("electrician", ("work in teams",), 4),
    LocalWork("shop assistant", ("customer service", "work in teams"), 10),
    LocalWork("administrative assistant", ("customer service", "teamwork principles"), 8),
    LocalWork("car and van delivery driver", ("customer service",), 6),
    LocalWork("software developer", ("Python (computer programming)", "perform data analysis"), 3),
    LocalWork("data analyst", ("perform data analysis", "statistics", "Python (computer programming)"), 2),
    LocalWork("social worker", ("provide safeguarding to individuals", "older adults' needs"), 3),
)
BILBAO_WORK = (
    LocalWork(
        "data scientist", ("utilise machine learning", "Python (computer programming)", "statistics"), 4
    ),
    LocalWork("mechatronics engineer", ("programmable logic controller", "maintenance and repair"), 4),
    LocalWork("industrial engineer", ("statistical process control", "quality control systems"), 4),
    LocalWork(
        "computer numerical control machine operator",
        ("maintenance and repair", "quality control systems"),
        5,
    ),
    LocalWork("welder", ("maintenance and repair",), 3),
    LocalWork("computer vision engineer", ("utilise machine learning", "Python (computer programming)"), 2),
    LocalWork("administrative assistant", ("customer service",), 3),
)

# Countries of training and the first languages spoken there (ISO 3166-1 / ISO 639-1).
OVERSEAS = (
    ("NG", "yo"),
    ("NG", "ig"),
    ("IN", "ml"),
    ("IN", "pa"),
    ("PK", "ur"),
    ("PH", "tl"),
    ("ZW", "sn"),
    ("GH", "ak"),
    ("SY", "ar"),
    ("EG", "ar"),
    ("SD", "ar"),
    ("IR", "fa"),
    ("AF", "ps"),
    ("UA", "uk"),
    ("RO", "ro"),
    ("PL", "pl"),
    ("PT", "pt"),
    ("KE", "sw"),
    ("BD", "bn"),
    ("ER", "ti"),
)
GIVEN_NAMES = (
    "Amara",
    "Chidi",
    "Ngozi",
    "Tunde",
    "Priya",
    "Arjun",
    "Meera",
    "Imran",
    "Ayesha",
    "Bilal",
    "Maria",
    "Jose",
    "Rutendo",
    "Tendai",
    "Kwame",
    "Abena",
    "Samir",
    "Layla",
    "Omar",
    "Yasmin",
    "Reza",
    "Shirin",
    "Farid",
    "Olena",
    "Andrii",
    "Ioana",
    "Mihai",
    "Agnieszka",
    "Piotr",
    "Joana",
    "Wanjiru",
    "Kamau",
    "Rahim",
    "Nusrat",
    "Selam",
    "Dawit",
    "Hannah",
    "Liam",
    "Chloe",
    "Jamal",
    "Sophie",
    "Kyle",
    "Leah",
    "Connor",
    "Jade",
    "Marcus",
    "Aaliyah",
    "Ethan",
    "Zara",
    "Callum",
)
FAMILY_NAMES = (
    "Okafor",
    "Adeyemi",
    "Eze",
    "Balogun",
    "Nair",
    "Singh",
    "Kaur",
    "Khan",
    "Hussain",
    "Ahmed",
    "Santos",
    "Reyes",
    "Moyo",
    "Chikwanha",
    "Mensah",
    "Owusu",
    "Haddad",
    "Al-Masri",
    "Karimi",
    "Rahimi",
    "Kovalenko",
    "Shevchenko",
    "Popescu",
    "Ionescu",
    "Nowak",
    "Kowalski",
    "Ferreira",
    "Mwangi",
    "Otieno",
    "Begum",
    "Uddin",
    "Tesfaye",
    "Haile",
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Evans",
    "Patel",
    "Campbell",
    "Walker",
    "Edwards",
    "Hughes",
    "Clarke",
)
BILBAO_GIVEN = (
    "Ane",
    "Jon",
    "Maite",
    "Iker",
    "Nerea",
    "Unai",
    "Leire",
    "Asier",
    "Amaia",
    "Gorka",
    "Lucía",
    "Pablo",
    "Sara",
    "Javier",
    "Ainhoa",
    "Mikel",
    "Irati",
    "Xabier",
    "Laura",
    "Diego",
)
BILBAO_FAMILY = (
    "Etxeberria",
    "Agirre",
    "Urrutia",
    "Zubiri",
    "Goikoetxea",
    "Larrañaga",
    "Fernández",
    "García",
    "Martínez",
    "López",
    "Arrieta",
    "Olabarria",
    "Ibarra",
    "Bilbao",
    "Sánchez",
)

EPOCH = datetime.date(2025, 4, 1)


class DemoResolver:
    """Finds the ESCO concepts the demo names, once each; a missing one stops the demo with its name."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], EscoConcept] = {}

    def __call__(self, label: str, kind: str) -> EscoConcept:
        key = (label, kind)
        if key not in self.cache:
            found = concepts_labelled(label, kind=kind)
            if not found:
                raise ImproperlyConfigured(f"The demo names the ESCO {kind} “{label}”, which is not loaded.")
            self.cache[key] = found[0]
        return self.cache[key]


def _weighted(rng: random.Random, options: tuple) -> object:
    return rng.choices(options, weights=[option.share for option in options])[0]


def build_demo_people(
    *,
    admin: User,
    caseworker: User | None,
    programme: Programme,
    count: int,
    areas: list[Area],
    partners: dict[str, Organisation],
    seed: int,
) -> int:
    """Register demo people up to `count` (those already there stay); returns how many were added."""
    existing = Person.objects.filter(programme=programme, registered_via=RegisteredVia.DEMO).count()
    resolve = DemoResolver()
    is_bilbao = programme.country == "ES"
    lead = next(org for name, org in partners.items() if name == "__lead__")
    caseworker_org = partners.get("__caseworker__")
    added = 0
    for index in range(existing, count):
        rng = random.Random(f"{seed}-{programme.slug}-{index}")  # noqa: S311 - demo data
        is_overseas_health = not is_bilbao and index % 4 == 1
        _register_one(
            rng=rng,
            resolve=resolve,
            admin=admin,
            caseworker=caseworker,
            programme=programme,
            areas=areas,
            lead=lead,
            caseworker_org=caseworker_org,
            is_bilbao=is_bilbao,
            is_overseas_health=is_overseas_health,
        )
        added += 1
    return added


def _register_one(
    *,
    rng: random.Random,
    resolve: DemoResolver,
    admin: User,
    caseworker: User | None,
    programme: Programme,
    areas: list[Area],
    lead: Organisation,
    caseworker_org: Organisation | None,
    is_bilbao: bool,
    is_overseas_health: bool,
) -> Person:
    given = rng.choice(BILBAO_GIVEN if is_bilbao else GIVEN_NAMES)
    family = rng.choice(BILBAO_FAMILY if is_bilbao else FAMILY_NAMES)
    area = rng.choice(areas)
    consents = [ConsentChoice(ConsentPurpose.SHARING, True, lead)]
    if rng.random() < 0.85:
        consents.append(ConsentChoice(ConsentPurpose.MATCHING, True))
    if rng.random() < 0.7:
        consents.append(ConsentChoice(ConsentPurpose.CONTACT, True))
    if rng.random() < 0.2:
        consents.append(ConsentChoice(ConsentPurpose.RESEARCH, True))
    actor = admin
    if is_overseas_health and caseworker is not None and caseworker_org is not None:
        consents.append(ConsentChoice(ConsentPurpose.SHARING, True, caseworker_org))
        actor = caseworker
    serial = rng.randrange(100, 999)
    person = register_person(
        actor=actor,
        programme=programme,
        consents=consents,
        method=rng.choice((ConsentMethod.WRITTEN, ConsentMethod.ONLINE, ConsentMethod.VERBAL)),
        evidence=f"Registration form {serial}, kept in the case file",
        via=RegisteredVia.DEMO,
        occurred_on=EPOCH + datetime.timedelta(days=rng.randrange(0, 600)),
        given_name=given,
        family_name=family,
        email=f"{given}.{family}.{serial}@example.org".lower().replace(" ", ""),
        phone=f"07700 900{serial}" if not is_bilbao else f"+34 600 000 {serial}",
        postcode=demo_postcode(area, rng),
        area=area,
        right_to_work=(
            rng.choice((RightToWork.WORK_VISA, RightToWork.REFUGEE, RightToWork.SETTLED, RightToWork.PENDING))
            if is_overseas_health
            else rng.choice((RightToWork.CITIZEN, RightToWork.CITIZEN, RightToWork.SETTLED))
        ),
        availability=rng.choice(("now", "now", "month", "quarter")),
        hours_per_week=rng.choice((16, 20, 24, 30, 37, 37, 37, 40)),
        max_commute_km=rng.choice((3, 5, 8, 10, 15, 20)),
    )
    local_language = "es" if is_bilbao else "en"
    if is_overseas_health:
        _health_profile(rng, resolve, actor, person)
    else:
        work = _weighted(rng, BILBAO_WORK if is_bilbao else LOCAL_WORK)
        assert isinstance(work, LocalWork)
        add_item(
            actor=actor,
            person=person,
            part="occupations",
            occupation=resolve(work.occupation, ConceptKind.OCCUPATION),
            years=Decimal(rng.randrange(1, 15)),
            country="ES" if is_bilbao else "GB",
        )
        for label in work.skills:
            add_item(
                actor=actor,
                person=person,
                part="skills",
                skill=resolve(label, ConceptKind.SKILL),
                level=rng.choice(("intermediate", "advanced")),
                evidence="work",
            )
        add_item(actor=actor, person=person, part="languages", language=local_language, level="native")
        if is_bilbao:
            add_item(
                actor=actor,
                person=person,
                part="languages",
                language="eu",
                level=rng.choice(("B1", "C1", "native")),
            )
    return person


def _health_profile(rng: random.Random, resolve: DemoResolver, actor: User, person: Person) -> None:
    profession = _weighted(rng, HEALTH_PROFESSIONS)
    assert isinstance(profession, Profession)
    country, first_language = rng.choice(OVERSEAS)
    occupation = resolve(profession.occupation, ConceptKind.OCCUPATION)
    add_item(
        actor=actor,
        person=person,
        part="occupations",
        occupation=occupation,
        years=Decimal(rng.randrange(2, 20)),
        country=country,
    )
    add_item(actor=actor, person=person, part="aspirations", occupation=occupation)
    for label in profession.skills:
        add_item(
            actor=actor,
            person=person,
            part="skills",
            skill=resolve(label, ConceptKind.SKILL),
            level=rng.choice(("advanced", "expert")),
            evidence="work",
        )
    add_item(actor=actor, person=person, part="languages", language=first_language, level="native")
    # How far along the route to practising in the UK this person is: 0 = not started, all = registered.
    stage = rng.randrange(0, len(profession.steps) + 1)
    english = ("B2", "C1", "C1", "C2")[min(stage, 3)]
    add_item(actor=actor, person=person, part="languages", language="en", level=english)
    add_item(
        actor=actor,
        person=person,
        part="qualifications",
        title=profession.qualification,
        subject=profession.occupation,
        awarding_country=country,
        eqf_level=profession.eqf_level,
        year_awarded=rng.randrange(1995, 2022),
        recognition_status=RecognitionStatus.RECOGNISED
        if stage >= 2
        else (RecognitionStatus.IN_PROGRESS if stage == 1 else RecognitionStatus.NOT_STARTED),
        recognition_reference=f"ENIC-{rng.randrange(100000, 999999)}" if stage >= 2 else "",
    )
    taken = EPOCH - datetime.timedelta(days=rng.randrange(0, 700))
    for position, step in enumerate(profession.steps):
        if position < stage:
            status = CredentialStatus.HELD
        elif position == stage:
            status = rng.choice(
                (CredentialStatus.IN_PROGRESS, CredentialStatus.PLANNED, CredentialStatus.FAILED)
            )
        else:
            break
        held = status == CredentialStatus.HELD
        add_item(
            actor=actor,
            person=person,
            part="credentials",
            kind=step.kind,
            name=step.name,
            issuer=step.issuer,
            status=status,
            number=(
                f"{step.issuer}{rng.randrange(1000000, 9999999)}"
                if held and step.kind == CredentialKind.PROFESSIONAL_REGISTRATION
                else ""
            ),
            score=step.score if held else "",
            obtained_on=taken if held else None,
            expires_on=taken + datetime.timedelta(days=730)
            if held and step.kind == CredentialKind.LANGUAGE_TEST
            else None,
        )
        taken += datetime.timedelta(days=rng.randrange(60, 200))
