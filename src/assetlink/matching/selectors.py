"""Reads of matches, scoped by role and consent: a person's matches, an opportunity's candidates (named
only to those the person shares their record with), consortium and brokering suggestions, and the
fairness report with small numbers suppressed."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Round
from django.shortcuts import get_object_or_404
from django.utils.crypto import salted_hmac

from assetlink.engine.brokering import (
    ChallengeProfile,
    Collaboration,
    ProviderRank,
    complementary_pairs,
    rank_providers,
)
from assetlink.engine.consortium import Consortium, best_consortia, build_problem, candidates_for, uncovered
from assetlink.engine.fairness import GroupRow, Observation, disparity_table
from assetlink.engine.scoring import Reason
from assetlink.engine.supply import ContractMatch, match_contract
from assetlink.matching import profiles
from assetlink.matching.models import Eligibility, Match, MatchStatus
from assetlink.opportunities.models import Opportunity, OpportunityKind
from assetlink.organisations.models import Organisation
from assetlink.people.models import ConsentPurpose, Person
from assetlink.people.selectors import consenting, is_matchable, matchable_people
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.taxonomy.in_use import taxonomy_in_use

if TYPE_CHECKING:
    from assetlink.accounts.models import User

SMALL_NUMBER = 5
ELIGIBILITY_RANK = Case(
    When(eligibility=Eligibility.ELIGIBLE, then=Value(0)),
    When(eligibility=Eligibility.REACHABLE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
# Scores compare in the points people see: between equal points, the tie-breakers decide, not an
# invisible difference in the fourth decimal.
POINTS = Round(F("score") * 100)
NEARER_FIRST = F("distance_km").asc(nulls_last=True)


def ranked(matches: QuerySet[Match], *, eligible_first: bool) -> QuerySet[Match]:
    """Best first: by points (or eligibility first), then eligibility (or points), fewer pathway steps to
    go, the shorter way, and the oldest match."""
    matches = matches.annotate(eligibility_rank=ELIGIBILITY_RANK, points=POINTS)
    first = ("eligibility_rank", "-points") if eligible_first else ("-points", "eligibility_rank")
    return matches.order_by(*first, "steps_to_go", NEARER_FIRST, "pk")


def match_in(programme: Programme, match_handle: uuid.UUID, **_other_url_parts: object) -> Match:
    """One match of the programme by its handle, or 404."""
    return get_object_or_404(
        Match.objects.select_related("opportunity__owner", "person", "organisation", "programme"),
        programme=programme,
        handle=match_handle,
    )


def person_matches(person: Person, *, eligible_first: bool = False) -> QuerySet[Match]:
    """A person's matches, best score first (or eligible first); none while they do not consent to
    matching."""
    matches = Match.objects.filter(person=person).select_related(
        "person", "opportunity__owner", "opportunity__occupation"
    )
    return ranked(matches if is_matchable(person) else matches.none(), eligible_first=eligible_first)


def pseudonym(match: Match) -> str:
    """A stable code for a candidate shown without their name ("Candidate 7F3A09C2"): keyed with the
    site's secret, so it cannot be computed back from ids, and different for each opportunity, so one
    person's codes cannot be linked across opportunities."""
    digest = salted_hmac(
        "assetlink.matching.candidate", f"{match.opportunity_id}:{match.person_id}", algorithm="sha256"
    ).hexdigest()
    return digest[:8].upper()


@dataclass
class Candidate:
    match: Match
    is_named: bool
    label: str


def visible_candidates(user: User, opportunity: Opportunity, **filters: Any) -> list[Candidate]:
    """People matched to an opportunity that this user may know of. The programme team sees everyone
    named; the opportunity owner sees everyone, named only where the person shares their record with the
    owner; a caseworker of another organisation sees only the people who share with their organisation."""
    membership = roles_of(user).get(opportunity.programme_id)
    if membership is None:
        return []
    matches = ranked(
        Match.objects.filter(opportunity=opportunity, person__in=matchable_people(opportunity.programme))
        .filter(**filters)
        .select_related("person"),
        eligible_first=True,
    )
    names_everyone = user.has_perm("matching.name_every_candidate", opportunity.programme)
    sees_everyone = user.has_perm("matching.view_every_candidate", opportunity)
    organisation_id = membership.organisation_id
    sharing = set(
        consenting(
            Person.objects.filter(programme=opportunity.programme), ConsentPurpose.SHARING, organisation_id
        ).values_list("pk", flat=True)
        if organisation_id
        else []
    )
    candidates = []
    for match in matches:
        named = names_everyone or match.person_id in sharing
        if not (sees_everyone or named):
            continue
        label = match.person.display_name if named and match.person else pseudonym(match)
        candidates.append(Candidate(match, named, label))
    return candidates


def supply_matches(organisation: Organisation, programme: Programme) -> QuerySet[Match]:
    """Contracts and challenges an organisation was matched to, best first."""
    return (
        Match.objects.filter(programme=programme, organisation=organisation)
        .select_related("opportunity")
        .order_by("-score", "pk")
    )


