"""API of matching: a person's matches, an opportunity's candidates, status changes, consortium and
brokering suggestions, the fairness report, and ESCO text-to-concept helpers — with the same scope and
consent rules as the web pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from assetlink.audit.models import AccessLogEntry
from assetlink.matching import selectors, services, wording
from assetlink.matching.models import Match
from assetlink.opportunities.selectors import opportunity_in
from assetlink.people.api import VIEW_PERSON
from assetlink.people.selectors import person_record
from assetlink.taxonomy.in_use import taxonomy_in_use
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["matching"])

CANDIDATES = Access(
    "programme",
    "matching.view_candidates",
    object_permission="matching.view_opportunity_candidates",
    load_object=opportunity_in,
)
SUPPLY = Access(
    "programme",
    "matching.view_supply_matches",
    object_permission="opportunities.view_opportunity",
    load_object=opportunity_in,
)
CHANGE_MATCH = Access(
    "programme",
    "programmes.view_programme",
    object_permission="matching.change_match",
    load_object=selectors.match_in,
)
FAIRNESS = Access("programme", "matching.view_fairness")


class StepOut(Schema):
    code: str
    name: str
    weeks: int
    cost: int
    evidence: str
    recommended_only: bool


class MatchOut(Schema):
    handle: uuid.UUID = Field(..., description="Names the match in the status route (random, not an id)")
    opportunity_id: int
    opportunity_title: str
    score: float
    eligibility: str
    status: str
    components: dict[str, float]
    explanation: list[str]
    gaps: list[str]
    pathway: list[StepOut]
    engine_version: str


class CandidateOut(MatchOut):
    person_id: int | None = Field(None, description="Only when the caller may see the person's record")
    label: str = Field(..., description="The person's name, or a code when they are shown anonymised")


class StatusIn(Schema):
    status: str
    reason: str = ""


def _match_out(match: Match, *, anonymous: bool = False) -> dict[str, Any]:
    steps = [
        {**step, "name": step["label"], "evidence": step["evidence_label"]}
        for step in wording.pathway_steps(match.pathway)
    ]
    return {
        "handle": match.handle,
        "opportunity_id": match.opportunity_id,
        "opportunity_title": match.opportunity.title,
        "score": match.score,
        "eligibility": match.eligibility,
        "status": match.status,
        "components": match.components,
        "explanation": [
            wording.say(wording.REASONS, reason, anonymous=anonymous) for reason in match.reasons
        ],
        "gaps": [wording.say(wording.GAPS, gap, anonymous=anonymous) for gap in match.gaps],
        "pathway": steps,
        "engine_version": match.engine_version,
    }


@router.get("/programmes/{slug}/people/{person_id}/matches", response=list[MatchOut])
@declares(VIEW_PERSON)
def person_matches(request: AuthenticatedHttpRequest, slug: str, person_id: int) -> list[dict[str, Any]]:
    """A person's matches, best score first; empty while the person does not consent to matching."""
    programme = programme_for(request, slug, VIEW_PERSON, person_id=person_id)
    person = person_record(
        request.user, programme, person_id, path=request.path, channel=AccessLogEntry.Channel.API
    )
    return [_match_out(match) for match in selectors.person_matches(person)]


@router.get("/programmes/{slug}/opportunities/{opportunity_id}/candidates", response=list[CandidateOut])
@declares(CANDIDATES)
def candidates(request: AuthenticatedHttpRequest, slug: str, opportunity_id: int) -> list[dict[str, Any]]:
    """People matched to an opportunity, named only where the caller may know them."""
    programme = programme_for(request, slug, CANDIDATES, opportunity_id=opportunity_id)
    opportunity = opportunity_in(programme, opportunity_id)
    return [
        {
            **_match_out(candidate.match, anonymous=not candidate.is_named),
            "person_id": candidate.match.person_id if candidate.is_named else None,
            "label": candidate.label,
        }
        for candidate in selectors.visible_candidates(request.user, opportunity)
    ]


@router.post("/programmes/{slug}/matches/{match_handle}/status", response=MatchOut)
@declares(CHANGE_MATCH)
def change_status(
    request: AuthenticatedHttpRequest, slug: str, match_handle: uuid.UUID, payload: StatusIn
) -> dict[str, Any]:
    """Shortlist, refer, dismiss (with a reason) or restore a match."""
    programme = programme_for(request, slug, CHANGE_MATCH, match_handle=match_handle)
    match = services.change_match_status(
        actor=request.user,
        match=selectors.match_in(programme, match_handle),
        status=payload.status,
        reason=payload.reason,
    )
    return _match_out(match)


class ConsortiumOut(Schema):
    members: list[int]
    member_names: list[str]
    explanation: list[str]


