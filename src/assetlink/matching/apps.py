"""The matching app: persisted, explained matches between people or organisations and opportunities."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "assetlink.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from assetlink.matching import (
            home,
            personal_data,
            rules,  # noqa: F401 - registers the permissions
            triggers,
        )

        triggers.subscribe()
        personal_data.register()
        home.register()
