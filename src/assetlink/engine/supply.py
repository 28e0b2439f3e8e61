"""Enterprise ↔ contract matching: how well an organisation's capabilities (CPV codes and text) cover a
contract's lots, its capacity against the value, certificates, insurance, locality and social value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assetlink.engine.scoring import Reason
from assetlink.engine.text import normalise

# A lot counts as covered by an organisation from this degree of capability match.
COVERED = 0.6
CONTRACT_WEIGHTS = {
    "coverage": 0.40,
    "capacity": 0.20,
    "compliance": 0.15,
    "locality": 0.15,
    "social_value": 0.10,
}


@dataclass(frozen=True, slots=True)
class EnterpriseProfile:
    """What contract matching knows of an organisation."""

    key: str
    name: str
    cpv_codes: tuple[str, ...] = ()
    capability_texts: tuple[str, ...] = ()
    capacity: float = 0.0  # largest contract value it can deliver alone
    certificates: tuple[str, ...] = ()  # names of certificates in force
    insurance: Mapping[str, float] = field(default_factory=dict)  # kind → cover in force
    is_local: bool = False
    is_social: bool = False  # social enterprise, co-operative, community or charity
    social_value: tuple[str, ...] = ()  # e.g. "real Living Wage employer"


@dataclass(frozen=True, slots=True)
class LotNeed:
    key: str
    title: str
    value: float = 0.0
    cpv_code: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class ContractProfile:
    key: str
    title: str
    value: float
    lots: tuple[LotNeed, ...]
    certificates: tuple[str, ...] = ()
    insurance: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ContractMatch:
    enterprise: str
    contract: str
    score: float
    components: Mapping[str, float]
    covered_lots: tuple[str, ...]
    can_deliver_alone: bool
    reasons: tuple[Reason, ...]


def cpv_digits(code: str) -> str:
    """The significant digits of a CPV code: "45215140-0" → "4521514" (trailing zeros are the tree)."""
    return code.split("-")[0].rstrip("0")


def cpv_closeness(first: str, second: str) -> float:
    """1 for the same code or one inside the other; less the earlier the CPV trees part (division = 2
    digits, group 3, class 4, category 5)."""
    a, b = cpv_digits(first), cpv_digits(second)
    if not a or not b:
        return 0.0
    if a.startswith(b) or b.startswith(a):
        return 1.0
    shared = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        shared += 1
    return {0: 0.0, 1: 0.0, 2: 0.4, 3: 0.6, 4: 0.8}.get(shared, 0.9)


def text_closeness(capabilities: tuple[str, ...], need: str) -> float:
    """How closely any capability text describes the need (word overlap, order and form aside)."""
    wanted = normalise(need)
    if not wanted:
        return 0.0
    return max(
        (fuzz.token_set_ratio(normalise(text), wanted) / 100 for text in capabilities if text), default=0.0
    )


def lot_coverage(enterprise: EnterpriseProfile, lot: LotNeed) -> float:
    """How well an organisation can deliver a lot, from 0 to 1: CPV first, text as a lesser signal."""
    by_code = max((cpv_closeness(code, lot.cpv_code) for code in enterprise.cpv_codes), default=0.0)
    by_text = 0.8 * text_closeness(enterprise.capability_texts, f"{lot.title} {lot.description}".strip())
    return round(max(by_code, by_text if by_text >= 0.5 else 0.0), 4)


def meets_certificate(enterprise: EnterpriseProfile, name: str) -> bool:
    wanted = normalise(name)
    return any(fuzz.token_set_ratio(normalise(own), wanted) >= 90 for own in enterprise.certificates)


def meets_insurance(enterprise: EnterpriseProfile, kind: str, cover: float) -> bool:
    return enterprise.insurance.get(kind, 0.0) >= cover


def match_contract(enterprise: EnterpriseProfile, contract: ContractProfile) -> ContractMatch:
    """Score and explain one organisation against one contract."""
    reasons: list[Reason] = []
    total_value = sum(lot.value for lot in contract.lots) or float(len(contract.lots)) or 1.0
    covered: list[str] = []
    weighted = 0.0
    for lot in contract.lots:
        degree = lot_coverage(enterprise, lot)
        share = (lot.value or total_value / max(len(contract.lots), 1)) / total_value
        weighted += degree * share
        if degree >= COVERED:
            covered.append(lot.key)
            reasons.append(Reason("lot_covered", {"lot": lot.title, "degree": degree}))
        else:
            reasons.append(Reason("lot_not_covered", {"lot": lot.title}))
    capacity = min(1.0, enterprise.capacity / contract.value) if contract.value else 1.0
    reasons.append(
        Reason(
            "capacity",
            {"capacity": enterprise.capacity, "value": contract.value, "share": round(capacity, 2)},
        )
    )
    requirements = [*contract.certificates, *contract.insurance]
    met = [name for name in contract.certificates if meets_certificate(enterprise, name)]
    met += [kind for kind, cover in contract.insurance.items() if meets_insurance(enterprise, kind, cover)]
    for name in requirements:
        reasons.append(Reason("compliance_met" if name in met else "compliance_missing", {"name": name}))
    compliance = len(met) / len(requirements) if requirements else 1.0
    locality = 1.0 if enterprise.is_local else 0.0
    social = min(1.0, (0.6 if enterprise.is_social else 0.0) + 0.2 * len(enterprise.social_value))
    if enterprise.is_local:
        reasons.append(Reason("local"))
    if enterprise.is_social:
        reasons.append(Reason("social_enterprise"))
    for credential in enterprise.social_value:
        reasons.append(Reason("social_value", {"name": credential}))
    components = {
        "coverage": round(weighted, 4),
        "capacity": round(capacity, 4),
        "compliance": round(compliance, 4),
        "locality": locality,
        "social_value": round(social, 4),
    }
    score = sum(CONTRACT_WEIGHTS[name] * value for name, value in components.items())
    alone = len(covered) == len(contract.lots) and capacity >= 1.0 and compliance >= 1.0
    return ContractMatch(
        enterprise.key, contract.key, round(score, 4), components, tuple(covered), alone, tuple(reasons)
    )
