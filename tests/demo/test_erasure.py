"""Erasing a person of the demo, with its whole history around them, leaves their details in no table."""

from django.test import Client

from assetlink.people import erasure, services
from assetlink.people.models import Person
from assetlink.programmes.models import Role
from tests.stored_text import every_text_column_containing


def test_erasing_a_demo_person_leaves_no_trace_in_any_table(demo):
    # The demo participant: a person with a self-service account, whose account must go too.
    person = Person.objects.get(user__email="participant.birmingham@example.org")
    account = person.user
    admin = Person.objects.get(pk=person.pk).programme.memberships.get(role=Role.PROGRAMME_ADMIN).user
    if not person.phone:
        services.update_person(actor=admin, person=person, phone="+44 121 496 0777")
        person.refresh_from_db()
    client = Client()
    client.force_login(account)
    client.get(f"/p/{person.programme.slug}/people/me/")
    client.force_login(admin)
    client.get(f"/p/{person.programme.slug}/people/{person.pk}/")
    client.get(f"/p/{person.programme.slug}/exports/people.csv")
    email, phone = person.email, person.phone
    assert every_text_column_containing(phone[-6:]) == []  # encrypted: not even before erasure
    # Demo names repeat across invented people: give this one a name of their own, through the services.
    services.update_person(actor=admin, person=person, given_name="Ottoline", family_name="Vexbridge")
    client.get(f"/p/{person.programme.slug}/audit/?person=Vexbridge")
    assert every_text_column_containing("Vexbridge")
    erasure.erase_person(actor=admin, person=person)
    assert every_text_column_containing("Vexbridge") == []
    assert every_text_column_containing("Ottoline") == []
    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.email, person.phone) == ("", "", "", "")
    # Demo names repeat across invented people, so search for what is this person's alone.
    for needle in (email, phone, "participant.birmingham@example.org"):
        assert every_text_column_containing(needle) == [], needle
    account.refresh_from_db()
    assert not account.is_active and not account.has_usable_password()
    assert account.email == f"erased-{account.pk}@erased.invalid" and account.full_name == ""
