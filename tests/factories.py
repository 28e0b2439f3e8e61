"""Small factory functions that build test data (directly, so tests can set up any state)."""

from __future__ import annotations

import datetime
import itertools

from allauth.mfa.models import Authenticator

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation, OrganisationKind
from assetlink.programmes.models import Membership, Partner, PartnerRole, Programme, Role, WorkPackage

_sequence = itertools.count(1)
PASSWORD = "a-long-test-password"


def make_user(email: str | None = None, **fields: object) -> User:
    email = email or f"user{next(_sequence)}@example.org"
    return User.objects.create_user(email, PASSWORD, **fields)


def make_programme(slug: str | None = None, **fields: object) -> Programme:
    slug = slug or f"programme-{next(_sequence)}"
    defaults: dict[str, object] = {
        "name": f"Programme {slug}",
        "city": "Birmingham",
        "country": "GB",
        "languages": ["en"],
        "currency": "GBP",
        "starts_on": datetime.date(2025, 1, 1),
    }
    defaults.update(fields)
    return Programme.objects.create(slug=slug, **defaults)


def make_organisation(
    name: str | None = None,
    kind: str = OrganisationKind.SOCIAL_ENTERPRISE,
    country: str = "GB",
    held_by: Programme | None = None,
) -> Organisation:
    return Organisation.objects.create(
        name=name or f"Organisation {next(_sequence)}", kind=kind, country=country, held_by=held_by
    )


def make_partner(
    programme: Programme, organisation: Organisation | None = None, role: str = PartnerRole.DELIVERY
) -> Partner:
    return Partner.objects.create(
        programme=programme,
        organisation=organisation or make_organisation(held_by=programme),
        role=role,
        joined_on=datetime.date(2025, 2, 1),
    )


def make_work_package(programme: Programme, lead: Partner, code: str = "WP1") -> WorkPackage:
    return WorkPackage.objects.create(
        programme=programme, code=code, title=f"Work package {code}", lead_partner=lead
    )


def make_member(
    programme: Programme, role: str, organisation: Organisation | None = None, user: User | None = None
) -> User:
    user = user or make_user()
    Membership.objects.create(user=user, programme=programme, role=role, organisation=organisation)
    return user


def enrol_totp(user: User) -> None:
    """Give a user a TOTP authenticator, as if they had set up their second factor."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})


ALL_ROLES = list(Role)


def make_person(
    programme: Programme,
    *,
    share_with: Organisation | None = None,
    user: User | None = None,
    **fields: object,
):
    """A participant registered by the programme's admin, sharing with an organisation if given."""
    from assetlink.people.models import ConsentPurpose
    from assetlink.people.services import ConsentChoice, register_person

    admin = User.objects.filter(
        memberships__programme=programme, memberships__role=Role.PROGRAMME_ADMIN
    ).first() or make_member(programme, Role.PROGRAMME_ADMIN)
    consents = [ConsentChoice(ConsentPurpose.MATCHING, True)]
    if share_with is not None:
        consents.append(ConsentChoice(ConsentPurpose.SHARING, True, share_with))
    defaults: dict[str, object] = {"given_name": "Amara", "family_name": f"Okafor{next(_sequence)}"}
    defaults.update(fields)
    person = register_person(
        actor=admin, programme=programme, consents=consents, evidence="Signed registration form", **defaults
    )
    if user is not None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def make_match(person, opportunity, **fields: object):
    """A suggested match as the engine would leave it (tests of permissions need one to exist)."""
    from assetlink.matching.models import Match

    defaults: dict[str, object] = {"score": 0.7, "eligibility": "reachable", "engine_version": "test"}
    defaults.update(fields)
    return Match.objects.create(
        programme=opportunity.programme, person=person, opportunity=opportunity, **defaults
    )
