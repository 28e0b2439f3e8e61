"""The impact app's models: the append-only outcome ledger, and indicators, targets and snapshots over it."""

from assetlink.impact.models.indicators import (
    Accumulation,
    Denominator,
    Indicator,
    IndicatorFact,
    IndicatorFacts,
    Measure,
    Snapshot,
    Target,
)
from assetlink.impact.models.ledger import (
    EITHER_TYPES,
    MONEY_TYPES,
    ORGANISATION_TYPES,
    PERSON_TYPES,
    QUANTITY_TYPES,
    SYSTEM_TYPES,
    Correction,
    Outcome,
    OutcomeType,
    Subject,
    Verification,
    subjects_of,
)
from assetlink.impact.models.social_value import CountedUnit, SocialValueMeasure

__all__ = [
    "EITHER_TYPES",
    "MONEY_TYPES",
    "ORGANISATION_TYPES",
    "PERSON_TYPES",
    "QUANTITY_TYPES",
    "SYSTEM_TYPES",
    "Accumulation",
    "Correction",
    "CountedUnit",
    "Denominator",
    "Indicator",
    "IndicatorFact",
    "IndicatorFacts",
    "Measure",
    "Outcome",
    "OutcomeType",
    "Snapshot",
    "SocialValueMeasure",
    "Subject",
    "Target",
    "Verification",
    "subjects_of",
]
