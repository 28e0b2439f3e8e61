"""App configuration for the good-practice catalogue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "assetlink.catalogue"
    label = "catalogue"
    verbose_name = _("Good-practice catalogue")

    def ready(self) -> None:
        from assetlink.catalogue import rules  # noqa: F401 - registers the permissions
