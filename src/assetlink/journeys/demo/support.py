"""The demo's support programmes sized to the practices' reported results: community research, enterprise
support, Bilbao's ventures, brokering and digital-skills training."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from assetlink.impact.models import OutcomeType
from assetlink.impact.services import record_outcome
from assetlink.journeys import services
from assetlink.journeys.models import (
    Cohort,
    ParticipantKind,
    SupportKind,
    SupportProgramme,
    SupportStage,
)
from assetlink.opportunities.models import Opportunity, OpportunityKind
from assetlink.people.models import ConsentPurpose, Person
from assetlink.people.selectors import consenting

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme


# Birmingham: trained community researchers (their projects are the research strand's, research/demo.py),
# enterprises supported (new and established), grants and contracts they won, consortia and the network.
# Bilbao: collaborations, ventures launched and consolidated, professionals trained. The figures follow
# what the practices reported; people-based ones shrink with a smaller demo.
RESEARCHERS_TRAINED = 85


RESEARCHERS_ENROLLED = 96


NEW_ENTERPRISES = 36


ESTABLISHED_ENTERPRISES = 39


LOCAL_WINS_TOTAL = Decimal("240000")


CONSORTIA = 5


NETWORK_MEMBERS = 40


COLLABORATIONS = 32


VENTURES = 44


VENTURES_LAUNCHED = 36


VENTURES_CONSOLIDATED = 12


PROFESSIONALS_TRAINED = 500


SOCIAL_ECONOMY = ("social_enterprise", "cooperative", "community_group")


def _days(start: datetime.date, days: int) -> datetime.date:
    return min(start + datetime.timedelta(days=days), timezone.localdate())


def _user(email: str, fallback: User) -> User:
    from assetlink.accounts.models import User as UserModel

    return UserModel.objects.filter(email=email).first() or fallback


def _sessions(actor: User, cohort: Cohort, count: int, attendance: dict[int, int]) -> datetime.date:
    """Weekly sessions; participant id → how many of them they attend (the first n). Returns the last day."""
    participations = list(cohort.participations.all())
    day = cohort.starts_on
    for number in range(count):
        day = cohort.starts_on + datetime.timedelta(weeks=number)
        present = [p for p in participations if attendance.get(p.pk, count) > number]
        services.record_session(
            actor=actor, cohort=cohort, held_on=day, topic=f"Session {number + 1}", present=present
        )
    return day


def _stage(support: SupportProgramme, code: str) -> SupportStage:
    return support.stages.get(code=code)


def build_demo_support(*, admin: User, programme: Programme, seed: int) -> None:
    """Support programmes with cohorts and results (skipped when the programme already has some)."""
    if SupportProgramme.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-support")  # noqa: S311 - demo data
    if programme.country == "GB":
        _birmingham_research(rng, admin, programme)
        _birmingham_enterprises(rng, admin, programme)
    else:
        _bilbao_ventures(rng, admin, programme)
        _bilbao_brokering(rng, admin, programme)
        _bilbao_training(rng, admin, programme)


def _partner(programme: Programme, name: str) -> Organisation:
    return programme.partners.select_related("organisation").get(organisation__name=name).organisation


def _birmingham_research(rng: random.Random, admin: User, programme: Programme) -> None:
    trainer = _user("trainer.birmingham@example.org", admin)
    support = services.save_support_programme(
        actor=admin,
        programme=programme,
        kind=SupportKind.COMMUNITY_RESEARCH,
        name="Community researchers",
        organisation=_partner(programme, "University of Westmere"),
        participants=ParticipantKind.PERSON,
        work_package=programme.work_packages.get(code="WP3"),
        min_attendance=75,
        description="Eight sessions on research ethics, interviewing and asset mapping; each researcher then "
        "runs a project in their neighbourhood.",
    )
    candidates = list(
        consenting(
            Person.objects.filter(programme=programme, erased_at__isnull=True), ConsentPurpose.RESEARCH
        ).order_by("pk")[:RESEARCHERS_ENROLLED]
    )
    share = len(candidates) / RESEARCHERS_ENROLLED
    trained_total = round(RESEARCHERS_TRAINED * share)
    starts = (datetime.date(2024, 1, 15), datetime.date(2025, 1, 13), datetime.date(2026, 1, 12))
    per_cohort = -(-len(candidates) // len(starts)) if candidates else 0
    trained_done = 0
    for number, start in enumerate(starts):
        members = candidates[number * per_cohort : (number + 1) * per_cohort]
        cohort = services.add_cohort(
            actor=trainer,
            support=support,
            name=f"Community researchers {start.year}",
            starts_on=start,
            capacity=40,
        )
        participations = [
            services.add_participant(actor=admin, cohort=cohort, person=person, joined_on=start)
            for person in members
        ]
        to_train = min(len(participations), trained_total - trained_done, -(-trained_total // len(starts)))
        attendance = {
            p.pk: (rng.randrange(6, 9) if index < to_train else rng.randrange(2, 6))
            for index, p in enumerate(participations)
        }
        last = _sessions(trainer, cohort, 8, attendance)
        for participation in participations[:to_train]:
            services.advance_participant(
                actor=trainer,
                participation=participation,
                stage=_stage(support, "trained"),
                reached_on=last,
                evidence="Attendance register and assessed interview",
            )
        trained_done += to_train


def _birmingham_enterprises(rng: random.Random, admin: User, programme: Programme) -> None:
    from assetlink.organisations.selectors import organisations_of

    adviser = _user("adviser.birmingham@example.org", admin)
    network = _partner(programme, "Brindley Social Enterprise Network")
    wp2 = programme.work_packages.get(code="WP2")
    support = services.save_support_programme(
        actor=admin,
        programme=programme,
        kind=SupportKind.ENTERPRISE_SUPPORT,
        name="Social enterprise support",
        organisation=network,
        participants=ParticipantKind.ORGANISATION,
        work_package=wp2,
        description="Business planning, legal form, bid writing and first contracts, for new and established "
        "social enterprises.",
    )
    register = organisations_of(programme).exclude(partnerships__programme=programme).order_by("pk")
    social = list(register.filter(kind__in=SOCIAL_ECONOMY))
    others = list(register.exclude(kind__in=SOCIAL_ECONOMY))
    enterprises = (social + others)[: NEW_ENTERPRISES + ESTABLISHED_ENTERPRISES]
    starts = (datetime.date(2024, 2, 5), datetime.date(2025, 2, 3), datetime.date(2026, 2, 2))
    per_cohort = -(-len(enterprises) // len(starts))
    supported: list[Organisation] = []
    for number, start in enumerate(starts):
        cohort = services.add_cohort(
            actor=adviser, support=support, name=f"Enterprise support {start.year}", starts_on=start
        )
        for index, organisation in enumerate(enterprises[number * per_cohort : (number + 1) * per_cohort]):
            position = number * per_cohort + index
            participation = services.add_participant(
                actor=adviser, cohort=cohort, organisation=organisation, joined_on=start
            )
            if position < NEW_ENTERPRISES:
                services.advance_participant(
                    actor=adviser,
                    participation=participation,
                    stage=_stage(support, "created"),
                    reached_on=_days(start, rng.randrange(30, 120)),
                    evidence="Registered with Companies House",
                )
            services.advance_participant(
                actor=adviser,
                participation=participation,
                stage=_stage(support, "supported"),
                reached_on=_days(start, rng.randrange(150, 280)),
                evidence="Support plan completed and signed off",
            )
            supported.append(organisation)
    # Grants and contracts the supported enterprises won locally, about £240k in all.
    winners = supported[: max(1, min(len(supported), 22))]
    weights = [rng.uniform(0.4, 2.0) for _ in winners]
    scale = LOCAL_WINS_TOTAL / Decimal(str(sum(weights)))
    for organisation, weight in zip(winners, weights, strict=True):
        value = (Decimal(str(weight)) * scale / 100).quantize(Decimal(1)) * 100
        record_outcome(
            actor=adviser,
            programme=programme,
            entry_type=OutcomeType.GRANT_WON if rng.random() < 0.4 else OutcomeType.CONTRACT_WON,
            subject=organisation,
            occurred_on=_days(datetime.date(2024, 6, 1), rng.randrange(0, 880)),
            value=value,
            evidence="Award letter",
            work_package=wp2,
        )
    contracts = list(
        Opportunity.objects.filter(programme=programme, kind=OpportunityKind.CONTRACT).order_by("pk")[
            :CONSORTIA
        ]
    )
    for number, contract in enumerate(contracts):
        lead = supported[(number * 3) % max(1, len(supported))] if supported else network
        record_outcome(
            actor=adviser,
            programme=programme,
            entry_type=OutcomeType.CONSORTIUM_FORMED,
            subject=lead,
            occurred_on=_days(datetime.date(2025, 5, 1), 45 * number),
            evidence="Consortium agreement signed by all members",
            work_package=wp2,
            related=contract,
        )
    members = (supported + [o for o in register if o not in supported])[:NETWORK_MEMBERS]
    for organisation in members:
        record_outcome(
            actor=adviser,
            programme=programme,
            entry_type=OutcomeType.NETWORK_JOINED,
            subject=organisation,
            occurred_on=_days(datetime.date(2024, 3, 1), rng.randrange(0, 900)),
            evidence="Membership form",
            work_package=wp2,
            related=network,
        )


def _bilbao_ventures(rng: random.Random, admin: User, programme: Programme) -> None:
    from assetlink.organisations.services import register_organisation

    staff = _user("staff.bilbao@example.org", admin)
    support = services.save_support_programme(
        actor=admin,
        programme=programme,
        kind=SupportKind.STARTUP_BOOSTING,
        name="Aceleradora AS-Fabrik",
        organisation=_partner(programme, "Deusto Berri Centro de Apoyo Empresarial"),
        participants=ParticipantKind.ORGANISATION,
        work_package=programme.work_packages.get(code="WP3"),
        description="De la idea a la consolidación de empresas de servicios avanzados a la industria.",
    )
    words = ("Datu", "Sare", "Argi", "Bide", "Ekin", "Hodei", "Lan", "Zubi", "Itsas", "Mendi", "Ur", "Su")
    trades = ("Analytics", "Robotics", "Vision", "Twin", "Sensors", "Cloud", "Automation", "Energy")
    starts = (datetime.date(2024, 2, 12), datetime.date(2025, 2, 10), datetime.date(2026, 2, 9))
    per_cohort = -(-VENTURES // len(starts))
    launched = consolidated = 0
    for number, start in enumerate(starts):
        cohort = services.add_cohort(
            actor=staff, support=support, name=f"Promoción {start.year}", starts_on=start
        )
        for index in range(per_cohort):
            position = number * per_cohort + index
            if position >= VENTURES:
                break
            venture = register_organisation(
                actor=admin,
                programme=programme,
                name=_venture_name(words, trades, position),
                country=programme.country,
                city=programme.city,
                kind="kibs_firm",
                description="Startup de servicios avanzados para la industria (demo).",
            )
            participation = services.add_participant(
                actor=staff, cohort=cohort, organisation=venture, joined_on=start
            )
            services.advance_participant(
                actor=staff,
                participation=participation,
                stage=_stage(support, "validated"),
                reached_on=_days(start, rng.randrange(40, 90)),
                evidence="Validación con clientes industriales",
            )
            if launched < VENTURES_LAUNCHED and position % 11 != 10:
                launched_on = _days(start, rng.randrange(120, 200))
                services.advance_participant(
                    actor=staff,
                    participation=participation,
                    stage=_stage(support, "launched"),
                    reached_on=launched_on,
                    evidence="Alta en el registro mercantil y primer cliente",
                )
                launched += 1
                if consolidated < VENTURES_CONSOLIDATED and number < 2 and index % 2 == 0:
                    services.advance_participant(
                        actor=staff,
                        participation=participation,
                        stage=_stage(support, "consolidated"),
                        reached_on=_days(launched_on, rng.randrange(300, 420)),
                        evidence="Dos ejercicios con facturación recurrente",
                    )
                    consolidated += 1


def _venture_name(words: tuple[str, ...], trades: tuple[str, ...], position: int) -> str:
    return f"{words[position % len(words)]}{trades[position % len(trades)]} Lab {position + 1} S.L."


def _bilbao_brokering(rng: random.Random, admin: User, programme: Programme) -> None:
    from assetlink.organisations.selectors import organisations_of

    broker = _user("broker.bilbao@example.org", admin)
    support = services.save_support_programme(
        actor=admin,
        programme=programme,
        kind=SupportKind.PARTNERSHIP_BROKERING,
        name="Espacios de oportunidad",
        organisation=_partner(programme, "Ibaialde Agencia de Desarrollo Económico"),
        participants=ParticipantKind.ORGANISATION,
        work_package=programme.work_packages.get(code="WP2"),
        description="Encuentros entre fabricantes con retos digitales y empresas de servicios avanzados.",
    )
    firms = list(
        organisations_of(programme)
        .filter(kind__in=("kibs_firm", "sme"))
        .exclude(name__contains=" Lab ")
        .order_by("pk")
    )
    starts = (datetime.date(2024, 10, 7), datetime.date(2025, 10, 6))
    per_cohort = -(-len(firms) // len(starts))
    formed = 0
    for number, start in enumerate(starts):
        cohort = services.add_cohort(
            actor=broker, support=support, name=f"Espacio {start.year}", starts_on=start
        )
        for organisation in firms[number * per_cohort : (number + 1) * per_cohort]:
            participation = services.add_participant(
                actor=broker, cohort=cohort, organisation=organisation, joined_on=start
            )
            if formed < COLLABORATIONS:
                services.advance_participant(
                    actor=broker,
                    participation=participation,
                    stage=_stage(support, "collaborating"),
                    reached_on=_days(start, rng.randrange(30, 150)),
                    evidence="Acuerdo de colaboración firmado",
                )
                formed += 1


def _bilbao_training(rng: random.Random, admin: User, programme: Programme) -> None:
    from assetlink.organisations.selectors import organisations_of

    trainer = _user("trainer.bilbao@example.org", admin)
    support = services.save_support_programme(
        actor=admin,
        programme=programme,
        kind=SupportKind.DIGITAL_SKILLS,
        name="Formación en transformación digital",
        organisation=_partner(programme, "Universidad de Zorrotzaurre"),
        participants=ParticipantKind.ORGANISATION,
        work_package=programme.work_packages.get(code="WP4"),
        min_attendance=75,
        description="Cursos de analítica de datos, visión artificial y mantenimiento predictivo "
        "para plantillas.",
    )
    firms = list(organisations_of(programme).filter(kind__in=("kibs_firm", "sme")).order_by("pk"))
    trained = 0
    start = datetime.date(2024, 3, 4)
    number = 0
    while trained < PROFESSIONALS_TRAINED and start < timezone.localdate() - datetime.timedelta(weeks=5):
        cohort = services.add_cohort(
            actor=trainer, support=support, name=f"Curso {number + 1} ({start:%Y-%m})", starts_on=start
        )
        chosen = rng.sample(firms, k=min(len(firms), 8))
        participations = [
            services.add_participant(
                actor=trainer,
                cohort=cohort,
                organisation=firm,
                joined_on=start,
                headcount=rng.randrange(6, 19),
            )
            for firm in chosen
        ]
        last = _sessions(trainer, cohort, 4, {})
        for participation in participations:
            services.advance_participant(
                actor=trainer,
                participation=participation,
                stage=_stage(support, "trained"),
                reached_on=last,
                evidence="Hojas de asistencia y evaluación final",
            )
            trained += participation.headcount
        number += 1
        start += datetime.timedelta(days=120)
