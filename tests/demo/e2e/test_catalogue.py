"""The good-practice catalogue in the browser: a visitor searches in their language, filters, opens a
practice with its live results, a network and the conference; an editor opens the editing pages. Every
page passes axe-core, loads nothing from elsewhere and needs no JavaScript to work."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing

from assetlink.accounts.models import User
from assetlink.catalogue.models import Subscription
from assetlink.catalogue.services import CONFIRM_SALT
from assetlink.programmes.models import Membership, Programme, Role
from tests.demo.e2e.browser import Session

pytestmark = pytest.mark.e2e


def test_a_visitor_finds_a_practice_and_follows_it_to_its_network_and_events(session: Session) -> None:
    page = session.page
    session.open("/practices/")
    page.get_by_label("Words").fill("digitalización")
    page.get_by_role("button", name="Search").click()
    session.check_accessibility()
    assert "1 practice found" in page.inner_text("main")
    page.get_by_role("link", name="AS-Fabrik: manufacturing and advanced services transform together").click()
    session.check_accessibility()
    assert "Live results from" in page.inner_text("main")
    session.open("/practices/?theme=jobs-and-skills&size=metropolitan")
    assert "1 practice found" in page.inner_text("main")
    page.get_by_role(
        "link", name="USE-IT!: unlocking the skills of a neighbourhood for the investment next door"
    ).click()
    session.check_accessibility()
    session.open("/practices/networks/gen-y-city/")
    session.open("/practices/events/civic-ecosystems-ljubljana-2022/")
    assert "Transferring a practice: understand, adapt, re-use" in page.inner_text("main")
    session.open("/practices/subscribe/")


def test_the_catalogue_reads_in_slovenian_and_an_editor_opens_the_editing_pages(session: Session) -> None:
    page = session.page
    session.open("/practices/use-it-birmingham/")
    page.select_option("select[name=language]", "sl")
    page.locator("form.language-switcher button").click()
    session.check_accessibility()
    assert "USE-IT!: sprostitev znanj soseske" in page.inner_text("h1")
    page.select_option("select[name=language]", "en")
    page.locator("form.language-switcher button").click()
    session.sign_in("editor.catalogue@example.org")
    session.open("/practices/edit/")
    session.open("/practices/edit/new/")
    session.open("/practices/edit/import/")
    session.open("/practices/edit/networks/gen-y-city/")
    session.open("/practices/edit/themes/")
    session.open("/practices/edit/themes/jobs-and-skills/")
    session.open("/practices/edit/events/civic-ecosystems-ljubljana-2022/")
    page.get_by_role("link", name="Who registered").click()
    page.wait_for_url("**/registrations/")
    session.check_accessibility()
    assert "7 of 120 places taken, 0 waiting." in page.inner_text("main")
    page.get_by_role("button", name="Cancel Maja Kovač's registration").click()
    page.get_by_text("Maja Kovač's registration is cancelled").wait_for()
    session.check_accessibility()
    assert "6 of 120 places taken" in page.inner_text("main")
    session.context.clear_cookies()
    session.sign_in("reviewer.catalogue@example.org")
    session.open("/practices/edit/use-it-birmingham/")
    assert "Template for adopting cities" in page.inner_text("main")


def test_the_adopting_city_reads_its_transfer_plan_and_reviews_the_template(session: Session) -> None:
    session.sign_in("admin.maribor@example.org")
    session.open("/p/use-it-maribor/transfer/")
    assert "Results beside the original's" in session.page.inner_text("main")
    assert "Transfer plan" in session.navigation()
    assert "Team: Community researcher" in session.page.inner_text("main")
    session.open("/practices/use-it-birmingham/adopt/")
    # A second, empty programme of the same admin: the template beside it, element by element.
    empty = Programme.objects.create(
        slug="use-it-ptuj",
        name="USE-IT! Ptuj",
        city="Ptuj",
        country="SI",
        languages=["sl"],
        currency="EUR",
        starts_on=datetime.date(2026, 6, 1),
    )
    Membership.objects.create(
        programme=empty, user=User.objects.get(email="admin.maribor@example.org"), role=Role.PROGRAMME_ADMIN
    )
    session.open(
        f"/practices/use-it-birmingham/adopt/?programme={empty.pk}&city_population=17000&lead_organisation=Ptuj"
    )
    assert "Beside the original" in session.page.inner_text("main")
    token = signing.dumps(
        Subscription.objects.create(email="x@example.org", email_index="x").pk, salt=CONFIRM_SALT
    )
    session.open(f"/practices/subscribe/{token}/confirm/")
