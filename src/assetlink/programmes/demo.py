"""The two demo programmes, their partners, work packages and users, built through the same services as
the UI (idempotent); `assetlink.demo` builds the rest of the demo on top of them."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from assetlink.accounts.models import User
from assetlink.organisations.models import OrganisationKind
from assetlink.organisations.services import update_organisation
from assetlink.programmes import services
from assetlink.programmes.models import Membership, Partner, PartnerRole, Programme, Role, WorkPackage

DEMO_PASSWORD = "assetlink-demo"
OPERATOR_EMAIL = "operator@example.org"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: OrganisationKind
    role: PartnerRole
    city: str
    description: str


@dataclass(frozen=True)
class DemoWorkPackage:
    code: str
    title: str
    objectives: str
    lead: str
    delivery: tuple[str, ...]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    organisation: str | None = None


@dataclass(frozen=True)
class DemoProgramme:
    slug: str
    name: str
    city: str
    country: str
    languages: tuple[str, ...]
    currency: str
    starts_on: datetime.date
    ends_on: datetime.date
    description: str
    organisations: tuple[DemoOrganisation, ...]
    work_packages: tuple[DemoWorkPackage, ...]
    users: tuple[DemoUser, ...]


K, R = OrganisationKind, PartnerRole

BIRMINGHAM = DemoProgramme(
    slug="birmingham-sandwell",
    name="USE-IT! Birmingham & Sandwell (demo)",
    city="Birmingham",
    country="GB",
    languages=("en",),
    currency="GBP",
    starts_on=datetime.date(2025, 4, 1),
    ends_on=datetime.date(2028, 3, 31),
    description="Demo programme linking a new hospital with the neighbourhoods around it: a skills match "
    "service for people with overseas medical qualifications, a community of social enterprises and "
    "community research. All organisations and people are invented.",
    organisations=(
        DemoOrganisation(
            "Harborne Vale City Council",
            K.PUBLIC_BODY,
            R.LEAD,
            "Birmingham",
            "Lead council of the partnership.",
        ),
        DemoOrganisation(
            "Rowley Brook Borough Council",
            K.PUBLIC_BODY,
            R.DELIVERY,
            "Sandwell",
            "Neighbouring council on the other side of the hospital site.",
        ),
        DemoOrganisation(
            "Midland Riverside Hospitals NHS Trust",
            K.ANCHOR_INSTITUTION,
            R.ANCHOR,
            "Sandwell",
            "Runs the new acute hospital; publishes jobs and supply contracts.",
        ),
        DemoOrganisation(
            "University of Westmere", K.UNIVERSITY, R.DELIVERY, "Birmingham", "Trains community researchers."
        ),
        DemoOrganisation(
            "Edgbaston Heath University",
            K.UNIVERSITY,
            R.EVALUATOR,
            "Birmingham",
            "Independent evaluation of the programme.",
        ),
        DemoOrganisation(
            "Brindley Social Enterprise Network",
            K.SOCIAL_ENTERPRISE,
            R.DELIVERY,
            "Birmingham",
            "Support body for social enterprises.",
        ),
        DemoOrganisation(
            "Canalside Co-operative Development Agency",
            K.COOPERATIVE,
            R.DELIVERY,
            "Birmingham",
            "Helps groups form co-operatives and consortia.",
        ),
        DemoOrganisation(
            "New Arrivals Welcome Centre",
            K.COMMUNITY_GROUP,
            R.COMMUNITY,
            "Smethwick",
            "Migrant and refugee support, including overseas health professionals.",
        ),
        DemoOrganisation(
            "Soho Road Community Trust",
            K.COMMUNITY_GROUP,
            R.COMMUNITY,
            "Handsworth",
            "Neighbourhood community organisation.",
        ),
        DemoOrganisation(
            "Greenway Catering CIC",
            K.SOCIAL_ENTERPRISE,
            R.COMMUNITY,
            "Winson Green",
            "Social enterprise catering business employing local residents.",
        ),
    ),
    work_packages=(
        DemoWorkPackage(
            "WP1",
            "Skills match service",
            "Connect residents with overseas medical and nursing qualifications to hospital jobs, "
            "through re-accreditation pathways.",
            "Midland Riverside Hospitals NHS Trust",
            ("New Arrivals Welcome Centre", "Harborne Vale City Council"),
        ),
        DemoWorkPackage(
            "WP2",
            "Community of social enterprises",
            "Support new and established social enterprises and broker consortia that bid for "
            "the hospital's contracts.",
            "Brindley Social Enterprise Network",
            ("Canalside Co-operative Development Agency", "Greenway Catering CIC"),
        ),
        DemoWorkPackage(
            "WP3",
            "Community research",
            "Train residents as community researchers who map local assets and needs.",
            "University of Westmere",
            ("Soho Road Community Trust", "Rowley Brook Borough Council"),
        ),
        DemoWorkPackage(
            "WP4",
            "Evaluation",
            "Monitor indicators against targets and evaluate the results.",
            "Edgbaston Heath University",
            ("Harborne Vale City Council",),
        ),
    ),
    users=(
        DemoUser("admin.birmingham@example.org", "Aisha Rahman", Role.PROGRAMME_ADMIN),
        DemoUser(
            "caseworker.birmingham@example.org",
            "Tomasz Nowak",
            Role.PARTNER_STAFF,
            "New Arrivals Welcome Centre",
        ),
        DemoUser(
            "recruitment.birmingham@example.org",
            "Priya Sharma",
            Role.PARTNER_STAFF,
            "Midland Riverside Hospitals NHS Trust",
        ),
        DemoUser(
            "adviser.birmingham@example.org",
            "Kwame Mensah",
            Role.PARTNER_STAFF,
            "Brindley Social Enterprise Network",
        ),
        DemoUser(
            "trainer.birmingham@example.org", "Ruth Adeyemi", Role.PARTNER_STAFF, "University of Westmere"
        ),
        DemoUser("researcher.birmingham@example.org", "Grace Okafor", Role.COMMUNITY_RESEARCHER),
        DemoUser(
            "enterprise.birmingham@example.org",
            "Daniel Hughes",
            Role.ENTERPRISE_MEMBER,
            "Greenway Catering CIC",
        ),
        DemoUser("participant.birmingham@example.org", "Samira Haddad", Role.PARTICIPANT),
    ),
)

BILBAO = DemoProgramme(
    slug="bilbao",
    name="AS-Fabrik Bilbao (demo)",
    city="Bilbao",
    country="ES",
    languages=("es", "eu", "en"),
    currency="EUR",
    starts_on=datetime.date(2025, 1, 1),
    ends_on=datetime.date(2027, 12, 31),
    description="Demo programme matching knowledge-intensive business services with the digital "
    "transformation needs of manufacturing. All organisations and people are invented.",
    organisations=(
        DemoOrganisation(
            "Ibaialde Agencia de Desarrollo Económico",
            K.PUBLIC_BODY,
            R.LEAD,
            "Bilbao",
            "City economic development agency leading the programme.",
        ),
        DemoOrganisation(
            "Universidad de Zorrotzaurre",
            K.UNIVERSITY,
            R.DELIVERY,
            "Bilbao",
            "Co-creates opportunity spaces and runs the training.",
        ),
        DemoOrganisation(
            "Centro Tecnológico Nerbioi",
            K.RESEARCH_CENTRE,
            R.DELIVERY,
            "Barakaldo",
            "Applied research centre for industrial digitalisation.",
        ),
        DemoOrganisation(
            "Deusto Berri Centro de Apoyo Empresarial",
            K.PUBLIC_BODY,
            R.DELIVERY,
            "Bilbao",
            "Business support centre running startup boosting.",
        ),
        DemoOrganisation(
            "Datuak Analytics S.L.",
            K.KIBS_FIRM,
            R.COMMUNITY,
            "Bilbao",
            "Data analytics for industrial processes.",
        ),
        DemoOrganisation(
            "Ikusmen Vision Systems S.L.",
            K.KIBS_FIRM,
            R.COMMUNITY,
            "Getxo",
            "Machine vision for quality control.",
        ),
        DemoOrganisation(
            "Forjas del Cadagua S.A.",
            K.SME,
            R.COMMUNITY,
            "Zalla",
            "Forging manufacturer seeking digital transformation.",
        ),
        DemoOrganisation(
            "Moldes Ibaizabal S.L.",
            K.SME,
            R.COMMUNITY,
            "Basauri",
            "Mould maker seeking predictive maintenance.",
        ),
    ),
    work_packages=(
        DemoWorkPackage(
            "WP1",
            "Opportunity spaces",
            "Co-create spaces where manufacturers state digital challenges and KIBS firms respond.",
            "Universidad de Zorrotzaurre",
            ("Centro Tecnológico Nerbioi", "Forjas del Cadagua S.A."),
        ),
        DemoWorkPackage(
            "WP2",
            "Partnership brokering",
            "Broker collaborations between SMEs, start-ups and entrepreneurs.",
            "Ibaialde Agencia de Desarrollo Económico",
            ("Datuak Analytics S.L.", "Moldes Ibaizabal S.L."),
        ),
        DemoWorkPackage(
            "WP3",
            "Startup boosting",
            "Launch and consolidate knowledge-intensive ventures.",
            "Deusto Berri Centro de Apoyo Empresarial",
            ("Ikusmen Vision Systems S.L.",),
        ),
        DemoWorkPackage(
            "WP4",
            "Training",
            "Train professionals in digital transformation skills.",
            "Universidad de Zorrotzaurre",
            ("Centro Tecnológico Nerbioi",),
        ),
    ),
    users=(
        DemoUser("admin.bilbao@example.org", "Itziar Etxeberria", Role.PROGRAMME_ADMIN),
        DemoUser(
            "staff.bilbao@example.org",
            "Jon Agirre",
            Role.PARTNER_STAFF,
            "Deusto Berri Centro de Apoyo Empresarial",
        ),
        DemoUser(
            "trainer.bilbao@example.org",
            "Nerea Goikoetxea",
            Role.PARTNER_STAFF,
            "Universidad de Zorrotzaurre",
        ),
        DemoUser(
            "broker.bilbao@example.org",
            "Iñaki Larrañaga",
            Role.PARTNER_STAFF,
            "Ibaialde Agencia de Desarrollo Económico",
        ),
        DemoUser("researcher.bilbao@example.org", "Lucía Fernández", Role.COMMUNITY_RESEARCHER),
        DemoUser(
            "enterprise.bilbao@example.org", "Ane Urrutia", Role.ENTERPRISE_MEMBER, "Datuak Analytics S.L."
        ),
        DemoUser("participant.bilbao@example.org", "Mikel Zubiri", Role.PARTICIPANT),
    ),
)

DEMO_PROGRAMMES = (BIRMINGHAM, BILBAO)


def demo_user(email: str, full_name: str, *, superuser: bool = False) -> User:
    """The demo account of this address, created with the published demo password if missing."""
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = user_model.objects.create_superuser(email, DEMO_PASSWORD, full_name=full_name)
        else:
            user = user_model.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
    return user


def build_programme(operator: User, demo: DemoProgramme, rng: random.Random) -> Programme:
    """One demo programme with its first admin, partners, work packages and users (idempotent)."""
    programme = Programme.objects.filter(slug=demo.slug).first()
    if programme is None:
        programme = services.create_programme(
            actor=operator,
            slug=demo.slug,
            name=demo.name,
            city=demo.city,
            country=demo.country,
            languages=list(demo.languages),
            currency=demo.currency,
            starts_on=demo.starts_on,
            ends_on=demo.ends_on,
            description=demo.description,
        )
    admin_spec = next(u for u in demo.users if u.role == Role.PROGRAMME_ADMIN)
    admin = demo_user(admin_spec.email, admin_spec.full_name)
    if not Membership.objects.filter(programme=programme, user=admin).exists():
        services.appoint_first_admin(actor=operator, programme=programme, user=admin)
    partners: dict[str, Partner] = {}
    for spec in demo.organisations:
        partner = Partner.objects.filter(programme=programme, organisation__name=spec.name).first()
        if partner is None:
            joined_on = demo.starts_on + datetime.timedelta(days=rng.randrange(0, 90))
            partner = services.register_partner(
                actor=admin,
                programme=programme,
                organisation_name=spec.name,
                kind=spec.kind,
                country=demo.country,
                role=spec.role,
                joined_on=joined_on,
            )
            if not partner.organisation.description:
                update_organisation(
                    actor=admin,
                    organisation=partner.organisation,
                    programme=programme,
                    description=spec.description,
                    city=spec.city,
                )
        partners[spec.name] = partner
    for wp in demo.work_packages:
        if not WorkPackage.objects.filter(programme=programme, code=wp.code).exists():
            services.create_work_package(
                actor=admin,
                programme=programme,
                code=wp.code,
                title=wp.title,
                objectives=wp.objectives,
                lead_partner=partners[wp.lead],
                delivery_partners=[partners[name] for name in wp.delivery],
            )
    for person in demo.users:
        user = demo_user(person.email, person.full_name)
        if not Membership.objects.filter(programme=programme, user=user).exists():
            organisation = partners[person.organisation].organisation if person.organisation else None
            services.add_member(
                actor=admin, programme=programme, user=user, role=person.role, organisation=organisation
            )
    return programme
