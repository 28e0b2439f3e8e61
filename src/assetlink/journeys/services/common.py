"""What the writes of journeys share: who offers, dates not in the future, telling a referral's parties."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.accounts.services import notify
from assetlink.impact.models import OutcomeType
from assetlink.journeys.models import (
    Referral,
)
from assetlink.organisations.selectors import organisations_of
from assetlink.programmes.selectors import acting_organisation

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme


# Service levels of a referral to an opportunity, which has no service to promise its own.
OPPORTUNITY_RESPOND_DAYS = 5


OPPORTUNITY_COMPLETE_DAYS = 30


# The ledger entry a pathway step writes when passed, by the kind of credential the step yields.
STEP_OUTCOMES = {
    "language_test": OutcomeType.CREDENTIAL_GAINED,
    "licensing_exam": OutcomeType.CREDENTIAL_GAINED,
    "background_check": OutcomeType.CREDENTIAL_GAINED,
    "registration": OutcomeType.QUALIFICATION_RECOGNISED,
    "": OutcomeType.PERSON_TRAINED,
}


STEP_OUTCOME_TYPES = frozenset(STEP_OUTCOMES.values())


def offering_organisation(actor: User, programme: Programme, chosen: Organisation | None) -> Organisation:
    """Who offers a new service or support programme: partner staff their own organisation; a programme
    admin the organisation they chose, which must be in the programme's register."""
    acts_for_any = actor.has_perm("journeys.act_for_any_organisation", programme)
    organisation = chosen if acts_for_any else acting_organisation(actor, programme)
    if organisation is None or not organisations_of(programme).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose a partner of this programme.")})
    return organisation


def today_or(day: datetime.date | None, field: str) -> datetime.date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: _("This date is in the future.")})
    return day


def _referral_url(referral: Referral) -> str:
    return reverse("journeys:referral", kwargs={"slug": referral.programme.slug, "referral_id": referral.pk})


def tell_parties(users: list[User], kind: str, referral: Referral) -> None:
    params = {
        "reference": referral.reference,
        "person": referral.person.reference,
        "target": referral.target,
        "organisation": referral.to_organisation.name,
    }
    for user in {user.pk: user for user in users}.values():
        notify(
            user=user,
            kind=kind,
            params=params,
            url=_referral_url(referral),
            programme=referral.programme,
            event=f"{kind}:{referral.pk}",
        )
