"""The API's form of a figure released under a disclosure rule: its value (null when hidden) and why it
is hidden ("" when shown)."""

from __future__ import annotations

from ninja import Schema


class CellOut(Schema):
    value: float | None
    hidden: str
