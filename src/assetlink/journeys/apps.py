"""App configuration for journeys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "assetlink.journeys"
    label = "journeys"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from assetlink.impact.rules import add_recording_ground
        from assetlink.journeys import personal_data
        from assetlink.journeys.rules import received_a_referral_of
        from assetlink.journeys.timeline import timeline_panel
        from assetlink.web.panels import RecordPanel, add_record_panel

        personal_data.register()
        add_recording_ground(received_a_referral_of)
        add_record_panel(RecordPanel("journeys/includes/timeline.html", timeline_panel))
