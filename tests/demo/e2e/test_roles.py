"""Each role reaches its main task from its home in at most three clicks, in a real browser, with every
page it passes checked by axe-core: the caseworker refers a matched person, the recruiter answers a
referral, the participant sees their next step, the enterprise member opens a matched contract, the
programme admin opens an overdue item and the broker introduces a provider to a challenge."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

BILBAO = "/p/bilbao/"


class Clicks:
    """Counts the clicks a journey takes, each one followed by the page it loads and an axe-core check."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.count = 0

    def click(self, locator: Any) -> None:
        locator.click()
        self.session.page.wait_for_load_state()
        self.session.check_accessibility()
        self.count += 1


def _home(session: Session, email: str, home: str = PROGRAMME) -> Clicks:
    session.sign_in(email)
    session.open(home)
    return Clicks(session)


def _section(session: Session, key: str) -> Any:
    return session.page.locator(f"section[aria-labelledby='home-{key}']")


def test_caseworker_refers_a_matched_person_from_home(session: Session) -> None:
    clicks = _home(session, "caseworker.birmingham@example.org")
    page = session.page
    strong = _section(session, "strong_matches").locator("li a")
    assert strong.count() > 0, "the demo's caseworker has strong new matches to review"
    # The first strong match whose person shares their record with the employer (one the caseworker may refer).
    handle = strong.first.evaluate("a => a.hash").removeprefix("#match-")
    clicks.click(strong.first)
    card = page.locator(f"article#match-{handle}, article[aria-labelledby='match-{handle}']")
    assert card.count() == 1 and card.locator("a", has_text="Refer").count() == 1
    clicks.click(card.locator("a", has_text="Refer"))
    assert "Refer a matched person" in page.locator("h1").inner_text()
    page.fill("textarea[name=note]", "Available from January; has her IELTS result")
    clicks.click(page.locator("button", has_text="Send the referral"))
    assert clicks.count <= 3
    assert "is sent to" in page.locator(".messages").inner_text()
    assert re.search(r"/journeys/referrals/\d+/$", page.url), page.url
    assert "Available from January" in page.content()


def test_recruiter_answers_a_referral_from_home(session: Session) -> None:
    clicks = _home(session, "recruitment.birmingham@example.org")
    page = session.page
    clicks.click(_section(session, "waiting_referrals").locator("li a").first)
    page.check("input[name=answer-decision][value=accept]")
    clicks.click(page.locator("button", has_text="Send the answer"))
    assert clicks.count <= 3
    assert "Your answer has been sent" in page.locator(".messages").inner_text()


def test_participant_sees_their_next_step_at_home(session: Session) -> None:
    clicks = _home(session, "participant.birmingham@example.org")
    steps = _section(session, "next_steps")
    assert "Your next step:" in steps.inner_text()
    clicks.click(steps.locator("li a").first)
    assert clicks.count <= 3
    assert "GMC" in session.page.content() or "PLAB" in session.page.content()


def test_enterprise_member_opens_a_matched_contract_from_home(session: Session) -> None:
    clicks = _home(session, "enterprise.birmingham@example.org")
    matched = _section(session, "organisation_matches").locator("li a")
    assert matched.count() > 0, "the demo's social enterprise has contracts matched to it"
    title = matched.first.inner_text()
    clicks.click(matched.first)
    assert clicks.count <= 3
    assert session.page.locator("h1").inner_text() == title
    assert "catering" in title.lower()


def test_programme_admin_opens_an_overdue_referral_from_home(session: Session) -> None:
    clicks = _home(session, "admin.birmingham@example.org")
    overdue = _section(session, "overdue_referrals").locator("li a")
    assert overdue.count() > 0
    clicks.click(overdue.first)
    assert clicks.count <= 3
    assert re.search(r"/journeys/referrals/\d+/$", session.page.url)
    assert "overdue" in session.page.content().lower()


def test_broker_introduces_a_provider_to_a_challenge_from_home(session: Session) -> None:
    clicks = _home(session, "broker.bilbao@example.org", BILBAO)
    page = session.page
    clicks.click(_section(session, "challenges_to_broker").locator("li a").first)
    assert page.locator("h1").inner_text().startswith("Providers for")
    # Needs read as words, not bare codes.
    assert not re.search(r"<th scope=\"col\">\d{8}-\d</th>", page.content())
    clicks.click(page.locator("table a.button", has_text="Introduce").first)
    page.fill("textarea[name=note]", "Both of you work on press data: please meet before the 15th")
    clicks.click(page.locator("button", has_text="Introduce them"))
    assert clicks.count <= 3
    assert "both organisations were told" in page.locator(".messages").inner_text()
    assert page.locator("td", has_text="Introduced").count() >= 1


def test_the_operator_reads_the_platforms_health_and_no_ones_record(session: Session) -> None:
    session.sign_in("operator@example.org")
    session.open("/operator/")
    page = session.page
    assert page.locator("h2#health").count() == 1
    table = page.locator("table", has=page.locator("caption", has_text="Programmes, with how many members"))
    assert (
        table.locator("tbody tr").count() == 3
    )  # Birmingham, Bilbao and Maribor (which adopted USE-IT!), counted
    assert "Samira Haddad" not in page.content() and "birmingham@example.org" not in page.content()
