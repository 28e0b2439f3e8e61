"""Brokering (AS-Fabrik): a broker sees the challenges with providers to introduce, reads needs as words,
and introduces a provider with a note that both organisations receive; nobody on either side, and nobody of
another programme, makes or sees the introduction."""

from decimal import Decimal

from assetlink.accounts.models import Notification
from assetlink.audit.models import AuditEntry
from assetlink.matching import services
from assetlink.matching.models import Match, MatchStatus
from assetlink.opportunities import services as opportunity_services
from assetlink.organisations import services as organisation_services
from assetlink.programmes.models import Role
from tests import factories
from tests.http import signed_in


def _challenge_with_a_provider(world):
    admin = world.user(Role.PROGRAMME_ADMIN)
    challenge = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="challenge",
        title="Predictive maintenance of presses",
        description="Warn before a press fails, from its vibration data.",
        owner=world.lead.organisation,
        cpv_codes=["72000000-5"],
        value=Decimal(60000),
    )
    opportunity_services.change_status(actor=admin, opportunity=challenge, status="open")
    provider = organisation_services.register_organisation(
        actor=admin, programme=world.programme, name="Data Lab", kind="kibs_firm", country="GB"
    )
    organisation_services.add_part(
        actor=admin,
        organisation=provider,
        part="capabilities",
        programme=world.programme,
        cpv_code="72300000-8",
        description="Predictive maintenance from vibration data of presses",
    )
    services.refresh_opportunity_matches(challenge)
    match = Match.objects.get(opportunity=challenge, organisation=provider)
    return challenge, provider, match


def _broker(world):
    agency = factories.make_partner(world.programme).organisation
    return factories.make_member(world.programme, Role.PARTNER_STAFF, agency)


def test_a_broker_introduces_a_provider_and_both_sides_are_told(world):
    challenge, provider, match = _challenge_with_a_provider(world)
    provider_staff = factories.make_member(world.programme, Role.ENTERPRISE_MEMBER, provider)
    owner_staff = factories.make_member(world.programme, Role.PARTNER_STAFF, world.lead.organisation)
    broker = _broker(world)
    client = signed_in(broker)
    slug = world.programme.slug

    home = client.get(f"/p/{slug}/").content.decode()
    assert 'id="home-challenges_to_broker"' in home and challenge.title in home
    providers = client.get(f"/p/{slug}/matching/opportunities/{challenge.pk}/providers/").content.decode()
    # The need is a CPV code, shown with its division's name; the provider's own words describe the challenge.
    assert "72000000-5 · IT services" in providers
    connect = f"/p/{slug}/matching/providers/{match.handle}/connect/"
    assert connect in providers
    assert "You are introducing Data Lab" in client.get(connect).content.decode()

    response = client.post(connect, {"note": "Call Ane about the press data <b>this week</b>"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/matching/opportunities/{challenge.pk}/providers/")
    match.refresh_from_db()
    assert match.status == MatchStatus.REFERRED and match.status_changed_by == broker
    told = Notification.objects.filter(kind="provider_connected")
    assert set(told.values_list("user", flat=True)) >= {provider_staff.pk, owner_staff.pk}
    assert not told.filter(user=broker).exists()
    assert AuditEntry.objects.filter(action="match.provider_connected").count() == 1
    inbox = signed_in(provider_staff).get("/account/notifications/").content.decode()
    assert "introduced Data Lab to the challenge" in inbox
    # The note is text, never markup.
    assert "&lt;b&gt;this week&lt;/b&gt;" in inbox and "<b>this week</b>" not in inbox

    # Once introduced, never twice: the page says so and nothing more is sent.
    again = client.post(connect, {"note": "Again"})
    assert again.status_code == 422 and "cannot be introduced" in again.content.decode()
    assert told.count() == Notification.objects.filter(kind="provider_connected").count()
    providers = client.get(f"/p/{slug}/matching/opportunities/{challenge.pk}/providers/").content.decode()
    assert "Introduced " in providers and connect not in providers


def test_neither_side_nor_another_programme_nor_the_operator_introduces(world, other_world):
    _challenge, provider, match = _challenge_with_a_provider(world)
    connect = f"/p/{world.programme.slug}/matching/providers/{match.handle}/connect/"
    refused = {
        "provider": factories.make_member(world.programme, Role.ENTERPRISE_MEMBER, provider),
        "owner": factories.make_member(world.programme, Role.PARTNER_STAFF, world.lead.organisation),
        "participant": world.user(Role.PARTICIPANT),
        "researcher": world.user(Role.COMMUNITY_RESEARCHER),
    }
    for who, user in refused.items():
        assert signed_in(user).post(connect, {"note": "x"}).status_code == 403, who
    other = other_world.user(Role.PROGRAMME_ADMIN)
    assert signed_in(other).get(connect).status_code == 404
    operator = factories.make_user("operator@example.org")
    operator.is_superuser = True
    operator.save()
    assert signed_in(operator).post(connect, {"note": "x"}).status_code in {403, 404}
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert not Notification.objects.filter(kind="provider_connected").exists()
    # A caseworker of a partner on neither side may broker: the rule, not the role alone, decides.
    assert signed_in(_broker(world)).get(connect).status_code == 200


def test_needs_are_worded_in_the_readers_language(world):
    from django.conf import settings

    challenge, _provider, _match = _challenge_with_a_provider(world)
    client = signed_in(_broker(world))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
    page = client.get(f"/p/{world.programme.slug}/matching/opportunities/{challenge.pk}/providers/")
    assert "72000000-5 · Storitve IT" in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(f"/p/{world.programme.slug}/opportunities/{challenge.pk}/")
    assert "72000000-5 · Servicios de TI" in page.content.decode()
