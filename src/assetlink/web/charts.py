"""Charts, one mechanism: a Vega-Lite specification built in Python, drawn in the page by vega-embed and
rendered to static SVG by vl-convert for PDFs and for readers without JavaScript; each chart carries a
text description, and the page shows its data table beside it."""

from __future__ import annotations

import base64
import functools
import json
from dataclasses import dataclass
from typing import Any

import vl_convert

# The Vega-Lite version vl-convert renders; the browser's vega-lite (npm) reads the same specifications.
VEGA_LITE_VERSION = "6.4"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One chart: its id in the page, its specification and a sentence saying what it shows."""

    identifier: str
    spec: dict[str, Any]
    description: str
    title: str = ""

    @property
    def script_id(self) -> str:
        return f"chart-spec-{self.identifier}"

    @property
    def svg(self) -> str:
        return render_svg(json.dumps(self.spec, sort_keys=True, default=str))

    @property
    def svg_data_uri(self) -> str:
        """The static rendering as an image address: a page's CSP does not reach inside an image."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@functools.lru_cache(maxsize=512)
def render_svg(spec_json: str) -> str:
    """The SVG of a specification (cached by its text: the same figures draw the same picture)."""
    return str(vl_convert.vegalite_to_svg(vl_spec=spec_json, vl_version=VEGA_LITE_VERSION))


def base_spec(
    title: str, values: list[dict[str, Any]], *, width: int = 560, height: int = 220
) -> dict[str, Any]:
    """What every chart shares: inline data, a size, and fonts that exist where it is rendered."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": title,
        "width": width,
        "height": height,
        "data": {"values": values},
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12},
            "background": "white",
        },
    }
