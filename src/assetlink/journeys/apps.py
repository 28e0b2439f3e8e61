"""App configuration for journeys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "assetlink.journeys"
    label = "journeys"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from assetlink.journeys import personal_data

        personal_data.register()
