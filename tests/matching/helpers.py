"""Builders shared by the matching tests: a hospital nurse post and an overseas nurse's profile."""

from __future__ import annotations

import datetime

from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from assetlink.opportunities import services as opportunity_services
from assetlink.people import services as person_services
from assetlink.programmes.models import Role
from assetlink.taxonomy.selectors import concepts_labelled


def concept(label: str, kind: str):
    return concepts_labelled(label, kind=kind)[0]


def nurse_post(world, *, owner=None, status: str = "open"):
    admin = world.user(Role.PROGRAMME_ADMIN)
    job = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Staff Nurse - Elderly Care",
        owner=owner or world.organisation,
        occupation=concept("nurse responsible for general care", "occupation"),
        hours_per_week=37.5,
        minimum_language="en",
        minimum_language_level="C1",
    )
    for label in ("evidence-based nursing care", "administer prescribed medication", "infection control"):
        opportunity_services.add_part(
            actor=admin, opportunity=job, part="skills", skill=concept(label, "skill")
        )
    opportunity_services.add_part(
        actor=admin, opportunity=job, part="credentials", kind="registration", name="NMC registration"
    )
    opportunity_services.add_part(
        actor=admin, opportunity=job, part="credentials", kind="background_check", name="Enhanced DBS check"
    )
    if status == "open":
        opportunity_services.change_status(actor=admin, opportunity=job, status="open")
    return job


def make_overseas_nurse(world, person, *, registered: bool = False):
    """Nursing experience abroad, English at C1, IELTS passed; NMC registration only if asked."""
    admin = world.user(Role.PROGRAMME_ADMIN)
    person_services.update_person(actor=admin, person=person, right_to_work="work_visa", hours_per_week=37)
    add = person_services.add_item
    add(
        actor=admin,
        person=person,
        part="occupations",
        occupation=concept("nurse responsible for general care", "occupation"),
        years=8,
        country="PH",
    )
    for label in ("plan nursing care", "administer prescribed medication", "infection control"):
        add(actor=admin, person=person, part="skills", skill=concept(label, "skill"))
    add(actor=admin, person=person, part="languages", language="en", level="C1")
    today = datetime.date.today()
    add(
        actor=admin,
        person=person,
        part="credentials",
        kind="language_test",
        name="IELTS Academic",
        status="held",
        score="7.0",
        obtained_on=today - datetime.timedelta(days=100),
        expires_on=today + datetime.timedelta(days=600),
    )
    if registered:
        for kind, name in (("registration", "NMC registration"), ("background_check", "Enhanced DBS check")):
            add(actor=admin, person=person, part="credentials", kind=kind, name=name, status="held")
    return person


def run_queued_tasks(name: str) -> int:
    """Run what the worker would pick up for one task (the worker itself closes the test's connection)."""
    ran = 0
    for row in DBTaskResult.objects.filter(task_path__endswith=name, status="READY"):
        queued = default_task_backend.get_result(str(row.id))
        queued.task.call(*queued.args, **queued.kwargs)
        row.delete()
        ran += 1
    return ran
