"""Plain results of the text-to-concept functions: a scored concept and a skill found in a text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScoredConcept:
    """An ESCO concept proposed for a text, with a score between 0 and 1 (higher is more likely)."""

    uri: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class SkillMention:
    """An ESCO skill found in a text, with where it was found (character offsets, end exclusive)."""

    uri: str
    label: str
    score: float
    start: int
    end: int
