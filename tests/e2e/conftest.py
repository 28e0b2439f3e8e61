"""A real server on the demo data (its own database, tests/e2e/server.py) and Debian's Chromium driven by
Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import wait_until_serving

CHROMIUM = os.environ.get("ASSETLINK_CHROMIUM", "/usr/bin/chromium")
PROJECT = Path(__file__).resolve().parents[2]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def live_url() -> str:
    """The server on the demo data, started with the test session (tests/e2e/server.py)."""
    try:
        return wait_until_serving()
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM} (make test installs it)")
    with sync_playwright() as playwright:
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
