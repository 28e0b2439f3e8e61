"""Local spend, LM3 and contracts' social value in a real browser: every page passes axe-core, the
stacked chart draws under the CSP, and a supplier sends its own LM3 and quarterly returns."""

from __future__ import annotations

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e


def test_the_programme_team_reads_local_spend_lm3_and_contracts(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "spend/")
    page = session.page
    page.wait_for_function("document.querySelectorAll('figure.chart--live canvas').length === 1")
    main = page.locator("main").inner_text()
    assert "Local share" in main and "What moving the local share is worth" in main
    session.check_accessibility()
    page.fill("#id_points", "10")
    page.click("text=Work it out")
    page.wait_for_load_state()
    assert "Moving 10 points" in page.locator("main").inner_text()
    session.check_accessibility()
    session.open(PROGRAMME + "spend/local-area/")
    session.open(PROGRAMME + "spend/suppliers/review/")
    session.open(PROGRAMME + "spend/lm3/")
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    assert "(R1 + R2 + R3) / R1" in page.locator("main").inner_text()
    session.check_accessibility()
    session.open(PROGRAMME + "results/contracts/")
    assert "Shortfall" in page.locator("main").inner_text()
    page.locator("main h2 a").first.click()
    page.wait_for_load_state()
    session.check_accessibility()


def test_a_supplier_sends_its_lm3_return(session: Session) -> None:
    session.sign_in("enterprise.birmingham@example.org")
    session.open(PROGRAMME + "spend/returns/")
    page = session.page
    form = page.locator("main form").first
    form.locator("input[name$='total_costs']").fill("250000")
    form.locator("input[name$='local_staff']").fill("90000")
    form.locator("input[name$='local_suppliers']").fill("30000")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "your return is saved" in page.locator("body").inner_text()
    session.check_accessibility()
