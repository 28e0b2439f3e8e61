"""The demo's organisations, spaces, investments and opportunities, one module per subject; the demo
assembled at the top (assetlink.demo.build) calls these builders in order."""

from assetlink.opportunities.demo.bilbao import build_bilbao
from assetlink.opportunities.demo.hospital import build_hospital
from assetlink.opportunities.demo.register import (
    build_demo_organisations,
    build_demo_spaces,
    equip_demo_partners,
)

__all__ = [
    "build_bilbao",
    "build_demo_organisations",
    "build_demo_spaces",
    "build_hospital",
    "equip_demo_partners",
]
