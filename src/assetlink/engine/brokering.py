"""Partnership brokering (AS-Fabrik): rank knowledge-intensive service providers for a manufacturer's
challenge, and suggest pairs of providers whose capabilities complement each other on it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from assetlink.engine.scoring import Reason
from assetlink.engine.supply import cpv_closeness, text_closeness
from assetlink.engine.taxonomy import Taxonomy

# A need counts as met by a provider from this degree.
MET = 0.6


@dataclass(frozen=True, slots=True)
class Need:
    """One thing a challenge asks for: an ESCO skill, a CPV code or a phrase (exactly one is set)."""

    label: str
    skill: str = ""
    cpv_code: str = ""


@dataclass(frozen=True, slots=True)
class ChallengeProfile:
    key: str
    title: str
    needs: tuple[Need, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class ProviderProfile:
    key: str
    name: str
    skills: tuple[str, ...] = ()
    cpv_codes: tuple[str, ...] = ()
    capability_texts: tuple[str, ...] = ()
    is_local: bool = False


@dataclass(frozen=True, slots=True)
class ProviderRank:
    provider: str
    score: float
    degrees: tuple[float, ...]  # per need, in the challenge's order
    reasons: tuple[Reason, ...]
    # How closely the provider's own capability texts describe the challenge: orders providers that meet
    # its needs equally (a broker reads the closer description first).
    fit: float = 0.0


@dataclass(frozen=True, slots=True)
class Collaboration:
    providers: tuple[str, str]
    coverage: float
    gain: float  # coverage of the pair less that of the better of the two alone
    reasons: tuple[Reason, ...]


def need_degree(taxonomy: Taxonomy, provider: ProviderProfile, need: Need) -> float:
    if need.skill:
        return max((taxonomy.skill_relatedness(own, need.skill) for own in provider.skills), default=0.0)
    if need.cpv_code:
        return max((cpv_closeness(own, need.cpv_code) for own in provider.cpv_codes), default=0.0)
    closeness = text_closeness(provider.capability_texts, need.label)
    return closeness if closeness >= 0.5 else 0.0


def rank_providers(
    taxonomy: Taxonomy, challenge: ChallengeProfile, providers: Sequence[ProviderProfile], k: int = 10
) -> list[ProviderRank]:
    """Providers by how much of the challenge they meet (a small bonus for local firms), best first; among
    those level in points, the one whose capabilities describe the challenge more closely first."""
    ranks = []
    for provider in providers:
        degrees = tuple(round(need_degree(taxonomy, provider, need), 4) for need in challenge.needs)
        if not any(degrees):
            continue
        coverage = sum(degrees) / len(degrees)
        reasons = [
            Reason(
                "need_met" if degree >= MET else ("need_partly_met" if degree > 0 else "need_not_met"),
                {"need": need.label},
            )
            for need, degree in zip(challenge.needs, degrees, strict=True)
        ]
        if provider.is_local:
            reasons.append(Reason("local"))
        fit = round(
            text_closeness(provider.capability_texts, f"{challenge.title}. {challenge.description}"), 4
        )
        if fit >= 0.5:
            reasons.append(Reason("describes_challenge", {"fit": round(100 * fit)}))
        ranks.append(
            ProviderRank(
                provider.key,
                round(0.9 * coverage + 0.1 * provider.is_local, 4),
                degrees,
                tuple(reasons),
                fit,
            )
        )
    ranks.sort(key=lambda rank: (-round(100 * rank.score), -rank.fit, rank.provider))
    return ranks[:k]


def complementary_pairs(
    challenge: ChallengeProfile, ranks: Sequence[ProviderRank], names: dict[str, str], k: int = 5
) -> list[Collaboration]:
    """Pairs of ranked providers that together meet more of the challenge than either alone."""
    pairs = []
    for first, second in itertools.combinations(ranks, 2):
        joint = [max(a, b) for a, b in zip(first.degrees, second.degrees, strict=True)]
        coverage = sum(joint) / len(joint)
        gain = coverage - max(sum(first.degrees), sum(second.degrees)) / len(joint)
        if gain <= 0:
            continue
        reasons = [
            Reason(
                "brings",
                {"provider": names.get(rank.provider, rank.provider), "need": need.label},
            )
            for need, a, b in zip(challenge.needs, first.degrees, second.degrees, strict=True)
            for rank, own, other in ((first, a, b), (second, b, a))
            if own >= MET and other < MET
        ]
        pairs.append(
            Collaboration(
                (first.provider, second.provider), round(coverage, 4), round(gain, 4), tuple(reasons)
            )
        )
    pairs.sort(key=lambda pair: (-pair.coverage, -pair.gain, pair.providers))
    return pairs[:k]
