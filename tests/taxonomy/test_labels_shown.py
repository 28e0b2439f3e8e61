"""ESCO skills and occupations are shown in the reader's language where ESCO's own labels in it were
loaded, and otherwise in English, marked as English."""

import pytest
from django.conf import settings

from assetlink.opportunities import services as opportunity_services
from assetlink.programmes.models import Role
from assetlink.taxonomy.models import EscoLabel
from assetlink.taxonomy.selectors import concepts_labelled, forget_labels
from tests.http import signed_in

pytestmark = pytest.mark.django_db


def test_an_occupation_reads_in_the_readers_language_or_is_marked_english(world):
    admin = world.user(Role.PROGRAMME_ADMIN)
    nurse = concepts_labelled("nurse responsible for general care", kind="occupation")[0]
    job = opportunity_services.create_opportunity(
        actor=admin,
        programme=world.programme,
        kind="job",
        title="Staff nurse",
        owner=world.organisation,
        occupation=nurse,
    )
    # As ESCO's Slovenian download gives it (loaded with load_esco --languages sl).
    EscoLabel.objects.create(
        concept=nurse,
        language="sl",
        text="medicinska sestra za splošno zdravstveno nego",
        search_text="medicinska sestra za splosno zdravstveno nego",
        is_preferred=True,
    )
    forget_labels()
    url = f"/p/{world.programme.slug}/opportunities/{job.pk}/"
    client = signed_in(admin)
    try:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
        slovenian = client.get(url).content.decode()
        assert "medicinska sestra za splošno zdravstveno nego" in slovenian
        assert '<span lang="en">nurse responsible for general care</span>' not in slovenian
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        spanish = client.get(url).content.decode()
        assert '<span lang="en">nurse responsible for general care</span>' in spanish
        assert "(en inglés)" in spanish
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = client.get(url).content.decode()
        assert "nurse responsible for general care" in english and 'lang="en">nurse' not in english
    finally:
        forget_labels()
