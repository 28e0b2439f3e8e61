"""App configuration for data exchange."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "assetlink.exchange"
    label = "exchange"
    verbose_name = _("Imports and exports")

    def ready(self) -> None:
        from assetlink.exchange import home

        home.register()
