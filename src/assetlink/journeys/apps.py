"""App configuration for journeys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "assetlink.journeys"
    label = "journeys"
    verbose_name = _("Journeys")

    def ready(self) -> None:
        from django.urls import reverse

        from assetlink.impact.indicators.query import add_related_attribute
        from assetlink.impact.rules import add_recording_ground
        from assetlink.journeys import finder, home, personal_data
        from assetlink.journeys.models import Cohort, Referral, SupportProgramme
        from assetlink.journeys.rules import received_a_referral_of
        from assetlink.journeys.selectors import referral_in
        from assetlink.timelines.subjects import Subject, add_subject

        personal_data.register()
        home.register()
        finder.register()
        # Indicators filter entries by the job a referral was for and by the kind of support a cohort gave.
        add_related_attribute(
            "opportunity",
            "journeys.referral",
            f"(SELECT r.opportunity_id FROM {Referral._meta.db_table} r "  # noqa: S608 - table names only
            "WHERE r.id = CAST(e.related_id AS INTEGER))",
        )
        add_related_attribute(
            "support_kind",
            "journeys.cohort",
            f"(SELECT s.kind FROM {Cohort._meta.db_table} c JOIN {SupportProgramme._meta.db_table} s "  # noqa: S608
            "ON s.id = c.support_id WHERE c.id = CAST(e.related_id AS INTEGER))",
        )
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
