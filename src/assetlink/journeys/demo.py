"""Demo journeys, through the same services as the UI: partners' services, overseas health professionals
enrolled on their re-accreditation pathway (progress dated from the credentials they hold), referrals
to the hospital's jobs with what came of them, and support programmes with cohorts and results, so
that the ledger holds three years of history."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from assetlink.engine.pathways import TEMPLATES, step_yields, templates_for
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import record_outcome
from assetlink.journeys import services
from assetlink.journeys.models import (
    Cohort,
    Enrolment,
    ParticipantKind,
    PathwayTemplate,
    Referral,
    Service,
    SupportKind,
    SupportProgramme,
    SupportStage,
)
from assetlink.opportunities.models import Opportunity, OpportunityKind
from assetlink.people.models import ConsentPurpose, CredentialStatus, Person, RecordPart
from assetlink.people.selectors import consenting
from assetlink.people.services import record_consent
from assetlink.programmes.models import Membership, PartnerRole, Role

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme

# Services the Birmingham partners offer: (organisation role or name, service, description, days to answer,
# days to complete).
BIRMINGHAM_SERVICES = (
    (
        "New Arrivals Welcome Centre",
        "Overseas health professionals support",
        "One-to-one support through English tests, licensing exams and registration.",
        5,
        180,
    ),
    (
        "Midland Riverside Hospitals NHS Trust",
        "NHS careers and recruitment",
        "Application support, interviews and pre-employment checks for the hospital's posts.",
        5,
        60,
    ),
    ("Harborne Vale City Council", "Employment support", "Job search, CVs and interview practice.", 3, 30),
    (
        "Brindley Social Enterprise Network",
        "Social enterprise start-up support",
        "Business planning, legal form and first contracts for new social enterprises.",
        10,
        90,
    ),
)
BILBAO_SERVICES = (
    (
        "Deusto Berri Centro de Apoyo Empresarial",
        "Aceleración de startups",
        "Acompañamiento de la idea a la consolidación de empresas intensivas en conocimiento.",
        10,
        120,
    ),
    (
        "Universidad de Zorrotzaurre",
        "Formación en transformación digital",
        "Cursos para profesionales de la industria y de los servicios avanzados.",
        10,
        60,
    ),
)
# What overseas professionals agree the hospital may see when they are referred to its posts.
HOSPITAL_PARTS = (
    RecordPart.NAME,
    RecordPart.CONTACT,
    RecordPart.QUALIFICATIONS,
    RecordPart.RIGHT_TO_WORK,
    RecordPart.AVAILABILITY,
)
# Share of referred people who reach each stage of recruitment after the one before.
RECRUITMENT_FUNNEL = (
    (OutcomeType.JOB_APPLIED, 0.85),
    (OutcomeType.JOB_INTERVIEWED, 0.7),
    (OutcomeType.JOB_OFFERED, 0.6),
    (OutcomeType.JOB_STARTED, 0.9),
)


def _staff(programme: Programme, organisation: Organisation) -> User | None:
    membership = (
        Membership.objects.filter(programme=programme, organisation=organisation, role=Role.PARTNER_STAFF)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None else None


def _clamp(day: datetime.date, earliest: datetime.date) -> datetime.date:
    return min(max(day, earliest), timezone.localdate())


def build_demo_journeys(*, admin: User, programme: Programme, seed: int) -> None:
    """Services, pathways with enrolled people and referrals with outcomes (skipped when already built)."""
    rng = random.Random(f"{seed}-{programme.slug}-journeys")  # noqa: S311 - demo data
    organisations = {
        partner.organisation.name: partner.organisation
        for partner in programme.partners.select_related("organisation")
    }
    for name, service_name, description, respond, complete in (
        BIRMINGHAM_SERVICES if programme.country == "GB" else BILBAO_SERVICES
    ):
        if not Service.objects.filter(programme=programme, name=service_name).exists():
            services.save_service(
                actor=admin,
                programme=programme,
                organisation=organisations[name],
                name=service_name,
                description=description,
                respond_within_days=respond,
                complete_within_days=complete,
            )
    if not PathwayTemplate.objects.filter(programme=programme).exists():
        services.install_standard_pathways(actor=admin, programme=programme)
    if programme.country != "GB" or Enrolment.objects.filter(programme=programme).exists():
        return
    anchor = programme.partners.get(role=PartnerRole.ANCHOR).organisation
    recruiter = _staff(programme, anchor) or admin
    support = organisations["New Arrivals Welcome Centre"]
    caseworker = _staff(programme, support) or admin
    templates = {template.code: template for template in PathwayTemplate.objects.filter(programme=programme)}
    health_people = (
        Person.objects.filter(programme=programme, registering_organisation=support)
        .prefetch_related("occupations__occupation", "credentials")
        .order_by("pk")
    )
    jobs_by_occupation: dict[int, list[Opportunity]] = {}
    for job in Opportunity.objects.filter(
        programme=programme, kind=OpportunityKind.JOB, owner=anchor, occupation__isnull=False
    ).order_by("pk"):
        jobs_by_occupation.setdefault(job.occupation_id or 0, []).append(job)
    for person in health_people:
        enrolment = _enrol_from_credentials(rng, caseworker, person, templates)
        if enrolment is not None and rng.random() < 0.48:
            _refer_to_the_hospital(rng, caseworker, recruiter, person, anchor, jobs_by_occupation, enrolment)


def _enrol_from_credentials(
    rng: random.Random, caseworker: User, person: Person, templates: dict[str, PathwayTemplate]
) -> Enrolment | None:
    """Enrol a person on their profession's route and record the steps their credentials show passed."""
    abroad = [item for item in person.occupations.all() if item.country != "GB"]
    routes = templates_for([item.occupation.preferred_label for item in abroad], "GB")
    if not routes or routes[0].code not in templates:
        return None
    route = routes[0]
    held = sorted(
        (c for c in person.credentials.all() if c.status == CredentialStatus.HELD and c.obtained_on),
        key=lambda credential: (credential.obtained_on, credential.pk),
    )
    first_held = min((c.obtained_on for c in held if c.obtained_on), default=None)
    today = timezone.localdate()
    started = (
        first_held - datetime.timedelta(days=rng.randrange(45, 120))
        if first_held
        else today - datetime.timedelta(days=rng.randrange(20, 500))
    )
    enrolment = services.enrol_person(
        actor=caseworker, person=person, template=templates[route.code], started_on=started
    )
    engine_steps = {step.code: step for template in TEMPLATES for step in template.steps}
    day = started
    for step in templates[route.code].steps.order_by("position"):
        engine_step = engine_steps.get(step.code)
        passed = next(
            (
                credential
                for credential in held
                if engine_step is not None and step_yields(engine_step, credential.kind, credential.name)
            ),
            None,
        )
        if passed is not None and passed.obtained_on:
            held.remove(passed)  # one credential closes one step
            day = _clamp(passed.obtained_on, day)
            services.complete_step(
                actor=caseworker,
                enrolment=enrolment,
                evidence=passed.name,
                completed_on=day,
            )
            continue
        if engine_step is not None and engine_step.recommended_only:
            finish = day + datetime.timedelta(days=rng.randrange(35, 70))
            if finish <= today:
                services.complete_step(
                    actor=caseworker,
                    enrolment=enrolment,
                    evidence="Supervisor's sign-off",
                    completed_on=finish,
                )
                day = finish
            break
        failed = any(c.status == CredentialStatus.FAILED for c in person.credentials.all())
        if failed and rng.random() < 0.5:
            left = _clamp(day + datetime.timedelta(days=rng.randrange(30, 120)), day)
            services.leave_pathway(
                actor=caseworker,
                enrolment=enrolment,
                reason="Did not pass and chose other work for now",
                left_on=left,
            )
        break
    return enrolment


