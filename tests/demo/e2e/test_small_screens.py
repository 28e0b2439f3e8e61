"""At 320 px wide: the menu folds behind its button, and no page of a role's navigation scrolls sideways
(wide tables scroll inside their own region)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize(
    ("email", "home"),
    [
        ("admin.birmingham@example.org", PROGRAMME),
        ("caseworker.birmingham@example.org", PROGRAMME),
        ("recruitment.birmingham@example.org", PROGRAMME),
        ("enterprise.birmingham@example.org", PROGRAMME),
        ("participant.birmingham@example.org", PROGRAMME),
        ("researcher.birmingham@example.org", PROGRAMME),
        ("broker.bilbao@example.org", "/p/bilbao/"),
    ],
)
def test_no_page_of_the_navigation_scrolls_sideways_at_320_px(
    session: Session, email: str, home: str
) -> None:
    session.sign_in(email)
    page: Any = session.page
    session.open(home)
    hrefs = page.locator(".programme-nav a").evaluate_all("links => links.map(a => a.pathname)")
    page.set_viewport_size({"width": 320, "height": 720})
    wide = []
    for href in [home, *hrefs]:
        session.open(href)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate(SIDEWAYS)
        if overflow > 0:
            wide.append(f"{href}: {overflow} px")
    assert wide == []


def test_the_menu_folds_behind_its_button_on_a_small_screen(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    page: Any = session.page
    page.set_viewport_size({"width": 320, "height": 720})
    session.open(PROGRAMME)
    toggle = page.locator(".menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".programme-nav").is_visible()
    # The content starts near the top, not below a screenful of menu.
    assert page.locator("main h1").bounding_box()["y"] < 200
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator(".programme-nav").is_visible()
    session.check_accessibility()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not toggle.is_visible() and page.locator(".programme-nav").is_visible()
