"""Labelled data written for the quality benchmark: job-ad titles with the ESCO occupation a careful
reader would file them under, and job-ad sentences with the ESCO skills they name (preferred labels).

Titles are of the kind the two demo programmes publish (NHS hospital posts, local services, Bilbao's
industry); none is an ESCO label as written."""

TITLES = [
    ("Senior Staff Nurse - Elderly Care", "en", "nurse responsible for general care"),
    ("Specialty Registrar in Anaesthetics", "en", "specialised doctor"),
    ("Healthcare Assistant - Ward 4", "en", "healthcare assistant"),
    ("Clinical Pharmacist", "en", "hospital pharmacist"),
    ("Band 5 Physiotherapist", "en", "physiotherapist"),
    ("Diagnostic Radiographer - CT", "en", "diagnostic radiographer"),
    ("Hospital Porter (Nights)", "en", "hospital porter"),
    ("Kitchen Porter - Staff Restaurant", "en", "kitchen porter"),
    ("Domestic Assistant", "en", "domestic cleaner"),
    ("Catering Assistant", "en", "kitchen assistant"),
    ("Medical Records Clerk", "en", "medical records clerk"),
    ("Phlebotomist - Outpatients", "en", "phlebotomist"),
    ("Software Developer (Python)", "en", "software developer"),
    ("Data Scientist - Machine Learning", "en", "data scientist"),
    ("Security Officer", "en", "security guard"),
    ("Domiciliary Care Worker", "en", "home care aide"),
    ("Bricklayer - New Build Housing", "en", "bricklayer"),
    ("Electrician (Commercial)", "en", "electrician"),
    ("GP Surgery Receptionist", "en", "front line medical receptionist"),
    ("Community Midwife", "en", "midwife"),
    ("Occupational Therapist - Stroke Unit", "en", "occupational therapist"),
    ("Biomedical Scientist - Haematology", "en", "biomedical scientist"),
    ("Sterile Services Technician", "en", "sterile services technician"),
    ("Social Worker - Adults Team", "en", "social worker"),
    ("Part-time Shop Assistant", "en", "shop assistant"),
    ("Multi-drop Delivery Driver", "en", "car and van delivery driver"),
    ("Administrative Assistant", "en", "administrative assistant"),
    ("Pharmacy Technician", "en", "pharmacy technician"),
    ("Cook - School Kitchen", "en", "cook"),
    ("Project Manager - Construction", "en", "project manager"),
    ("Programador/a PLC", "es", "numerical tool and process control programmer"),
    ("Enfermero/a de cuidados generales", "es", "nurse responsible for general care"),
    ("Desarrollador/a web", "es", "web developer"),
    ("Cocinero/a", "es", "cook"),
    ("Científico/a de datos", "es", "data scientist"),
    ("Electricista de mantenimiento", "es", "electrician"),
    ("Soldador/a", "es", "welder"),
    ("Ingeniero/a de automatización", "es", "automation engineer"),
    ("Fisioterapeuta", "es", "physiotherapist"),
    ("Auxiliar administrativo/a", "es", "administrative assistant"),
    ("Analista de datos", "es", "data analyst"),
    ("Jefe/a de proyecto", "es", "project manager"),
]

SKILL_TEXTS = [
    (
        "You will administer prescribed medication, carry out wound care and plan nursing care for older patients.",
        {"administer prescribed medication", "carry out wound care", "plan nursing care"},
    ),
    ("Strict infection control and first aid are part of every shift.", {"infection control", "first aid"}),
    (
        "Cook fish and cook meat dishes to order, following food hygiene rules.",
        {"cook fish", "cook meat dishes", "food hygiene rules"},
    ),
    ("Friendly customer service and the ability to work in teams.", {"customer service", "work in teams"}),
    (
        "Experience of Python (computer programming) and statistics; you will perform data analysis weekly.",
        {"Python (computer programming)", "statistics", "perform data analysis"},
    ),
    ("Dispense medicines and advise on pharmacotherapy.", {"dispense medicines", "pharmacotherapy"}),
    (
        "Tend to elderly people at home and understand older adults' needs.",
        {"tend to elderly people", "older adults' needs"},
    ),
    ("Conduct cleaning tasks across wards and offices.", {"conduct cleaning tasks"}),
    ("You will utilise machine learning on sensor data from our presses.", {"utilise machine learning"}),
    (
        "Provide safeguarding to individuals and keep clinical reports up to date.",
        {"provide safeguarding to individuals", "clinical reports"},
    ),
    (
        "Prescribe medication within your scope and write clinical reports.",
        {"prescribe medication", "clinical reports"},
    ),
    (
        "Knowledge of security threats and customer service at the front desk.",
        {"security threats", "customer service"},
    ),
]
