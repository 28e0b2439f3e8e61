"""The browser tests' server: a real server on the demo data in a database of its own. The test session
starts building it as the session starts (tests/conftest.py), in the background, so that the build runs
alongside the other tests instead of before the first browser test; the browser tests wait for it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

URL_VARIABLE = "ASSETLINK_E2E_URL"
STATUS_VARIABLE = "ASSETLINK_E2E_STATUS"
BUILD_SECONDS = 600  # the most a build may take before the browser tests give up waiting


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _embeddings_directory() -> Path:
    from assetlink.engine.embeddings import cache_directory

    return cache_directory()


class DemoServer:
    """Builds the demo database and runs the server on it, in a thread of the process that starts it."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="assetlink-e2e-"))
        self._address = f"127.0.0.1:{_free_port()}"
        self.url = f"http://{self._address}"
        self.status_file = self.directory / "status"
        self._process: subprocess.Popen[bytes] | None = None
        self._postgres_name: str | None = None
        self._database_url = self._database()
        self._thread = threading.Thread(target=self._build_and_serve, name="e2e-server", daemon=True)

    def _database(self) -> str:
        """A fresh database of the same engine as the suite."""
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            self._postgres_name = f"assetlink_e2e_{uuid.uuid4().hex[:10]}"
            return f"{url.rpartition('/')[0]}/{self._postgres_name}"
        return f"sqlite:///{self.directory / 'e2e.sqlite3'}"

    def _environment(self) -> dict[str, str]:
        from cryptography.fernet import Fernet

        return {
            **os.environ,
            "DATABASE_URL": self._database_url,
            "SECRET_KEY": os.environ.get("SECRET_KEY", "e2e-secret"),
            "DEBUG": "1",
            "ASSETLINK_STAFF_MFA_REQUIRED": "0",
            "ASSETLINK_VAR_DIR": str(self.directory),
            # The label embeddings made at set-up, so the server's matching is the one deployed.
            "ASSETLINK_EMBEDDINGS_DIR": str(_embeddings_directory()),
            "ASSETLINK_LOGIN_FAILED_LIMIT": "100/m/ip,100/m/key",
            "ASSETLINK_FIELD_KEYS": Fernet.generate_key().decode(),
        }

    def start(self) -> None:
        """Tell the processes started from now on (the test workers) where the server will be."""
        os.environ[URL_VARIABLE] = self.url
        os.environ[STATUS_VARIABLE] = str(self.status_file)
        self._thread.start()

    def _build_and_serve(self) -> None:
        try:
            if self._postgres_name:
                import psycopg

                with psycopg.connect(self._maintenance_url(), autocommit=True) as connection:
                    connection.execute(f'CREATE DATABASE "{self._postgres_name}"')
            env = self._environment()
            manage = [sys.executable, "-m", "assetlink.cli"]
            for command in (["migrate", "--no-input", "-v0"], ["demo", "--people", "60"]):
                done = subprocess.run(
                    [*manage, *command], env=env, timeout=BUILD_SECONDS, capture_output=True
                )
                if done.returncode:
                    raise RuntimeError(f"{command[0]} failed: {done.stderr.decode()[-2000:]}")
            self._process = subprocess.Popen(
                [*manage, "runserver", self._address, "--noreload"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            self.status_file.write_text("started")
        except Exception as error:  # the browser tests report it; the other tests go on
            self.status_file.write_text(f"failed: {error}")

    def _maintenance_url(self) -> str:
        return self._database_url.rpartition("/")[0] + "/postgres"

    def stop(self) -> None:
        self._thread.join(timeout=BUILD_SECONDS)
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=20)
        if self._postgres_name:
            import psycopg

            with psycopg.connect(self._maintenance_url(), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self._postgres_name}" WITH (FORCE)')
        shutil.rmtree(self.directory, ignore_errors=True)


def wait_until_serving() -> str:
    """The server's address once it answers; an error saying why if it was not started or failed."""
    url, status = os.environ.get(URL_VARIABLE), os.environ.get(STATUS_VARIABLE)
    if not url or not status:
        raise RuntimeError("the browser tests' server was not started (tests/conftest.py starts it)")
    deadline = time.monotonic() + BUILD_SECONDS
    while time.monotonic() < deadline:
        state = Path(status).read_text() if Path(status).exists() else "building"
        if state.startswith("failed"):
            raise RuntimeError(f"the browser tests' server could not be built: {state}")
        if state == "started":
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)
                return url
            except OSError:
                pass
        time.sleep(0.3)
    raise RuntimeError("the browser tests' server did not start in time")
