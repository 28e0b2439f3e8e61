"""The map in a browser: points that would overlap gather into numbered clusters that add up to every
record, the kind checkboxes take a kind off, a cluster lists its records with links to them, areas are
named once zoomed in, and without a tile server the page says the areas are drawn on their own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.demo.e2e.browser import PROGRAMME, Session

pytestmark = pytest.mark.e2e

SHOWN = """() => {
    const clustered = [...document.querySelectorAll(".map-cluster")].map(c => Number(c.textContent));
    const single = document.querySelectorAll(".map-point").length;
    return {clusters: clustered.length, total: clustered.reduce((a, b) => a + b, 0) + single};
}"""
POINTS = "kind => JSON.parse(document.getElementById('map-layers').textContent).points.filter(p => !kind || p.kind !== kind).length"


def _zoom_all_the_way_in(page: Any) -> None:
    zoom_in = page.locator(".leaflet-control-zoom-in")
    for _ in range(25):
        if zoom_in.get_attribute("aria-disabled") == "true":
            break
        zoom_in.click()
        page.wait_for_timeout(400)  # the zoom's animation


def test_clusters_count_every_record_filter_by_kind_and_list_links(session: Session) -> None:
    session.sign_in("admin.birmingham@example.org")
    session.open(PROGRAMME + "areas/map/")
    page = session.page
    page.wait_for_selector(".map-cluster")
    assert "No base map is configured" in page.content()
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == "Zoom in"
    shown = page.evaluate(SHOWN)
    assert shown["clusters"] > 0 and shown["total"] == page.evaluate(POINTS, None)
    assert all(int(c) >= 2 for c in page.locator(".map-cluster").all_inner_texts())

    page.uncheck("#map-show-opportunity")
    assert page.evaluate(SHOWN)["total"] == page.evaluate(POINTS, "opportunity")
    assert page.locator(".map-cluster--opportunity, .map-point--opportunity").count() == 0
    page.check("#map-show-opportunity")
    assert page.evaluate(SHOWN)["total"] == page.evaluate(POINTS, None)

    assert page.locator(".area-label").count() == 0  # too small to name at first
    _zoom_all_the_way_in(page)
    assert page.locator(".area-label").count() > 0
    page.locator(".leaflet-marker-icon").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Close"
    links = popup.locator("a").evaluate_all("links => links.map(a => a.pathname)")
    assert links and all(link.startswith(PROGRAMME) for link in links)
    session.check_accessibility()
    session.open(links[0])


def test_a_participant_sees_the_map_without_links_to_the_register(session: Session) -> None:
    session.sign_in("participant.birmingham@example.org")
    session.open(PROGRAMME + "areas/map/")
    page = session.page
    page.wait_for_selector(".map-cluster")
    urls = page.evaluate(
        "() => JSON.parse(document.getElementById('map-layers').textContent).points"
        ".filter(p => p.kind === 'organisation' && p.url).length"
    )
    assert urls == 0
