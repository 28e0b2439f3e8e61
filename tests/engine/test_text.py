"""Job titles to ESCO occupations and texts to ESCO skills, on the packaged ESCO data."""

import pytest

from assetlink.engine import classify_occupation, extract_skills

TITLES = [
    ("Senior Staff Nurse - Elderly Care", "en", "nurse responsible for general care"),
    ("Specialty Registrar in Anaesthetics", "en", "specialised doctor"),
    ("Programador/a PLC", "es", "numerical tool and process control programmer"),
    ("Healthcare Assistant - Ward 4", "en", "healthcare assistant"),
    ("Clinical Pharmacist", "en", "hospital pharmacist"),
    ("Band 5 Physiotherapist", "en", "physiotherapist"),
    ("Data Scientist - Machine Learning", "en", "data scientist"),
    ("Enfermero/a de cuidados generales", "es", "nurse responsible for general care"),
    ("Desarrollador/a web", "es", "web developer"),
    ("Cocinero/a", "es", "cook"),
]


@pytest.mark.parametrize(("title", "lang", "expected"), TITLES)
def test_job_titles_map_to_the_right_esco_occupation(esco, title, lang, expected):
    found = classify_occupation(title, lang)
    assert found[0].label == expected, [concept.label for concept in found]
    assert found[0].uri.startswith("http://data.europa.eu/esco/occupation/")
    assert 0 < found[0].score <= 1
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_k_limits_the_answers(esco):
    assert len(classify_occupation("nurse", k=2)) == 2
    assert classify_occupation("   ") == []


LABELLED = (
    "We need someone who can administer prescribed medication, carry out wound care and plan nursing "
    "care. Experience of infection control; good customer service.",
    {
        "administer prescribed medication",
        "carry out wound care",
        "plan nursing care",
        "infection control",
        "customer service",
    },
)


def test_skills_named_in_a_job_ad_are_found_with_their_place(esco):
    text, expected = LABELLED
    mentions = extract_skills(text)
    found = {mention.label for mention in mentions}
    assert expected <= found
    precision = len(found & expected) / len(found)
    assert precision >= 0.8, found
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.score > 0
    wound = next(m for m in mentions if m.label == "carry out wound care")
    assert text[wound.start : wound.end] == "carry out wound care"


def test_spanish_text_finds_skills_by_meaning(esco):
    mentions = extract_skills(
        "Buscamos programador con experiencia en programación de PLC y análisis de datos.", "es"
    )
    labels = {mention.label for mention in mentions}
    assert "programmable logic controller" in labels
