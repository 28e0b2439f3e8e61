"""Agreement between two coders of the same texts: Cohen's kappa over characters, code by code.

Each character of a document is a unit that a coder either tagged with a code or did not; two coders'
highlights give the four counts of a two-by-two table, summed over the documents both coded. Kappa is
the share of agreement beyond what their own rates would give by chance: (observed − chance) / (1 − chance).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


def merged(spans: Iterable[Span]) -> list[Span]:
    """Spans (start inclusive, end exclusive) sorted, with overlapping or touching ones joined."""
    joined: list[Span] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def covered(spans: Iterable[Span]) -> int:
    """How many characters the spans cover, each counted once."""
    return sum(end - start for start, end in merged(spans))


def overlap(first: Iterable[Span], second: Iterable[Span]) -> int:
    """How many characters both sets of spans cover."""
    a, b = merged(first), merged(second)
    shared = i = j = 0
    while i < len(a) and j < len(b):
        shared += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return shared


@dataclass(frozen=True)
class Agreement:
    """The two-by-two table of two coders over some characters for one code."""

    both: int = 0
    first_only: int = 0
    second_only: int = 0
    neither: int = 0

    @property
    def units(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def observed(self) -> float | None:
        """The share of characters on which the coders agree."""
        if not self.units:
            return None
        return (self.both + self.neither) / self.units

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; 1 when they agree on every character, None with no characters to compare."""
        units = self.units
        if not units:
            return None
        first_rate = (self.both + self.first_only) / units
        second_rate = (self.both + self.second_only) / units
        chance = first_rate * second_rate + (1 - first_rate) * (1 - second_rate)
        observed = (self.both + self.neither) / units
        if chance >= 1:
            return 1.0 if observed >= 1 else None
        return (observed - chance) / (1 - chance)

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(
            both=self.both + other.both,
            first_only=self.first_only + other.first_only,
            second_only=self.second_only + other.second_only,
            neither=self.neither + other.neither,
        )


def agreement_on(length: int, first: Sequence[Span], second: Sequence[Span]) -> Agreement:
    """The table for one document of `length` characters, given each coder's spans of one code."""
    if length < 0:
        raise ValueError("a document cannot have a negative length")
    if any(start < 0 or end > length for start, end in (*first, *second)):
        raise ValueError("a span runs outside its document")
    both = overlap(first, second)
    first_total, second_total = covered(first), covered(second)
    return Agreement(
        both=both,
        first_only=first_total - both,
        second_only=second_total - both,
        neither=length - first_total - second_total + both,
    )


def interpretation(kappa: float) -> str:
    """Landis and Koch's words for a kappa, as a key the interface translates."""
    if kappa < 0:
        return "poor"
    for bound, word in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= bound:
            return word
    return "almost_perfect"
