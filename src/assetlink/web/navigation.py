"""The navigation of a programme, filtered by what the user's role may do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from assetlink.programmes.models import Programme


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str


PROGRAMME_NAVIGATION = [
    NavItem(_("Overview"), "programmes:home", "programmes.view_programme"),
    NavItem(_("Opportunities"), "opportunities:list", "opportunities.view_opportunities"),
    NavItem(_("Investments"), "opportunities:investments", "opportunities.view_investments"),
    NavItem(_("My profile"), "people:me", "people.view_own_profile"),
    NavItem(_("My matches"), "matching:mine", "people.view_own_profile"),
    NavItem(_("Participants"), "people:list", "people.view_people"),
    NavItem(_("Matching"), "matching:overview", "matching.view_fairness"),
    NavItem(_("My work"), "journeys:my_work", "journeys.view_my_work"),
    NavItem(_("Referrals"), "journeys:referrals", "journeys.view_referrals"),
    NavItem(_("Pathways"), "journeys:pathways", "journeys.view_pathways"),
    NavItem(_("Services"), "journeys:services", "journeys.view_services"),
    NavItem(_("Support programmes"), "journeys:support_list", "journeys.view_support"),
    NavItem(_("Research"), "research:projects", "research.view_research"),
    NavItem(_("Area plans"), "research:plans", "research.view_research"),
    NavItem(_("Results"), "results:dashboard", "impact.view_indicators"),
    NavItem(_("Local spend"), "spend:overview", "spend.view_spend"),
    NavItem(_("Ledger"), "impact:ledger", "impact.view_ledger"),
    NavItem(_("Organisations"), "organisations:list", "organisations.view_register"),
    NavItem(_("Our returns"), "spend:returns", "spend.view_returns_due"),
    NavItem(_("Partners"), "programmes:partners", "programmes.view_partners"),
    NavItem(_("Map"), "places:map", "places.view_areas"),
    NavItem(_("Areas"), "places:areas", "places.view_areas"),
    NavItem(_("Spaces"), "places:spaces", "places.view_spaces"),
    NavItem(_("Work packages"), "programmes:work_packages", "programmes.view_work_packages"),
    NavItem(_("Transfer plan"), "transfer:plan", "catalogue.view_transfer_plan"),
    NavItem(_("Imports"), "exchange:list", "exchange.use_imports"),
    NavItem(_("People and roles"), "programmes:members", "programmes.view_members"),
    NavItem(_("Audit log"), "audit:log", "audit.view_log"),
    NavItem(_("Operator accesses"), "programmes:operator_accesses", "programmes.view_members"),
    NavItem(_("Settings"), "programmes:settings", "programmes.change_programme"),
]


def programme_navigation(user: Any, programme: Programme, current_path: str) -> list[dict[str, Any]]:
    """Navigation entries the user may open in this programme, marking the one page the user is on: the
    entry whose address is the longest start of the current path (Map under Areas marks Map only)."""
    home = reverse("programmes:home", kwargs={"slug": programme.slug})
    allowed = [
        (item.label, reverse(item.url_name, kwargs={"slug": programme.slug}))
        for item in PROGRAMME_NAVIGATION
        if user.has_perm(item.permission, programme)
    ]
    starts = [
        url
        for _label, url in allowed
        if current_path == url or (url != home and current_path.startswith(url))
    ]
    current = max(starts, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in allowed]
