"""Community research in the browser: a survey filled in with ODK Web Forms while the network is cut waits
in the outbox and is sent once when the network is back (a response whose answer was lost on the way is
sent again and still counted once); a researcher follows the evidence from a plan to a response and back,
codes a passage by selecting it and counts a cross-tab; the admin accepts a proposed asset into the
register. axe-core checks every page on the way."""

from __future__ import annotations

from typing import Any

import pytest

from assetlink.research.models import (
    AssetProposal,
    Document,
    Finding,
    Plan,
    Project,
    Source,
    Submission,
    Survey,
)
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


GRACE = "researcher.birmingham@example.org"


def test_a_researcher_follows_the_evidence_from_an_area_plan_to_a_response_and_back(session: Session) -> None:
    finding = (
        Finding.objects.filter(
            project__team__researcher__user__email=GRACE,
            actions__isnull=False,
            excerpts__document__submission__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    assert finding is not None, "the demo has a finding of Grace's with an action resting on it"
    action = finding.actions.select_related("plan").first()
    session.sign_in(GRACE)
    page = session.page
    session.open(PROGRAMME + "research/plans/")
    page.get_by_role("link", name=action.plan.title).click()
    session.check_accessibility()
    page.locator(f"#action-{action.pk}").get_by_role("link", name=finding.title).click()
    session.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == finding.title
    # From the finding to a cross-tab it cites and back.
    table = finding.tables.first()
    page.get_by_role("link", name=table.title).click()
    session.check_accessibility()
    assert page.locator("table caption").first.is_visible()
    page.get_by_role("link", name=finding.title).click()
    # From the finding to the response an excerpt comes from, and from the response back to the plan.
    page.get_by_role("link", name="the response").first.click()
    session.check_accessibility()
    page.locator(f"a[href$='#action-{action.pk}']").first.click()
    session.check_accessibility()
    assert page.url.endswith(f"/research/plans/{action.plan_id}/#action-{action.pk}")


def test_a_researcher_codes_a_passage_by_selecting_it_and_counts_a_cross_tab(session: Session) -> None:
    document = (
        Document.objects.filter(project__team__researcher__user__email=GRACE, kind="transcript")
        .order_by("pk")
        .first()
    )
    assert document is not None
    before = document.excerpts.count()
    session.sign_in(GRACE)
    page = session.page
    session.open(PROGRAMME + f"research/projects/{document.project_id}/coding/")
    page.get_by_role("link", name=document.title).click()
    session.check_accessibility()
    words = "The church hall is always booked"
    # Select the words in the text as a coder does with the mouse.
    page.evaluate(
        """(words) => {
            const text = document.getElementById('document-text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + words.length);
                    const selection = document.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
        }""",
        words,
    )
    page.wait_for_function("() => document.querySelector('[name=quote]').value.length > 0")
    assert page.input_value("[name=quote]") == words
    page.get_by_label("Space").check()
    page.get_by_role("button", name="Code the passage").click()
    session.check_accessibility()
    assert document.excerpts.count() == before + 1
    coded = document.excerpts.order_by("-pk").first()
    assert coded.text == words and document.text[coded.start : coded.end] == words

    survey = document.project.surveys.get()
    session.open(PROGRAMME + f"research/surveys/{survey.pk}/analysis/")
    page.select_option("#rows", label="What do you need most?")
    page.select_option("#columns", label="Do you have a skill you do not use here?")
    page.get_by_role("button", name="Count", exact=True).click()
    session.check_accessibility()
    assert "What do you need most? by Do you have a skill you do not use here?" in page.inner_text("main")


def test_the_admin_reviews_a_proposed_asset_into_the_register(session: Session) -> None:
    proposal = AssetProposal.objects.filter(status="proposed", kind="community_group").order_by("pk").first()
    assert proposal is not None
    session.sign_in("admin.birmingham@example.org")
    page = session.page
    session.open(PROGRAMME + "research/plans/")
    page.get_by_role("link", name=proposal.name).click()
    session.check_accessibility()
    form = page.locator(f"form[action$='/proposals/{proposal.pk}/decide/']")
    form.get_by_label("Accept into the register").check()
    form.get_by_role("button", name="Record the decision").click()
    session.check_accessibility()
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.organisation is not None
    page.get_by_role("link", name="in the organisation register").first.click()
    session.check_accessibility()
    assert proposal.name in page.inner_text("h1")


def test_the_admins_forms_for_plans_surveys_and_findings_pass_axe_and_keep_what_was_typed(
    session: Session,
) -> None:
    plan = Plan.objects.filter(programme__slug="birmingham-sandwell").order_by("pk").first()
    project = Project.objects.filter(programme__slug="birmingham-sandwell", findings__isnull=False).first()
    assert plan is not None and project is not None
    session.sign_in("admin.birmingham@example.org")
    page = session.page
    session.open(PROGRAMME + f"research/plans/{plan.pk}/")
    session.open(PROGRAMME + "research/skill-pools/")
    assert page.locator("article.proposal").count() >= 1, "the demo has accepted skill pools"
    session.open(PROGRAMME + f"research/projects/{project.pk}/surveys/new/")
    session.open(PROGRAMME + f"research/projects/{project.pk}/")
    # A finding without its summary comes back with what was typed and says what is missing.
    form = page.locator("form[action$='/findings/']")
    form.get_by_label("Title").fill("Childminders wanted")
    session.submit_expecting_refusal(form.get_by_role("button", name="Record the finding"))
    assert page.input_value("[name=title]") == "Childminders wanted"
    assert "There is a problem" in page.inner_text("main")


def test_the_admin_corrects_a_misheard_age_and_the_review_log_keeps_what_it_was(session: Session) -> None:
    response = (
        Submission.objects.filter(
            survey__programme__slug="birmingham-sandwell", withdrawn_at__isnull=True, documents__isnull=True
        )
        .order_by("pk")
        .first()
    )
    assert response is not None
    age = response.answers["age"]
    session.sign_in("admin.birmingham@example.org")
    page = session.page
    session.open(PROGRAMME + f"research/responses/{response.pk}/")
    page.get_by_role("link", name="Correct the answers").click()
    session.check_accessibility()
    assert page.input_value("[name$='__age']") == age
    page.fill("[name$='__age']", "sixty")
    page.fill("[name=reason]", "The respondent rang back: the age was misheard.")
    session.submit_expecting_refusal(page.get_by_role("button", name="Save the corrected answers"))
    assert page.input_value("[name$='__age']") == "sixty"
    assert "Write a whole number." in page.inner_text("main")
    page.fill("[name$='__age']", "61")
    page.get_by_role("button", name="Save the corrected answers").click()
    page.wait_for_url(f"**/research/responses/{response.pk}/")
    session.check_accessibility()
    assert f"“{age}” became “61”" in page.locator(".timeline").inner_text()
