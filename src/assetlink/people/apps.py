"""App configuration for people."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "assetlink.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from assetlink.impact.rules import add_recording_ground
        from assetlink.people.rules import shares_with_users_organisation

        # A person's caseworkers record outcomes about them.
        add_recording_ground(shares_with_users_organisation)
