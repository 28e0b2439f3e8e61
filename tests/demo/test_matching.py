"""The demo's overseas health professionals see the hospital's posts of their profession, each with the
eligibility their record warrants and the steps still missing, in the order of the route to practice.

The expectation is built here from the demo's own description of each profession's route (people/demo.py),
not from the matching engine."""

import datetime
import math
import re

from django.test import Client

from assetlink.people.demo import HEALTH_PROFESSIONS
from assetlink.people.models import Person
from assetlink.programmes.models import Membership, Role

# Posts of the new hospital each profession is trained for (ESCO occupations of the demo's jobs).
POSTS_FOR = {
    "general practitioner": {"specialised doctor"},
    "specialised doctor": {"specialised doctor"},
    "nurse responsible for general care": {"nurse responsible for general care"},
    "midwife": {"midwife"},
    "pharmacist": {"hospital pharmacist"},
    "physiotherapist": {"physiotherapist"},
    "radiographer": {"radiographer"},
    "biomedical scientist": {"biomedical scientist"},
    "occupational therapist": {"occupational therapist"},
}
# How the demo names each credential → the pathway step that yields it.
STEP_OF = {
    "OET": "english_test",
    "IELTS Academic": "english_test",
    "PLAB 1": "plab1",
    "PLAB 2": "plab2",
    "GMC registration with a licence to practise": "gmc_registration",
    "NMC test of competence part 1 (CBT)": "nmc_cbt",
    "NMC test of competence part 2 (OSCE)": "nmc_osce",
    "NMC registration": "nmc_registration",
    "OSPAP": "ospap",
    "GPhC registration assessment": "gphc_assessment",
    "GPhC registration": "gphc_registration",
    "HCPC registration": "hcpc_registration",
    "Enhanced DBS check": "background_check",
}
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]


def km(a, b) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat1))


def articles(page: str) -> list[dict]:
    found = []
    for block in page.split('<article class="card match"')[1:]:
        found.append(
            {
                "opportunity": int(re.search(r'data-opportunity="(\d+)"', block).group(1)),
                "eligibility": re.search(r'class="badge badge--(\w+)"', block).group(1),
                "steps": re.findall(r'data-step="(\w+)"', block),
            }
        )
    return found


def test_every_overseas_health_professional_sees_the_hospital_posts_with_eligibility_and_steps_in_order(demo):
    from assetlink.opportunities.models import Opportunity

    admin = Membership.objects.get(programme__slug="birmingham-sandwell", role=Role.PROGRAMME_ADMIN).user
    client = Client()
    client.force_login(admin)
    today = datetime.date.today()
    professions = {profession.occupation: profession for profession in HEALTH_PROFESSIONS}
    health = (
        Person.objects.filter(programme__slug="birmingham-sandwell", qualifications__isnull=False)
        .filter(consent_states__purpose="matching", consent_states__given=True)
        .distinct()
        .select_related("area")
    )
    checked = 0
    for person in health:
        occupation = person.occupations.get().occupation.preferred_label
        profession = professions[occupation]
        posts = Opportunity.objects.filter(
            programme=person.programme,
            kind="job",
            status="open",
            occupation__preferred_label__in=POSTS_FOR[occupation],
        ).prefetch_related("credential_requirements")
        by_id = {post.pk: post for post in posts}
        page = client.get(f"/p/{person.programme.slug}/matching/people/{person.pk}/").content.decode()
        shown = [article for article in articles(page) if article["opportunity"] in by_id]
        assert shown, f"{person}: no {occupation} post shown"
        valid = {
            c.name
            for c in person.credentials.all()
            if c.status == "held" and (c.expires_on is None or c.expires_on >= today)
        }
        english = next((lang.level for lang in person.languages.all() if lang.language == "en"), "")
        for article in shown:
            post = by_id[article["opportunity"]]
            required = [r.name for r in post.credential_requirements.all() if r.is_required]
            route = [step.name for step in profession.steps if step.kind != "background_check"]
            registration = next((name for name in required if name in route), None)
            assert registration, (occupation, post.title, required, route)
            # Holding the registration itself makes the earlier steps moot (an expired test included).
            missing = (
                []
                if registration in valid
                else [n for n in route[: route.index(registration) + 1] if n not in valid]
            )
            if "Enhanced DBS check" in required and "Enhanced DBS check" not in valid:
                missing.append("Enhanced DBS check")
            expected_steps = [STEP_OF[name] for name in missing]
            route_steps = [s for s in article["steps"] if s in STEP_OF.values()]
            assert route_steps == list(dict.fromkeys(expected_steps)), (person, post.title, article["steps"])
            needs_language = CEFR.index(english) < CEFR.index(post.minimum_language_level)
            assert ("language_course" in article["steps"]) == needs_language
            uncertain_right = person.right_to_work in {"pending", "asylum_seeker", "unknown", ""}
            assert ("right_to_work_check" in article["steps"]) == uncertain_right
            too_far = km(
                (person.area.latitude, person.area.longitude), (post.area.latitude, post.area.longitude)
            ) > (person.max_commute_km + 0.2)
            too_few_hours = post.employment_type != "bank" and person.hours_per_week < 0.6 * float(
                post.hours_per_week
            )
            if too_far or too_few_hours or person.right_to_work == "none":
                expected = "not_eligible"
            elif expected_steps or needs_language or uncertain_right:
                expected = "reachable"
            else:
                expected = "eligible"
            assert article["eligibility"] == expected, (person, post.title)
            checked += 1
    assert health.count() >= 10 and checked >= health.count()
