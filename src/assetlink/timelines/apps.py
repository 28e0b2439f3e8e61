"""App configuration for timelines: the records that carry one, its panel on their pages, personal data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelinesConfig(AppConfig):
    name = "assetlink.timelines"
    label = "timelines"
    verbose_name = _("Timelines")

    def ready(self) -> None:
        from assetlink.timelines import personal_data, subjects
        from assetlink.timelines.views import timeline_panel
        from assetlink.web.panels import RecordPanel, add_record_panel

        subjects.register_registers()
        personal_data.register()
        add_record_panel(RecordPanel("timelines/includes/timeline.html", timeline_panel))
