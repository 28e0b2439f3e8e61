"""App configuration for people."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "assetlink.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from assetlink.accounts.notifications import add_param_resolver
        from assetlink.impact.rules import add_recording_ground
        from assetlink.people.rules import shares_with_users_organisation
        from assetlink.people.selectors import person_named_for

        # A person's caseworkers record outcomes about them.
        add_recording_ground(shares_with_users_organisation)
        # Notifications name a person to those who may see the person's record, by reference to others.
        add_param_resolver("person", person_named_for)
