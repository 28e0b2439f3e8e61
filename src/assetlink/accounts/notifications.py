"""What a notification says, in the reader's language: its kind's text filled in with its details, a
person's name where the reader may see that person (resolvers that apps above add), and kinds grouped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.accounts.models import Notification

# What each kind of notification says; `params` fill it in, in the reader's language.
NOTIFICATION_TEXTS = {
    "strong_match": gettext_lazy("A strong new match for %(person)s: %(opportunity)s."),
    "referral_received": gettext_lazy("New referral %(reference)s of %(person)s to %(target)s."),
    "referral_accepted": gettext_lazy("%(organisation)s accepted referral %(reference)s of %(person)s."),
    "referral_declined": gettext_lazy("%(organisation)s declined referral %(reference)s of %(person)s."),
    "referral_completed": gettext_lazy("%(organisation)s completed referral %(reference)s of %(person)s."),
    "referral_withdrawn": gettext_lazy("Referral %(reference)s of %(person)s to %(target)s was withdrawn."),
    "referral_overdue": gettext_lazy("Referral %(reference)s of %(person)s to %(target)s is overdue."),
    "task_assigned": gettext_lazy("A task for you on the timeline of %(subject)s."),
    "mentioned": gettext_lazy("%(organisation)s was mentioned on the timeline of %(subject)s."),
    "consent_recorded": gettext_lazy(
        "%(by)s recorded that your consent for %(purpose)s (%(organisation)s) was %(decision)s. "
        "If this is not right, change it on your profile."
    ),
    "provider_connected": gettext_lazy(
        "%(broker)s introduced %(provider)s to the challenge “%(challenge)s” of %(owner)s. %(note)s"
    ),
    "report_ready": gettext_lazy("The funder report of %(programme)s for %(period)s is ready."),
    "link_requested": gettext_lazy("%(programme)s asks to list %(organisation)s in its register."),
    "operator_access": gettext_lazy(
        "The platform operator %(operator)s opened a read-only access to this programme until %(until)s. "
        "Reason given: %(reason)s"
    ),
}
# Parameters stored as the English text of a translatable label, worded in the reader's language.
TRANSLATED_PARAMS = frozenset({"purpose", "decision"})

# Parameter name → a function (reader, notification, stored value) giving what the reader may see in its
# place (people: a person's name for the readers of that person's record; the stored reference otherwise).
_resolvers: dict[str, Callable[[Any, Notification, str], str]] = {}


def add_param_resolver(name: str, resolve: Callable[[Any, Notification, str], str]) -> None:
    _resolvers[name] = resolve


KIND_TITLES = {
    "strong_match": gettext_lazy("Strong new matches"),
    "task_assigned": gettext_lazy("Tasks"),
    "mentioned": gettext_lazy("Mentions"),
    "report_ready": gettext_lazy("Reports"),
    "provider_connected": gettext_lazy("Introductions to challenges"),
    "link_requested": gettext_lazy("Requests to list your organisation"),
    "operator_access": gettext_lazy("Operator accesses"),
    "consent_recorded": gettext_lazy("Your consent"),
}


def kind_title(kind: str) -> str:
    """The group a notification is shown in: referrals together, others by their kind."""
    if kind.startswith("referral_"):
        return str(_("Referrals"))
    return str(KIND_TITLES.get(kind, _("Other")))


def notification_text(reader: Any, notification: Notification) -> str:
    template = NOTIFICATION_TEXTS.get(notification.kind)
    if template is None:
        return notification.kind
    params: dict[str, Any] = {}
    for name, value in notification.params.items():
        if name in TRANSLATED_PARAMS and isinstance(value, str):
            value = _(value)
        elif name in _resolvers and isinstance(value, str):
            value = _resolvers[name](reader, notification, value)
        params[name] = value
    try:
        return str(template) % params
    except (KeyError, TypeError):
        return str(template)
