"""App configuration for investments and opportunities."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "assetlink.opportunities"
    label = "opportunities"
    verbose_name = _("Investments and opportunities")

    def ready(self) -> None:
        from assetlink.opportunities import home

        home.register()
