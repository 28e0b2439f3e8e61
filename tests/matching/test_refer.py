"""The one way to refer a matched person: a confirmation page with an optional note and the person's
earlier referrals, which sends the referral and lands on it; no one else refers, and never twice."""

import pytest

from assetlink.journeys.models import Referral
from assetlink.matching import services
from assetlink.matching.models import Match, MatchStatus
from assetlink.people.services import record_consent
from assetlink.programmes.models import Role
from tests import factories
from tests.http import signed_in
from tests.matching.helpers import make_overseas_nurse, nurse_post

pytestmark = pytest.mark.django_db


def test_a_caseworker_confirms_a_referral_with_a_note_and_lands_on_it(world, admin, other_world):
    job = nurse_post(world, owner=world.lead.organisation)
    person = make_overseas_nurse(world, factories.make_person(world.programme, share_with=world.organisation))
    services.refresh_person_matches(person)
    match = Match.objects.get(person=person, opportunity=job)
    services.change_match_status(actor=admin, match=match, status="shortlisted")
    record_consent(
        actor=admin,
        person=person,
        purpose="referral",
        given=True,
        organisation=job.owner,
        method="written",
        evidence="Signed form",
        parts=("name", "qualifications"),
    )
    url = f"/p/{world.programme.slug}/matching/matches/{match.handle}/refer/"
    caseworker = signed_in(world.user(Role.PARTNER_STAFF))
    page = caseworker.get(url).content.decode()
    assert "You are referring" in page and job.title in page and 'name="note"' in page
    response = caseworker.post(url, {"note": "Available from January; needs an OSCE date."})
    referral = Referral.objects.get(person=person)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/journeys/referrals/{referral.pk}/"
    )
    assert referral.reason == "Available from January; needs an OSCE date." and referral.match == match
    assert Match.objects.get(pk=match.pk).status == MatchStatus.REFERRED
    again = caseworker.get(url)
    assert again.status_code == 302 and Referral.objects.filter(person=person).count() == 1
    assert signed_in(world.user(Role.PARTICIPANT)).get(url).status_code == 403
    assert signed_in(other_world.user(Role.PROGRAMME_ADMIN)).get(url).status_code == 404
