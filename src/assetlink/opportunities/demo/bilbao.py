"""The demo's innovation hub in Bilbao: its investment and the challenges it puts to local firms."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from assetlink.accounts.models import User
from assetlink.opportunities.demo.hospital import open_opportunity
from assetlink.opportunities.demo.register import TODAY
from assetlink.opportunities.models import Investment, OpportunityStatus
from assetlink.opportunities.services import add_part, change_status, create_opportunity, save_investment
from assetlink.organisations.models import Organisation
from assetlink.people.demo import DemoResolver
from assetlink.places.models import Area
from assetlink.programmes.models import Programme
from assetlink.taxonomy.models import ConceptKind

CHALLENGES = (
    (
        "Predictive maintenance for forging presses",
        "Vibration and temperature data from 12 presses should warn before failures.",
        "72000000-5",
    ),
    (
        "Machine vision for surface defects",
        "Inspect forged parts at line speed and flag cracks and laps.",
        "72000000-5",
    ),
    ("Digital twin of the mould shop", "Simulate the shop floor to plan jobs and energy use.", "71300000-1"),
    (
        "Energy monitoring across three plants",
        "Measure and reduce electricity use per part produced.",
        "71300000-1",
    ),
    (
        "Traceability from steel bar to finished part",
        "Follow each batch through every process step.",
        "72000000-5",
    ),
    (
        "Upskilling operators for Industry 4.0",
        "Short courses for 80 operators on data and automation.",
        "80530000-8",
    ),
)


def build_bilbao(
    *, admin: User, programme: Programme, areas: list[Area], firms: list[Organisation], seed: int
) -> None:
    """Manufacturers' challenges for KIBS firms, and a training programme."""
    if Investment.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-challenges")  # noqa: S311 - demo data
    lead = programme.partners.get(role="lead").organisation
    makers = [firm for firm in firms if firm.kind == "sme"] or [lead]
    kibs = [firm for firm in firms if firm.kind == "kibs_firm"]
    programme_investment = save_investment(
        actor=admin,
        programme=programme,
        name="AS-Fabrik opportunity spaces (demo)",
        owner=lead,
        description="Public funding for opportunity spaces co-created by manufacturers and KIBS firms.",
        budget=Decimal("2400000"),
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        spend_categories=["72000000-5", "73000000-2"],
    )
    for index, (title, description, cpv) in enumerate(CHALLENGES):
        owner = makers[index % len(makers)]
        challenge = create_opportunity(
            actor=admin,
            programme=programme,
            investment=programme_investment,
            owner=owner,
            kind="challenge",
            title=title,
            description=description,
            cpv_codes=[cpv],
            value=Decimal(rng.choice((30000, 60000, 90000))),
            closes_on=TODAY + datetime.timedelta(days=rng.randrange(20, 80)),
            area=rng.choice(areas),
        )
        open_opportunity(admin, challenge, rng, award_to=kibs)
    resolve = DemoResolver()
    training = create_opportunity(
        actor=admin,
        programme=programme,
        investment=programme_investment,
        owner=lead,
        kind="training",
        title="Data science for manufacturing professionals",
        occupation=resolve("data scientist", ConceptKind.OCCUPATION),
        positions=40,
        hours_per_week=Decimal(6),
        closes_on=TODAY + datetime.timedelta(days=30),
    )
    add_part(
        actor=admin,
        opportunity=training,
        part="skills",
        skill=resolve("utilise machine learning", ConceptKind.SKILL),
    )
    change_status(actor=admin, opportunity=training, status=OpportunityStatus.OPEN)
