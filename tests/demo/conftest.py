"""The demo, built once for every test of this package: built inside a transaction that stays open while
the package's tests run (each test's own transaction is a savepoint within it) and is rolled back after
the last, so no other test sees it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from assetlink.programmes.models import Programme

PEOPLE = 60


@dataclass(frozen=True)
class DemoBuild:
    output: str  # what the command printed: a progress line per stage
    people: int  # participants asked for per programme

    @property
    def birmingham(self) -> Programme:
        return Programme.objects.get(slug="birmingham-sandwell")

    @property
    def bilbao(self) -> Programme:
        return Programme.objects.get(slug="bilbao")


@pytest.fixture(scope="package")
def built_demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[DemoBuild]:
    # The tests' fast password hashing (tests/conftest.py), so that the demo's users sign in in the tests.
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():  # type: ignore[attr-defined]
        said = io.StringIO()
        call_command("demo", "--people", str(PEOPLE), "--allow-published-passwords", stdout=said)
        yield DemoBuild(said.getvalue(), PEOPLE)
        transaction.set_rollback(True)


@pytest.fixture
def demo(built_demo: DemoBuild, db: None) -> DemoBuild:
    """The shared demo for one test; whatever the test changes is rolled back after it."""
    return built_demo
