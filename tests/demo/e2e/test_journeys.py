"""Browser journeys on the demo: each role's navigation, language switching, zero axe-core violations."""

from __future__ import annotations

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

NAVIGATION = {
    "admin.birmingham@example.org": [
        "Overview",
        "Opportunities",
        "Investments",
        "Participants",
        "Matching",
        "My work",
        "Referrals",
        "Pathways",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Results",
        "Local spend",
        "Ledger",
        "Organisations",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
        "Imports",
        "People and roles",
        "Audit log",
        "Operator accesses",
        "Settings",
    ],
    "caseworker.birmingham@example.org": [
        "Overview",
        "Opportunities",
        "Investments",
        "Participants",
        "My work",
        "Referrals",
        "Pathways",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Results",
        "Local spend",
        "Ledger",
        "Organisations",
        "Our returns",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
        "Imports",
    ],
    "researcher.birmingham@example.org": [
        "Overview",
        "Opportunities",
        "Investments",
        "Services",
        "Support programmes",
        "Research",
        "Area plans",
        "Organisations",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
        "Work packages",
    ],
    "enterprise.birmingham@example.org": [
        "Overview",
        "Opportunities",
        "Investments",
        "Services",
        "Support programmes",
        "Organisations",
        "Our returns",
        "Partners",
        "Map",
        "Areas",
        "Spaces",
    ],
    "participant.birmingham@example.org": [
        "Overview",
        "Opportunities",
        "Investments",
        "My profile",
        "My matches",
        "Map",
        "Areas",
        "Spaces",
    ],
}


@pytest.mark.parametrize("email", list(NAVIGATION))
def test_each_role_sees_its_navigation_and_every_page_is_accessible(session: Session, email: str) -> None:
    session.sign_in(email)
    assert session.page.url.endswith(PROGRAMME)
    session.check_accessibility()
    assert session.navigation() == NAVIGATION[email]
    for href in session.page.locator(".programme-nav a").evaluate_all("links => links.map(a => a.pathname)"):
        session.open(href)
        assert session.page.locator("h1").count() == 1


def test_switching_language_translates_the_pages(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    for language, partners, heading in [
        ("es", "Socios", "Registro de auditoría"),
        ("sl", "Partnerji", "Revizijska sled"),
    ]:
        session.page.select_option("#language-select", language)
        session.page.click(".language-switcher button")
        session.page.wait_for_load_state()
        assert session.page.locator("html").get_attribute("lang") == language
        assert partners in session.navigation()
        session.open(PROGRAMME + "audit/")
        assert session.page.locator("h1").inner_text() == heading


def test_form_errors_are_summarised_accessibly_and_keep_input(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "partners/new/")
    session.page.fill("#id_organisation_name", "Half Filled Ltd")
    session.page.fill("#id_country", "")
    session.page.click("main button[type=submit]")
    session.page.wait_for_load_state()
    session.check_accessibility()
    assert session.page.locator(".error-summary a[href='#id_country']").count() == 1
    assert session.page.input_value("#id_organisation_name") == "Half Filled Ltd"


def test_the_platform_operator_works_on_the_platform_page_and_reaches_no_programme(session: Session) -> None:
    session.sign_in("operator@example.org")
    page = session.page
    # Asked with the browser's cookies, but not shown: the page is 404 for a superuser without a role.
    assert session.context.request.get(session.base + PROGRAMME + "people/").status == 404
    session.open("/operator/")
    assert "Open an operator access" in page.locator("main").inner_text()
    page.select_option("#id_programme", label="USE-IT! Birmingham & Sandwell (demo)")
    page.fill("#id_reason", "Accessibility check of the read-only banner")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "operator access" in page.locator("main").inner_text()
    session.check_accessibility()
    session.open("/operator/")
    page.get_by_role("button", name="End now").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="End now").count() == 0


def test_link_requests_page_is_accessible(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "organisations/link-requests/")
    assert session.page.locator("h1").inner_text() == "Link requests"
