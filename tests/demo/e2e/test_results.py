"""Results in a real browser: charts drawn by vega-embed under the strict CSP (no eval, no CSP complaint in
the console), the static SVG and tables without JavaScript, and axe-core on every results page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e


def test_the_dashboard_and_equity_charts_draw_live_under_the_csp(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "results/")
    page = session.page
    charts = page.locator("figure.chart")
    assert charts.count() >= 9
    page.wait_for_function("document.querySelectorAll('figure.chart--live canvas').length >= 9")
    session.check_accessibility()
    session.open(PROGRAMME + "results/equity/")
    page.wait_for_function("document.querySelectorAll('figure.chart--live canvas').length === 2")
    assert "per 1,000 residents" in page.locator("main").inner_text()
    session.check_accessibility()
    session.open(PROGRAMME + "results/snapshots/")
    session.open(PROGRAMME + "results/indicators/")
    session.open(PROGRAMME + "results/indicators/new/")
    session.open(PROGRAMME + "results/indicators/people_engaged/targets/")
    session.open(PROGRAMME + "results/report/")
    session.open(PROGRAMME + "results/social-value/")


def test_without_javascript_the_charts_are_static_images_with_their_tables(
    browser: Any, live_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_url + "/accounts/login/")
        page.fill('input[name="login"]', "admin.birmingham@example.org")
        page.fill('input[name="password"]', "assetlink-demo")
        page.press('input[name="password"]', "Enter")
        page.wait_for_load_state()
        page.goto(live_url + PROGRAMME + "results/equity/")
        image = page.locator("figure.chart img.chart__static").first
        assert image.is_visible()
        assert image.get_attribute("src").startswith("data:image/svg+xml;base64,")
        assert page.locator("table caption", has_text="by deprivation decile").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "es", "sl"])
def test_the_public_results_page_is_accessible_and_complete_in_each_language(
    browser: Any, live_url: str, language: str
) -> None:
    from tests.demo.e2e.browser import axe_source

    for scripts in (True, False):
        context = browser.new_context(locale=language, java_script_enabled=scripts)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on(
                "console", lambda message, seen=errors: message.type == "error" and seen.append(message.text)
            )
            page.goto(live_url + "/open/birmingham-sandwell/results/")
            assert page.locator("html").get_attribute("lang") == language
            heading = {"en": "Results of", "es": "Resultados de", "sl": "Rezultati programa"}[language]
            assert page.locator("h1").inner_text().startswith(heading)
            assert {"en": "Open data", "es": "Datos abiertos", "sl": "Odprti podatki"}[
                language
            ] in page.content()
            table = page.locator("table").first.inner_text()
            assert "250" in table  # the practice's target for people referred to the hospital's jobs
            if scripts:
                page.wait_for_function("document.querySelectorAll('figure.chart--live canvas').length === 2")
                page.evaluate(axe_source())
                violations = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)"
                )
                assert violations == []
                assert errors == []
            else:
                assert page.locator("figure.chart img.chart__static").count() == 2
        finally:
            context.close()
