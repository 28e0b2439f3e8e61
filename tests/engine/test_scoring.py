"""Person ↔ opportunity: eligibility from hard requirements, pathways in order, explained soft score."""

import datetime

from assetlink.engine.scoring import (
    CredentialNeed,
    Eligibility,
    HeldCredential,
    HeldOccupation,
    Matcher,
    OpportunityProfile,
    PersonProfile,
)
from tests.engine.conftest import OCCUPATION, SKILL

NURSE = OCCUPATION + "nurse-responsible-for-general-care"
COOK = OCCUPATION + "cook"
TODAY = datetime.date(2026, 11, 25)

STAFF_NURSE = OpportunityProfile(
    key="job-1",
    occupation=NURSE,
    occupation_label="nurse responsible for general care",
    essential_skills=(
        SKILL + "evidence-based-nursing-care",
        SKILL + "administer-prescribed-medication",
        SKILL + "infection-control",
    ),
    credentials=(
        CredentialNeed("registration", "NMC registration"),
        CredentialNeed("background_check", "Enhanced DBS check"),
    ),
    language="en",
    language_level="C1",
    hours_per_week=37.5,
    location=(52.49, -1.97),
)


def overseas_nurse(
    *credentials: HeldCredential, english: str = "C1", right_to_work: str = "work_visa"
) -> PersonProfile:
    return PersonProfile(
        key="p1",
        skills=(
            SKILL + "plan-nursing-care",
            SKILL + "administer-prescribed-medication",
            SKILL + "infection-control",
        ),
        occupations=(HeldOccupation(NURSE, "nurse responsible for general care", 8, "PH"),),
        aspirations=(NURSE,),
        aspiration_labels=("nurse responsible for general care",),
        languages={"en": english, "tl": "native"},
        credentials=credentials,
        right_to_work=right_to_work,
        hours_per_week=37,
        max_commute_km=10,
        location=(52.50, -1.95),
    )


def test_an_overseas_nurse_without_registration_is_reachable_with_the_nmc_steps_in_order(small_taxonomy):
    matcher = Matcher(small_taxonomy, today=TODAY)
    person = overseas_nurse(
        HeldCredential("language_test", "IELTS Academic", "held", TODAY + datetime.timedelta(days=300)),
        HeldCredential("licensing_exam", "NMC test of competence part 1 (CBT)", "failed"),
    )
    result = matcher.match(person, STAFF_NURSE)
    assert result.eligibility == Eligibility.REACHABLE
    assert [step.code for step in result.pathway] == [
        "nmc_cbt",
        "nmc_osce",
        "nmc_registration",
        "background_check",
        "clinical_placement",
    ]
    registration_gap = next(
        gap for gap in result.gaps if gap.code == "credential" and gap.params["name"] == "NMC registration"
    )
    assert registration_gap.steps == ("nmc_cbt", "nmc_osce", "nmc_registration")
    assert "CBT" in str(registration_gap.params["retake"])
    assert result.template == "uk_nurse"


def test_a_registered_nurse_is_eligible_and_the_explanation_says_why(small_taxonomy):
    person = overseas_nurse(
        HeldCredential("registration", "NMC registration", "held"),
        HeldCredential("background_check", "Enhanced DBS check", "held"),
    )
    result = Matcher(small_taxonomy, today=TODAY).match(person, STAFF_NURSE)
    assert result.eligibility == Eligibility.ELIGIBLE
    assert result.pathway == ()
    codes = [reason.code for reason in result.reasons]
    assert "occupation_same" in codes and "credential_held" in codes and "commute_met" in codes
    # Two of three essential skills held, the third of the same group: credit for a related skill.
    assert any(
        r.code == "skill_related" and r.params["skill"] == "evidence based nursing care"
        for r in result.reasons
    )
    assert 0.7 < result.score <= 1.0
    assert abs(sum(result.components.values()) - result.score) < 1e-3


def test_an_expired_credential_does_not_count(small_taxonomy):
    person = overseas_nurse(
        HeldCredential("registration", "NMC registration", "held", TODAY - datetime.timedelta(days=1)),
        HeldCredential("background_check", "Enhanced DBS check", "held"),
    )
    result = Matcher(small_taxonomy, today=TODAY).match(person, STAFF_NURSE)
    assert result.eligibility == Eligibility.REACHABLE


def test_a_cook_cannot_reach_nursing_registration(small_taxonomy):
    cook = PersonProfile(
        key="p2",
        skills=(SKILL + "cook-fish",),
        occupations=(HeldOccupation(COOK, "cook", 5, "GB"),),
        languages={"en": "native"},
        right_to_work="citizen",
    )
    result = Matcher(small_taxonomy, today=TODAY).match(cook, STAFF_NURSE)
    assert result.eligibility == Eligibility.NOT_ELIGIBLE
    assert any(gap.code == "credential_needs_profession" and not gap.is_closable for gap in result.gaps)
    assert result.score < 0.2


