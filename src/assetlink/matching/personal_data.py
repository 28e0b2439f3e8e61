"""What matching keeps about a person: matches, derived from the profile, go with an erasure (a
referral's ledger entry stays). They are not part of the data download (they are recomputed views)."""

from __future__ import annotations

from assetlink.people.models import Person
from assetlink.people.personal_data import PersonalData, register_personal_data


def _erase_matches(person: Person) -> None:
    person.matches.all().delete()


def register() -> None:
    register_personal_data(PersonalData("matches", ("matching.Match",), erase=_erase_matches))
