"""Person ↔ opportunity matching: hard requirements decide eligibility (eligible, reachable with a
pathway, not eligible); a soft score from skills, occupation, experience and aspirations ranks.

The soft score is linear in two sparse vectors, one per person and one per opportunity, so that the
batch (`engine.batch`) computes exactly the score this module explains pair by pair. No protected
characteristic is an input: the profiles below have no field for one.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from assetlink.engine.pathways import (
    GENERIC_STEPS,
    PathwayStep,
    PathwayTemplate,
    names_match,
    same_credential,
    step_yields,
    templates_for,
)
from assetlink.engine.taxonomy import Taxonomy

CEFR_RANK = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
RIGHT_TO_WORK_HELD = frozenset({"citizen", "settled", "work_visa", "refugee"})
RIGHT_TO_WORK_NEVER = frozenset({"none"})
WEIGHTS = {"essential": 0.40, "optional": 0.15, "occupation": 0.25, "experience": 0.10, "aspiration": 0.10}
FULL_EXPERIENCE_YEARS = 5.0
# A person wanting fewer hours than this share of the post's hours is not matched to it.
HOURS_SHARE_NEEDED = 0.6
STRONG_MATCH = 0.6

Feature = tuple[str, str]


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    REACHABLE = "reachable"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True, slots=True)
class HeldCredential:
    kind: str
    name: str
    status: str  # planned, in_progress, held, failed, expired
    expires_on: datetime.date | None = None

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.status == "held" and (self.expires_on is None or self.expires_on >= day)


@dataclass(frozen=True, slots=True)
class HeldOccupation:
    uri: str
    label: str
    years: float
    country: str


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """What matching may know of a person; nothing here is a protected characteristic."""

    key: str
    skills: tuple[str, ...] = ()
    occupations: tuple[HeldOccupation, ...] = ()
    aspirations: tuple[str, ...] = ()
    aspiration_labels: tuple[str, ...] = ()
    languages: Mapping[str, str] = field(default_factory=dict)
    credentials: tuple[HeldCredential, ...] = ()
    right_to_work: str = ""
    qualification_level: int | None = None
    qualification_recognised: bool = False
    hours_per_week: float | None = None
    max_commute_km: float | None = None
    location: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class CredentialNeed:
    kind: str
    name: str
    is_required: bool = True


@dataclass(frozen=True, slots=True)
class OpportunityProfile:
    key: str
    kind: str = "job"
    country: str = "GB"
    occupation: str = ""
    occupation_label: str = ""
    essential_skills: tuple[str, ...] = ()
    optional_skills: tuple[str, ...] = ()
    credentials: tuple[CredentialNeed, ...] = ()
    language: str = ""
    language_level: str = ""
    qualification_level: int | None = None
    hours_per_week: float | None = None
    is_flexible_hours: bool = False
    location: tuple[float, float] | None = None
    needs_right_to_work: bool = True
    # What a course or training place leads to: offered to no one who already holds all of it.
    leads_to: tuple[CredentialNeed, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One part of an explanation: a stable code the app words and translates, and its values."""

    code: str
    params: Mapping[str, str | float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Gap:
    """A requirement the person does not meet yet; hard gaps decide eligibility, soft ones only rank."""

    code: str
    params: Mapping[str, str | float]
    is_hard: bool
    is_closable: bool
    steps: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchResult:
    person: str
    opportunity: str
    eligibility: Eligibility
    score: float
    components: Mapping[str, float]
    reasons: tuple[Reason, ...]
    gaps: tuple[Gap, ...]
    pathway: tuple[PathwayStep, ...]
    template: str = ""
    # Tie-breakers between equal scores, after eligibility: fewer steps to go, then the shorter way.
    steps_to_go: int = 0
    distance_km: float | None = None

    @property
    def is_strong(self) -> bool:
        return self.score >= STRONG_MATCH and self.eligibility != Eligibility.NOT_ELIGIBLE

    @property
    def offers_nothing_new(self) -> bool:
        """A course whose every credential the person already holds: never suggested."""
        return any(gap.code == "already_holds" for gap in self.gaps)


class SoftModel:
    """Builds the sparse vectors whose dot product is the soft score."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def person_vector(self, person: PersonProfile) -> dict[Feature, float]:
        vector: dict[Feature, float] = {}
        for skill in person.skills:
            vector["s", skill] = 0.5
            group = self.taxonomy.skill_group(skill)
            if group:
                vector["g", group] = 0.5
        for held in person.occupations:
            experience = min(held.years, FULL_EXPERIENCE_YEARS) / FULL_EXPERIENCE_YEARS
            for uri, proximity in self.taxonomy.occupation_neighbours(held.uri):
                vector["o", uri] = max(vector.get(("o", uri), 0.0), proximity)
                vector["x", uri] = max(vector.get(("x", uri), 0.0), proximity * experience)
        for aspiration in person.aspirations:
            for uri, proximity in self.taxonomy.occupation_neighbours(aspiration):
                vector["a", uri] = max(vector.get(("a", uri), 0.0), proximity)
        return vector

    def opportunity_weights(self, opportunity: OpportunityProfile) -> dict[str, dict[Feature, float]]:
        """Weights per component; the components' weights add up to 1 (0 when nothing is asked)."""
        weights = dict(WEIGHTS)
        if not opportunity.occupation:
            weights["essential"] += (
                weights.pop("occupation") + weights.pop("experience") + weights.pop("aspiration")
            )
        if not opportunity.essential_skills:
            moved = weights.pop("essential")
            if opportunity.optional_skills:
                weights["optional"] += moved
            elif "occupation" in weights:
                weights["occupation"] += moved
        if not opportunity.optional_skills and "optional" in weights:
            moved = weights.pop("optional")
            if "essential" in weights:
                weights["essential"] += moved
            elif "occupation" in weights:
                weights["occupation"] += moved
        result: dict[str, dict[Feature, float]] = defaultdict(dict)
        for component, skills in (
            ("essential", opportunity.essential_skills),
            ("optional", opportunity.optional_skills),
        ):
            if component not in weights or not skills:
                continue
            each = weights[component] / len(skills)
            for skill in skills:
                group = self.taxonomy.skill_group(skill)
                target = result[component]
                # Held skill: 0.5 × 2·each (own group also held) = each; a skill of the same group: half.
                target["s", skill] = target.get(("s", skill), 0.0) + (each if group else 2 * each)
                if group:
                    target["g", group] = target.get(("g", group), 0.0) + each
        if opportunity.occupation:
            for component, prefix in (("occupation", "o"), ("experience", "x"), ("aspiration", "a")):
                if component in weights:
                    result[component][prefix, opportunity.occupation] = weights[component]
        return dict(result)

    def components(self, person: PersonProfile, opportunity: OpportunityProfile) -> dict[str, float]:
        vector = self.person_vector(person)
        return {
            component: sum(vector.get(feature, 0.0) * weight for feature, weight in weights.items())
            for component, weights in self.opportunity_weights(opportunity).items()
        }


def distance_km(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


class Matcher:
    """Scores and explains person ↔ opportunity pairs against one taxonomy."""

    def __init__(self, taxonomy: Taxonomy, *, today: datetime.date | None = None) -> None:
        self.taxonomy = taxonomy
        self.model = SoftModel(taxonomy)
        self.today = today or datetime.date.today()

    def match(self, person: PersonProfile, opportunity: OpportunityProfile) -> MatchResult:
        reasons: list[Reason] = []
        gaps: list[Gap] = []
        components = self.model.components(person, opportunity)
        self._explain_occupation(person, opportunity, reasons)
        self._explain_skills(person, opportunity, reasons, gaps)
        template, steps = self._hard_requirements(person, opportunity, reasons, gaps)
        self._check_leads_to(person, opportunity, gaps)
        score = round(sum(components.values()), 4)
        if any(gap.is_hard and not gap.is_closable for gap in gaps):
            eligibility = Eligibility.NOT_ELIGIBLE
        elif any(gap.is_hard for gap in gaps):
            eligibility = Eligibility.REACHABLE
        else:
            eligibility = Eligibility.ELIGIBLE
        return MatchResult(
            person.key,
            opportunity.key,
            eligibility,
            score,
            {name: round(value, 4) for name, value in components.items()},
            tuple(reasons),
            tuple(gaps),
            tuple(steps),
            template.code if template else "",
            steps_to_go=sum(1 for step in steps if not step.recommended_only),
            distance_km=(
                round(distance_km(person.location, opportunity.location), 1)
                if person.location and opportunity.location
                else None
            ),
        )

    def _check_leads_to(
        self, person: PersonProfile, opportunity: OpportunityProfile, gaps: list[Gap]
    ) -> None:
        held = [
            need.name
            for need in opportunity.leads_to
            if any(
                c.kind == need.kind
                and same_credential(c.kind, c.name, need.name)
                and c.is_valid_on(self.today)
                for c in person.credentials
            )
        ]
        if opportunity.leads_to and len(held) == len(opportunity.leads_to):
            gaps.append(Gap("already_holds", {"name": ", ".join(held)}, is_hard=True, is_closable=False))

    # --- explanation of the soft score ---------------------------------------------------------------

    def _explain_occupation(
        self, person: PersonProfile, opportunity: OpportunityProfile, reasons: list[Reason]
    ) -> None:
        if not opportunity.occupation:
            return
        wanted = opportunity.occupation_label or self.taxonomy.label(opportunity.occupation)
        proximity, held = 0.0, None
        for candidate in person.occupations:
            closeness = dict(self.taxonomy.occupation_neighbours(candidate.uri)).get(
                opportunity.occupation, 0.0
            )
            if closeness > proximity:
                proximity, held = closeness, candidate
        if held is not None and proximity >= 1.0:
            reasons.append(
                Reason(
                    "occupation_same", {"occupation": wanted, "years": held.years, "country": held.country}
                )
            )
        elif held is not None:
            reasons.append(
                Reason(
                    "occupation_related",
                    {"occupation": wanted, "held": held.label, "proximity": round(proximity, 2)},
                )
            )
        else:
            reasons.append(Reason("occupation_new", {"occupation": wanted}))
        for uri, label in zip(
            person.aspirations, person.aspiration_labels or person.aspirations, strict=False
        ):
            if dict(self.taxonomy.occupation_neighbours(uri)).get(opportunity.occupation, 0.0) > 0:
                reasons.append(Reason("aspiration", {"occupation": label}))
                break

    def _explain_skills(
        self, person: PersonProfile, opportunity: OpportunityProfile, reasons: list[Reason], gaps: list[Gap]
    ) -> None:
        held = set(person.skills)
        for skill, is_essential in (
            *((skill, True) for skill in opportunity.essential_skills),
            *((skill, False) for skill in opportunity.optional_skills),
        ):
            label = self.taxonomy.label(skill)
            if skill in held:
                reasons.append(Reason("skill_held", {"skill": label, "essential": float(is_essential)}))
                continue
            related = next(
                (own for own in person.skills if self.taxonomy.skill_relatedness(own, skill) > 0), None
            )
            if related is not None:
                reasons.append(
                    Reason(
                        "skill_related",
                        {
                            "skill": label,
                            "via": self.taxonomy.label(related),
                            "essential": float(is_essential),
                        },
                    )
                )
            if is_essential:
                gaps.append(
                    Gap(
                        "skill_missing",
                        {"skill": label, "related": float(related is not None)},
                        is_hard=False,
                        is_closable=True,
                        steps=(GENERIC_STEPS["short_course"].code,),
                    )
                )

    # --- hard requirements -----------------------------------------------------------------------------

    def _hard_requirements(
        self, person: PersonProfile, opportunity: OpportunityProfile, reasons: list[Reason], gaps: list[Gap]
    ) -> tuple[PathwayTemplate | None, list[PathwayStep]]:
        generic_before: list[PathwayStep] = []
        generic_after: list[PathwayStep] = []
        template_steps: dict[str, PathwayStep] = {}
        template: PathwayTemplate | None = None
        if opportunity.needs_right_to_work:
            status = person.right_to_work or "unknown"
            if status in RIGHT_TO_WORK_HELD:
                reasons.append(Reason("right_to_work_held"))
            elif status in RIGHT_TO_WORK_NEVER:
                gaps.append(Gap("right_to_work", {"status": status}, is_hard=True, is_closable=False))
            else:
                step = GENERIC_STEPS["right_to_work_check"]
                gaps.append(
                    Gap(
                        "right_to_work",
                        {"status": status},
                        is_hard=True,
                        is_closable=True,
                        steps=(step.code,),
                    )
                )
                generic_before.append(step)
        if opportunity.language and opportunity.language_level:
            needed = CEFR_RANK.get(opportunity.language_level, 0)
            own = person.languages.get(opportunity.language, "")
            params: dict[str, str | float] = {
                "language": opportunity.language,
                "level": opportunity.language_level,
                "own": own,
            }
            if CEFR_RANK.get(own, 0) >= needed:
                reasons.append(Reason("language_met", params))
            else:
                step = GENERIC_STEPS["language_course"]
                gaps.append(Gap("language", params, is_hard=True, is_closable=True, steps=(step.code,)))
                generic_before.append(step)
        templates = self._routes_open_to(person, opportunity)
        for need in opportunity.credentials:
            if any(
                c.kind == need.kind and names_match(c.name, need.name) and c.is_valid_on(self.today)
                for c in person.credentials
            ):
                reasons.append(Reason("credential_held", {"name": need.name}))
                continue
            if not need.is_required:
                reasons.append(Reason("credential_desirable_missing", {"name": need.name}))
                continue
            route = next(
                (
                    (candidate, position)
                    for candidate in templates
                    for position, step in enumerate(candidate.steps)
                    if step_yields(step, need.kind, need.name)
                ),
                None,
            )
            if route is not None:
                template, position = route
                missing = [
                    step
                    for step in template.steps[: position + 1]
                    if not step.recommended_only and not self._has_done(person, step)
                ]
                for step in missing:
                    template_steps.setdefault(step.code, step)
                failed = [step.name for step in missing if self._has_failed(person, step)]
                gaps.append(
                    Gap(
                        "credential",
                        {"name": need.name, "retake": ", ".join(failed)},
                        is_hard=True,
                        is_closable=True,
                        steps=tuple(step.code for step in missing),
                    )
                )
                continue
            generic = GENERIC_STEPS.get(need.kind)
            if generic is not None:
                gaps.append(
                    Gap(
                        "credential",
                        {"name": need.name, "retake": ""},
                        is_hard=True,
                        is_closable=True,
                        steps=(generic.code,),
                    )
                )
                generic_after.append(generic)
            else:
                gaps.append(
                    Gap("credential_needs_profession", {"name": need.name}, is_hard=True, is_closable=False)
                )
        if opportunity.qualification_level:
            own_level = person.qualification_level or 0
            params = {"level": opportunity.qualification_level, "own": own_level}
            if own_level < opportunity.qualification_level:
                gaps.append(Gap("qualification_level", params, is_hard=True, is_closable=False))
            elif not person.qualification_recognised:
                step = GENERIC_STEPS["qualification_recognition"]
                gaps.append(
                    Gap(
                        "qualification_recognition",
                        params,
                        is_hard=True,
                        is_closable=True,
                        steps=(step.code,),
                    )
                )
                generic_before.append(step)
            else:
                reasons.append(Reason("qualification_met", params))
        if opportunity.hours_per_week and person.hours_per_week and not opportunity.is_flexible_hours:
            params = {"hours": float(opportunity.hours_per_week), "own": float(person.hours_per_week)}
            if person.hours_per_week < HOURS_SHARE_NEEDED * opportunity.hours_per_week:
                gaps.append(Gap("hours", params, is_hard=True, is_closable=False))
        if opportunity.location and person.location and person.max_commute_km is not None:
            distance = round(distance_km(person.location, opportunity.location), 1)
            params = {"distance": distance, "max": float(person.max_commute_km)}
            if distance > person.max_commute_km:
                gaps.append(Gap("commute", params, is_hard=True, is_closable=False))
            else:
                reasons.append(Reason("commute_met", params))
        steps = generic_before + list(template_steps.values()) + generic_after
        if template is not None and template_steps:
            steps += [
                step for step in template.steps if step.recommended_only and not self._has_done(person, step)
            ]
        unique: dict[str, PathwayStep] = {}
        for step in steps:
            unique.setdefault(step.code, step)
        return template, list(unique.values())

    def _routes_open_to(
        self, person: PersonProfile, opportunity: OpportunityProfile
    ) -> list[PathwayTemplate]:
        """Routes to registration the person's profession gives them for this opportunity: a nurse's route
        leads to nursing posts, not to a midwife's; a physiotherapist's HCPC route not to radiography."""
        own = [held.label for held in person.occupations] + list(person.aspiration_labels)
        wanted = opportunity.occupation_label.casefold()
        for_post = templates_for([opportunity.occupation_label], opportunity.country) if wanted else []
        return [
            template
            for template in templates_for(own, opportunity.country)
            if (not for_post or template in for_post)
            and (not template.register_per_occupation or wanted in {label.casefold() for label in own})
        ]

    def _has_done(self, person: PersonProfile, step: PathwayStep) -> bool:
        return any(
            step_yields(step, credential.kind, credential.name) and credential.is_valid_on(self.today)
            for credential in person.credentials
        )

    def _has_failed(self, person: PersonProfile, step: PathwayStep) -> bool:
        return any(
            step_yields(step, credential.kind, credential.name) and credential.status == "failed"
            for credential in person.credentials
        )
