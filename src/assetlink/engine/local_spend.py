"""Local spend: where a supplier stands (local, the wider region or elsewhere) and which registered
organisation it is; a link that is not certain goes to a person to review and is never guessed.

Suppliers are linked by registration number first, then by name. A number that points at one
organisation while the name points at another, a number or a name shared by several organisations, a
number that contradicts the organisation found by name, or a name that is only similar: each is left
for review, so that two registered organisations are never merged silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from rapidfuzz import fuzz, process

# Words that say what legal form a company takes, not which company it is.
LEGAL_WORDS = frozenset(
    {
        "the",
        "ltd",
        "limited",
        "plc",
        "llp",
        "lp",
        "cic",
        "cio",
        "inc",
        "co",
        "company",
        "sl",
        "slu",
        "sa",
        "scoop",
        "coop",
        "doo",
        "dd",
        "sp",
        "gmbh",
    }
)
SIMILAR_NAME = 88  # the lowest rapidfuzz token-sort score at which a name is offered for review


def name_key(name: str) -> str:
    """The name as it identifies a company: no accents, case, punctuation or legal-form words.

    "The Ladywood Catering Co. Ltd" and "LADYWOOD CATERING LIMITED" share "ladywood catering".
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", re.sub(r"(?<=\w)\.(?=\w)", "", text)).split()
    return " ".join(word for word in words if word not in LEGAL_WORDS)


def number_key(number: str) -> str:
    """A registration number without spaces, dots or dashes, upper case; a number alone loses its leading
    zeros ("01234567" and "1234567" are the same company)."""
    text = re.sub(r"[\s.\-/]+", "", number).upper()
    return text.lstrip("0") or text if text.isdigit() else text


class LinkStatus(StrEnum):
    BY_NUMBER = "by_number"
    BY_NAME = "by_name"
    REVIEW = "review"
    UNREGISTERED = "unregistered"


class ReviewReason(StrEnum):
    NUMBER_SHARED = "number_shared"  # several organisations carry this number
    NAME_DIFFERS = "name_differs"  # the number finds one organisation, the name another
    NUMBERS_DIFFER = "numbers_differ"  # the name finds an organisation with another number
    NAME_SHARED = "name_shared"  # several organisations carry this name
    SIMILAR_NAME = "similar_name"  # no exact match, but a similar name


@dataclass(frozen=True)
class Registered:
    """An organisation of the register, as linking compares it."""

    id: int
    name: str
    number: str = ""


@dataclass(frozen=True)
class Link:
    status: LinkStatus
    organisation: int | None = None
    candidates: tuple[int, ...] = ()
    reason: ReviewReason | None = None


@dataclass
class SupplierRegister:
    """The register indexed by number and by name, to link many suppliers quickly."""

    organisations: Sequence[Registered]
    _by_number: dict[str, list[int]] = field(init=False, default_factory=dict)
    _by_name: dict[str, list[int]] = field(init=False, default_factory=dict)
    _number_of: dict[int, str] = field(init=False, default_factory=dict)
    _names: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for organisation in self.organisations:
            number = number_key(organisation.number)
            name = name_key(organisation.name)
            if number:
                self._by_number.setdefault(number, []).append(organisation.id)
            if name:
                self._by_name.setdefault(name, []).append(organisation.id)
            self._number_of[organisation.id] = number
            self._names[organisation.id] = name

    def link(self, name: str, number: str = "") -> Link:
        by_name = self._by_name.get(name_key(name), [])
        wanted = number_key(number)
        by_number = self._by_number.get(wanted, []) if wanted else []
        if len(by_number) > 1:
            return Link(LinkStatus.REVIEW, candidates=tuple(by_number), reason=ReviewReason.NUMBER_SHARED)
        if by_number:
            found = by_number[0]
            others = tuple(other for other in by_name if other != found)
            if others:
                return Link(LinkStatus.REVIEW, candidates=(found, *others), reason=ReviewReason.NAME_DIFFERS)
            return Link(LinkStatus.BY_NUMBER, organisation=found)
        if len(by_name) > 1:
            return Link(LinkStatus.REVIEW, candidates=tuple(by_name), reason=ReviewReason.NAME_SHARED)
        if by_name:
            found = by_name[0]
            if wanted and self._number_of[found] and self._number_of[found] != wanted:
                return Link(LinkStatus.REVIEW, candidates=(found,), reason=ReviewReason.NUMBERS_DIFFER)
            return Link(LinkStatus.BY_NAME, organisation=found)
        similar = self.similar(name)
        if similar:
            return Link(LinkStatus.REVIEW, candidates=similar, reason=ReviewReason.SIMILAR_NAME)
        return Link(LinkStatus.UNREGISTERED)

    def similar(self, name: str, limit: int = 3) -> tuple[int, ...]:
        key = name_key(name)
        if not key or not self._names:
            return ()
        found = process.extract(
            key, self._names, scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR_NAME, limit=limit
        )
        return tuple(int(organisation) for _name, _score, organisation in found)


