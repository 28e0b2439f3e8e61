"""The catalogue's pages: public (search and filters, a practice with its schema.org data and the reader's
language, the Atom feed, an event's registration, subscribing) without JavaScript; editors' pages behind
the catalogue roles."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assetlink.audit.models import AuditEntry
from assetlink.catalogue import services
from assetlink.catalogue.models import Practice, Theme
from tests import factories
from tests.catalogue.conftest import TEXTS, conference, publish, write
from tests.matching.helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


def test_the_catalogue_searches_and_shows_the_practice_in_the_readers_language(catalogue):
    publish(catalogue, catalogue.practice)
    client = Client()
    listing = client.get("/practices/", {"q": "hidden skills"}).content.decode()
    assert "1 practice found" in listing and "Community researchers unlock local skills" in listing
    page = client.get("/practices/use-it-birmingham/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert "Skupnostni raziskovalci odklenejo lokalna znanja" in page
    english_only = write(catalogue.editor, "english-only", [catalogue.jobs], texts={"en": TEXTS["en"]})
    publish(catalogue, english_only)
    fallback = client.get("/practices/english-only/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="en"' in fallback and "Community researchers" in fallback


def test_the_schema_org_data_holds_the_texts_as_text(catalogue):
    hostile = {"en": {**TEXTS["en"], "title": "Jobs </script><script>alert(1)</script>"}}
    practice = write(catalogue.editor, "hostile", [], texts=hostile)
    publish(catalogue, practice)
    page = Client().get("/practices/hostile/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "CreativeWork" and data["name"].startswith("Jobs </script>")
    assert data["spatialCoverage"]["name"] == "Birmingham"
    assert "<script>alert(1)</script>" not in page


def test_a_draft_is_not_public_and_the_feed_lists_what_is_published(catalogue):
    assert Client().get("/practices/use-it-birmingham/").status_code == 404
    publish(catalogue, catalogue.practice)
    feed = Client().get("/practices/feed.atom").content.decode()
    assert feed.startswith("<?xml") and "<entry>" in feed and "/practices/use-it-birmingham/" in feed
    by_theme = Client().get("/practices/feed.atom", {"theme": "social-cohesion"}).content.decode()
    assert "<entry>" not in by_theme


def test_registering_for_an_event_keeps_what_was_typed_when_refused(catalogue):
    event = conference(
        catalogue, titles={"en": "Civic ecosystems", "sl": "Državljanski ekosistemi"}, capacity=40
    )
    client = Client()
    url = reverse("catalogue:event", kwargs={"slug": event.slug})
    refused = client.post(url, {"name": "Ana Novak", "email": "not an address"})
    assert refused.status_code == 422 and "Ana Novak" in refused.content.decode()
    done = client.post(url, {"name": "Ana Novak", "email": "ana@example.org"})
    assert done.status_code == 302
    assert "39 / 40" in client.get(url).content.decode()


def test_editors_write_and_send_a_practice_for_review_and_others_are_refused(catalogue):
    editor = Client()
    editor.force_login(catalogue.editor)
    data = {
        "slug": "new-practice",
        "original_language": "en",
        "city": "Ljubljana",
        "country": "SI",
        "title_en": "",
        "summary_en": "A practice without its title yet",
    }
    refused = editor.post("/practices/edit/new/", data)
    assert refused.status_code == 422 and "A practice without its title yet" in refused.content.decode()
    data["title_en"] = "Neighbourhood kitchens"
    data["typed_results"] = "12 | kitchens opened | cocinas abiertas"
    done = editor.post("/practices/edit/new/", data)
    assert done.status_code == 302
    practice = Practice.objects.get(slug="new-practice")
    assert practice.typed_results.get().labels == {"en": "kitchens opened", "es": "cocinas abiertas"}
    editor.post("/practices/edit/new-practice/submit/")
    practice.refresh_from_db()
    assert practice.status == "in_review"
    stranger = Client()
    stranger.force_login(factories.make_user())
    assert stranger.get("/practices/edit/").status_code == 403
    assert Client().get("/practices/edit/").status_code == 302


def test_editors_write_networks_and_events_with_their_partners_and_programme(catalogue):
    editor = Client()
    editor.force_login(catalogue.editor)
    network = {
        "slug": "gen-y-city",
        "name": "Gen-Y City",
        "kind": "action_planning",
        "status": "completed",
        "description_en": "Cities keeping young talent.",
        "partners": "Poznań | PL | lead\nNowhere | XX | boss",
    }
    refused = editor.post("/practices/edit/networks/new/", network)
    assert (
        refused.status_code == 422
        and "Line 2: the role is lead, partner or transferring." in refused.content.decode()
    )
    assert "Cities keeping young talent." in refused.content.decode()
    network["partners"] = "Poznań | PL | lead\nBirmingham | GB | partner | use-it-birmingham"
    assert editor.post("/practices/edit/networks/new/", network).status_code == 302
    form = editor.get("/practices/edit/networks/gen-y-city/").content.decode()
    assert "Birmingham | GB | partner | use-it-birmingham" in form
    event = {
        "slug": "civic-ecosystems",
        "title_en": "Civic ecosystems",
        "title_sl": "Državljanski ekosistemi",
        "starts_on": "2022-11-08",
        "ends_on": "2022-11-09",
        "place": "City hall",
        "city": "Ljubljana",
        "country": "SI",
        "capacity": "100",
        "is_published": "on",
        "registration_open": "on",
        "sessions": "2022-11-08 9:30 | 10:30 | Opening | Main hall\n8 November | 11:00 | Lunch",
    }
    refused = editor.post("/practices/edit/events/new/", event)
    assert refused.status_code == 422 and "Line 2" in refused.content.decode()
    event["sessions"] = "2022-11-08 09:30 | 10:30 | Opening | Main hall\n2022-11-09 11:00 | 12:30 | Results"
    assert editor.post("/practices/edit/events/new/", event).status_code == 302
    page = Client().get("/practices/events/civic-ecosystems/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert "Državljanski ekosistemi" in page and "Opening" in page and "Results" in page


def test_the_catalogue_shows_twenty_practices_a_page_and_keeps_the_search_across_pages(catalogue):
    for number in range(23):
        publish(catalogue, write(catalogue.editor, f"practice-{number}", [catalogue.jobs]))
    client = Client()
    first = client.get("/practices/", {"q": "hidden skills"}).content.decode()
    assert "23 practices found" in first and first.count('<article class="card">') == 20
    assert 'href="?q=hidden+skills&amp;page=2"' in first
    second = client.get("/practices/", {"q": "hidden skills", "page": 2}).content.decode()
    assert second.count('<article class="card">') == 3


def test_editors_see_who_registered_download_the_list_and_cancel_a_place(
    catalogue, mailoutbox, django_capture_on_commit_callbacks
):
    event = conference(catalogue)
    ana, _token = services.register(event=event, name="Ana", email="ana@example.org", organisation="MOL")
    borut, _token = services.register(event=event, name="=Borut", email="borut@example.org")
    url = "/practices/edit/events/civic-ecosystems/registrations/"
    editor = Client()
    editor.force_login(catalogue.editor)
    page = editor.get(url).content.decode()
    assert "1 of 1 place taken, 1 waiting." in page
    assert page.index("ana@example.org") < page.index("borut@example.org")
    assert "1 registered, 1 waiting" in editor.get("/practices/edit/").content.decode()
    listing = editor.get("/practices/edit/events/civic-ecosystems/registrations.csv")
    assert listing["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(listing.content.decode("utf-8-sig"))))
    assert rows[1][:4] == ["Ana", "MOL", "ana@example.org", "Registered"]
    assert rows[2][0] == "'=Borut"  # a spreadsheet shows it, never runs it
    assert AuditEntry.objects.filter(action="event_registrations.exported").count() == 1
    run_queued_tasks("send_email_task")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = editor.post(f"{url}{ana.pk}/cancel/")
    assert done.status_code == 302
    run_queued_tasks("send_email_task")
    ana.refresh_from_db()
    borut.refresh_from_db()
    assert ana.status == "cancelled" and borut.status == "registered"
    assert [message.to for message in mailoutbox] == [["borut@example.org"]]
    told = editor.get(url).content.decode()
    assert (
        "Ana's registration is cancelled. =Borut, first on the waiting list, has the place"
        in told.replace("&#x27;", "'")
    )
    # Nobody outside the catalogue's editors sees or changes the list, the platform operator included.
    operator = factories.make_user("operator@example.org", is_superuser=True, is_staff=True)
    for user in (factories.make_user(), operator):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == 403
        assert other.get("/practices/edit/events/civic-ecosystems/registrations.csv").status_code == 403
        assert other.post(f"{url}{borut.pk}/cancel/").status_code == 403
    borut.refresh_from_db()
    assert borut.status == "registered"
    assert Client().get(url).status_code == 302


def test_editors_keep_the_theme_list_and_a_theme_in_use_stays(catalogue):
    editor = Client()
    editor.force_login(catalogue.editor)
    refused = editor.post("/practices/edit/themes/", {"code": "Local Economy", "name_es": "Economía local"})
    page = refused.content.decode()
    assert refused.status_code == 422 and "Economía local" in page
    added = editor.post(
        "/practices/edit/themes/",
        {"code": "local-economy", "name_en": "Local economy", "name_es": "Economía local", "name_sl": ""},
    )
    assert added.status_code == 302
    theme = Theme.objects.get(code="local-economy")
    assert theme.names == {"en": "Local economy", "es": "Economía local"}
    assert "Local economy" in editor.get("/practices/edit/themes/").content.decode()
    twice = editor.post("/practices/edit/themes/", {"code": "local-economy", "name_en": "Again"})
    assert twice.status_code == 422 and "Another theme has this code." in twice.content.decode()
    # A theme practices are filed under keeps its code (addresses people keep use it) and its place.
    jobs = catalogue.jobs
    renamed = editor.post(
        f"/practices/edit/themes/{jobs.code}/", {"code": "work", "name_en": "Jobs, skills and work"}
    )
    assert renamed.status_code == 422 and "its code stays" in renamed.content.decode()
    assert editor.post(f"/practices/edit/themes/{jobs.code}/remove/").status_code == 302
    assert Theme.objects.filter(pk=jobs.pk).exists()
    editor.post(
        f"/practices/edit/themes/{jobs.code}/", {"code": jobs.code, "name_en": "Jobs, skills and work"}
    )
    jobs.refresh_from_db()
    assert jobs.names == {"en": "Jobs, skills and work"}
    assert editor.post("/practices/edit/themes/local-economy/remove/").status_code == 302
    assert not Theme.objects.filter(code="local-economy").exists()
    assert AuditEntry.objects.filter(action__startswith="theme.").count() == 3
    operator = factories.make_user("operator@example.org", is_superuser=True, is_staff=True)
    for user in (factories.make_user(), operator):
        other = Client()
        other.force_login(user)
        assert other.get("/practices/edit/themes/").status_code == 403
        assert other.post("/practices/edit/themes/", {"code": "x", "name_en": "X"}).status_code == 403
        assert other.post(f"/practices/edit/themes/{catalogue.cohesion.code}/remove/").status_code == 403
    assert Theme.objects.filter(pk=catalogue.cohesion.pk).exists()


def test_a_practice_cannot_take_the_address_of_a_catalogue_page(catalogue):
    with pytest.raises(ValidationError, match="names a page of the catalogue"):
        write(catalogue.editor, "themes", [catalogue.jobs])
