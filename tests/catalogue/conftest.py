"""A catalogue with two themes, an editor and a reviewer, and a practice written in three languages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from assetlink.accounts.models import User
from assetlink.catalogue import services
from assetlink.catalogue.models import CatalogueEditor, Event, Practice, Theme
from tests import factories

TEXTS = {
    "en": {
        "title": "Community researchers unlock local skills",
        "subtitle": "Residents map what their neighbours can do",
        "summary": "Trained residents survey their streets and link hidden skills to hospital jobs.",
    },
    "es": {
        "title": "Investigadores comunitarios desbloquean competencias locales",
        "summary": "Vecinos formados encuestan su barrio y vinculan competencias ocultas con empleos del hospital.",
    },
    "sl": {
        "title": "Skupnostni raziskovalci odklenejo lokalna znanja",
        "summary": "Usposobljeni prebivalci anketirajo sosede in povežejo skrita znanja z zaposlitvami v bolnišnici.",
    },
}


@dataclass
class Catalogue:
    editor: User
    reviewer: User
    jobs: Theme
    cohesion: Theme
    practice: Practice


def write(editor: User, slug: str, themes: list[Theme], texts: dict | None = None, **fields) -> Practice:
    values = {"city": "Birmingham", "country": "GB", "city_population": 1_150_000}
    values.update(fields)
    return services.save_practice(actor=editor, slug=slug, themes=themes, texts=texts or TEXTS, **values)


def conference(catalogue: Catalogue, **fields) -> Event:
    """The civic ecosystems conference in Ljubljana, published, with registration open."""
    values = {
        "slug": "civic-ecosystems",
        "titles": {"en": "Civic ecosystems"},
        "starts_on": datetime.date(2022, 11, 8),
        "ends_on": datetime.date(2022, 11, 9),
        "place": "Cukrarna",
        "city": "Ljubljana",
        "country": "SI",
        "capacity": 1,
        "is_published": True,
    }
    values.update(fields)
    return services.save_event(actor=catalogue.editor, **values)


def publish(catalogue: Catalogue, practice: Practice) -> Practice:
    services.submit_for_review(actor=catalogue.editor, practice=practice)
    return services.publish(actor=catalogue.reviewer, practice=practice)


@pytest.fixture
def catalogue(db) -> Catalogue:
    editor = factories.make_user("editor@example.org")
    reviewer = factories.make_user("reviewer@example.org")
    CatalogueEditor.objects.create(user=editor, role="editor")
    CatalogueEditor.objects.create(user=reviewer, role="reviewer")
    jobs = Theme.objects.create(code="jobs-and-skills", names={"en": "Jobs and skills", "es": "Empleo"})
    cohesion = Theme.objects.create(code="social-cohesion", names={"en": "Social cohesion"})
    practice = write(editor, "use-it-birmingham", [jobs], label_date=datetime.date(2017, 6, 1))
    return Catalogue(editor, reviewer, jobs, cohesion, practice)
