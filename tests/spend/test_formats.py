"""Dates and numbers in each language's own form on the programme's pages: day before month in English as
the programmes write it, and the Spanish and Slovenian separators and month names."""

import datetime

import pytest
from django.conf import settings

from tests.http import signed_in
from tests.spend.spend_files import HEADER, line, run

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en": ("1 January 2025", "1,234,567.89"),
    "es": ("1 de enero de 2025", "1\u00a0234\u00a0567,89"),  # the RAE groups with a space
    "sl": ("1. januar 2025", "1.234.567,89"),
}


@pytest.mark.parametrize("language", ["en", "es", "sl"])
def test_dates_and_numbers_follow_the_readers_language(spend_world, admin, language):
    w = spend_world
    assert (
        run(
            w,
            admin,
            HEADER + line(w, "Greenway Cleaning CIC", "1234567.89", paid_on="2026-01-15", reference="L1"),
        ).errors
        == []
    )
    client = signed_in(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    started, amount = EXPECTED[language]
    home = client.get(f"/p/{w.programme.slug}/").content.decode()
    assert started in home  # the programme started on 1 January 2025
    spend = client.get(f"/p/{w.programme.slug}/spend/?period=year").content.decode()
    assert amount in spend
    assert w.programme.starts_on == datetime.date(2025, 1, 1)


def test_english_dates_are_typed_day_first(spend_world, admin):
    w = spend_world
    result = run(
        w, admin, HEADER + line(w, "Greenway Cleaning CIC", "10.00", paid_on="15/01/2026", reference="D1")
    )
    assert result.errors == []
    from assetlink.spend.models import SpendLine

    assert SpendLine.objects.get(reference="D1").paid_on == datetime.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("language", "country", "arabic"),
    [("en", "United Kingdom", "Arabic"), ("sl", "Združeno kraljestvo", "arabščina")],
)
def test_codes_are_shown_as_words_in_the_readers_language(world, admin, language, country, arabic):
    from assetlink.people import services as people
    from tests.factories import make_person

    person = make_person(world.programme)
    people.add_item(actor=admin, person=person, part="languages", language="ar", level="B2")
    client = signed_in(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert country in client.get(f"/p/{world.programme.slug}/").content.decode()
    page = client.get(f"/p/{world.programme.slug}/people/{person.pk}/").content.decode()
    assert arabic in page
