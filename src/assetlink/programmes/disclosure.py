"""Which disclosure rule applies to a figure: none inside the programme team, the programme's own outside."""

from __future__ import annotations

from typing import Any

from assetlink.engine.disclosure import NO_CONTROL, DisclosureRule
from assetlink.programmes.models import Programme


def published_rule(programme: Programme) -> DisclosureRule:
    """The rule for figures that leave the programme team: other roles, the public, exports and the API."""
    return DisclosureRule(
        largest_hidden=programme.counts_hidden_up_to, round_to=programme.counts_rounded_to or 1
    )


def rule_for(user: Any, programme: Programme) -> DisclosureRule:
    """The programme team sees exact figures; everyone else, the published rule."""
    if user is not None and user.has_perm("programmes.see_exact_figures", programme):
        return NO_CONTROL
    return published_rule(programme)
