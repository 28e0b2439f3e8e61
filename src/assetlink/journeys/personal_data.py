"""What journeys keep about a person, for the person's data download and for erasure: referrals and
pathways stay as anonymous history (their free text goes); taking part in support programmes stays."""

from __future__ import annotations

from typing import Any

from assetlink.people.models import Person
from assetlink.people.personal_data import PersonalData, plain, register_personal_data


def _referrals(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "to": referral.to_organisation.name,
            "service_or_opportunity": referral.target,
            "reason": referral.reason,
            "status": referral.status,
            "sent_on": plain(referral.sent_on),
            "closed_on": plain(referral.closed_on),
            "result": referral.result,
        }
        for referral in person.referrals.select_related("to_organisation", "service", "opportunity")
    ]


def _erase_referrals(person: Person) -> None:
    person.referrals.update(reason="", decline_reason="", result_note="")


def _pathways(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "pathway": enrolment.template.name,
            "status": enrolment.status,
            "started_on": plain(enrolment.started_on),
            "steps": [
                {
                    "step": progress.step.name,
                    "status": progress.status,
                    "completed_on": plain(progress.completed_on),
                    "evidence": progress.evidence,
                }
                for progress in enrolment.progress.select_related("step").order_by("step__position")
            ],
        }
        for enrolment in person.enrolments.select_related("template")
    ]


def _erase_pathways(person: Person) -> None:
    person.enrolments.update(leaving_reason="")
    for enrolment in person.enrolments.all():
        enrolment.progress.update(evidence="")


def _support_programmes(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "programme": participation.cohort.support.name,
            "cohort": participation.cohort.name,
            "stage": participation.stage.name if participation.stage else None,
            "status": participation.status,
        }
        for participation in person.participations.select_related("cohort__support", "stage")
    ]


def register() -> None:
    register_personal_data(
        PersonalData("referrals", ("journeys.Referral",), export=_referrals, erase=_erase_referrals)
    )
    register_personal_data(
        PersonalData(
            "pathways",
            ("journeys.Enrolment", "journeys.StepProgress"),
            export=_pathways,
            erase=_erase_pathways,
        )
    )
    # Taking part in a cohort stays, anonymous: the programme's figures count it.
    register_personal_data(
        PersonalData("support_programmes", ("journeys.Participation",), export=_support_programmes)
    )