def supplier_matches(opportunity: Opportunity) -> QuerySet[Match]:
    return Match.objects.filter(opportunity=opportunity, organisation__isnull=False).select_related(
        "organisation"
    )


@dataclass
class ConsortiumAdvice:
    single: list[tuple[Organisation, ContractMatch]] = field(default_factory=list)
    consortia: list[tuple[Consortium, list[Organisation]]] = field(default_factory=list)
    missing: list[Reason] = field(default_factory=list)


def consortium_advice(opportunity: Opportunity) -> ConsortiumAdvice:
    """Who could deliver a contract alone, and the best consortia of the register's organisations."""
    advice = ConsortiumAdvice()
    if opportunity.kind != OpportunityKind.CONTRACT:
        return advice
    contract = profiles.contract_profile(Opportunity.objects.prefetch_related("lots").get(pk=opportunity.pk))
    organisations, local = profiles.supplier_register(opportunity)
    enterprises = [profiles.enterprise_profile(o, local_area_ids=local) for o in organisations.values()]
    for enterprise in enterprises:
        found = match_contract(enterprise, contract)
        if found.can_deliver_alone:
            advice.single.append((organisations[enterprise.key], found))
    advice.single.sort(key=lambda item: -item[1].score)
    problem = build_problem(contract, candidates_for(contract, enterprises))
    for consortium in best_consortia(problem, alternatives=3):
        advice.consortia.append((consortium, [organisations[key] for key in consortium.members]))
    if not advice.consortia:
        advice.missing = uncovered(problem)
    return advice


@dataclass
class BrokeringAdvice:
    challenge: ChallengeProfile | None = None
    ranks: list[tuple[Organisation, ProviderRank]] = field(default_factory=list)
    pairs: list[tuple[Collaboration, Organisation, Organisation]] = field(default_factory=list)


def brokering_advice(opportunity: Opportunity) -> BrokeringAdvice:
    """Providers ranked for a challenge, and complementary pairs of them."""
    advice = BrokeringAdvice()
    if opportunity.kind != OpportunityKind.CHALLENGE:
        return advice
    taxonomy = taxonomy_in_use()
    organisations, local = profiles.supplier_register(opportunity)
    advice.challenge = profiles.challenge_profile(taxonomy, opportunity)
    providers = profiles.provider_profiles(taxonomy, list(organisations.values()), local)
    ranks = rank_providers(taxonomy, advice.challenge, providers)
    advice.ranks = [(organisations[rank.provider], rank) for rank in ranks]
    names = {key: organisation.name for key, organisation in organisations.items()}
    for pair in complementary_pairs(advice.challenge, ranks, names):
        advice.pairs.append((pair, organisations[pair.providers[0]], organisations[pair.providers[1]]))
    return advice


def programme_summary(programme: Programme) -> dict[str, Any]:
    """Counts of a programme's matches by eligibility and by status, and the engine version used."""
    matches = Match.objects.filter(programme=programme)
    people = matches.filter(person__isnull=False)
    return {
        "people_matches": people.count(),
        "people_matched": people.values("person").distinct().count(),
        "organisation_matches": matches.filter(organisation__isnull=False).count(),
        "by_eligibility": [
            (label, people.filter(eligibility=value).count()) for value, label in Eligibility.choices
        ],
        "by_status": [(label, people.filter(status=value).count()) for value, label in MatchStatus.choices],
        "engine_versions": sorted(set(matches.values_list("engine_version", flat=True))),
    }


@dataclass
class FairnessSection:
    characteristic: str
    rows: list[GroupRow]


def fairness_report(programme: Programme) -> list[FairnessSection]:
    """Match rates and best scores of people who consent to matching, by each group the register holds,
    with groups under the small-number threshold suppressed."""
    people = list(matchable_people(programme).select_related("area").prefetch_related("occupations"))
    best: dict[int, tuple[bool, float]] = defaultdict(lambda: (False, 0.0))
    for person_id, eligibility, score in (
        Match.objects.filter(programme=programme, person__isnull=False)
        .exclude(status=MatchStatus.DISMISSED)
        .values_list("person_id", "eligibility", "score")
    ):
        has, top = best[person_id]
        best[person_id] = (has or eligibility != Eligibility.NOT_ELIGIBLE, max(top, score))
    groupings: dict[str, Any] = {
        "deprivation_decile": lambda p: (
            str(p.area.deprivation_decile) if p.area and p.area.deprivation_decile else "?"
        ),
        "right_to_work": lambda p: p.right_to_work or "unknown",
        "experience_abroad": lambda p: (
            "abroad" if any(o.country != programme.country for o in p.occupations.all()) else "home"
        ),
    }
    sections = []
    for characteristic, group_of in groupings.items():
        observations = [Observation(group_of(p), *best[p.pk]) for p in people]
        sections.append(FairnessSection(characteristic, disparity_table(observations, SMALL_NUMBER)))
    return sections
