"""Programme pages: forms keep input on error, navigation follows the role, invitations work end to end."""

from django.test import Client

from assetlink.programmes.models import Membership, Role
from tests import factories
from tests.http import signed_in
from tests.matching.helpers import run_queued_tasks


def test_failed_form_keeps_input_and_links_errors_to_fields(world, admin):
    response = signed_in(admin).post(
        f"/p/{world.programme.slug}/partners/new/",
        {"organisation_name": "Half-filled Ltd", "kind": "sme", "country": "GBR", "role": "lead"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Half-filled Ltd"' in page
    assert 'href="#id_country"' in page and "There is a problem" in page


def test_service_error_is_shown_on_its_field(world, admin):
    response = signed_in(admin).post(
        f"/p/{world.programme.slug}/partners/new/",
        {"organisation_name": "Second Lead", "kind": "sme", "country": "GB", "role": "lead"},
    )
    assert 'href="#id_role"' in response.content.decode()


NAVIGATION = {
    Role.PROGRAMME_ADMIN: {
        "Overview",
        "Opportunities",
        "Investments",
        "Participants",
        "Matching",
        "My work",
        "Referrals",
        "Pathways",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Results",
        "Local spend",
        "Ledger",
        "Organisations",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
        "Imports",
        "People and roles",
        "Audit log",
        "Operator accesses",
        "Settings",
    },
    Role.PARTNER_STAFF: {
        "Overview",
        "Opportunities",
        "Investments",
        "Participants",
        "My work",
        "Referrals",
        "Pathways",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Results",
        "Local spend",
        "Ledger",
        "Organisations",
        "Our returns",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
        "Imports",
    },
    Role.COMMUNITY_RESEARCHER: {
        "Overview",
        "Opportunities",
        "Investments",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Organisations",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
    },
    Role.ENTERPRISE_MEMBER: {
        "Overview",
        "Opportunities",
        "Investments",
        "Services",
        "Support programmes",
        "Organisations",
        "Our returns",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
    },
    Role.PARTICIPANT: {
        "Overview",
        "Opportunities",
        "Investments",
        "My profile",
        "My matches",
        "Map",
        "Areas",
        "Spaces",
    },
}


def test_navigation_shows_what_the_role_may_open_and_nothing_more(world):
    import re

    for role, expected in NAVIGATION.items():
        page = signed_in(world.user(role)).get(f"/p/{world.programme.slug}/").content.decode()
        nav = re.search(r'<nav class="programme-nav".*?</nav>', page, re.S).group(0)
        labels = set(re.findall(r">([^<>]+)</a>", nav))
        assert labels == expected, role


def test_invite_then_accept_signs_the_new_member_in(
    world, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(admin).post(
            f"/p/{world.programme.slug}/members/invite/", {"email": "new@example.org", "role": "participant"}
        )
    run_queued_tasks("send_email_task")
    link = next(line for line in mailoutbox[0].body.splitlines() if "/invitations/" in line).split()[-1]
    path = link[link.index("/invitations/") :]
    client = Client()
    assert "Join" in client.get(path).content.decode()
    response = client.post(path, {"full_name": "New Member", "password": "short"})
    assert 'value="New Member"' in response.content.decode()
    response = client.post(path, {"full_name": "New Member", "password": "a sturdy passphrase"})
    assert response["Location"] == f"/p/{world.programme.slug}/"
    assert Membership.objects.get(user__email="new@example.org").role == Role.PARTICIPANT
    assert client.get(path).status_code == 404


def test_staff_without_second_factor_are_sent_to_set_one_up(world, settings):
    settings.ASSETLINK_STAFF_MFA_REQUIRED = True
    staff = world.user(Role.PARTNER_STAFF)
    response = signed_in(staff).get(f"/p/{world.programme.slug}/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]
    assert signed_in(world.user(Role.PARTICIPANT)).get(f"/p/{world.programme.slug}/").status_code == 200
    factories.enrol_totp(staff)
    assert signed_in(staff).get(f"/p/{world.programme.slug}/").status_code == 200


def test_login_is_throttled_after_repeated_failures(world):
    client = Client()
    email = world.user(Role.PARTICIPANT).email
    statuses = [
        client.post("/accounts/login/", {"login": email, "password": "wrong"}).status_code for _ in range(7)
    ]
    page = client.post("/accounts/login/", {"login": email, "password": factories.PASSWORD}).content.decode()
    assert statuses[0] == 200
    assert "Too many failed login attempts" in page
