"""Pathway templates: the ordered steps that close a gap, for regulated health professions trained
overseas (UK routes) and generic steps any person may need."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz


@dataclass(frozen=True, slots=True)
class PathwayStep:
    """One step: what it is, the credential it yields (kind and names it is known by), typical time and
    cost. `code` is stable and is what the app translates and the journeys issue enrols people on."""

    code: str
    name: str
    credential_kind: str = ""
    credential_names: tuple[str, ...] = ()
    weeks: int = 0
    cost: int = 0  # in the programme's currency, typical fee
    evidence: str = ""
    recommended_only: bool = False


@dataclass(frozen=True, slots=True)
class PathwayTemplate:
    """A route to practice for one profession in one country: its occupations and its ordered steps."""

    code: str
    name: str
    country: str
    occupations: tuple[str, ...]  # ESCO preferred labels of the occupations that take this route
    steps: tuple[PathwayStep, ...]
    # One register for all its occupations (GMC: any doctor) or a part per profession (HCPC: a
    # physiotherapist's registration does not let them work as a radiographer).
    register_per_occupation: bool = False


ENGLISH_TEST_NURSING = PathwayStep(
    "english_test",
    "English language test (IELTS Academic 7.0 or OET grade B)",
    "language_test",
    ("IELTS Academic", "IELTS", "OET"),
    weeks=12,
    cost=200,
    evidence="Test report form",
)
ENGLISH_TEST_MEDICINE = PathwayStep(
    "english_test",
    "English language test (OET grade B or IELTS Academic 7.5)",
    "language_test",
    ("OET", "IELTS Academic", "IELTS"),
    weeks=12,
    cost=400,
    evidence="Test report form",
)
DBS_CHECK = PathwayStep(
    "background_check",
    "Enhanced DBS check",
    "background_check",
    ("Enhanced DBS check", "DBS check", "DBS"),
    weeks=4,
    cost=50,
    evidence="DBS certificate",
)

NMC_CBT = PathwayStep(
    "nmc_cbt",
    "NMC test of competence part 1 (CBT)",
    "licensing_exam",
    ("NMC test of competence part 1 (CBT)", "NMC CBT", "CBT"),
    8,
    140,
    "Pearson VUE result",
)
NMC_REGISTRATION = PathwayStep(
    "nmc_registration", "NMC registration", "registration", ("NMC registration", "NMC PIN"), 6, 153, "NMC PIN"
)
PRECEPTORSHIP = PathwayStep(
    "clinical_placement",
    "Supervised clinical placement (preceptorship)",
    "",
    (),
    12,
    0,
    "Preceptor's sign-off",
    recommended_only=True,
)


def nmc_osce(field: str) -> PathwayStep:
    """The NMC's practical exam, in nursing or midwifery."""
    return PathwayStep(
        "nmc_osce",
        f"NMC test of competence part 2 (OSCE, {field})",
        "licensing_exam",
        ("NMC test of competence part 2 (OSCE)", "NMC OSCE", "OSCE"),
        10,
        1130,
        "Test centre result",
    )


UK_TEMPLATES: tuple[PathwayTemplate, ...] = (
    PathwayTemplate(
        "uk_doctor",
        "Overseas doctor (UK, GMC)",
        "GB",
        ("general practitioner", "specialised doctor", "medical doctor", "anaesthetist", "surgeon"),
        (
            ENGLISH_TEST_MEDICINE,
            PathwayStep(
                "plab1", "PLAB 1", "licensing_exam", ("PLAB 1", "PLAB part 1"), 16, 290, "GMC result"
            ),
            PathwayStep(
                "plab2", "PLAB 2", "licensing_exam", ("PLAB 2", "PLAB part 2"), 12, 1000, "GMC result"
            ),
            PathwayStep(
                "gmc_registration",
                "GMC registration with a licence to practise",
                "registration",
                ("GMC registration with a licence to practise", "GMC registration", "GMC licence"),
                8,
                430,
                "GMC number",
            ),
            PathwayStep(
                "clinical_attachment",
                "Clinical attachment in an NHS hospital",
                "",
                (),
                6,
                0,
                "Supervisor's report",
                recommended_only=True,
            ),
        ),
    ),
    PathwayTemplate(
        "uk_nurse",
        "Overseas nurse (UK, NMC)",
        "GB",
        ("nurse responsible for general care", "specialist nurse", "nursing professional"),
        (ENGLISH_TEST_NURSING, NMC_CBT, nmc_osce("nursing"), NMC_REGISTRATION, PRECEPTORSHIP),
    ),
    PathwayTemplate(
        "uk_midwife",
        "Overseas midwife (UK, NMC)",
        "GB",
        ("midwife",),
        (ENGLISH_TEST_NURSING, NMC_CBT, nmc_osce("midwifery"), NMC_REGISTRATION, PRECEPTORSHIP),
    ),
    PathwayTemplate(
        "uk_pharmacist",
        "Overseas pharmacist (UK, GPhC)",
        "GB",
        ("pharmacist", "hospital pharmacist"),
        (
            ENGLISH_TEST_NURSING,
            PathwayStep(
                "ospap",
                "OSPAP (overseas pharmacists' assessment programme)",
                "licensing_exam",
                ("OSPAP",),
                52,
                9000,
                "Course certificate",
            ),
            PathwayStep(
                "gphc_assessment",
                "GPhC registration assessment",
                "licensing_exam",
                ("GPhC registration assessment",),
                12,
                240,
                "GPhC result",
            ),
            PathwayStep(
                "gphc_registration",
                "GPhC registration",
                "registration",
                ("GPhC registration",),
                6,
                257,
                "GPhC number",
            ),
            PathwayStep(
                "foundation_placement",
                "Foundation training placement",
                "",
                (),
                52,
                0,
                "Tutor's sign-off",
                recommended_only=True,
            ),
        ),
    ),
    PathwayTemplate(
        "uk_allied_health",
        "Overseas allied health professional (UK, HCPC)",
        "GB",
        (
            "physiotherapist",
            "radiographer",
            "diagnostic radiographer",
            "therapeutic radiographer",
            "biomedical scientist",
            "occupational therapist",
            "speech and language therapist",
            "dietitian",
            "paramedic",
        ),
        (
            ENGLISH_TEST_NURSING,
            PathwayStep(
                "hcpc_registration",
                "HCPC registration (international application)",
                "registration",
                ("HCPC registration",),
                16,
                700,
                "HCPC number",
            ),
            PathwayStep(
                "clinical_placement",
                "Supervised clinical placement",
                "",
                (),
                8,
                0,
                "Supervisor's report",
                recommended_only=True,
            ),
        ),
        register_per_occupation=True,
    ),
)

