"""A real server on the demo data (its own database) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

CHROMIUM = os.environ.get("ASSETLINK_CHROMIUM", "/usr/bin/chromium")
PROJECT = Path(__file__).resolve().parents[2]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_for_server(tmp_dir: Path) -> tuple[str, str | None]:
    """A fresh database of the same engine as the suite: (url, PostgreSQL name to drop afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"assetlink_e2e_{uuid.uuid4().hex[:10]}"
        base, _sep, _old = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}", name
    return f"sqlite:///{tmp_dir / 'e2e.sqlite3'}", None


def _embeddings_directory() -> Path:
    from assetlink.engine.embeddings import cache_directory

    return cache_directory()


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_dir = tmp_path_factory.mktemp("e2e")
    database_url, postgres_name = _database_for_server(tmp_dir)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "e2e-secret"),
        "DEBUG": "1",
        "ASSETLINK_STAFF_MFA_REQUIRED": "0",
        "ASSETLINK_VAR_DIR": str(tmp_dir),
        # The label embeddings made at set-up, so the server's matching is the one deployed.
        "ASSETLINK_EMBEDDINGS_DIR": str(_embeddings_directory()),
        "ASSETLINK_LOGIN_FAILED_LIMIT": "100/m/ip,100/m/key",
        "ASSETLINK_FIELD_KEYS": Fernet.generate_key().decode(),
    }
    manage = [sys.executable, "-m", "assetlink.cli"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, timeout=300)
    subprocess.run([*manage, "demo", "--people", "60"], env=env, check=True, timeout=300, capture_output=True)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        if postgres_name:
            import psycopg

            with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{postgres_name}" WITH (FORCE)')


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
