"""Every write of matches: recomputing them (for a person, an opportunity or a whole programme), moving a
match along its statuses, and telling people about new strong matches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.accounts.services import notify
from assetlink.audit import services as audit
from assetlink.engine import ENGINE_VERSION
from assetlink.engine.batch import build_matrices, top_k
from assetlink.engine.brokering import rank_providers
from assetlink.engine.scoring import Eligibility, Matcher, MatchResult, PersonProfile, Reason
from assetlink.engine.supply import match_contract
from assetlink.journeys.services import send_referral
from assetlink.matching import profiles
from assetlink.matching.models import Match, MatchStatus
from assetlink.opportunities.models import FILLED_KINDS, Opportunity, OpportunityKind, OpportunityStatus
from assetlink.organisations.models import Organisation
from assetlink.people.models import Person
from assetlink.people.selectors import is_matchable, matchable_people
from assetlink.programmes.models import Membership
from assetlink.programmes.rules import require, roles_of
from assetlink.taxonomy.in_use import taxonomy_in_use

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

MATCHES_KEPT_PER_PERSON = 25
CANDIDATES_KEPT_PER_OPPORTUNITY = 50
SUPPLIERS_KEPT_PER_OPPORTUNITY = 30
# A whole programme is stored in transactions of this many people (one commit each, not one a person).
PEOPLE_PER_TRANSACTION = 250
# Kept whatever the new score, so that the work people did on them is not lost.
WORKED_STATUSES = (MatchStatus.SHORTLISTED, MatchStatus.REFERRED, MatchStatus.DISMISSED)
ELIGIBILITY_ORDER = {Eligibility.ELIGIBLE: 0, Eligibility.REACHABLE: 1, Eligibility.NOT_ELIGIBLE: 2}


def _open_opportunities(programme: Programme) -> dict[str, Opportunity]:
    """The programme's open jobs, training places and volunteering, with their requirements, by engine key."""
    opportunities = Opportunity.objects.filter(
        programme=programme, status=OpportunityStatus.OPEN, kind__in=FILLED_KINDS
    )
    return {str(o.pk): o for o in profiles.opportunities_with_requirements(opportunities)}


def _matchable_profiles(programme: Programme) -> tuple[dict[str, Person], list[PersonProfile]]:
    """The people matching may read, by engine key, and their profiles in the same order."""
    people = {str(p.pk): p for p in profiles.people_with_profiles(matchable_people(programme))}
    return people, [profiles.person_profile(person) for person in people.values()]


def _rank_key(result: MatchResult) -> tuple[int, int, int, float]:
    """Best score (in the points shown) first; between equal points, the more attainable, then fewer
    steps to go, then the nearer."""
    return (
        -round(100 * result.score),
        ELIGIBILITY_ORDER[result.eligibility],
        result.steps_to_go,
        result.distance_km if result.distance_km is not None else float("inf"),
    )


def worth_suggesting(results: Iterable[MatchResult]) -> list[MatchResult]:
    """Results with a score, less any course that offers the person nothing they do not hold."""
    return [result for result in results if result.score > 0 and not result.offers_nothing_new]


RESULT_FIELDS = (
    "score",
    "eligibility",
    "components",
    "reasons",
    "gaps",
    "pathway",
    "pathway_template",
    "steps_to_go",
    "distance_km",
    "engine_version",
)


