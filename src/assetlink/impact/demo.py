"""Demo social value: an illustrative set of measures (our own round figures, labelled as such, not a
published framework's proxies), and commitments at bid on three of the hospital's awarded contracts with
the volunteering and training their suppliers recorded, one of them short of its commitment."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from assetlink.engine.periods import Period, PeriodKind, period_containing
from assetlink.impact.models import Outcome, SocialValueMeasure
from assetlink.impact.services import append_outcome
from assetlink.impact.social_value import save_measure, set_commitment
from assetlink.opportunities.models import Opportunity
from assetlink.people.models import Person

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

SOURCE = "assetlink demo: illustrative value, not for reporting"
# code, theme, outcome, unit, proxy, entry types, counts, deadweight, first year only, hours per FTE
DEMO_MEASURES: tuple[tuple[Any, ...], ...] = (
    (
        "local-hire",
        "Jobs",
        "Local resident hired",
        "per hire",
        "4200",
        ["job.started"],
        "entries",
        "0.2",
        True,
        None,
    ),
    (
        "job-sustained",
        "Jobs",
        "Job kept six months",
        "per job",
        "2100",
        ["job.sustained_26w"],
        "entries",
        "0.2",
        False,
        None,
    ),
    (
        "training",
        "Skills",
        "Resident trained",
        "per person",
        "650",
        ["person.trained"],
        "entries",
        "0.1",
        False,
        None,
    ),
    (
        "recognition",
        "Skills",
        "Overseas qualification recognised",
        "per person",
        "1800",
        ["qualification.recognised"],
        "entries",
        "0",
        False,
        None,
    ),
    (
        "staff-trained",
        "Skills",
        "Supplier staff trained",
        "per person",
        "400",
        ["professionals.trained"],
        "quantity",
        "0.1",
        False,
        None,
    ),
    (
        "volunteering",
        "Community",
        "Staff volunteering",
        "per hour",
        "15",
        ["volunteer.hours"],
        "quantity",
        "0",
        False,
        None,
    ),
    (
        "local-contract",
        "Local economy",
        "Contract won by a local enterprise",
        "per pound",
        "0.2",
        ["contract.won"],
        "value",
        "0.25",
        False,
        None,
    ),
)


def build_demo_measures(*, admin: User, programme: Programme) -> None:
    for position, row in enumerate(DEMO_MEASURES):
        code, theme, outcome, unit, proxy, types, counted, deadweight, first_year, fte = row
        save_measure(
            actor=admin,
            programme=programme,
            code=code,
            theme=theme,
            outcome=outcome,
            unit=unit,
            proxy_value=Decimal(proxy),
            currency=programme.currency,
            source=SOURCE,
            year=2026,
            entry_types=types,
            counted=counted,
            deadweight=Decimal(deadweight),
            first_year_only=first_year,
            hours_per_fte=fte,
            is_illustrative=True,
            position=position,
        )


def build_demo_social_value(*, admin: User, programme: Programme, seed: int) -> None:
    """Measures, and commitments with delivery on three awarded contracts (once)."""
    if SocialValueMeasure.objects.filter(programme=programme).exists():
        return
    build_demo_measures(admin=admin, programme=programme)
    rng = random.Random(f"{seed}-{programme.slug}-social-value")  # noqa: S311 - demo data
    measures = {measure.code: measure for measure in SocialValueMeasure.objects.filter(programme=programme)}
    contracts = list(
        Opportunity.objects.filter(programme=programme, awarded_to__isnull=False, kind="contract").order_by(
            "pk"
        )[:3]
    )
    residents = list(Person.objects.filter(programme=programme).order_by("pk")[:200])
    if not contracts or not residents:
        return
    today = timezone.localdate()
    starts = programme.financial_year_starts
    current = period_containing(today, PeriodKind.QUARTER, financial_year_starts=starts)
    quarters: list[Period] = []
    day = current.start
    for _step in range(4):
        day -= datetime.timedelta(days=1)
        quarter = period_containing(day, PeriodKind.QUARTER, financial_year_starts=starts)
        quarters.insert(0, quarter)
        day = quarter.start
    for index, contract in enumerate(contracts):
        supplier = contract.awarded_to
        assert supplier is not None
        for number, quarter in enumerate(quarters):
            set_commitment(
                actor=admin,
                contract=contract,
                measure=measures["volunteering"],
                period_start=quarter.start,
                period_end=quarter.end,
                quantity=Decimal(120),
            )
            set_commitment(
                actor=admin,
                contract=contract,
                measure=measures["staff-trained"],
                period_start=quarter.start,
                period_end=quarter.end,
                quantity=Decimal(4),
            )
            # The last contract falls short of its volunteering in its latest quarters.
            hours = rng.randrange(40, 70) if index == 2 and number >= 2 else rng.randrange(120, 180)
            # Residents volunteering on the supplier's community project, and the supplier's staff trained.
            for share in (hours // 2, hours - hours // 2):
                volunteer = rng.choice(residents)
                _record(
                    admin, programme, contract, volunteer, "volunteer.hours", quarter, rng, Decimal(share)
                )
            trained = Decimal(rng.randrange(3, 7))
            _record(admin, programme, contract, supplier, "professionals.trained", quarter, rng, trained)


def _record(
    admin: User,
    programme: Programme,
    contract: Opportunity,
    subject: Any,
    entry_type: str,
    quarter: Any,
    rng: random.Random,
    quantity: Decimal,
) -> Outcome:
    span = (quarter.end - quarter.start).days
    return append_outcome(
        actor=admin,
        programme=programme,
        entry_type=entry_type,
        subject=subject,
        occurred_on=quarter.start + datetime.timedelta(days=rng.randrange(0, span + 1)),
        quantity=quantity,
        evidence="Supplier's timesheets (demo)",
        related=contract,
    )