class Locality(StrEnum):
    LOCAL = "local"
    REGION = "region"
    ELSEWHERE = "elsewhere"
    UNKNOWN = "unknown"


def postcode_district(postcode: str, country: str) -> str:
    """The part of a postcode that names a district: the UK outward code ("B9 4AA" → "B9"); elsewhere the
    postcode itself, which local-area prefixes are compared with."""
    text = "".join(postcode.split()).upper()
    if country.upper() == "GB" and len(text) >= 5:
        return text[:-3]
    return text


def _postcode_area(district: str) -> str:
    return re.match(r"[A-Z]*", district).group(0)  # type: ignore[union-attr]


@dataclass(frozen=True)
class Geography:
    """A programme's local area (areas of its own, or postcode districts) and its wider region.

    For the UK a place entry is a district ("B9") or a postcode area ("B"); elsewhere a postcode prefix
    ("480" for Bilbao's 48001 to 48015).
    """

    country: str
    local_areas: frozenset[int] = frozenset()
    local_districts: frozenset[str] = frozenset()
    region_districts: frozenset[str] = frozenset()

    def _within(self, district: str, places: frozenset[str]) -> bool:
        if self.country.upper() == "GB":
            return district in places or _postcode_area(district) in places
        return any(district.startswith(place) for place in places)

    def locate(self, district: str, area: int | None = None) -> Locality:
        if (area is not None and area in self.local_areas) or (
            district and self._within(district, self.local_districts)
        ):
            return Locality.LOCAL
        if not district:
            return Locality.UNKNOWN
        if self._within(district, self.region_districts):
            return Locality.REGION
        return Locality.ELSEWHERE


def shares(amounts: Iterable[tuple[Locality, Decimal]]) -> dict[Locality, Decimal]:
    """Each locality's share of the total, 0 to 1 (all zero when nothing was spent)."""
    totals = {locality: Decimal(0) for locality in Locality}
    for locality, amount in amounts:
        totals[locality] += amount
    whole = sum(totals.values(), Decimal(0))
    return {locality: (value / whole if whole else Decimal(0)) for locality, value in totals.items()}


@dataclass(frozen=True)
class ShareShift:
    """What moving the local share of a year's spend by some points is worth."""

    points: Decimal
    spend: Decimal
    more_spent_locally: Decimal  # points% of the spend, now with local suppliers
    respent_locally: Decimal  # what those suppliers re-spend locally at the measured rate

    @property
    def total(self) -> Decimal:
        return self.more_spent_locally + self.respent_locally


def share_shift(spend: Decimal, points: Decimal, respend_rate: Decimal = Decimal(0)) -> ShareShift:
    """Moving `points` percentage points of `spend` to local suppliers, who re-spend `respend_rate` of it
    locally (the LM3 supplier rate; nothing when unknown)."""
    if spend < 0:
        raise ValueError("the spend cannot be negative")
    if not Decimal(-100) <= points <= Decimal(100):
        raise ValueError("a share moves by at most 100 points")
    if not Decimal(0) <= respend_rate <= Decimal(1):
        raise ValueError("the re-spend rate must be between 0 and 1")
    moved = spend * points / Decimal(100)
    return ShareShift(points, spend, moved, moved * respend_rate)
