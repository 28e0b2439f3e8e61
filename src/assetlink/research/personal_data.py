"""What community research keeps about a person: their researcher record, and the responses in which they
are the identified respondent; erasure blanks the one and removes the personal content of the other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assetlink.people.personal_data import ERASED, PersonalData, plain, register_personal_data

if TYPE_CHECKING:
    from assetlink.people.models import Person


def _export(person: Person) -> dict[str, Any]:
    from assetlink.research.models import Researcher, Submission

    return {
        "researcher": [
            {
                "name": researcher.name,
                "accredited_on": plain(researcher.accredited_on),
                "accreditation_expires_on": plain(researcher.accreditation_expires_on),
                "projects": [
                    member.project.title for member in researcher.projects.select_related("project")
                ],
                "payments": [
                    {
                        "amount": plain(p.amount),
                        "currency": p.currency,
                        "paid_on": plain(p.paid_on),
                        "kind": p.kind,
                    }
                    for p in researcher.payments.all()
                ],
            }
            for researcher in Researcher.objects.filter(person=person)
        ],
        "responses": [
            {"survey": s.survey.title, "received_at": plain(s.received_at), "answers": s.answers}
            for s in Submission.objects.filter(respondent=person).select_related("survey")
        ],
    }


def _erase(person: Person) -> None:
    from assetlink.research.models import Researcher, Submission
    from assetlink.research.services import remove_personal_content

    Researcher.objects.filter(person=person).update(name=ERASED, person=None, user=None, is_active=False)
    for submission in Submission.objects.filter(respondent=person):
        remove_personal_content(submission)


def register() -> None:
    register_personal_data(
        PersonalData(
            "community_research",
            ("research.Researcher", "research.Submission"),
            export=_export,
            erase=_erase,
        )
    )
