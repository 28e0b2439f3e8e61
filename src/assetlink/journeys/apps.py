"""App configuration for journeys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "assetlink.journeys"
    label = "journeys"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from django.urls import reverse

        from assetlink.impact.rules import add_recording_ground
        from assetlink.journeys import personal_data
        from assetlink.journeys.rules import received_a_referral_of
        from assetlink.journeys.selectors import referral_in
        from assetlink.timelines.subjects import Subject, add_subject

        personal_data.register()
        add_recording_ground(received_a_referral_of)
        add_subject(
            Subject(
                "referral",
                "journeys.referral",
                referral_in,
                lambda user, _programme, referral: user.has_perm("journeys.view_referral", referral),
                lambda programme, referral: reverse(
                    "journeys:referral", kwargs={"slug": programme.slug, "referral_id": referral.pk}
                ),
            )
        )
