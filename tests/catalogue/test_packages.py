"""Portable practice packages: exported from one catalogue and imported into another as a draft with its
template (run on SQLite and on PostgreSQL), and a damaged package refused with nothing written."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from assetlink.catalogue import packages
from assetlink.catalogue.models import Practice, PracticeTemplate, Theme
from tests import factories
from tests.catalogue.conftest import publish

pytestmark = pytest.mark.django_db


def exported(catalogue) -> dict:
    publish(catalogue, catalogue.practice)
    PracticeTemplate.objects.create(
        practice=catalogue.practice,
        version=3,
        content={
            "source": {"city": "Birmingham"},
            "work_packages": [{"code": "WP1", "title": "Community research", "core": True}],
            "indicators": [],
            "pathways": [],
            "support_programmes": [],
            "opportunity_kinds": ["job"],
            "surveys": [],
            "roles": [{"kind": "partner", "role": "anchor", "count": 2, "core": True}],
        },
    )
    return packages.export_package(catalogue.practice)


def test_a_package_round_trips_into_another_catalogue_as_a_draft(catalogue):
    package = exported(catalogue)
    data = json.dumps(package).encode()
    # The other installation: an empty catalogue.
    Practice.objects.all().delete()
    Theme.objects.all().delete()
    imported = packages.import_package(actor=catalogue.editor, data=data)
    assert imported.status == "draft" and imported.author == catalogue.editor
    assert imported.templates.get().version == 3
    again = packages.export_package(imported)
    for document in (package, again):
        document.pop("exported_at")
    assert again == package
    assert Theme.objects.get(code="jobs-and-skills").names["es"] == "Empleo"


def refused(catalogue, data: bytes, message: str) -> None:
    before = (Practice.objects.count(), PracticeTemplate.objects.count(), Theme.objects.count())
    with pytest.raises(ValidationError, match=message):
        packages.import_package(actor=catalogue.editor, data=data)
    assert (Practice.objects.count(), PracticeTemplate.objects.count(), Theme.objects.count()) == before


def test_a_damaged_package_is_refused_with_nothing_written(catalogue):
    package = exported(catalogue)
    package["practice"]["slug"] = "elsewhere"
    package["practice"]["themes"].append({"code": "new-theme", "names": {"en": "New"}})
    good = json.dumps(package)
    refused(catalogue, good[: len(good) // 2].encode(), "not JSON")
    refused(catalogue, json.dumps({**package, "version": 2}).encode(), "version 2")
    refused(catalogue, json.dumps({**package, "format": "zip"}).encode(), "not an assetlink practice package")
    broken = json.loads(good)
    del broken["practice"]["texts"]["en"]["title"]
    broken["practice"]["country"] = "Slovenia"
    refused(catalogue, json.dumps(broken).encode(), "practice/country")
    wrong_role = json.loads(good)
    wrong_role["template"]["content"]["roles"].append(
        {"kind": "partner", "role": "community_researcher", "count": 3, "core": False}
    )
    refused(catalogue, json.dumps(wrong_role).encode(), "template/content/roles/")
    clash = json.loads(good)
    clash["practice"]["slug"] = catalogue.practice.slug
    refused(catalogue, json.dumps(clash).encode(), "has a practice")
    with pytest.raises(PermissionDenied):
        packages.import_package(actor=factories.make_user(), data=good.encode())
    packages.import_package(actor=catalogue.editor, data=good.encode())
    assert Theme.objects.filter(code="new-theme").exists()


def test_editors_export_and_import_on_the_pages(catalogue):
    package = exported(catalogue)
    editor = Client()
    editor.force_login(catalogue.editor)
    download = editor.get("/practices/edit/use-it-birmingham/package.json")
    assert (
        download.status_code == 200
        and json.loads(download.content)["practice"]["slug"] == "use-it-birmingham"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    package["practice"]["slug"] = "use-it-copy"
    bad = editor.post("/practices/edit/import/", {"package": SimpleUploadedFile("p.json", b"{")})
    assert bad.status_code == 422 and "not JSON" in bad.content.decode()
    done = editor.post(
        "/practices/edit/import/", {"package": SimpleUploadedFile("p.json", json.dumps(package).encode())}
    )
    assert done.status_code == 302 and done["Location"] == "/practices/edit/use-it-copy/"
