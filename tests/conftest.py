"""Shared fixtures: two programmes, each with a member of every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

from assetlink.accounts.models import User
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import ORGANISATION_ROLES, Partner, PartnerRole, Programme, Role, WorkPackage
from tests import factories


@dataclass
class ProgrammeWorld:
    programme: Programme
    lead: Partner
    organisation: Organisation
    work_package: WorkPackage
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: Role) -> User:
        return self.users[role]


def build_world(slug: str) -> ProgrammeWorld:
    programme = factories.make_programme(slug)
    lead = factories.make_partner(programme, role=PartnerRole.LEAD)
    enterprise = factories.make_partner(programme)
    work_package = factories.make_work_package(programme, lead)
    world = ProgrammeWorld(programme, lead, enterprise.organisation, work_package)
    for role in Role:
        organisation = enterprise.organisation if role in ORGANISATION_ROLES else None
        world.users[role] = factories.make_member(
            programme, role, organisation, factories.make_user(f"{role.value}@{slug}.example.org")
        )
    return world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """The test database starts with ESCO loaded from the packages, as a deployment has it."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("load_esco", verbosity=0)


@pytest.fixture
def world(db: None) -> ProgrammeWorld:
    return build_world("alpha")


@pytest.fixture
def other_world(db: None) -> ProgrammeWorld:
    return build_world("beta")


@pytest.fixture
def admin(world: ProgrammeWorld) -> User:
    return world.user(Role.PROGRAMME_ADMIN)


@pytest.fixture(autouse=True)
def _no_mfa_by_default(settings: pytest.FixtureRequest) -> None:
    """Most tests are about other rules; the MFA tests switch enforcement back on."""
    settings.ASSETLINK_STAFF_MFA_REQUIRED = False  # type: ignore[attr-defined]
    # Password hashing is deliberately slow; tests only need it to be correct.
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> object:
    """A request in another language leaves that language active in the thread: restore the default."""
    from django.conf import settings as django_settings
    from django.utils import translation

    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In parallel runs (`make test`) the tests of tests/demo, browser tests included, run in one worker:
    they share one build of the demo (tests/demo/conftest.py)."""
    demo = Path(__file__).resolve().parent / "demo"
    for item in items:
        if demo in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.fixture(scope="session", autouse=True)
def static_files_scanned_once() -> Iterator[None]:
    """WhiteNoise scans the collected static files whenever a handler starts, and the tests start one per
    test client (the permission matrix makes thousands): scan each folder once per test process."""
    from whitenoise.base import WhiteNoise

    scanned: dict[tuple[str, str | None], dict[str, object]] = {}
    original = WhiteNoise.update_files_dictionary

    def update_once(self: WhiteNoise, root: str, prefix: str | None) -> None:
        key = (root, prefix)
        if key not in scanned:
            before = set(self.files)
            original(self, root, prefix)
            scanned[key] = {url: found for url, found in self.files.items() if url not in before}
        else:
            self.files.update(scanned[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoise, "update_files_dictionary", update_once)
        yield
