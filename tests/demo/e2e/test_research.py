"""Filling a survey in the browser with ODK Web Forms: a response filled while the network is cut waits in
the outbox and is sent once when the network is back; a response whose answer was lost on the way is sent
again and still counted once."""

from __future__ import annotations

from typing import Any

import pytest

from assetlink.research.models import Source, Submission, Survey
from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

READY = "html[data-collect-ready='true']"


def _fill_in(page: Any, area: str, idea: str) -> None:
    page.locator("input[type=checkbox]").first.check()
    page.get_by_text(area, exact=True).click()
    # PrimeVue's number input takes keystrokes, not a pasted value, and commits it when left.
    page.locator("input[role=spinbutton]").press_sequentially("34")
    page.keyboard.press("Tab")
    page.locator("label.value-option", has_text="Paid work").click()
    page.locator("input.p-inputtext:not(.p-inputnumber-input)").last.fill(idea)
    page.get_by_role("button", name="Send", exact=True).click()


def _waiting(page: Any, count: int) -> None:
    page.wait_for_selector(f"#collect[data-waiting='{count}']", state="attached", timeout=30000)


def test_a_response_filled_offline_is_sent_once_when_the_network_is_back(session: Session) -> None:
    survey = Survey.objects.select_related("project").get(
        programme__slug="birmingham-sandwell", project__status="fieldwork"
    )
    area = survey.project.areas.get().name
    received = Submission.objects.filter(survey=survey)
    before = received.count()
    session.sign_in("researcher.birmingham@example.org")
    session.open(PROGRAMME + f"research/surveys/{survey.pk}/")
    page = session.page
    page.get_by_role("link", name="Fill in a response in the browser").click()
    page.wait_for_selector(READY, state="attached", timeout=60000)
    session.check_accessibility()

    session.context.set_offline(True)
    _fill_in(page, area, "A tool library in the old bank")
    _waiting(page, 1)
    assert "waiting on this device to be sent: 1" in page.inner_text("#collect-status")
    assert received.count() == before

    session.context.set_offline(False)
    _waiting(page, 0)
    assert received.count() == before + 1
    sent = received.order_by("-pk").first()
    assert sent is not None
    assert sent.source == Source.BROWSER
    assert sent.researcher.user.email == "researcher.birmingham@example.org"
    assert sent.answers["idea"] == "A tool library in the old bank"
    assert sent.area is not None and sent.area.name == area

    # The server takes the next response, but its answer never reaches the browser, which keeps it.
    def taken_but_lost(route: Any) -> None:
        route.fetch()
        route.abort("connectionreset")

    page.route("**/fill/submission", taken_but_lost)
    _fill_in(page, area, "Sewing repairs at the market")
    _waiting(page, 1)
    assert received.count() == before + 2
    page.unroute("**/fill/submission")
    page.get_by_role("button", name="Send waiting responses now").click()
    _waiting(page, 0)
    assert received.count() == before + 2
    assert received.filter(answers__idea="Sewing repairs at the market").count() == 1
    # The browser reported the cut network and the lost answer as failed loads; nothing else went wrong.
    session.console_errors[:] = [e for e in session.console_errors if "Failed to load resource" not in e]
    session.check_accessibility()