def _refer_to_the_hospital(
    rng: random.Random,
    caseworker: User,
    recruiter: User,
    person: Person,
    anchor: Organisation,
    jobs_by_occupation: dict[int, list[Opportunity]],
    enrolment: Enrolment,
) -> Referral | None:
    """Refer the person to a hospital post of their profession, then record the recruitment outcomes."""
    occupation_ids = [item.occupation_id for item in person.occupations.all()]
    jobs = [job for occupation in occupation_ids for job in jobs_by_occupation.get(occupation, [])]
    if not jobs:
        jobs = [job for group in jobs_by_occupation.values() for job in group]
    if not jobs:
        return None
    job = rng.choice(jobs)
    record_consent(
        actor=caseworker,
        person=person,
        purpose=ConsentPurpose.REFERRAL,
        given=True,
        organisation=anchor,
        method="written",
        evidence="Signed consent form in the case file",
        parts=HOSPITAL_PARTS,
    )
    today = timezone.localdate()
    sent = _clamp(
        enrolment.started_on + datetime.timedelta(days=rng.randrange(60, 400)), enrolment.started_on
    )
    referral = services.send_referral(
        actor=caseworker,
        person=person,
        opportunity=job,
        reason="Re-accreditation under way; ready to apply for a post of their profession.",
        sent_on=sent,
    )
    if rng.random() < 0.08:
        return referral  # still awaiting an answer (some overdue)
    answered = _clamp(sent + datetime.timedelta(days=rng.randrange(1, 9)), sent)
    if rng.random() < 0.12:
        services.answer_referral(
            actor=recruiter,
            referral=referral,
            accept=False,
            reason="The post needs registration first; please refer again once registered.",
            answered_on=answered,
        )
        return referral
    services.answer_referral(actor=recruiter, referral=referral, accept=True, answered_on=answered)
    day = answered
    reached = None
    for entry_type, share in RECRUITMENT_FUNNEL:
        if rng.random() > share:
            break
        day = day + datetime.timedelta(days=rng.randrange(7, 35))
        if day > today:
            break
        record_outcome(
            actor=recruiter,
            programme=person.programme,
            entry_type=entry_type,
            subject=person,
            occurred_on=day,
            evidence=f"{job.reference or job.title}: {OutcomeType(entry_type).label}",
            related=job,
        )
        reached = entry_type
    if reached == OutcomeType.JOB_STARTED:
        for weeks, entry_type in ((13, OutcomeType.JOB_SUSTAINED_13), (26, OutcomeType.JOB_SUSTAINED_26)):
            sustained = day + datetime.timedelta(weeks=weeks)
            if sustained > today or rng.random() > 0.9:
                break
            record_outcome(
                actor=recruiter,
                programme=person.programme,
                entry_type=entry_type,
                subject=person,
                occurred_on=sustained,
                evidence="Payroll confirmation",
                related=job,
            )
    if day <= today and rng.random() < 0.85:
        services.complete_referral(
            actor=recruiter,
            referral=referral,
            result="achieved" if reached == OutcomeType.JOB_STARTED else "not_achieved",
            note="Started in post" if reached == OutcomeType.JOB_STARTED else "Not appointed this time",
            completed_on=day,
        )
    return referral


