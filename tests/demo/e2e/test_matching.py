"""Browser journeys of matching: a caseworker works a person's matches, a participant reads theirs, and
every matching page (overview, candidates, consortia, providers, an organisation's matches,
notifications) passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e


def _first_href(session: Session, selector: str) -> str:
    return session.page.locator(selector).first.evaluate("a => a.pathname")


def _person_with_matches(session: Session) -> str:
    """The matches page of the first listed person who has a match to act on."""
    session.open(PROGRAMME + "people/")
    for href in session.page.locator("#results tbody a").evaluate_all("links => links.map(a => a.pathname)"):
        person_id = re.search(r"/people/(\d+)/", href).group(1)
        path = f"{PROGRAMME}matching/people/{person_id}/"
        session.page.goto(session.base + path)
        if session.page.locator("article.match form button", has_text="Shortlist").count():
            session.check_accessibility()
            return path
    raise AssertionError("no person with a match to shortlist")


def test_caseworker_shortlists_and_dismisses_matches_with_a_reason(session: Session) -> None:
    session.sign_in("caseworker.birmingham@example.org")
    path = _person_with_matches(session)
    page = session.page
    first = page.locator("article.match").first
    first.locator("button", has_text="Shortlist").click()
    page.wait_for_load_state()
    session.check_accessibility()
    assert "is now Shortlisted" in page.locator(".messages").inner_text()
    second = page.locator("article.match").nth(1)
    second.locator("summary", has_text="Dismiss").click()
    second.locator("input[name=reason]").fill("Prefers night shifts elsewhere")
    second.locator("form button", has_text="Dismiss").click()
    page.wait_for_load_state()
    session.check_accessibility()
    assert "Dismissed: Prefers night shifts elsewhere" in page.content()
    assert page.url.endswith(path)


def test_participant_reads_own_matches_and_notifications(session: Session) -> None:
    session.sign_in("participant.birmingham@example.org")
    session.open(PROGRAMME)
    assert "My matches" in session.navigation()
    session.page.click(".programme-nav a:text('My matches')")
    session.page.wait_for_load_state()
    session.check_accessibility()
    assert session.page.locator("h1").inner_text() == "Your matches"
    # Spoken to in the first person, never about themself in the third.
    assert "You " in session.page.locator("article.match").first.inner_text()
    session.open("/account/notifications/")


def test_every_matching_page_is_accessible(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "matching/")
    assert "Fairness report" in session.page.content()
    session.open(PROGRAMME + "opportunities/?kind=job&status=open")
    session.open(_first_href(session, "#results tbody a"))
    session.page.click("main a:text('Matched candidates')")
    session.page.wait_for_load_state()
    session.check_accessibility()
    session.open(PROGRAMME + "opportunities/?kind=contract&status=open")
    session.open(_first_href(session, "#results tbody a"))
    session.page.click("main a:text('Suppliers and consortia')")
    session.page.wait_for_load_state()
    session.check_accessibility()
    session.open(PROGRAMME + "organisations/")
    organisation = re.search(r"/organisations/(\d+)/", _first_href(session, "#results tbody a")).group(1)
    session.open(f"{PROGRAMME}matching/organisations/{organisation}/")
    bilbao = Session(session.page.context.browser, session.base)
    try:
        bilbao.sign_in("admin.bilbao@example.org")
        bilbao.open("/p/bilbao/opportunities/?kind=challenge&status=open")
        bilbao.open(_first_href(bilbao, "#results tbody a"))
        bilbao.page.click("main a:text('Providers and collaborations')")
        bilbao.page.wait_for_load_state()
        bilbao.check_accessibility()
    finally:
        bilbao.close()