def test_hard_limits_make_a_person_not_eligible(small_taxonomy):
    matcher = Matcher(small_taxonomy, today=TODAY)
    registered = (
        HeldCredential("registration", "NMC registration", "held"),
        HeldCredential("background_check", "Enhanced DBS check", "held"),
    )
    assert (
        matcher.match(overseas_nurse(*registered, right_to_work="none"), STAFF_NURSE).eligibility
        == Eligibility.NOT_ELIGIBLE
    )
    pending = matcher.match(overseas_nurse(*registered, right_to_work="pending"), STAFF_NURSE)
    assert pending.eligibility == Eligibility.REACHABLE
    assert [step.code for step in pending.pathway] == ["right_to_work_check"]
    person = overseas_nurse(*registered)
    moved = PersonProfile(
        key=person.key,
        skills=person.skills,
        occupations=person.occupations,
        languages=person.languages,
        credentials=person.credentials,
        right_to_work=person.right_to_work,
        hours_per_week=16,
        max_commute_km=10,
        location=(53.48, -2.24),  # Manchester, ~110 km away
    )
    result = matcher.match(moved, STAFF_NURSE)
    assert result.eligibility == Eligibility.NOT_ELIGIBLE
    assert {gap.code for gap in result.gaps if not gap.is_closable} == {"commute", "hours"}


def test_language_below_the_level_asked_is_a_gap_closed_by_a_course(small_taxonomy):
    person = overseas_nurse(
        HeldCredential("registration", "NMC registration", "held"),
        HeldCredential("background_check", "Enhanced DBS check", "held"),
        english="B2",
    )
    result = Matcher(small_taxonomy, today=TODAY).match(person, STAFF_NURSE)
    assert result.eligibility == Eligibility.REACHABLE
    assert [step.code for step in result.pathway] == ["language_course"]


def test_a_registration_route_leads_only_to_posts_of_the_same_profession(small_taxonomy):
    matcher = Matcher(small_taxonomy, today=TODAY)
    nurse = overseas_nurse(HeldCredential("language_test", "IELTS Academic", "held"))
    midwife_post = OpportunityProfile(
        key="midwife",
        occupation=OCCUPATION + "midwife",
        occupation_label="midwife",
        credentials=(CredentialNeed("registration", "NMC registration"),),
    )
    result = matcher.match(nurse, midwife_post)
    assert result.eligibility == Eligibility.NOT_ELIGIBLE
    assert [gap.code for gap in result.gaps if gap.is_hard] == ["credential_needs_profession"]
    physiotherapist = PersonProfile(
        key="physio",
        occupations=(HeldOccupation(OCCUPATION + "physiotherapist", "physiotherapist", 6, "IN"),),
        right_to_work="settled",
    )

    def hcpc_post(label: str) -> OpportunityProfile:
        return OpportunityProfile(
            key=label,
            occupation=OCCUPATION + label,
            occupation_label=label,
            credentials=(CredentialNeed("registration", "HCPC registration"),),
        )

    assert matcher.match(physiotherapist, hcpc_post("radiographer")).eligibility == Eligibility.NOT_ELIGIBLE
    own = matcher.match(physiotherapist, hcpc_post("physiotherapist"))
    assert own.eligibility == Eligibility.REACHABLE
    assert [step.code for step in own.pathway] == ["english_test", "hcpc_registration", "clinical_placement"]


def test_credential_names_that_number_their_parts_differently_are_different_credentials():
    from assetlink.engine.pathways import names_match

    assert not names_match("NMC test of competence part 2 (OSCE)", "NMC test of competence part 1 (CBT)")
    assert not names_match("PLAB 1", "PLAB 2")
    assert names_match("NMC test of competence part 1 (CBT)", "NMC Test of Competence Part 1 (CBT)")
    assert names_match("IELTS Academic", "IELTS academic")
    assert names_match("DELE B2", "DELE")


OSCE_COURSE = OpportunityProfile(
    key="course-1",
    kind="training",
    occupation=NURSE,
    occupation_label="nurse responsible for general care",
    leads_to=(CredentialNeed("licensing_exam", "NMC test of competence part 2 (OSCE)"),),
    needs_right_to_work=False,
)


def test_a_course_for_an_exam_already_passed_offers_nothing_new(small_taxonomy):
    matcher = Matcher(small_taxonomy, today=TODAY)
    passed = overseas_nurse(HeldCredential("licensing_exam", "NMC OSCE", "held"))
    result = matcher.match(passed, OSCE_COURSE)
    assert result.offers_nothing_new and result.eligibility == Eligibility.NOT_ELIGIBLE
    # Failed or only booked: the course is still worth suggesting.
    for status in ("failed", "in_progress"):
        pending = overseas_nurse(HeldCredential("licensing_exam", "NMC OSCE", status))
        assert not matcher.match(pending, OSCE_COURSE).offers_nothing_new
    # The CBT (part 1) is a different exam: passing it does not make the OSCE course pointless.
    after_cbt = overseas_nurse(
        HeldCredential("licensing_exam", "NMC test of competence part 1 (CBT)", "held")
    )
    assert not matcher.match(after_cbt, OSCE_COURSE).offers_nothing_new


def test_a_result_carries_its_tie_breakers(small_taxonomy):
    matcher = Matcher(small_taxonomy, today=TODAY)
    registered = overseas_nurse(
        HeldCredential("registration", "NMC registration", "held"),
        HeldCredential("background_check", "Enhanced DBS check", "held"),
    )
    ready = matcher.match(registered, STAFF_NURSE)
    assert ready.steps_to_go == 0
    assert ready.distance_km is not None and 1.0 < ready.distance_km < 2.5
    on_the_way = matcher.match(overseas_nurse(), STAFF_NURSE)
    # Only the required steps count, not the recommended placement.
    assert on_the_way.steps_to_go == sum(1 for step in on_the_way.pathway if not step.recommended_only) > 0
    nowhere = PersonProfile(key="p2", skills=registered.skills)
    assert matcher.match(nowhere, STAFF_NURSE).distance_km is None