# Support programmes, enterprise results and Bilbao's brokering -------------------------------------

# Birmingham: trained community researchers and their research projects, enterprises supported (new and
# established), grants and contracts they won, consortia and the network. Bilbao: collaborations,
# ventures launched and consolidated, professionals trained. The figures follow what the practices
# reported; people-based ones shrink with a smaller demo.
RESEARCHERS_TRAINED = 85
RESEARCHERS_ENROLLED = 96
RESEARCH_PROJECTS = 24
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
    projects_total = round(RESEARCH_PROJECTS * share)
    starts = (datetime.date(2024, 1, 15), datetime.date(2025, 1, 13), datetime.date(2026, 1, 12))
    per_cohort = -(-len(candidates) // len(starts)) if candidates else 0
    trained_done = projects_done = 0
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
        projects = min(to_train, projects_total - projects_done, -(-projects_total // len(starts)))
        for index, participation in enumerate(participations[:to_train]):
            services.advance_participant(
                actor=trainer,
                participation=participation,
                stage=_stage(support, "trained"),
                reached_on=last,
                evidence="Attendance register and assessed interview",
            )
            if index < projects:
                services.advance_participant(
                    actor=trainer,
                    participation=participation,
                    stage=_stage(support, "project_completed"),
                    reached_on=_days(last, rng.randrange(90, 200)),
                    evidence="Research report presented to the partnership",
                )
        trained_done += to_train
        projects_done += projects


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
