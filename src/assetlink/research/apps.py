"""App configuration for community research."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "assetlink.research"
    label = "research"
    verbose_name = _("Community research")

    def ready(self) -> None:
        from assetlink.research import (
            personal_data,
            rules,  # noqa: F401 - registers the permissions
        )

        personal_data.register()
