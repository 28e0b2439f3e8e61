"""Benchmark: the people finder over 100,000 people on PostgreSQL — occupation by any word of an ESCO label,
a language at a level, a held credential and the right to work (blind index), combined; and a name
search — timed against counting the programme's people in the same run (the baseline), with the
trigram indexes of migration people/0006 in place. Reports each query's ratio to the baseline and its
plan's use of the indexes. Run by `make bench`; everything built is rolled back after the run."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict

from assetlink.encryption import blind_index
from assetlink.people.finder import PeopleFinderForm
from assetlink.people.models import Credential, LanguageSkill, OccupationHeld, Person, PersonSkill
from assetlink.places.models import Area
from assetlink.programmes.models import Programme
from assetlink.taxonomy.models import EscoConcept

PEOPLE = 100_000
AREAS = 500
RUNS = 7
STATUSES = ["citizen", "settled", "work_visa", "refugee", "asylum_seeker", "pending", "unknown"]
LEVELS = ["A2", "B1", "B2", "C1", "C2"]
QUERIES = {
    "nurses with English at B2 or above": "occupation=nurse&language=en&language_level=B2",
    "nurses who passed IELTS, right to work held": "occupation=nurse&credential=ielts&credential_status=held"
    "&right_to_work=held",
    "a skill by one word": "skill=medication",
    "a family name": "q=Okafor",
}

pytestmark = [pytest.mark.django_db]


def _build() -> Programme:
    if connection.vendor != "postgresql":
        pytest.skip("the finder benchmark runs on PostgreSQL (make bench sets DATABASE_URL)")
    started = time.perf_counter()
    programme = Programme.objects.create(
        slug="bench-finder", name="Bench", city="Bench", country="GB", currency="GBP", starts_on="2025-01-01"
    )
    areas = Area.objects.bulk_create(
        Area(
            programme=programme, code=f"F{i}", name=f"Area {i}", deprivation_decile=1 + i % 10, source="bench"
        )
        for i in range(AREAS)
    )
    occupations = list(EscoConcept.objects.filter(kind="occupation").order_by("pk")[:400])
    nurse = EscoConcept.objects.get(kind="occupation", preferred_label="nurse responsible for general care")
    families = ["Okafor", "Mensah", "Begum", "Nowak", "Haile", "Reyes", "Moyo", "Patel", "Clarke", "Nair"]
    people = Person.objects.bulk_create(
        (
            Person(
                programme=programme,
                reference=f"F{i}",
                given_name=f"Given{i}",
                family_name=f"{families[i % len(families)]}{i // 1000}",
                area_id=areas[i % AREAS].pk,
                right_to_work=STATUSES[i % len(STATUSES)],
                right_to_work_index=blind_index("right_to_work", STATUSES[i % len(STATUSES)]),
            )
            for i in range(PEOPLE)
        ),
        batch_size=5000,
    )
    OccupationHeld.objects.bulk_create(
        (
            OccupationHeld(
                person_id=person.pk,
                occupation=nurse if i % 20 == 0 else occupations[i % len(occupations)],
                years=3,
                country="PH",
            )
            for i, person in enumerate(people)
        ),
        batch_size=5000,
    )
    LanguageSkill.objects.bulk_create(
        (
            LanguageSkill(person_id=p.pk, language="en", level=LEVELS[i % len(LEVELS)])
            for i, p in enumerate(people)
        ),
        batch_size=5000,
    )
    medication = list(EscoConcept.objects.filter(kind="skill", preferred_label__contains="medication")[:5])
    others = list(EscoConcept.objects.filter(kind="skill").order_by("pk")[:300])
    PersonSkill.objects.bulk_create(
        (
            PersonSkill(
                person_id=p.pk,
                skill=medication[i % len(medication)] if i % 25 == 0 else others[i % len(others)],
                level="intermediate",
                evidence="self",
            )
            for i, p in enumerate(people)
        ),
        batch_size=5000,
    )
    Credential.objects.bulk_create(
        (
            Credential(person_id=p.pk, kind="language_test", name="IELTS Academic", status="held")
            for i, p in enumerate(people)
            if i % 3 == 0
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        for table in (
            "people_person",
            "people_occupationheld",
            "people_languageskill",
            "people_credential",
            "people_personskill",
        ):
            cursor.execute(f"ANALYZE {table}")
    print(f"\nbuilt {PEOPLE:,} people in {time.perf_counter() - started:.0f} s")
    return programme


def _timed(work: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _search(programme: Programme, query: str) -> Callable[[], Any]:
    def run() -> Any:
        form = PeopleFinderForm(QueryDict(query), programme=programme)
        assert form.is_valid(), form.errors
        found = form.narrow(Person.objects.filter(programme=programme))
        return found.count(), list(found.order_by("reference")[:50])

    return run


def test_finder_at_100k_people():
    programme = _build()
    baseline = _timed(lambda: Person.objects.filter(programme=programme).count())
    print(f"baseline (count the programme's people): {baseline * 1000:.1f} ms")
    for label, query in QUERIES.items():
        count, _page = _search(programme, query)()
        took = _timed(_search(programme, query))
        form = PeopleFinderForm(QueryDict(query), programme=programme)
        form.is_valid()
        plan = form.narrow(Person.objects.filter(programme=programme)).explain(analyze=True)
        if os.environ.get("BENCH_PLANS"):
            print(plan)
        uses = "trigram index" if "_trgm" in plan else "no trigram index"
        print(f"{label}: {count:,} found, {took * 1000:.1f} ms, ratio {took / baseline:.1f} ({uses})")
        assert count > 0
