"""App configuration for local spend."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpendConfig(AppConfig):
    name = "assetlink.spend"
    label = "spend"
    verbose_name = _("Local spend")

    def ready(self) -> None:
        from assetlink.spend import (
            home,
            rules,  # noqa: F401 - registers the permissions
        )

        home.register()
