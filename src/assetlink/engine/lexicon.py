"""Job-ad vocabulary that ESCO's English labels do not carry: UK NHS grade titles, common Spanish job
words, and acronyms. Used to add English variants of a title or phrase before lookup; the lookup
itself still scores every variant against ESCO."""

from __future__ import annotations

import re

from assetlink.engine.text import normalise

# Phrases of job ads (already normalised) → the ESCO wording they stand for.
PHRASES: dict[str, str] = {
    # UK medical and nursing grades
    "specialty registrar": "specialised doctor",
    "specialist registrar": "specialised doctor",
    "speciality registrar": "specialised doctor",
    "specialty doctor": "specialised doctor",
    "consultant physician": "specialised doctor",
    "consultant surgeon": "specialised doctor",
    "consultant anaesthetist": "specialised doctor",
    "core trainee": "medical doctor",
    "foundation doctor": "medical doctor",
    "foundation year doctor": "medical doctor",
    "junior doctor": "medical doctor",
    "resident doctor": "medical doctor",
    "senior house officer": "medical doctor",
    "gp": "general practitioner",
    "salaried gp": "general practitioner",
    "staff nurse": "nurse responsible for general care",
    "registered nurse": "nurse responsible for general care",
    "ward sister": "nurse responsible for general care",
    "charge nurse": "nurse responsible for general care",
    "hca": "healthcare assistant",
    "nursing assistant": "healthcare assistant",
    "clinical support worker": "healthcare assistant",
    "porter": "hospital porter",
    "domestic assistant": "cleaner",
    # Acronyms
    "plc": "programmable logic controller",
    "cnc": "computer numerical control",
    "hr": "human resources",
    "ml": "machine learning",
    "ai": "artificial intelligence",
}

# Spanish job words → English (masculine form; the gender ending "/a" is removed before lookup).
SPANISH_WORDS: dict[str, str] = {
    "enfermero": "nurse",
    "enfermera": "nurse",
    "medico": "doctor",
    "medica": "doctor",
    "especialista": "specialised",
    "cocinero": "cook",
    "cocinera": "cook",
    "ayudante": "assistant",
    "auxiliar": "assistant",
    "programador": "programmer",
    "desarrollador": "developer",
    "ingeniero": "engineer",
    "ingeniera": "engineer",
    "tecnico": "technician",
    "tecnica": "technician",
    "analista": "analyst",
    "cientifico": "scientist",
    "cientifica": "scientist",
    "consultor": "consultant",
    "consultora": "consultant",
    "administrativo": "administrative assistant",
    "camarero": "waiter",
    "limpiador": "cleaner",
    "limpiadora": "cleaner",
    "conductor": "driver",
    "repartidor": "delivery driver",
    "electricista": "electrician",
    "soldador": "welder",
    "mecanico": "mechanic",
    "operario": "operator",
    "operador": "operator",
    "dependiente": "shop assistant",
    "cuidador": "care worker",
    "farmaceutico": "pharmacist",
    "fisioterapeuta": "physiotherapist",
    "matrona": "midwife",
    "celador": "hospital porter",
    "jefe": "manager",
    "director": "manager",
    "gerente": "manager",
    "responsable": "manager",
    "disenador": "designer",
    "contable": "accountant",
    "profesor": "teacher",
    "fontanero": "plumber",
    "albanil": "bricklayer",
    "carpintero": "carpenter",
    "pintor": "painter",
    "vigilante": "security guard",
    "guardia": "security guard",
    "datos": "data",
    "cuidados": "care",
    "generales": "general",
    "mantenimiento": "maintenance",
    "calidad": "quality",
    "produccion": "production",
    "automatizacion": "automation",
    "robotica": "robotics",
    "sistemas": "systems",
    "redes": "network",
    "ventas": "sales",
    "almacen": "warehouse",
    "logistica": "logistics",
    "proyecto": "project",
    "proyectos": "project",
    "industrial": "industrial",
    "software": "software",
    "web": "web",
}
SPANISH_FILLERS = frozenset({"de", "del", "la", "el", "los", "las", "en", "y", "para"})


def english_variants(text: str, lang: str) -> list[str]:
    """English forms of a title or phrase from the lexicon (none when it has nothing to add)."""
    folded = normalise(re.sub(r"[^\w\s/+#-]", " ", text))
    variants: list[str] = []
    if lang == "es":
        words = [SPANISH_WORDS.get(word, word) for word in folded.split() if word not in SPANISH_FILLERS]
        # Spanish puts the head first ("programador PLC"); English puts it last ("PLC programmer").
        if words and words[0] in SPANISH_WORDS.values():
            words = [*words[1:], words[0]]
        translated = " ".join(words)
        if translated and translated != folded:
            variants.append(translated)
        folded = translated or folded
    expanded = folded
    for phrase in sorted(PHRASES, key=len, reverse=True):
        expanded = re.sub(rf"\b{re.escape(phrase)}\b", PHRASES[phrase], expanded)
    if expanded != folded:
        variants.append(expanded)
    return variants
