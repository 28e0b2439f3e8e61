"""Browser journeys of the register: registering a person with consent, the ESCO autocomplete by
keyboard, and an import whose errors are listed — each page checked with axe-core."""

from __future__ import annotations

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e


def test_caseworker_registers_a_person_and_adds_a_skill_by_keyboard(session: Session) -> None:
    session.sign_in("caseworker.birmingham@example.org")
    session.open(PROGRAMME + "people/new/")
    page = session.page
    page.fill("#id_profile-given_name", "Ifeoma")
    page.fill("#id_profile-family_name", "Browserova")
    page.fill("#id_profile-email", "ifeoma@example.org")
    page.check("#id_consent-matching")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Ifeoma Browserova" in page.locator("h1").inner_text()
    session.check_accessibility()

    page.click("#skills summary")
    box = page.locator("#id_skills-skill")
    box.press_sequentially("pharmacolo", delay=30)
    page.wait_for_selector("#id_skills-skill_listbox [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    session.check_accessibility()  # with the suggestions open
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")
    box.press("Enter")
    assert page.input_value("input[name='skills-skill_uri']").startswith("http://data.europa.eu/esco/skill/")
    page.locator("#skills form button[type=submit]").click()
    page.wait_for_load_state()
    assert "pharmacology" in page.locator("#skills .item-list").inner_text()
    session.check_accessibility()


def test_an_import_with_a_bad_row_lists_it_and_writes_nothing(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "areas/")
    areas_before = session.page.locator("caption").inner_text()
    session.open(PROGRAMME + "imports/")
    rows = "code,name,deprivation_decile,latitude,longitude\nX1,One,1,52.5,-1.9\nX2,Two,12,52.5,-1.9\n"
    session.page.select_option("#id_kind", "areas")
    session.page.set_input_files(
        "#id_file", files=[{"name": "areas.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    session.page.click("main form button[type=submit]")
    session.page.wait_for_load_state()
    session.check_accessibility()
    # One problem, on the spreadsheet's row 3 (the header is row 1), in the column it names.
    problems = session.page.locator("table").last.locator("tbody tr")
    assert problems.count() == 1
    row, column, _reason = problems.first.locator("td").all_inner_texts()
    assert (row, column) == ("3", "deprivation_decile")
    assert session.page.locator("button", has_text="Import all rows").count() == 0
    # Not even the good row was written.
    session.open(PROGRAMME + "areas/")
    assert session.page.locator("caption").inner_text() == areas_before
    assert "X1" not in session.page.locator("tbody").first.inner_text()


def test_participant_sees_own_profile_and_can_download_it(session: Session) -> None:
    session.sign_in("participant.birmingham@example.org")
    session.open(PROGRAMME + "people/me/")
    assert "Samira Haddad" in session.page.locator("h1").inner_text()
    with session.page.expect_download() as download:
        session.page.click("text=Download all data (JSON)")
    assert download.value.suggested_filename.endswith(".json")


def _first_link(session: Session, selector: str) -> str:
    return session.page.locator(selector).first.evaluate("a => a.pathname")


def test_every_page_of_the_register_is_accessible(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    pages = [
        PROGRAMME + "organisations/",
        PROGRAMME + "organisations/new/",
        PROGRAMME + "opportunities/",
        PROGRAMME + "opportunities/new/job/",
        PROGRAMME + "opportunities/new/contract/",
        PROGRAMME + "opportunities/investments/",
        PROGRAMME + "opportunities/investments/new/",
        PROGRAMME + "areas/spaces/",
        PROGRAMME + "areas/spaces/new/",
        PROGRAMME + "people/",
        PROGRAMME + "people/new/",
        PROGRAMME + "people/erasure-requests/",
        PROGRAMME + "areas/map/",
    ]
    for path in pages:
        session.open(path)
        assert session.page.locator("h1").count() == 1, path
    # detail and edit pages reached from the lists
    for list_path, link in (
        (PROGRAMME + "organisations/", "#results tbody a"),
        (PROGRAMME + "opportunities/?kind=contract&status=open", "#results tbody a"),
        (PROGRAMME + "opportunities/?kind=job", "#results tbody a"),
        (PROGRAMME + "opportunities/investments/", "main tbody a"),
        (PROGRAMME + "areas/spaces/", "main tbody a"),
        (PROGRAMME + "people/", "#results tbody a"),
    ):
        session.open(list_path)
        detail = _first_link(session, link)
        session.open(detail)
        for suffix in ("edit/", "erase/"):
            if session.page.locator(f"a[href='{detail}{suffix}']").count():
                session.open(detail + suffix)
    # the public pages, without signing in
    public = Session(session.page.context.browser, session.base)
    try:
        public.open("/open/birmingham-sandwell/")
        public.open(_first_link(public, ".card-list a"))
        public.open(PROGRAMME + "join/")
        page = public.page
        page.fill("#id_given_name", "Nour")
        page.fill("#id_email", "nour.browser@example.org")
        page.fill("#id_password", "a-long-and-unusual-passphrase")
        page.check("#id_agree_record")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Check your e-mail"
        public.check_accessibility()
    finally:
        public.close()
