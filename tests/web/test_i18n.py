"""Every user-facing string is translated into Spanish and Slovenian, and the catalogues are current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

import assetlink

PACKAGE = Path(assetlink.__file__).parent
LANGUAGES = ["es", "sl"]


def catalogue(language: str, root: Path = PACKAGE) -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_has_a_translation(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not entry.translated() or entry.obsolete]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    assert untranslated == [] and fuzzy == [], f"{language}: untranslated {untranslated}, fuzzy {fuzzy}"
    assert len(po) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    pattern = re.compile(r"%\((\w+)\)s|\{\{\s*(\w+)\s*\}\}")
    for entry in catalogue(language):
        expected = set(pattern.findall(entry.msgid))
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            assert set(pattern.findall(text)) == expected, f"{language}: {entry.msgid!r} → {text!r}"


def test_catalogues_contain_every_string_of_the_source(tmp_path):
    copy = tmp_path / "assetlink"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "*/migrations/*",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "i18n-check",
            "DJANGO_SETTINGS_MODULE": "assetlink.settings",
            "PYTHONPATH": str(PACKAGE.parent),
        },
    )
    assert result.returncode == 0, result.stderr
    fresh = {entry.msgid for entry in catalogue("es", copy)}
    committed = {entry.msgid for entry in catalogue("es")}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"


@pytest.mark.parametrize(("language", "expected"), [("es", "Socios"), ("sl", "Partnerji")])
def test_pages_render_in_the_chosen_language(world, admin, language, expected):
    client = Client()
    client.force_login(admin)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = client.get(f"/p/{world.programme.slug}/partners/").content.decode()
    assert f'lang="{language}"' in page and expected in page
    admin.refresh_from_db()
    assert admin.preferred_language == language


def test_unknown_language_is_not_remembered(world, admin):
    client = Client()
    client.force_login(admin)
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.preferred_language == ""
