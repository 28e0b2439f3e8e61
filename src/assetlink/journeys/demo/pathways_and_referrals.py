"""The demo's journeys of people: pathways enrolled from each health professional's credentials, and
referrals to the hospital's jobs with their recruitment outcomes."""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from assetlink.engine.pathways import TEMPLATES, step_yields, templates_for
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import record_outcome
from assetlink.journeys import services
from assetlink.journeys.models import (
    Enrolment,
    PathwayTemplate,
    Referral,
    Service,
)
from assetlink.opportunities.models import Opportunity, OpportunityKind
from assetlink.people.models import ConsentPurpose, CredentialStatus, Person, RecordPart
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


def enrol_demo_participant(*, admin: User, person: Person) -> None:
    """The demo participant on their profession's route with its first step passed, so that their home
    shows them a next step (once)."""
    if person.enrolments.exists():
        return
    labels = [item.occupation.preferred_label for item in person.occupations.all() if item.occupation]
    codes = [route.code for route in templates_for(labels, person.programme.country)]
    template = PathwayTemplate.objects.filter(programme=person.programme, code__in=codes).first()
    if template is None:
        return
    started = timezone.localdate() - datetime.timedelta(days=75)
    enrolment = services.enrol_person(actor=admin, person=person, template=template, started_on=started)
    services.complete_step(
        actor=admin,
        enrolment=enrolment,
        evidence="Test report form",
        completed_on=started + datetime.timedelta(days=40),
    )