def reasons_json(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """Explanation items as stored: codes and values, worded when shown."""
    return [{"code": reason.code, "params": dict(reason.params)} for reason in reasons]


def result_fields(result: MatchResult) -> dict[str, Any]:
    """A match row's fields from the engine's result (plain JSON: codes and values, worded when shown)."""
    return {
        "score": result.score,
        "eligibility": result.eligibility.value,
        "components": dict(result.components),
        "reasons": reasons_json(result.reasons),
        "gaps": [
            {
                "code": gap.code,
                "params": dict(gap.params),
                "is_hard": gap.is_hard,
                "is_closable": gap.is_closable,
                "steps": list(gap.steps),
            }
            for gap in result.gaps
        ],
        # As JSON holds them (lists, not tuples), so that an unchanged result compares equal.
        "pathway": [
            {**asdict(step), "credential_names": list(step.credential_names)} for step in result.pathway
        ],
        "pathway_template": result.template,
        "steps_to_go": result.steps_to_go,
        "distance_km": result.distance_km,
        "engine_version": ENGINE_VERSION,
    }


def recompute_person(*, actor: User, person: Person) -> list[Match]:
    """Recompute a person's matches now, at the request of someone who may change their record."""
    require(actor, "people.change_person", person)
    return refresh_person_matches(person)


def recompute_opportunity(*, actor: User, opportunity: Opportunity) -> list[Match]:
    """Recompute an opportunity's matches now, at the request of someone who may change it."""
    require(actor, "opportunities.change_opportunity", opportunity)
    return refresh_opportunity_matches(opportunity)


def refresh_person_matches(person: Person) -> list[Match]:
    """Recompute one person's matches over the open opportunities of their programme (system action)."""
    if not is_matchable(person):
        _forget(Match.objects.filter(person=person))
        return []
    matcher = Matcher(taxonomy_in_use())
    profile = profiles.person_profile(
        profiles.people_with_profiles(Person.objects.filter(pk=person.pk)).get()
    )
    opportunities = _open_opportunities(person.programme)
    results = [matcher.match(profile, profiles.opportunity_profile(o)) for o in opportunities.values()]
    kept = sorted(worth_suggesting(results), key=_rank_key)[:MATCHES_KEPT_PER_PERSON]
    return _store_people_matches(
        person.programme, kept, {str(person.pk): person}, opportunities, scope={"person": person}
    )


def refresh_opportunity_matches(opportunity: Opportunity) -> list[Match]:
    """Recompute an opportunity's candidates: people for jobs, training and volunteering; organisations for
    contracts and challenges (system action)."""
    if opportunity.status != OpportunityStatus.OPEN:
        _forget(Match.objects.filter(opportunity=opportunity))
        return []
    if opportunity.kind in FILLED_KINDS:
        return _refresh_candidates(opportunity)
    if opportunity.kind in (OpportunityKind.CONTRACT, OpportunityKind.CHALLENGE):
        return _refresh_suppliers(opportunity)
    return []


def _refresh_candidates(opportunity: Opportunity) -> list[Match]:
    taxonomy = taxonomy_in_use()
    matcher = Matcher(taxonomy)
    target = profiles.opportunity_profile(
        profiles.opportunities_with_requirements(Opportunity.objects.filter(pk=opportunity.pk)).get()
    )
    people, person_profiles = _matchable_profiles(opportunity.programme)
    # The opportunity is the one row: its k best columns are its best people.
    person_matrix, opportunity_matrix = build_matrices(matcher.model, person_profiles, [target])
    best = top_k(opportunity_matrix, person_matrix, CANDIDATES_KEPT_PER_OPPORTUNITY)
    chosen = [person_profiles[column] for column in best.columns[0] if column >= 0]
    results = sorted(worth_suggesting(matcher.match(profile, target) for profile in chosen), key=_rank_key)
    return _store_people_matches(
        opportunity.programme,
        results,
        people,
        {str(opportunity.pk): opportunity},
        scope={"opportunity": opportunity},
    )


def refresh_programme_matches(
    programme: Programme, *, progress: Callable[[int, int], None] | None = None
) -> int:
    """Recompute every match of a programme in one batch; returns how many matches it holds after."""
    matcher = Matcher(taxonomy_in_use())
    people, person_profiles = _matchable_profiles(programme)
    opportunities = _open_opportunities(programme)
    opportunity_profiles = [profiles.opportunity_profile(o) for o in opportunities.values()]
    if person_profiles and opportunity_profiles:
        best = top_k(
            *build_matrices(matcher.model, person_profiles, opportunity_profiles), MATCHES_KEPT_PER_PERSON
        )
        for start in range(0, len(person_profiles), PEOPLE_PER_TRANSACTION):
            with transaction.atomic():
                for row in range(start, min(start + PEOPLE_PER_TRANSACTION, len(person_profiles))):
                    profile = person_profiles[row]
                    results = worth_suggesting(
                        matcher.match(profile, opportunity_profiles[c]) for c in best.columns[row] if c >= 0
                    )
                    _store_people_matches(
                        programme,
                        sorted(results, key=_rank_key),
                        people,
                        opportunities,
                        scope={"person": people[profile.key]},
                    )
            if progress is not None:
                progress(min(start + PEOPLE_PER_TRANSACTION, len(person_profiles)), len(person_profiles))
    _forget(
        Match.objects.filter(programme=programme, person__isnull=False).exclude(
            person_id__in=[int(k) for k in people]
        )
    )
    for opportunity in Opportunity.objects.filter(
        programme=programme,
        status=OpportunityStatus.OPEN,
        kind__in=(OpportunityKind.CONTRACT, OpportunityKind.CHALLENGE),
    ):
        _refresh_suppliers(opportunity)
    return Match.objects.filter(programme=programme).count()


def refresh_supply_for(organisation: Organisation) -> int:
    """Rematch the open contracts and challenges that this organisation could serve (system action)."""
    programmes = set(organisation.partnerships.values_list("programme_id", flat=True)) | set(
        organisation.listings.values_list("programme_id", flat=True)
    )
    opportunities = Opportunity.objects.filter(
        programme_id__in=programmes,
        status=OpportunityStatus.OPEN,
        kind__in=(OpportunityKind.CONTRACT, OpportunityKind.CHALLENGE),
    ).select_related("programme", "owner")
    return sum(len(_refresh_suppliers(opportunity)) for opportunity in opportunities)


def _forget(matches: Any) -> None:
    """Remove matches nobody has acted on; keep those with work done on them, as history."""
    matches.exclude(status__in=WORKED_STATUSES).delete()


def _store_people_matches(
    programme: Programme,
    results: Sequence[MatchResult],
    people: dict[str, Person],
    opportunities: dict[str, Opportunity],
    *,
    scope: dict[str, Any],
) -> list[Match]:
    """Upsert the matches of one person (or one opportunity), drop the stale suggestions of that scope,
    and notify about matches that have become strong."""
    existing = {
        (str(m.person_id), str(m.opportunity_id)): m
        for m in Match.objects.filter(programme=programme, person__isnull=False, **scope)
    }
    created: list[Match] = []
    changed: list[Match] = []
    unchanged: list[Match] = []
    strong: list[Match] = []
    for result in results:
        fields = result_fields(result)
        match = existing.pop((result.person, result.opportunity), None)
        if match is None:
            match = Match(
                programme=programme,
                person=people[result.person],
                opportunity=opportunities[result.opportunity],
                **fields,
            )
            created.append(match)
        elif all(getattr(match, name) == value for name, value in fields.items()):
            unchanged.append(match)
        else:
            for name, value in fields.items():
                setattr(match, name, value)
            changed.append(match)
        if result.is_strong and match.notified_at is None:
            strong.append(match)
    with transaction.atomic():
        # Most recomputations change little: only new and changed rows are written in full.
        Match.objects.bulk_create(created)
        for match in changed:
            match.save(update_fields=[*RESULT_FIELDS, "computed_at"])
        Match.objects.filter(pk__in=[m.pk for m in unchanged]).update(computed_at=timezone.now())
        Match.objects.filter(
            pk__in=[m.pk for m in existing.values() if m.status == MatchStatus.SUGGESTED]
        ).delete()
        for match in strong:
            _notify_strong_match(match)
    return [*created, *changed, *unchanged]


def _notify_strong_match(match: Match) -> None:
    person = match.person
    assert person is not None
    url = reverse("matching:person", kwargs={"slug": match.programme.slug, "person_id": person.pk})
    params = {"opportunity": match.opportunity.title, "person": person.reference}
    recipients = {person.user} if person.user is not None else set()
    # The caseworker who registered the person; not a programme admin who loaded people in bulk.
    registrar = person.registered_by
    membership = roles_of(registrar).get(match.programme_id) if registrar is not None else None
    is_caseworker = (
        registrar is not None
        and membership is not None
        and registrar.has_perm("people.view_people", match.programme)
        and not registrar.has_perm("people.view_every_person", match.programme)
    )
    if registrar is not None and is_caseworker:
        recipients.add(registrar)
    for user in recipients:
        if user.is_active and user.has_perm("people.view_person", person):
            # Once per person and opportunity: a match recomputed (or deleted and found again) is no news.
            notify(
                user=user,
                kind="strong_match",
                params=params,
                url=url,
                programme=match.programme,
                event=f"strong_match:{person.pk}:{match.opportunity_id}",
            )
    Match.objects.filter(pk=match.pk).update(notified_at=timezone.now())
    match.notified_at = timezone.now()


def _refresh_suppliers(opportunity: Opportunity) -> list[Match]:
    """Organisations of the register against a contract (capability, capacity, locality, social value) or
    a challenge (brokering: what of it they meet)."""
    programme = opportunity.programme
    organisations, local = profiles.supplier_register(opportunity)
    fields_by_key: dict[str, dict[str, Any]] = {}
    if opportunity.kind == OpportunityKind.CONTRACT:
        contract = profiles.contract_profile(opportunity)
        for key, organisation in organisations.items():
            found = match_contract(profiles.enterprise_profile(organisation, local_area_ids=local), contract)
            if found.components["coverage"] > 0:
                fields_by_key[key] = {
                    "score": found.score,
                    "eligibility": Eligibility.ELIGIBLE.value
                    if found.can_deliver_alone
                    else Eligibility.REACHABLE.value,
                    "components": dict(found.components),
                    "reasons": reasons_json(found.reasons),
                }
    else:
        taxonomy = taxonomy_in_use()
        challenge = profiles.challenge_profile(taxonomy, opportunity)
        providers = profiles.provider_profiles(taxonomy, list(organisations.values()), local)
        for rank in rank_providers(taxonomy, challenge, providers, k=SUPPLIERS_KEPT_PER_OPPORTUNITY):
            fields_by_key[rank.provider] = {
                "score": rank.score,
                "eligibility": "",
                "components": {"coverage": rank.score},
                "reasons": reasons_json(rank.reasons),
            }
    best = sorted(fields_by_key.items(), key=lambda item: -item[1]["score"])[:SUPPLIERS_KEPT_PER_OPPORTUNITY]
    existing = {
        str(m.organisation_id): m
        for m in Match.objects.filter(opportunity=opportunity, organisation__isnull=False)
    }
    kept = []
    with transaction.atomic():
        for key, fields in best:
            match = existing.pop(key, None) or Match(
                programme=programme, opportunity=opportunity, organisation=organisations[key]
            )
            for name, value in {
                **fields,
                "gaps": [],
                "pathway": [],
                "engine_version": ENGINE_VERSION,
            }.items():
                setattr(match, name, value)
            match.save()
            kept.append(match)
        Match.objects.filter(
            pk__in=[m.pk for m in existing.values() if m.status == MatchStatus.SUGGESTED]
        ).delete()
    return kept


def change_match_status(*, actor: User, match: Match, status: str, reason: str = "") -> Match:
    """Move a match along: suggested → shortlisted → referred, or dismissed (with a reason) and back."""
    require(actor, "matching.change_match", match)
    if status not in MatchStatus.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    if status not in match.next_statuses:
        raise ValidationError(
            {
                "status": _("A match that is %(current)s cannot become %(new)s.")
                % {"current": match.get_status_display(), "new": MatchStatus(status).label}
            }
        )
    if status == MatchStatus.REFERRED:
        require(actor, "matching.refer_match", match)
    reason = reason.strip()
    if status == MatchStatus.DISMISSED and not reason:
        raise ValidationError(
            {"reason": _("Say why this match is dismissed, so that others can learn from it.")}
        )
    limit = Match._meta.get_field("dismissed_reason").max_length or 300
    if status == MatchStatus.DISMISSED and len(reason) > limit:
        raise ValidationError({"reason": _("Say it in %(limit)s characters or fewer.") % {"limit": limit}})
    before = {"status": match.status, "dismissed_reason": match.dismissed_reason}
    kept = (match.status, match.dismissed_reason, match.status_changed_by, match.status_changed_at)
    match.status = status
    match.dismissed_reason = reason if status == MatchStatus.DISMISSED else ""
    match.status_changed_by = actor
    match.status_changed_at = timezone.now()
    try:
        _save_status_change(actor, match, before, reason)
    except Exception:
        # Refused (the referral needs consent): the match stays as it was, in memory too.
        match.status, match.dismissed_reason, match.status_changed_by, match.status_changed_at = kept
        raise
    return match


def _save_status_change(actor: User, match: Match, before: dict[str, str], reason: str) -> None:
    status = match.status
    with transaction.atomic():
        match.save(update_fields=["status", "dismissed_reason", "status_changed_by", "status_changed_at"])
        audit.record(
            actor,
            "match.status_changed",
            match,
            programme=match.programme,
            before=before,
            after={"status": match.status, "dismissed_reason": match.dismissed_reason},
        )
        if status == MatchStatus.REFERRED and match.person is not None:
            # A closed-loop referral to the opportunity's owner: refused (and nothing saved) without
            # the person's consent to the owner seeing their record; it writes the ledger entry.
            send_referral(
                actor=actor,
                person=match.person,
                opportunity=match.opportunity,
                match=match,
                reason=reason
                or _("Matched with %(opportunity)s (score %(score)s).")
                % {"opportunity": match.opportunity.title, "score": round(100 * match.score)},
            )


def connect_provider(*, actor: User, match: Match, note: str = "") -> Match:
    """A broker introduces a matched provider to a challenge: the match becomes a connection, and the
    people of both organisations are told, with the broker's note."""
    require(actor, "matching.connect_provider", match)
    opportunity = match.opportunity
    if match.organisation is None or opportunity.kind != OpportunityKind.CHALLENGE:
        raise ValidationError(_("Only a provider matched to a challenge can be introduced to it."))
    if opportunity.status != OpportunityStatus.OPEN:
        raise ValidationError(_("The challenge is no longer open."))
    if match.status not in (MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED):
        raise ValidationError(
            _("This provider cannot be introduced: the match is %(status)s.")
            % {"status": match.get_status_display()}
        )
    note = note.strip()
    before = {"status": match.status}
    match.status = MatchStatus.REFERRED
    match.status_changed_by = actor
    match.status_changed_at = timezone.now()
    with transaction.atomic():
        match.save(update_fields=["status", "status_changed_by", "status_changed_at"])
        audit.record(
            actor,
            "match.provider_connected",
            match,
            programme=match.programme,
            before=before,
            after={"status": match.status, "note": note},
        )
        told = (
            Membership.objects.filter(
                programme=match.programme,
                is_active=True,
                organisation__in=[match.organisation, opportunity.owner],
            )
            .exclude(user=actor)
            .select_related("user")
        )
        url = reverse(
            "opportunities:detail", kwargs={"slug": match.programme.slug, "opportunity_id": opportunity.pk}
        )
        for membership in told:
            notify(
                user=membership.user,
                kind="provider_connected",
                params={
                    "broker": actor.get_full_name() or actor.email,
                    "provider": match.organisation.name,
                    "challenge": opportunity.title,
                    "owner": opportunity.owner.name,
                    "note": note,
                },
                url=url,
                programme=match.programme,
                event=f"provider_connected:{match.pk}",
            )
    return match
