"""The demo's journeys, one module per subject; the demo assembled at the top (assetlink.demo.build)
calls these builders in order."""

from assetlink.journeys.demo.pathways_and_referrals import build_demo_journeys, enrol_demo_participant
from assetlink.journeys.demo.support import build_demo_support

__all__ = ["build_demo_journeys", "build_demo_support", "enrol_demo_participant"]