SPAIN_TEMPLATES: tuple[PathwayTemplate, ...] = (
    PathwayTemplate(
        "es_regulated_profession",
        "Regulated profession trained outside the EU (Spain)",
        "ES",
        (
            "general practitioner",
            "specialised doctor",
            "nurse responsible for general care",
            "pharmacist",
            "physiotherapist",
        ),
        (
            PathwayStep(
                "spanish_test",
                "Spanish language test (DELE B2)",
                "language_test",
                ("DELE", "SIELE"),
                16,
                200,
                "Diploma",
            ),
            PathwayStep(
                "homologacion",
                "Recognition of the degree (homologación, Ministry of Universities)",
                "registration",
                ("Homologación", "homologacion"),
                52,
                170,
                "Ministry resolution",
            ),
            PathwayStep(
                "colegiacion",
                "Membership of the professional college (colegiación)",
                "registration",
                ("Colegiación", "colegiacion"),
                4,
                100,
                "College number",
            ),
        ),
    ),
)

TEMPLATES = UK_TEMPLATES + SPAIN_TEMPLATES

# Steps that close gaps any person may have, whatever their profession.
GENERIC_STEPS = {
    "background_check": DBS_CHECK,
    "right_to_work_check": PathwayStep(
        "right_to_work_check",
        "Right to work decision or share code check",
        weeks=8,
        evidence="Share code or decision letter",
    ),
    "language_course": PathwayStep(
        "language_course",
        "Language course to the level asked",
        weeks=24,
        cost=0,
        evidence="Course certificate",
    ),
    "qualification_recognition": PathwayStep(
        "qualification_recognition",
        "Statement of comparability of the qualification (ENIC)",
        weeks=4,
        cost=140,
        evidence="ENIC statement",
    ),
    "short_course": PathwayStep(
        "short_course", "Short course in the missing skill", weeks=6, evidence="Certificate"
    ),
    "driving_licence": PathwayStep(
        "driving_licence",
        "Driving licence (exchange or test)",
        "driving_licence",
        ("Driving licence",),
        weeks=12,
        cost=150,
        evidence="Licence",
    ),
}


def names_match(first: str, second: str) -> bool:
    """Whether two names of a credential mean the same one ("NMC registration" ~ "NMC PIN" is not).

    Names that number their parts differently are different credentials, however alike the rest:
    "NMC test of competence part 1 (CBT)" is not part 2 (OSCE), nor PLAB 1 PLAB 2.
    """
    a, b = first.casefold().strip(), second.casefold().strip()
    if a == b:
        return True
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False
    return fuzz.token_set_ratio(a, b) >= 90


_NUMBER = re.compile(r"\d+")


def step_yields(step: PathwayStep, kind: str, name: str) -> bool:
    """Whether completing this step gives a credential of this kind and name."""
    return step.credential_kind == kind and any(names_match(known, name) for known in step.credential_names)


def same_credential(kind: str, first: str, second: str) -> bool:
    """Whether two names (of one kind) name the same credential, directly or as names one pathway step
    gives for what it yields ("NMC OSCE" is "NMC test of competence part 2 (OSCE)")."""
    if names_match(first, second):
        return True
    return any(
        step_yields(step, kind, first) and step_yields(step, kind, second)
        for step in (*(step for template in TEMPLATES for step in template.steps), *GENERIC_STEPS.values())
    )


def templates_for(occupations: Sequence[str], country: str) -> list[PathwayTemplate]:
    """Templates of a country whose professions include one of these occupations (ESCO labels)."""
    wanted = {label.casefold() for label in occupations}
    return [
        template
        for template in TEMPLATES
        if template.country == country and wanted & {label.casefold() for label in template.occupations}
    ]
