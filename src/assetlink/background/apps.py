"""App configuration for background work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "assetlink.background"
    label = "background"
    verbose_name = _("Background work")
