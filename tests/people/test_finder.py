"""Finding people by what they can do: filters by ESCO occupation in any label, credential, language level
and pathway step combine; counts follow; a search is saved for its user only; nobody finds people they
may not see."""

import datetime

import pytest

from assetlink.journeys import services as journeys
from assetlink.people import services as people
from assetlink.people.models import SavedSearch
from assetlink.programmes.models import Role
from assetlink.taxonomy.models import EscoConcept
from tests.factories import make_person
from tests.http import signed_in

pytestmark = pytest.mark.django_db


def listed(client, programme, query):
    page = client.get(f"/p/{programme.slug}/people/?{query}").content.decode()
    return page


def test_filters_by_what_people_can_do_combine(world, admin):
    programme = world.programme
    nurse_concept = EscoConcept.objects.get(
        kind="occupation", preferred_label="nurse responsible for general care"
    )
    nurse = make_person(programme, share_with=world.organisation, given_name="Grace", family_name="Mensah")
    porter = make_person(programme, share_with=world.organisation, given_name="Tom", family_name="Reed")
    people.add_item(
        actor=admin, person=nurse, part="occupations", occupation=nurse_concept, years=6, country="GH"
    )
    people.add_item(actor=admin, person=nurse, part="languages", language="en", level="C1")
    people.add_item(actor=admin, person=porter, part="languages", language="en", level="B1")
    people.add_item(
        actor=admin,
        person=nurse,
        part="credentials",
        kind="language_test",
        name="IELTS Academic",
        status="held",
    )
    template = journeys.save_pathway(
        actor=admin, programme=programme, code="nurse", name="Nursing", country="GB"
    )
    journeys.save_step(
        actor=admin, template=template, code="nmc_cbt", name="CBT", expected_days=30, outcome_type=""
    )
    journeys.save_step(
        actor=admin, template=template, code="nmc_osce", name="OSCE", expected_days=60, outcome_type=""
    )
    for person in (nurse, porter):
        journeys.enrol_person(
            actor=admin, person=person, template=template, started_on=datetime.date(2026, 1, 5)
        )
    enrolment = nurse.enrolments.get()
    journeys.complete_step(
        actor=admin, enrolment=enrolment, evidence="Pass letter", completed_on=datetime.date(2026, 2, 1)
    )

    client = signed_in(world.user(Role.PARTNER_STAFF))
    page = listed(client, programme, "occupation=nurse")
    assert "Grace Mensah" in page and "Tom Reed" not in page and "1 participant you may see" in page
    both = listed(client, programme, "language=en&language_level=B2&credential=ielts&credential_status=held")
    assert "Grace Mensah" in both and "Tom Reed" not in both
    steps = listed(client, programme, "step_passed=nmc_cbt&step_to_do=nmc_osce")
    assert "Grace Mensah" in steps and "Tom Reed" not in steps
    assert "Tom Reed" in listed(client, programme, "step_to_do=nmc_cbt")

    response = client.post(
        f"/p/{programme.slug}/people/searches/",
        {"name": "Nurses for the OSCE", "query": "step_passed=nmc_cbt&step_to_do=nmc_osce"},
    )
    assert response.status_code == 302
    assert "Nurses for the OSCE" in client.get(f"/p/{programme.slug}/people/").content.decode()
    assert "Nurses for the OSCE" not in signed_in(admin).get(f"/p/{programme.slug}/people/").content.decode()
    assert SavedSearch.objects.get().user == world.user(Role.PARTNER_STAFF)


def test_filters_find_only_people_the_reader_may_see(world, other_world, admin):
    nurse_concept = EscoConcept.objects.get(
        kind="occupation", preferred_label="nurse responsible for general care"
    )
    hidden = make_person(world.programme, given_name="Not", family_name="Shared")
    people.add_item(
        actor=admin, person=hidden, part="occupations", occupation=nurse_concept, years=3, country="PH"
    )
    staff = listed(signed_in(world.user(Role.PARTNER_STAFF)), world.programme, "occupation=nurse")
    assert "Not Shared" not in staff and "0 participants you may see" in staff
    assert "Not Shared" in listed(signed_in(admin), world.programme, "occupation=nurse")
    outsider = signed_in(other_world.user(Role.PROGRAMME_ADMIN))
    assert outsider.get(f"/p/{world.programme.slug}/people/?occupation=nurse").status_code == 404
    assert (
        signed_in(world.user(Role.PARTICIPANT)).get(f"/p/{world.programme.slug}/people/").status_code == 403
    )


def test_right_to_work_is_found_through_its_blind_index_and_never_stored_in_clear(world, admin):
    from django.db import connection

    programme = world.programme
    visa = make_person(programme, share_with=world.organisation, given_name="Ana", family_name="Visa")
    pending = make_person(programme, share_with=world.organisation, given_name="Bo", family_name="Pending")
    people.update_person(actor=admin, person=visa, right_to_work="work_visa")
    people.update_person(actor=admin, person=pending, right_to_work="pending")
    client = signed_in(world.user(Role.PARTNER_STAFF))
    held = listed(client, programme, "right_to_work=held")
    assert "Ana Visa" in held and "Bo Pending" not in held
    waiting = listed(client, programme, "right_to_work=pending")
    assert "Bo Pending" in waiting and "Ana Visa" not in waiting
    # A change of status moves the person with it.
    people.update_person(actor=admin, person=pending, right_to_work="refugee")
    assert "Bo Pending" in listed(client, programme, "right_to_work=held")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT right_to_work, right_to_work_index FROM people_person WHERE id = %s", [visa.pk]
        )
        stored, index = cursor.fetchone()
    assert "work_visa" not in stored and "work_visa" not in index and len(index) == 32
