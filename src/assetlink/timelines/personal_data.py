"""What timelines keep about a person, for the person's data download and for erasure: the notes on the
person's timeline, blanked on erasure (tasks and their dates stay, as the work done)."""

from __future__ import annotations

from typing import Any

from assetlink.people.models import Person
from assetlink.people.personal_data import ERASED, PersonalData, plain, register_personal_data
from assetlink.timelines.models import Note


def _notes(person: Person) -> list[dict[str, Any]]:
    return [
        {"written": plain(note.created_at), "body": note.body}
        for note in Note.objects.filter(subject_type="people.person", subject_id=person.pk)
    ]


def _erase_notes(person: Person) -> None:
    Note.objects.filter(subject_type="people.person", subject_id=person.pk).update(body=ERASED)


def register() -> None:
    register_personal_data(PersonalData("notes", ("timelines.Note",), export=_notes, erase=_erase_notes))
