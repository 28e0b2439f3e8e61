"""What local spend puts on a supplier's home: the LM3 returns asked of its organisation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.programmes.rules import roles_of
from assetlink.spend.selectors import returns_due
from assetlink.web.panels import HomeItem, HomeSection, add_home_section


def returns_asked(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation_id is None:
        return None
    due = [study for study, item in returns_due(programme, membership.organisation_id) if item is None]
    url = reverse("spend:returns", kwargs={"slug": programme.slug})
    items = [
        HomeItem(label=study.title, url=url, detail=_("not returned yet"), urgent=True, flag=_("due"))
        for study in due[:5]
    ]
    return items, len(due)


def register() -> None:
    add_home_section(
        HomeSection(
            "lm3_returns",
            gettext_lazy("LM3 returns asked of your organisation"),
            "spend.view_returns_due",
            returns_asked,
            gettext_lazy("No LM3 return is asked of your organisation."),
            more=lambda programme: reverse("spend:returns", kwargs={"slug": programme.slug}),
            order=32,
        )
    )
