"""API of journeys, one module per subject; each adds its routes to the one router of common.py. The
same rules as the pages."""

# Importing each subject's module adds its routes to the router.
from assetlink.journeys.api import my_work, partner_services, pathways, referrals, support
from assetlink.journeys.api.common import router

__all__ = ["my_work", "partner_services", "pathways", "referrals", "router", "support"]
