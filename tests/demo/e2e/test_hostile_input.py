"""Markup typed as a name stays text in the browser: planted in an organisation's and an area's name,
then every tooltip of the map opened — nothing is parsed as HTML, and the pages stay accessible."""

from __future__ import annotations

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

ORGANISATION_NAME = '<img src="/static/web/favicon.svg" id="planted-organisation"> Ladypool Collective'
AREA_NAME = "<b id=planted-area>Planted</b> ward"


def test_names_with_markup_are_text_on_the_map(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    page = session.page
    # An area through the import, with coordinates so that it is drawn.
    session.open(PROGRAMME + "imports/")
    rows = f'code,name,latitude,longitude\nXSS1,"{AREA_NAME}",52.4862,-1.8904\n'
    page.select_option("#id_kind", "areas")
    page.set_input_files(
        "#id_file", files=[{"name": "a.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("main form button[type=submit]")  # import the checked file
    page.wait_for_load_state()
    # An organisation in that area, through the register's form.
    session.open(PROGRAMME + "organisations/new/")
    page.fill("#id_name", ORGANISATION_NAME)
    page.select_option("#id_kind", "community_group")
    page.select_option("#id_area", label=f"{AREA_NAME} (XSS1)")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("<img")
    assert page.locator("#planted-organisation").count() == 0

    session.open(PROGRAMME + "areas/map/")
    page.wait_for_selector(".leaflet-interactive")
    opened = page.evaluate(
        """() => {
            const shapes = document.querySelectorAll(".leaflet-interactive");
            shapes.forEach(shape => {
                shape.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
                shape.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
            });
            return shapes.length;
        }"""
    )
    assert opened > 2
    # Hover the planted ones for good: their tooltips show the markup as text.
    texts = page.evaluate(
        """() => {
            const texts = [];
            document.querySelectorAll(".leaflet-interactive").forEach(shape => {
                shape.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
                document.querySelectorAll(".leaflet-tooltip").forEach(tip => texts.push(tip.textContent));
                shape.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
            });
            return texts;
        }"""
    )
    # Zoomed all the way in, every cluster lists its records in a popup: open each one.
    zoom_in = page.locator(".leaflet-control-zoom-in")
    for _ in range(25):
        if zoom_in.get_attribute("aria-disabled") == "true":
            break
        zoom_in.click()
        page.wait_for_timeout(400)  # the zoom's animation
    texts += page.evaluate(
        """() => {
            const texts = [];
            document.querySelectorAll(".leaflet-marker-icon").forEach(icon => {
                icon.dispatchEvent(new MouseEvent("click", {bubbles: true}));
                document.querySelectorAll(".leaflet-popup-content").forEach(p => texts.push(p.textContent));
            });
            return texts;
        }"""
    )
    assert any(ORGANISATION_NAME in text for text in texts), texts[:5]
    assert any(AREA_NAME in text for text in texts)
    assert page.locator("#planted-organisation, #planted-area").count() == 0
    assert page.locator(".leaflet-tooltip-pane img, .leaflet-tooltip-pane b").count() == 0
    assert page.locator(".leaflet-popup-pane img, .leaflet-popup-pane b").count() == 0
    session.check_accessibility()
    # The table beside the map names them as text too.
    assert AREA_NAME in page.locator("main").inner_text()
