"""Programme services: permissions, validation, audit and ledger entries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks_db.models import DBTaskResult

from assetlink.audit.models import AuditEntry
from assetlink.impact.models import Outcome, OutcomeType
from assetlink.programmes import services
from assetlink.programmes.models import Membership, Partner, PartnerRole, Role
from tests import factories
from tests.matching.helpers import run_queued_tasks


def test_admin_adds_partner_with_audit_and_ledger_entry(world, admin):
    partner = services.register_partner(
        actor=admin,
        programme=world.programme,
        organisation_name="Canal Co-op",
        kind="cooperative",
        country="gb",
        role=PartnerRole.DELIVERY,
        joined_on=datetime.date(2025, 3, 1),
    )
    assert partner.organisation.country == "GB"
    entry = AuditEntry.objects.get(action="partner.added", object_id=str(partner.pk))
    assert entry.actor == admin and entry.programme == world.programme and entry.after["role"] == "delivery"
    # The ledger entry is about the organisation; the partnership is its related record.
    outcome = Outcome.objects.get(
        entry_type=OutcomeType.PARTNER_JOINED,
        subject_id=str(partner.organisation_id),
        related_id=str(partner.pk),
    )
    assert outcome.subject_type == "organisations.organisation"
    assert outcome.occurred_on == datetime.date(2025, 3, 1)


def test_register_partner_reuses_an_organisation_of_another_programme_only_once_linked(
    world, other_world, admin
):
    from assetlink.organisations.services import answer_link_request, request_link

    existing = other_world.organisation

    def register() -> Partner:
        return services.register_partner(
            actor=admin,
            programme=world.programme,
            organisation_name=existing.name.upper(),
            kind=existing.kind,
            country=existing.country,
            role=PartnerRole.COMMUNITY,
        )

    with pytest.raises(ValidationError) as error:
        register()
    assert "organisation_name" in error.value.message_dict
    assert existing.partnerships.count() == 1
    link = request_link(actor=admin, programme=world.programme, name=existing.name, country="GB")
    answer_link_request(actor=other_world.user(Role.PROGRAMME_ADMIN), link=link, accept=True)
    partner = register()
    assert partner.organisation == existing
    assert existing.partnerships.count() == 2


@pytest.mark.parametrize(
    "role", [Role.PARTNER_STAFF, Role.COMMUNITY_RESEARCHER, Role.ENTERPRISE_MEMBER, Role.PARTICIPANT]
)
def test_only_admins_manage_partners(world, role):
    with pytest.raises(PermissionDenied):
        services.add_partner(
            actor=world.user(role),
            programme=world.programme,
            organisation=factories.make_organisation(),
            role=PartnerRole.DELIVERY,
        )
    assert Partner.objects.filter(programme=world.programme).count() == 2


def test_admin_of_another_programme_cannot_add_partners(world, other_world):
    with pytest.raises(PermissionDenied):
        services.add_partner(
            actor=other_world.user(Role.PROGRAMME_ADMIN),
            programme=world.programme,
            organisation=factories.make_organisation(),
            role=PartnerRole.DELIVERY,
        )


def test_second_lead_partner_is_refused(world, admin):
    with pytest.raises(ValidationError) as error:
        services.add_partner(
            actor=admin,
            programme=world.programme,
            organisation=factories.make_organisation(held_by=world.programme),
            role=PartnerRole.LEAD,
        )
    assert "role" in error.value.message_dict


def test_same_organisation_cannot_join_twice(world, admin):
    with pytest.raises(ValidationError) as error:
        services.add_partner(
            actor=admin, programme=world.programme, organisation=world.organisation, role=PartnerRole.DELIVERY
        )
    assert "organisation" in error.value.message_dict


def test_end_partnership_records_outcome_and_keeps_history(world, admin):
    partner = world.organisation.partnerships.get(programme=world.programme)
    services.end_partnership(actor=admin, partner=partner, left_on=datetime.date(2025, 6, 1))
    partner.refresh_from_db()
    assert partner.left_on == datetime.date(2025, 6, 1)
    assert Outcome.objects.filter(
        entry_type=OutcomeType.PARTNER_LEFT,
        subject_id=str(partner.organisation_id),
        related_id=str(partner.pk),
    ).exists()
    with pytest.raises(ValidationError):
        services.end_partnership(actor=admin, partner=partner)


def test_work_package_partners_must_belong_to_the_programme(world, other_world, admin):
    with pytest.raises(ValidationError) as error:
        services.create_work_package(
            actor=admin,
            programme=world.programme,
            code="WP9",
            title="Evaluation",
            lead_partner=world.lead,
            delivery_partners=[other_world.lead],
        )
    assert "delivery_partners" in error.value.message_dict


def test_work_package_update_is_audited_with_before_and_after(world, admin):
    services.update_work_package(
        actor=admin,
        work_package=world.work_package,
        code="WP1",
        title="Skills match",
        lead_partner=world.lead,
        delivery_partners=[world.lead],
    )
    entry = AuditEntry.objects.get(action="work_package.updated")
    assert entry.before["title"] == "Work package WP1"
    assert entry.after["title"] == "Skills match"
    assert entry.after["delivery_partners"] == [world.lead.pk]


def test_duplicate_work_package_code_is_refused(world, admin):
    with pytest.raises(ValidationError) as error:
        services.create_work_package(
            actor=admin, programme=world.programme, code="WP1", title="Again", lead_partner=world.lead
        )
    assert "code" in error.value.message_dict


def test_invitation_round_trip_creates_account_and_membership(
    world, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invite_member(
            actor=admin, programme=world.programme, email="New@Example.org", role=Role.COMMUNITY_RESEARCHER
        )
    assert invitation.email == "new@example.org"
    assert token not in invitation.token_hash
    # The worker sends it; the queue holds the link only encrypted.
    assert not mailoutbox
    assert not DBTaskResult.objects.filter(args_kwargs__icontains=token).exists()
    assert run_queued_tasks("send_email_task") == 1
    assert len(mailoutbox) == 1 and token in mailoutbox[0].body
    assert services.open_invitation(token) == invitation
    membership = services.accept_invitation(
        invitation=invitation, full_name="Nia Ali", password="a sturdy passphrase"
    )
    assert membership.role == Role.COMMUNITY_RESEARCHER and membership.user.check_password(
        "a sturdy passphrase"
    )
    assert services.open_invitation(token) is None
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, full_name="Again", password="a sturdy passphrase")


def test_invitation_with_weak_password_names_the_field(world, admin):
    invitation, _token = services.invite_member(
        actor=admin, programme=world.programme, email="x@example.org", role=Role.PARTICIPANT
    )
    with pytest.raises(ValidationError) as error:
        services.accept_invitation(invitation=invitation, full_name="X", password="123")
    assert "password" in error.value.message_dict
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_partner_staff_role_needs_an_organisation_of_the_programme(world, other_world, admin):
    with pytest.raises(ValidationError) as error:
        services.invite_member(
            actor=admin, programme=world.programme, email="s@example.org", role=Role.PARTNER_STAFF
        )
    assert "organisation" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.invite_member(
            actor=admin,
            programme=world.programme,
            email="s@example.org",
            role=Role.PARTNER_STAFF,
            organisation=other_world.organisation,
        )


def test_admin_cannot_demote_or_suspend_themselves(world, admin):
    membership = Membership.objects.get(user=admin, programme=world.programme)
    with pytest.raises(ValidationError):
        services.change_role(actor=admin, membership=membership, role=Role.PARTICIPANT)
    with pytest.raises(ValidationError):
        services.set_membership_active(actor=admin, membership=membership, is_active=False)


def test_suspended_member_loses_access(world, admin):
    participant = world.user(Role.PARTICIPANT)
    membership = Membership.objects.get(user=participant, programme=world.programme)
    services.set_membership_active(actor=admin, membership=membership, is_active=False)
    participant = type(participant).objects.get(pk=participant.pk)
    assert not participant.has_perm("programmes.view_programme", world.programme)


def test_programme_settings_validate_codes(world, admin):
    with pytest.raises(ValidationError) as error:
        services.update_programme(actor=admin, programme=world.programme, languages=["en", "1x"])
    assert "languages" in error.value.message_dict
    programme = services.update_programme(
        actor=admin, programme=world.programme, currency="eur", country="es"
    )
    assert (programme.currency, programme.country) == ("EUR", "ES")


def test_only_platform_operators_create_programmes(admin):
    with pytest.raises(PermissionDenied):
        services.create_programme(
            actor=admin,
            slug="x",
            name="X",
            city="X",
            country="GB",
            currency="GBP",
            starts_on=datetime.date(2025, 1, 1),
        )
    operator = factories.make_user(is_superuser=True)
    programme = services.create_programme(
        actor=operator,
        slug="x",
        name="X",
        city="X",
        country="gb",
        currency="gbp",
        starts_on=datetime.date(2025, 1, 1),
    )
    assert programme.languages == ["en"]
