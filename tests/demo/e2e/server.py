"""A real HTTP server, in the test process, on the demo that tests/demo built once for the session.

The server answers from a thread that uses the test's own database connection, so it sees the demo
(which is never committed: it lives in the transaction that tests/demo/conftest.py rolls back at the end)
and each browser test's writes are rolled back with the test. It handles one request at a time, as the
connection is used by one thread at a time; Django closes each HTTP connection after its response when
the server is not threaded, so a browser's parallel requests simply queue.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class DemoServer:
    def __init__(self) -> None:
        self._connection = connections["default"]
        self._server = WSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
        self.load_settings()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._serve, name="demo-server", daemon=True)

    def load_settings(self) -> None:
        """A new handler, so that middleware reads the settings of the test now running (several read
        them once, when they are made)."""
        # Static files as deployed: WhiteNoise serves what `collectstatic` gathered (make test runs it),
        # with caching headers, so a browser does not ask again on every page. Without it, Django finds them.
        collected = Path(settings.STATIC_ROOT).is_dir() and any(Path(settings.STATIC_ROOT).iterdir())
        self._server.set_app(WSGIHandler() if collected else StaticFilesHandler(WSGIHandler()))

    def _serve(self) -> None:
        connections["default"] = self._connection
        self._server.serve_forever(poll_interval=0.05)

    def start(self) -> None:
        # Closing "old" connections at each request's start and end would close the shared one, and with
        # it the transaction that holds the demo.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self._connection.inc_thread_sharing()
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._connection.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
