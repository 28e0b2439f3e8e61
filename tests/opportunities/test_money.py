"""Money in the reader's language and the programme's country: the currency's symbol where CLDR puts it
for that language and country, the digits grouped as the reader's language groups them."""

import pytest
from django.conf import settings

from assetlink.opportunities import services
from assetlink.programmes.models import Role
from tests.http import signed_in

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("GB", "GBP", "en"): "£28,000 – £34,000",
    ("GB", "GBP", "es"): "28\u00a0000\u00a0GBP – 34\u00a0000\u00a0GBP",
    ("GB", "GBP", "sl"): "28.000\u00a0GBP – 34.000\u00a0GBP",
    ("ES", "EUR", "en"): "28,000\u00a0€ – 34,000\u00a0€",
    ("ES", "EUR", "es"): "28\u00a0000\u00a0€ – 34\u00a0000\u00a0€",
}


@pytest.mark.parametrize(("country", "currency", "language"), list(EXPECTED))
def test_pay_is_written_as_the_reader_and_the_country_write_money(world, country, currency, language):
    admin = world.user(Role.PROGRAMME_ADMIN)
    programme = world.programme
    programme.country, programme.currency = country, currency
    programme.save(update_fields=["country", "currency"])
    job = services.create_opportunity(
        actor=admin,
        programme=programme,
        kind="job",
        title="Porter",
        owner=world.organisation,
        salary_min=28000,
        salary_max=34000,
    )
    client = signed_in(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/p/{programme.slug}/opportunities/{job.pk}/").content.decode()
    assert EXPECTED[(country, currency, language)] in page
