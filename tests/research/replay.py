"""Replays the recorded ODK Collect requests of tests/research/recorded through Django's test client."""

from __future__ import annotations

from pathlib import Path

from django.test import Client

RECORDED = Path(__file__).parent / "recorded"


def replay(name: str, **fill: str | bytes) -> object:
    """Send one recorded request with its placeholders filled in; the response as the client gives it."""
    raw = (RECORDED / f"{name}.http").read_text()
    head, _blank, body_text = raw.partition("\n\n")
    request_line, *header_lines = head.splitlines()
    method, target, _version = request_line.split(" ")
    for placeholder, value in fill.items():
        if isinstance(value, str):
            target = target.replace("{" + placeholder + "}", value)
    headers = dict(line.split(": ", 1) for line in header_lines)
    body = body_text.replace("\n", "\r\n").encode()
    for placeholder, value in fill.items():
        body = body.replace(
            b"{" + placeholder.encode() + b"}", value if isinstance(value, bytes) else value.encode()
        )
    path, _question, query = target.partition("?")
    content_type = headers.pop("Content-Type", "")
    extra = {
        "HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items() if name != "Host"
    }
    client = Client()
    target_path = f"{path}?{query}" if query else path
    if method == "GET":
        return client.get(target_path, **extra)
    if method == "HEAD":
        return client.head(target_path, **extra)
    return client.generic(method, target_path, data=body, content_type=content_type, **extra)
