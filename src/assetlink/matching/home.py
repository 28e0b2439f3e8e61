"""What matching puts on a programme's home: a participant's best matches, the contracts and challenges
matched to the reader's organisation, and strong new matches of a caseworker's people to review."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assetlink.matching.models import Eligibility, Match, MatchStatus
from assetlink.matching.selectors import person_matches, supply_matches
from assetlink.opportunities.models import Opportunity, OpportunityKind
from assetlink.people.models import Person
from assetlink.people.selectors import people_visible_to
from assetlink.programmes.models import Role
from assetlink.programmes.rules import roles_of
from assetlink.web.panels import HomeItem, HomeSection, add_home_section

SHOWN = 5
STRONG = 0.75  # a score from which a caseworker would look at a match the same week
RECENT = datetime.timedelta(days=14)


def _fit(match: Match) -> str:
    return _("%(score)s/100 · %(eligibility)s") % {
        "score": round(100 * match.score),
        "eligibility": match.get_eligibility_display() if match.eligibility else _("eligibility not known"),
    }


def my_best_matches(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    person = Person.objects.filter(programme=programme, user=user, erased_at__isnull=True).first()
    if person is None:
        return [], 0
    matches = person_matches(person, eligible_first=True).exclude(status=MatchStatus.DISMISSED)
    url = reverse("matching:mine", kwargs={"slug": programme.slug})
    items = [
        HomeItem(
            label=match.opportunity.title,
            url=url,
            detail=_("You could apply now")
            if match.eligibility == Eligibility.ELIGIBLE
            else str(match.get_eligibility_display() or _("eligibility not known")),
        )
        for match in matches.select_related("opportunity")[:3]
    ]
    return items, matches.count()


def organisation_matches(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """Contracts and challenges matched to the reader's own organisation (partner staff, enterprise)."""
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation is None or membership.role == Role.PROGRAMME_ADMIN:
        return None
    matches = supply_matches(membership.organisation, programme).filter(
        opportunity__status="open", status__in=[MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED]
    )
    items = [
        HomeItem(
            label=match.opportunity.title,
            url=reverse(
                "opportunities:detail",
                kwargs={"slug": programme.slug, "opportunity_id": match.opportunity_id},
            ),
            detail=_fit(match)
            + (
                " · "
                + _("closes %(day)s") % {"day": date_format(match.opportunity.closes_on, "SHORT_DATE_FORMAT")}
                if match.opportunity.closes_on
                else ""
            ),
        )
        for match in matches[:SHOWN]
    ]
    return items, matches.count()


def strong_new_matches(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """Suggested matches of the caseworker's people, strong and recent, best first."""
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.role != Role.PARTNER_STAFF:
        return None  # the programme team reads matching on its own page; enterprises have no caseload
    since = timezone.now() - RECENT
    matches = (
        Match.objects.filter(
            programme=programme,
            person__in=people_visible_to(user, programme).values("pk"),
            status=MatchStatus.SUGGESTED,
            score__gte=STRONG,
            computed_at__gte=since,
            opportunity__status="open",
        )
        .select_related("person", "opportunity")
        .order_by("-score", "pk")
    )
    items = [
        HomeItem(
            label=_("%(person)s for %(opportunity)s")
            % {
                "person": match.person.display_name if match.person else "",
                "opportunity": match.opportunity.title,
            },
            url=reverse("matching:person", kwargs={"slug": programme.slug, "person_id": match.person_id})
            + f"#match-{match.handle}",
            detail=_fit(match),
        )
        for match in matches[:SHOWN]
    ]
    return items, matches.count()


def challenges_to_broker(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """Open challenges with providers suggested and not yet introduced, for a broker who may introduce
    them (not for the staff of the organisations on either side)."""
    challenges = (
        Opportunity.objects.filter(programme=programme, kind=OpportunityKind.CHALLENGE, status="open")
        .annotate(
            waiting=Count(
                "matches",
                filter=Q(
                    matches__organisation__isnull=False,
                    matches__status__in=[MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED],
                ),
            ),
            introduced=Count(
                "matches",
                filter=Q(matches__organisation__isnull=False, matches__status=MatchStatus.REFERRED),
            ),
        )
        .filter(waiting__gt=0)
        .select_related("owner")
        .order_by("closes_on", "pk")
    )
    if not challenges.exists():
        return None
    membership = roles_of(user).get(programme.pk)
    own = membership.organisation_id if membership else None
    challenges = challenges.exclude(owner_id=own) if own else challenges
    items = [
        HomeItem(
            label=challenge.title,
            url=reverse(
                "matching:providers", kwargs={"slug": programme.slug, "opportunity_id": challenge.pk}
            ),
            detail=ngettext(
                "%(owner)s · %(waiting)s provider to consider, %(introduced)s introduced",
                "%(owner)s · %(waiting)s providers to consider, %(introduced)s introduced",
                challenge.waiting,
            )
            % {
                "owner": challenge.owner.name,
                "waiting": challenge.waiting,
                "introduced": challenge.introduced,
            },
        )
        for challenge in challenges[:SHOWN]
    ]
    return items, challenges.count()


def register() -> None:
    add_home_section(
        HomeSection(
            "challenges_to_broker",
            gettext_lazy("Challenges to broker"),
            "matching.broker_challenges",
            challenges_to_broker,
            gettext_lazy("Every open challenge has its providers introduced."),
            more=lambda programme: (
                reverse("opportunities:list", kwargs={"slug": programme.slug}) + "?kind=challenge&status=open"
            ),
            order=15,
        )
    )
    add_home_section(
        HomeSection(
            "my_matches",
            gettext_lazy("Opportunities that fit you"),
            "people.view_own_profile",
            my_best_matches,
            gettext_lazy("No match yet: add your skills and experience to your profile."),
            more=lambda programme: reverse("matching:mine", kwargs={"slug": programme.slug}),
            order=11,
        )
    )
    add_home_section(
        HomeSection(
            "organisation_matches",
            gettext_lazy("Contracts and challenges matched to your organisation"),
            "matching.view_supply_matches",
            organisation_matches,
            gettext_lazy("No open contract or challenge is matched to your organisation."),
            order=30,
        )
    )
    add_home_section(
        HomeSection(
            "strong_matches",
            gettext_lazy("Strong new matches of your people"),
            "matching.view_candidates",
            strong_new_matches,
            gettext_lazy("No strong new match of your people this fortnight."),
            more=lambda programme: reverse("people:list", kwargs={"slug": programme.slug}),
            order=24,
        )
    )
