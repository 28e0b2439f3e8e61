"""The demo builds both programmes deterministically and idempotently, with areas and participants (and a
third city's programme adopted from the catalogue)."""

import io

from django.core.management import call_command

from assetlink.audit.models import AuditEntry
from assetlink.people.models import Credential, Person
from assetlink.places.models import Area
from assetlink.programmes.models import Membership, Partner, Programme, Role, WorkPackage


def snapshot():
    return (
        Programme.objects.count(),
        Partner.objects.count(),
        WorkPackage.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
        Area.objects.count(),
        Person.objects.count(),
        sorted(Person.objects.values_list("family_name", flat=True)),
    )


def test_demo_builds_both_programmes_and_is_idempotent(demo):
    # A progress line per stage, with the time since the start, for each programme.
    lines = demo.output.splitlines()
    for stage in ("areas", "participants", "organisations", "support programmes", "matches"):
        assert sum(line.startswith("[") and line.endswith(f": {stage}") for line in lines) == 2, stage
    counts = snapshot()
    # The two demo programmes, and the third city's, which adopted USE-IT! and took its work packages.
    assert counts[0] == 3
    assert WorkPackage.objects.exclude(programme__slug="use-it-maribor").count() == 8
    assert WorkPackage.objects.filter(programme__slug="use-it-maribor").count() == (
        WorkPackage.objects.filter(programme__slug="birmingham-sandwell").count()
    )
    for programme in Programme.objects.exclude(slug="use-it-maribor"):
        roles = set(Membership.objects.filter(programme=programme).values_list("role", flat=True))
        assert roles == set(Role.values)
        assert Area.objects.filter(programme=programme, is_demo=True).count() >= 20
    birmingham = Programme.objects.get(slug="birmingham-sandwell")
    # The participants asked for, and the demo participant
    assert Person.objects.filter(programme=birmingham).count() == demo.people + 1 == 61
    deciles = list(Area.objects.filter(programme=birmingham).values_list("deprivation_decile", flat=True))
    assert sum(1 for decile in deciles if decile <= 3) > len(deciles) / 2
    # overseas health professionals at different stages of re-accreditation
    registrations = Credential.objects.filter(person__programme=birmingham, kind="registration")
    assert Credential.objects.filter(person__programme=birmingham, kind="language_test").exists()
    assert (
        registrations.count()
        < Person.objects.filter(programme=birmingham, qualifications__isnull=False).count()
    )
    assert Person.objects.get(user__email="participant.birmingham@example.org").occupations.exists()
    call_command("demo", "--people", str(demo.people), "--allow-published-passwords", stdout=io.StringIO())
    assert snapshot() == counts
