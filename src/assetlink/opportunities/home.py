"""What opportunities put on a programme's home: the reader's organisation's open posts and contracts
that close soon."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.opportunities.models import Opportunity
from assetlink.programmes.rules import roles_of
from assetlink.web.panels import HomeItem, HomeSection, add_home_section

SHOWN = 5
SOON = datetime.timedelta(days=21)


def closing_soon(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation_id is None:
        return None
    today = timezone.localdate()
    found = Opportunity.objects.filter(
        programme=programme,
        owner_id=membership.organisation_id,
        status="open",
        closes_on__range=(today, today + SOON),
    ).order_by("closes_on", "pk")
    items = []
    for opportunity in found[:SHOWN]:
        closes = opportunity.closes_on or today  # the query keeps only those with a closing date
        items.append(
            HomeItem(
                label=opportunity.title,
                url=reverse(
                    "opportunities:detail", kwargs={"slug": programme.slug, "opportunity_id": opportunity.pk}
                ),
                detail=_("closes %(day)s") % {"day": formats.date_format(closes, "DATE_FORMAT")},
                urgent=(closes - today).days <= 7,
                flag=_("this week"),
            )
        )
    return items, found.count()


def register() -> None:
    add_home_section(
        HomeSection(
            "closing_soon",
            gettext_lazy("Your organisation's opportunities closing soon"),
            "opportunities.view_opportunities",
            closing_soon,
            gettext_lazy("None of your organisation's open opportunities closes in the next three weeks."),
            more=lambda programme: reverse("opportunities:list", kwargs={"slug": programme.slug}),
            order=31,
        )
    )
