"""A real server on the demo that tests/demo built (tests/demo/e2e/server.py) and Debian's Chromium driven
by Playwright; what each browser test writes is rolled back after it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from tests.demo.conftest import DemoBuild
from tests.demo.e2e.server import DemoServer

CHROMIUM = os.environ.get("ASSETLINK_CHROMIUM", "/usr/bin/chromium")
PROJECT = Path(__file__).resolve().parents[3]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="package")
def monkeypatch_package() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="package")
def demo_server(built_demo: DemoBuild) -> Iterator[DemoServer]:
    server = DemoServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_url(demo_server: DemoServer, db: None, settings: pytest.FixtureRequest) -> str:
    """The server's address for one test, with the settings of a local run over plain HTTP."""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # type: ignore[attr-defined]
    settings.SESSION_COOKIE_SECURE = False  # type: ignore[attr-defined]
    settings.CSRF_COOKIE_SECURE = False  # type: ignore[attr-defined]
    settings.LANGUAGE_COOKIE_SECURE = False  # type: ignore[attr-defined]
    settings.SECURE_HSTS_SECONDS = 0  # type: ignore[attr-defined]
    demo_server.load_settings()
    return demo_server.url


@pytest.fixture(scope="package")
def browser(demo_server: DemoServer, monkeypatch_package: pytest.MonkeyPatch) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM} (make test installs it)")
    # Playwright's synchronous API keeps an event loop in this thread, which Django takes for async code
    # and refuses database calls in; the tests' own calls (setting up and rolling back each test) are
    # synchronous, and the server answers from a thread of its own.
    monkeypatch_package.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    demo_connection = connections["default"]
    with sync_playwright() as playwright:
        # With that loop running, Django keeps connections per context rather than per thread: keep
        # using the connection that holds the demo.
        connections["default"] = demo_connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def session(browser: Any, live_url: str) -> Iterator[Any]:
    """A signed-out browser page on the demo server, closed after the test."""
    from tests.demo.e2e.browser import Session

    current = Session(browser, live_url)
    yield current
    current.close()
