"""App configuration for impact: the append-only guard after every migrate, a figure on the overview."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "assetlink.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        from assetlink.impact import home
        from assetlink.impact.guard import install_append_only_guard
        from assetlink.impact.selectors import effective_outcomes
        from assetlink.web.panels import ProgrammeFigure, add_programme_figure

        post_migrate.connect(install_append_only_guard, sender=self)
        home.register()
        add_programme_figure(ProgrammeFigure(_("Outcomes recorded"), lambda p: effective_outcomes(p).count()))
