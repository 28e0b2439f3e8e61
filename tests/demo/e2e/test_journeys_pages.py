"""Browser journeys of referrals, pathways, support programmes, timelines and the ledger: the receiving
partner answers a referral and sees only the consented parts, the nurses' funnel, a cohort, a note on a
timeline, and every page passes axe-core."""

from __future__ import annotations

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e


def _links(session: Session, selector: str) -> list[str]:
    return session.page.locator(selector).evaluate_all("links => links.map(a => a.pathname)")


def test_the_hospital_answers_a_referral_and_sees_only_the_consented_parts(session: Session) -> None:
    session.sign_in("recruitment.birmingham@example.org")
    session.open(PROGRAMME + "journeys/referrals/?status=sent")
    referrals = _links(session, "table tbody a")
    assert referrals, "the demo has referrals awaiting the hospital's answer"
    session.open(referrals[0])
    page = session.page
    assert "Only the parts of the record the person agreed" in page.content()
    assert page.locator("text=Open the whole record").count() == 0
    page.check("input[name=answer-decision][value=accept]")
    page.locator("button", has_text="Send the answer").click()
    page.wait_for_load_state()
    session.check_accessibility()
    assert "Your answer has been sent" in page.locator(".messages").inner_text()
    assert "Close the loop" in page.content()


def test_pathways_funnel_cohorts_ledger_and_my_work_are_accessible(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "journeys/pathways/")
    pathways = dict(
        zip(
            session.page.locator("table a").all_inner_texts(),
            _links(session, "table a"),
            strict=True,
        )
    )
    session.open(pathways["Overseas nurse (UK, NMC)"])
    assert session.page.locator("#funnel tbody tr").count() == 5
    # The demo's nurses are on this pathway: the page lists them, and each links to the person's pathways.
    people = _links(session, "table:not(#funnel) tbody a")
    assert people, "the pathway lists no one on it"
    session.open(people[0])
    session.open(PROGRAMME + "journeys/support/")
    session.open(_links(session, "h2 a")[0])
    cohorts = _links(session, "#cohorts-title ~ ul a")
    session.open(cohorts[0])
    session.open(PROGRAMME + "ledger/")
    session.open(_links(session, "table tbody a")[0])
    session.open(PROGRAMME + "ledger/record/")
    session.submit_expecting_refusal(session.page.locator("button", has_text="Add to the ledger"))
    session.open(PROGRAMME + "journeys/my-work/")
    session.open(PROGRAMME + "journeys/services/")


def test_a_caseworker_writes_a_task_on_a_persons_timeline(session: Session) -> None:
    session.sign_in("caseworker.birmingham@example.org")
    session.open(PROGRAMME + "people/")
    session.open(_links(session, "#results tbody a")[0])
    page = session.page
    page.locator("#timeline summary", has_text="Add a note or a task").click()
    page.fill("textarea[name=note-body]", "Book the OSCE mock exam")
    page.locator("#timeline button", has_text="Add to the timeline").click()
    page.wait_for_load_state()
    session.check_accessibility()
    assert "Book the OSCE mock exam" in page.locator("#timeline").inner_text()
    refer = page.locator("a", has_text="Refer to a partner")
    assert refer.count() == 1
    session.open(refer.evaluate("a => a.pathname"))
    session.submit_expecting_refusal(page.locator("button", has_text="Send the referral"))
