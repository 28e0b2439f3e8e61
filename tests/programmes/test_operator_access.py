"""The platform operator runs the platform, not the programmes: no resident's record without a membership
or an operator access that is reasoned, time-limited, read-only, told to the admins and logged."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from assetlink.audit.models import AccessLogEntry, AuditEntry
from assetlink.impact.models import Verification
from assetlink.impact.services import append_outcome
from assetlink.people import services as people_services
from assetlink.people.models import Person
from assetlink.programmes import services
from assetlink.programmes.models import OperatorAccess, Role
from assetlink.programmes.selectors import programmes_for
from tests import factories
from tests.http import api
from tests.web.test_permission_matrix import url_patterns

pytestmark = pytest.mark.django_db

REASON = "Support case 4711: the admin cannot open the referrals page"


@pytest.fixture
def operator():
    return factories.make_user("operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def person(world):
    return factories.make_person(world.programme, share_with=world.organisation)


def test_a_superuser_without_membership_reaches_no_record(world, operator, person):
    slug = world.programme.slug
    outcome = append_outcome(
        actor=world.user(Role.PARTNER_STAFF),
        programme=world.programme,
        entry_type="job.started",
        subject=person,
        occurred_on=datetime.date(2025, 5, 1),
    )
    for path in (
        f"/api/v1/programmes/{slug}/people",
        f"/api/v1/programmes/{slug}/people/{person.pk}",
        f"/api/v1/programmes/{slug}/people/{person.pk}/export",
        f"/api/v1/programmes/{slug}/people/{person.pk}/matches",
        f"/api/v1/programmes/{slug}/referrals",
        f"/api/v1/programmes/{slug}/ledger",
    ):
        assert api(operator, "GET", path).status_code == 404, path
    assert (
        api(
            operator, "PATCH", f"/api/v1/programmes/{slug}/people/{person.pk}", {"given_name": "X"}
        ).status_code
        == 404
    )
    assert api(operator, "POST", f"/api/v1/programmes/{slug}/ledger/{outcome.pk}/verify").status_code == 404
    assert not Verification.objects.exists()
    with pytest.raises(PermissionDenied):
        people_services.update_person(actor=operator, person=person, given_name="Changed")
    assert Person.objects.get(pk=person.pk).given_name == "Amara"
    assert not operator.has_perm("people.view_person", person)
    assert list(programmes_for(operator)) == []


def test_no_page_fails_for_the_operator(world, operator, person):
    """Every page without URL arguments, and every page of one programme, answers the operator with a
    page, a redirect or 404 — never a server error."""
    client = Client()
    client.force_login(operator)
    values = {"slug": world.programme.slug, "person_id": person.pk, "organisation_id": world.organisation.pk}
    for route, _pattern in url_patterns():
        if route.startswith("api/") or "(?P" in route or "^" in route:
            continue
        names = {part.split(":")[-1].strip("<>") for part in route.split("/") if part.startswith("<")}
        if not names <= set(values):
            continue
        path = "/" + route
        for name, value in values.items():
            path = path.replace(f"<slug:{name}>", str(value)).replace(f"<int:{name}>", str(value))
        status = client.get(path).status_code
        assert status < 500, f"{path}: {status}"
    assert client.get("/operator/").status_code == 200
    assert client.get("/").status_code == 200


def test_operator_access_is_reasoned_and_limited_in_time(world, operator):
    with pytest.raises(ValidationError) as error:
        services.open_operator_access(actor=operator, programme=world.programme, reason="look")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.open_operator_access(actor=operator, programme=world.programme, reason=REASON, hours=24)
    assert "hours" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.open_operator_access(
            actor=world.user(Role.PROGRAMME_ADMIN), programme=world.programme, reason=REASON
        )
    assert not OperatorAccess.objects.exists()


def test_operator_access_reads_marks_the_log_tells_the_admins_and_changes_nothing(world, operator, person):
    client = Client()
    client.force_login(operator)
    response = client.post(
        "/operator/", {"programme": world.programme.pk, "reason": REASON, "hours": "1"}, follow=True
    )
    assert response.status_code == 200 and "operator access" in response.text
    access = OperatorAccess.objects.get()
    admin = world.user(Role.PROGRAMME_ADMIN)
    notice = admin.notifications.get(kind="operator_access")
    assert notice.params["reason"] == REASON
    assert AuditEntry.objects.filter(action="operator_access.opened", programme=world.programme).exists()
    # Reading works, and the access log marks it.
    page = client.get(f"/p/{world.programme.slug}/people/{person.pk}/")
    assert page.status_code == 200 and person.family_name in page.text
    entry = AccessLogEntry.objects.get(viewer=operator, object_id=str(person.pk))
    assert entry.operator_access == access
    admin_client = Client()
    admin_client.force_login(admin)
    log = admin_client.get(f"/p/{world.programme.slug}/audit/access/").text
    assert "operator access" in log and operator.email in log
    # Writing and exporting do not.
    edit = client.post(f"/p/{world.programme.slug}/people/{person.pk}/edit/", {"given_name": "Changed"})
    assert edit.status_code == 403
    with pytest.raises(PermissionDenied):
        people_services.update_person(
            actor=type(operator).objects.get(pk=operator.pk), person=person, given_name="Changed"
        )
    assert Person.objects.get(pk=person.pk).given_name == "Amara"
    patched = api(
        type(operator).objects.get(pk=operator.pk),
        "PATCH",
        f"/api/v1/programmes/{world.programme.slug}/people/{person.pk}",
        {"given_name": "Changed"},
    )
    assert patched.status_code == 403
    assert client.get(f"/p/{world.programme.slug}/exports/people.csv").status_code == 403
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/export.json").status_code == 403
    # The admin ends it; the operator is out again.
    accesses = admin_client.get(f"/p/{world.programme.slug}/operator-access/").text
    assert REASON in accesses
    admin_client.post(f"/p/{world.programme.slug}/operator-access/{access.pk}/end/")
    access.refresh_from_db()
    assert access.ended_by == admin
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 404


def test_an_expired_operator_access_opens_nothing(world, operator, person):
    access = services.open_operator_access(actor=operator, programme=world.programme, reason=REASON)
    OperatorAccess.objects.filter(pk=access.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = Client()
    client.force_login(operator)
    assert client.get(f"/p/{world.programme.slug}/people/{person.pk}/").status_code == 404


def test_the_operator_sets_a_programme_up_but_only_its_first_admin(operator):
    programme = services.create_programme(
        actor=operator,
        slug="leeds",
        name="Leeds",
        city="Leeds",
        country="GB",
        currency="GBP",
        starts_on=datetime.date(2026, 1, 1),
    )
    first = factories.make_user()
    services.appoint_first_admin(actor=operator, programme=programme, user=first)
    with pytest.raises(PermissionDenied):
        services.appoint_first_admin(actor=operator, programme=programme, user=factories.make_user())
    assert not operator.has_perm("programmes.manage_members", programme)


def test_the_operators_page_counts_the_platforms_health_and_names_no_one(world, operator, person):
    from assetlink.background.models import TaskRun
    from tests.http import signed_in

    admin = world.user(Role.PROGRAMME_ADMIN)
    TaskRun.objects.create(
        started_by=admin,
        programme=world.programme,
        kind="import",
        status=TaskRun.Status.FAILED,
        message=f"Row 3: {person.family_name} has no e-mail",
    )
    TaskRun.objects.create(started_by=admin, kind="refresh_matches", status=TaskRun.Status.QUEUED)
    page = signed_in(operator).get("/operator/").content.decode()
    assert "Platform health" in page and world.programme.name in page
    assert "import: 1" in page
    # The programme's members are counted (its world holds one of each role), never named.
    members = world.programme.memberships.filter(is_active=True).count()
    assert f"<td>{members}</td>" in page
    for user in world.users.values():
        assert user.email not in page
    assert person.family_name not in page and person.given_name not in page
    # Staff who have not set up a second factor are counted, so the operator can chase it with the admins.
    assert "Staff without a second factor" in page