class ConsortiaOut(Schema):
    can_deliver_alone: list[int]
    consortia: list[ConsortiumOut]
    missing: list[str]


@router.get("/programmes/{slug}/opportunities/{opportunity_id}/consortia", response=ConsortiaOut)
@declares(SUPPLY)
def consortia(request: AuthenticatedHttpRequest, slug: str, opportunity_id: int) -> dict[str, Any]:
    """Organisations that could deliver a contract alone, and the best consortia of the register."""
    programme = programme_for(request, slug, SUPPLY, opportunity_id=opportunity_id)
    advice = selectors.consortium_advice(opportunity_in(programme, opportunity_id))
    return {
        "can_deliver_alone": [organisation.pk for organisation, _result in advice.single],
        "consortia": [
            {
                "members": [member.pk for member in members],
                "member_names": [member.name for member in members],
                "explanation": wording.explain(c.reasons),
            }
            for c, members in advice.consortia
        ],
        "missing": wording.explain(advice.missing),
    }


class ProviderOut(Schema):
    organisation_id: int
    name: str
    score: float
    needs_met: list[float]


class CollaborationOut(Schema):
    organisation_ids: list[int]
    coverage: float
    gain: float
    explanation: list[str]


class BrokeringOut(Schema):
    needs: list[str]
    providers: list[ProviderOut]
    collaborations: list[CollaborationOut]


@router.get("/programmes/{slug}/opportunities/{opportunity_id}/providers", response=BrokeringOut)
@declares(SUPPLY)
def providers(request: AuthenticatedHttpRequest, slug: str, opportunity_id: int) -> dict[str, Any]:
    """Providers ranked for an industry challenge, and complementary pairs of them."""
    programme = programme_for(request, slug, SUPPLY, opportunity_id=opportunity_id)
    advice = selectors.brokering_advice(opportunity_in(programme, opportunity_id))
    return {
        "needs": [need.label for need in advice.challenge.needs] if advice.challenge else [],
        "providers": [
            {"organisation_id": o.pk, "name": o.name, "score": rank.score, "needs_met": list(rank.degrees)}
            for o, rank in advice.ranks
        ],
        "collaborations": [
            {
                "organisation_ids": [first.pk, second.pk],
                "coverage": pair.coverage,
                "gain": pair.gain,
                "explanation": wording.explain(pair.reasons),
            }
            for pair, first, second in advice.pairs
        ],
    }


class GroupOut(Schema):
    group: str
    people: int | None = Field(None, description="Absent (null) when the group is too small to show")
    match_rate: float | None
    mean_best_score: float | None
    ratio_to_highest: float | None


class FairnessOut(Schema):
    characteristic: str
    small_number_threshold: int
    groups: list[GroupOut]


@router.get("/programmes/{slug}/matching/fairness", response=list[FairnessOut])
@declares(FAIRNESS)
def fairness(request: AuthenticatedHttpRequest, slug: str) -> list[dict[str, Any]]:
    """Match rates and best scores by group, small groups suppressed."""
    programme = programme_for(request, slug, FAIRNESS)
    return [
        {
            "characteristic": section.characteristic,
            "small_number_threshold": selectors.SMALL_NUMBER,
            "groups": [
                {
                    "group": row.group,
                    "people": row.people,
                    "match_rate": row.match_rate,
                    "mean_best_score": row.mean_best_score,
                    "ratio_to_highest": row.ratio_to_highest,
                }
                for row in section.rows
            ],
        }
        for section in selectors.fairness_report(programme)
    ]


class ConceptScoreOut(Schema):
    uri: str
    label: str
    score: float


class MentionOut(ConceptScoreOut):
    start: int
    end: int


class ClassifyQuery(Schema):
    title: str = Field(..., min_length=2, max_length=300)
    lang: str = Field("", description="Language of the title; the reader's language when empty")
    k: int = Field(5, ge=1, le=20)


class ExtractIn(Schema):
    text: str = Field(..., min_length=2, max_length=20_000)
    lang: str = ""


@router.get("/esco/classify-occupation", response=list[ConceptScoreOut], tags=["taxonomy"])
@declares(Access("signed_in"))
def classify_occupation(request: AuthenticatedHttpRequest, query: Query[ClassifyQuery]) -> Any:
    """The ESCO occupations a job title most likely means, best first."""
    return taxonomy_in_use().classify_occupation(query.title, query.lang or get_language() or "en", query.k)


@router.post("/esco/extract-skills", response=list[MentionOut], tags=["taxonomy"])
@declares(Access("signed_in"))
def extract_skills(request: AuthenticatedHttpRequest, payload: ExtractIn) -> Any:
    """The ESCO skills a text names, with where each was found."""
    return taxonomy_in_use().extract_skills(payload.text, payload.lang or get_language() or "en")
