"""App configuration for impact; installs the ledger's append-only guard after every migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "assetlink.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        from assetlink.impact.guard import install_append_only_guard

        post_migrate.connect(install_append_only_guard, sender=self)
