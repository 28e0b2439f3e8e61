"""The demo builds both programmes deterministically and idempotently."""

import io

from django.core.management import call_command

from assetlink.audit.models import AuditEntry
from assetlink.programmes.models import Membership, Partner, Programme, Role, WorkPackage


def test_demo_builds_both_programmes_and_is_idempotent(db):
    call_command("demo", stdout=io.StringIO())
    counts = (
        Programme.objects.count(),
        Partner.objects.count(),
        WorkPackage.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )
    assert counts[0] == 2 and counts[2] == 8
    for programme in Programme.objects.all():
        roles = set(Membership.objects.filter(programme=programme).values_list("role", flat=True))
        assert roles == set(Role.values)
    call_command("demo", stdout=io.StringIO())
    assert counts == (
        Programme.objects.count(),
        Partner.objects.count(),
        WorkPackage.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )
