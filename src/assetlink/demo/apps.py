"""App configuration of the demo (it holds the `assetlink demo` command)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "assetlink.demo"
    label = "demo"
    verbose_name = _("Demo")
