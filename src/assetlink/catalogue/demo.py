"""Demo catalogue, written in our own words from the facts of the practices: USE-IT! (Birmingham) and
AS-Fabrik (Bilbao) with their results (typed in, and live from the demo programmes' indicators), the
URBACT networks around them, and a two-day conference on civic ecosystems in Ljubljana; in English,
Spanish and Slovenian. Two demo accounts edit the catalogue: an editor and a reviewer."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from assetlink.catalogue import services
from assetlink.catalogue.models import (
    Adoption,
    CatalogueEditor,
    EditorRole,
    Event,
    NetworkKind,
    NetworkStatus,
    PartnerRole,
    Practice,
    PracticeStatus,
    Registration,
    RegistrationStatus,
    Theme,
)
from assetlink.encryption import blind_index
from assetlink.programmes.demo import demo_user
from assetlink.programmes.models import Programme

if TYPE_CHECKING:
    from assetlink.accounts.models import User

EDITOR_EMAIL = "editor.catalogue@example.org"
REVIEWER_EMAIL = "reviewer.catalogue@example.org"

THEMES = {
    "jobs-and-skills": {"en": "Jobs and skills", "es": "Empleo y competencias", "sl": "Delo in znanja"},
    "local-economy": {"en": "Local economy", "es": "Economía local", "sl": "Lokalno gospodarstvo"},
    "social-cohesion": {"en": "Social cohesion", "es": "Cohesión social", "sl": "Socialna kohezija"},
    "poverty": {"en": "Poverty", "es": "Pobreza", "sl": "Revščina"},
    "participative-governance": {
        "en": "Participative governance",
        "es": "Gobernanza participativa",
        "sl": "Participativno upravljanje",
    },
    "digital-transition": {"en": "Digital transition", "es": "Transición digital", "sl": "Digitalni prehod"},
    "culture-and-heritage": {
        "en": "Culture and heritage",
        "es": "Cultura y patrimonio",
        "sl": "Kultura in dediščina",
    },
    "education": {"en": "Education", "es": "Educación", "sl": "Izobraževanje"},
    "urban-logistics": {"en": "Urban logistics", "es": "Logística urbana", "sl": "Mestna logistika"},
}

USE_IT = {
    "en": {
        "title": "USE-IT!: unlocking the skills of a neighbourhood for the investment next door",
        "subtitle": "Residents, community researchers and anchor institutions connect a deprived area to a "
        "new hospital",
        "summary": "Between Birmingham and Sandwell a large new hospital was being built beside some of the "
        "most "
        "deprived neighbourhoods in England. USE-IT! set out to make sure the people living there shared in "
        "what it created: jobs, contracts and spaces.",
        "solution": "Residents were trained as community researchers and mapped what their neighbours could "
        "do, "
        "including qualifications earned abroad that went unused. Social enterprises were supported and "
        "grouped "
        "into consortia able to bid for the hospital's contracts, and overseas-trained health professionals "
        "were guided through re-accreditation towards posts in the hospital.",
        "partnership": "The city council led a partnership of the hospital trust, universities, social "
        "enterprise "
        "networks and community organisations, with residents taking part in the research and the decisions.",
        "impact": "Community researchers ran two dozen research projects; residents were connected to jobs "
        "of the "
        "investment, new and established social enterprises were supported and won grants and contracts "
        "locally.",
        "why_transfer": "Most cities have a large investment next to a neighbourhood that does not benefit "
        "from it. "
        "The method starts from what residents already have, and its steps can be taken one at a time.",
    },
    "es": {
        "title": "USE-IT!: desbloquear las capacidades de un barrio para la inversión de al lado",
        "subtitle": "Vecinos, investigadores comunitarios e instituciones ancla conectan una zona "
        "desfavorecida con un nuevo hospital",
        "summary": "Entre Birmingham y Sandwell se construía un gran hospital junto a algunos de los barrios "
        "más "
        "desfavorecidos de Inglaterra. USE-IT! quiso que sus vecinos participaran de lo que creaba: empleos, "
        "contratos y espacios.",
        "solution": "Se formó a vecinos como investigadores comunitarios que mapearon lo que sabían hacer "
        "sus "
        "vecinos, incluidas titulaciones obtenidas en el extranjero sin usar. Se apoyó a empresas sociales y "
        "se "
        "agruparon en consorcios capaces de optar a los contratos del hospital, y se acompañó a "
        "profesionales "
        "sanitarios formados fuera en su reacreditación.",
        "impact": "Los investigadores comunitarios realizaron dos docenas de proyectos; vecinos accedieron a "
        "empleos "
        "de la inversión y empresas sociales nuevas y consolidadas ganaron subvenciones y contratos locales.",
        "why_transfer": "Casi todas las ciudades tienen una gran inversión junto a un barrio que no se "
        "beneficia "
        "de ella. El método parte de lo que los vecinos ya tienen.",
    },
    "sl": {
        "title": "USE-IT!: sprostitev znanj soseske za naložbo v njeni bližini",
        "subtitle": "Prebivalci, skupnostni raziskovalci in sidrne ustanove povežejo prikrajšano območje z "
        "novo bolnišnico",
        "summary": "Med Birminghamom in Sandwellom je nastajala velika nova bolnišnica ob nekaterih najbolj "
        "prikrajšanih soseskah v Angliji. USE-IT! je poskrbel, da so prebivalci deležni tega, kar je "
        "prinesla: "
        "delovnih mest, naročil in prostorov.",
        "solution": "Prebivalci so se usposobili za skupnostne raziskovalce in popisali znanja svojih "
        "sosedov, "
        "tudi v tujini pridobljene kvalifikacije, ki ostajajo neizkoriščene. Socialna podjetja so dobila "
        "podporo "
        "in se povezala v konzorcije za javna naročila bolnišnice.",
        "why_transfer": "Skoraj vsako mesto ima veliko naložbo ob soseski, ki od nje nima koristi. Metoda "
        "izhaja "
        "iz tega, kar prebivalci že imajo.",
    },
}

AS_FABRIK = {
    "es": {
        "title": "AS-Fabrik: la industria y los servicios avanzados se transforman juntos",
        "subtitle": "Bilbao conecta su industria manufacturera con las empresas de servicios intensivos en "
        "conocimiento",
        "summary": "Bilbao reúne a la industria que debe digitalizarse con las empresas de servicios "
        "avanzados "
        "que pueden ayudarla, en un espacio de la ciudad dedicado a ello.",
        "solution": "Las industrias plantean retos reales de transformación digital; equipos de empresas de "
        "servicios, startups y universidades los resuelven juntos. Se forma a profesionales, se lanzan "
        "nuevas "
        "empresas y se consolidan las que ya existen.",
        "partnership": "El ayuntamiento lidera con su agencia de desarrollo, la universidad, los clústeres "
        "industriales y las asociaciones de empresas de servicios.",
        "impact": "Decenas de colaboraciones entre industria y servicios, nuevas empresas lanzadas y "
        "consolidadas, "
        "y cientos de profesionales formados.",
        "why_transfer": "Muchas ciudades industriales afrontan la digitalización con un tejido de servicios "
        "que "
        "no se conoce con su industria: el método los pone a trabajar juntos en retos concretos.",
    },
    "en": {
        "title": "AS-Fabrik: manufacturing and advanced services transform together",
        "subtitle": "Bilbao connects its manufacturing industry with knowledge-intensive service firms",
        "summary": "Bilbao brings together manufacturers that must go digital and the advanced service firms "
        "that "
        "can help them, in a place of the city dedicated to it.",
        "solution": "Manufacturers set real challenges of digital transformation; teams of service firms, "
        "start-ups and the university solve them together. Professionals are trained, new ventures launched "
        "and "
        "existing ones consolidated.",
        "impact": "Dozens of collaborations between industry and services, ventures launched and "
        "consolidated, and "
        "hundreds of professionals trained.",
        "why_transfer": "Many industrial cities face digitalisation with service firms that do not know "
        "their "
        "industry: the method puts them to work together on concrete challenges.",
    },
    "sl": {
        "title": "AS-Fabrik: industrija in napredne storitve se preobražajo skupaj",
        "subtitle": "Bilbao povezuje predelovalno industrijo s podjetji na znanju temelječih storitev",
        "summary": "Bilbao združuje industrijo, ki se mora digitalizirati, in podjetja naprednih storitev, "
        "ki ji "
        "lahko pri tem pomagajo.",
        "why_transfer": "Veliko industrijskih mest se loteva digitalizacije s storitvenimi podjetji, ki "
        "svoje "
        "industrije ne poznajo: metoda jih poveže pri konkretnih izzivih.",
    },
}

# (slug, name, kind, theme, start year, end year, status, lead city, its country, description)
NETWORKS = (
    (
        "urbinclusion",
        "URBinclusion",
        NetworkKind.IMPLEMENTATION,
        "poverty",
        2015,
        2018,
        "Barcelona",
        "ES",
        {
            "en": "Cities putting integrated strategies against poverty and social exclusion into practice.",
            "es": "Ciudades que llevan a la práctica estrategias integradas contra la pobreza y la "
            "exclusión.",
            "sl": "Mesta, ki uresničujejo celostne strategije proti revščini in socialni izključenosti.",
        },
    ),
    (
        "int-herit",
        "INT-HERIT",
        NetworkKind.IMPLEMENTATION,
        "culture-and-heritage",
        2016,
        2018,
        "Mantova",
        "IT",
        {
            "en": "Cities carrying out strategies that make cultural heritage a driver of local development.",
            "es": "Ciudades que aplican estrategias para que el patrimonio cultural impulse el desarrollo "
            "local.",
            "sl": "Mesta, ki izvajajo strategije, s katerimi kulturna dediščina poganja lokalni razvoj.",
        },
    ),
    (
        "boostinno",
        "BoostInno",
        NetworkKind.ACTION_PLANNING,
        "participative-governance",
        2015,
        2018,
        "Paris",
        "FR",
        {
            "en": "Cities planning how local government can help social innovation grow.",
            "es": "Ciudades que planifican cómo el gobierno local puede hacer crecer la innovación social.",
            "sl": "Mesta, ki načrtujejo, kako lahko lokalna oblast spodbudi socialne inovacije.",
        },
    ),
    (
        "freight-tails",
        "Freight TAILS",
        NetworkKind.ACTION_PLANNING,
        "urban-logistics",
        2015,
        2018,
        "Westminster",
        "GB",
        {
            "en": "Cities planning cleaner and smarter deliveries of goods in their centres.",
            "es": "Ciudades que planifican un reparto de mercancías más limpio e inteligente en sus centros.",
            "sl": "Mesta, ki načrtujejo čistejšo in pametnejšo dostavo blaga v svojih središčih.",
        },
    ),
    (
        "gen-y-city",
        "Gen-Y City",
        NetworkKind.ACTION_PLANNING,
        "jobs-and-skills",
        2015,
        2018,
        "Poznań",
        "PL",
        {
            "en": "Cities planning how to keep and attract young creative and tech talent.",
            "es": "Ciudades que planifican cómo retener y atraer talento joven creativo y tecnológico.",
            "sl": "Mesta, ki načrtujejo, kako obdržati in privabiti mlade ustvarjalne in tehnološke talente.",
        },
    ),
    (
        "stay-tuned",
        "Stay Tuned",
        NetworkKind.TRANSFER,
        "education",
        2018,
        2021,
        "",
        "",
        {
            "en": "Cities transferring a practice that keeps young people from leaving school early.",
            "es": "Ciudades que transfieren una práctica para evitar el abandono escolar temprano.",
            "sl": "Mesta, ki prenašajo prakso, ki mlade odvrača od zgodnjega opuščanja šolanja.",
        },
    ),
    (
        "creative-spirits",
        "CREATIVE SPIRITS",
        NetworkKind.TRANSFER,
        "culture-and-heritage",
        2018,
        2021,
        "",
        "",
        {
            "en": "Cities transferring a practice that grows creative and cultural enterprises in empty "
            "spaces.",
            "es": "Ciudades que transfieren una práctica para hacer crecer empresas creativas en espacios "
            "vacíos.",
            "sl": "Mesta, ki prenašajo prakso rasti ustvarjalnih podjetij v praznih prostorih.",
        },
    ),
)

CONFERENCE_SESSIONS = (
    (
        8,
        9,
        30,
        10,
        30,
        {
            "en": "Opening: what makes a civic ecosystem",
            "es": "Apertura: qué hace un ecosistema cívico",
            "sl": "Uvod: kaj naredi državljanski ekosistem",
        },
        "Main hall",
    ),
    (
        8,
        11,
        0,
        12,
        30,
        {
            "en": "Anchor institutions that buy and hire locally",
            "es": "Instituciones ancla que compran y contratan en lo local",
            "sl": "Sidrne ustanove, ki kupujejo in zaposlujejo lokalno",
        },
        "Main hall",
    ),
    (
        8,
        14,
        0,
        15,
        30,
        {
            "en": "Community researchers: residents who map their neighbourhood",
            "es": "Investigadores comunitarios: vecinos que mapean su barrio",
            "sl": "Skupnostni raziskovalci: prebivalci, ki popisujejo svojo sosesko",
        },
        "Room 2",
    ),
    (
        9,
        9,
        30,
        11,
        0,
        {
            "en": "Transferring a practice: understand, adapt, re-use",
            "es": "Transferir una práctica: entender, adaptar, reutilizar",
            "sl": "Prenos prakse: razumeti, prilagoditi, ponovno uporabiti",
        },
        "Main hall",
    ),
    (
        9,
        11,
        30,
        13,
        0,
        {
            "en": "Measuring results that cities can compare",
            "es": "Medir resultados que las ciudades puedan comparar",
            "sl": "Merjenje rezultatov, ki jih mesta lahko primerjajo",
        },
        "Room 2",
    ),
)


def build_demo_catalogue() -> None:
    """The demo catalogue (skipped once it has practices)."""
    if Practice.objects.exists():
        return
    editor = demo_user(EDITOR_EMAIL, "Maja Kovač")
    reviewer = demo_user(REVIEWER_EMAIL, "Tomás Aguirre")
    CatalogueEditor.objects.get_or_create(user=editor, defaults={"role": EditorRole.EDITOR})
    CatalogueEditor.objects.get_or_create(user=reviewer, defaults={"role": EditorRole.REVIEWER})
    themes = {
        code: Theme.objects.get_or_create(code=code, defaults={"names": names})[0]
        for code, names in THEMES.items()
    }
    birmingham = Programme.objects.filter(slug="birmingham-sandwell").first()
    bilbao = Programme.objects.filter(slug="bilbao").first()
    _publish(
        editor,
        reviewer,
        slug="use-it-birmingham",
        city="Birmingham",
        country="GB",
        city_population=1_144_919,
        label_date=datetime.date(2017, 6, 1),
        themes=[
            themes["jobs-and-skills"],
            themes["poverty"],
            themes["local-economy"],
            themes["participative-governance"],
        ],
        texts=USE_IT,
        in_partnership_with="Sandwell and West Birmingham Hospitals NHS Trust; universities; social "
        "enterprise networks",
        typed_results=[
            (
                "85",
                {
                    "en": "residents trained as community researchers",
                    "es": "vecinos formados como investigadores comunitarios",
                    "sl": "prebivalcev, usposobljenih za skupnostne raziskovalce",
                },
            ),
            (
                "24",
                {
                    "en": "community research projects",
                    "es": "proyectos de investigación comunitaria",
                    "sl": "skupnostnih raziskovalnih projektov",
                },
            ),
            (
                "36",
                {
                    "en": "new social enterprises supported",
                    "es": "nuevas empresas sociales apoyadas",
                    "sl": "podprtih novih socialnih podjetij",
                },
            ),
            (
                "39",
                {
                    "en": "established social enterprises supported",
                    "es": "empresas sociales consolidadas apoyadas",
                    "sl": "podprtih obstoječih socialnih podjetij",
                },
            ),
        ],
        results_programme=birmingham if birmingham and birmingham.publishes_results else None,
        result_indicators=[
            "people_trained_in_community_research",
            "research_projects_completed",
            "consortia_formed",
        ],
    )
    _publish(
        editor,
        reviewer,
        slug="as-fabrik-bilbao",
        city="Bilbao",
        country="ES",
        city_population=345_821,
        original_language="es",
        themes=[themes["local-economy"], themes["digital-transition"], themes["jobs-and-skills"]],
        texts=AS_FABRIK,
        typed_results=[
            (
                "32",
                {
                    "en": "collaborations between industry and services",
                    "es": "colaboraciones entre industria y servicios",
                    "sl": "sodelovanj med industrijo in storitvami",
                },
            ),
            ("36", {"en": "ventures launched", "es": "empresas lanzadas", "sl": "zagnanih podjetij"}),
            (
                "500+",
                {
                    "en": "professionals trained",
                    "es": "profesionales formados",
                    "sl": "usposobljenih strokovnjakov",
                },
            ),
        ],
        results_programme=bilbao if bilbao and bilbao.publishes_results else None,
        result_indicators=["collaborations_formed", "ventures_launched"],
    )
    for slug, name, kind, theme, start, end, lead, country, descriptions in NETWORKS:
        partners: list[tuple[str, str, str, Practice | None]] = (
            [(lead, country, PartnerRole.LEAD, None)] if lead else []
        )
        services.save_network(
            actor=editor,
            slug=slug,
            name=name,
            kind=kind,
            status=NetworkStatus.COMPLETED,
            theme=themes[theme],
            starts_on=datetime.date(start, 1, 1),
            ends_on=datetime.date(end, 12, 31),
            descriptions=descriptions,
            partners=partners,
        )
    conference = services.save_event(
        actor=editor,
        slug="civic-ecosystems-ljubljana-2022",
        titles={
            "en": "Civic ecosystems: cities, residents and anchor institutions",
            "es": "Ecosistemas cívicos: ciudades, vecinos e instituciones ancla",
            "sl": "Državljanski ekosistemi: mesta, prebivalci in sidrne ustanove",
        },
        descriptions={
            "en": "Two days in Ljubljana for cities that build community wealth: practices, transfer and "
            "results.",
            "es": "Dos días en Liubliana para ciudades que construyen riqueza comunitaria: prácticas, "
            "transferencia y resultados.",
            "sl": "Dva dni v Ljubljani za mesta, ki gradijo skupnostno blaginjo: prakse, prenos in "
            "rezultati.",
        },
        starts_on=datetime.date(2022, 11, 8),
        ends_on=datetime.date(2022, 11, 9),
        place="Ljubljana city hall",
        city="Ljubljana",
        country="SI",
        capacity=120,
        registration_open=False,
        is_published=True,
    )
    for day, start_hour, start_minute, end_hour, end_minute, titles, room in CONFERENCE_SESSIONS:
        services.add_session(
            actor=editor,
            event=conference,
            starts_at=datetime.datetime(2022, 11, day, start_hour, start_minute, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2022, 11, day, end_hour, end_minute, tzinfo=datetime.UTC),
            titles=titles,
            room=room,
        )
    _conference_registrations(conference)


# Who registered for the conference (invented people of the partner cities). The conference is over, so
# they are written as they stood when registration closed, with no e-mail sent.
CONFERENCE_REGISTRATIONS = [
    ("Maja Kovač", "City of Ljubljana", RegistrationStatus.REGISTERED),
    ("Tomaž Horvat", "City of Maribor", RegistrationStatus.REGISTERED),
    ("Ainhoa Etxeberria", "Bilbao City Council", RegistrationStatus.REGISTERED),
    ("Joseph Adeyemi", "Birmingham City Council", RegistrationStatus.REGISTERED),
    ("Laura Bianchi", "Comune di Mantova", RegistrationStatus.REGISTERED),
    ("Nina Zupan", "", RegistrationStatus.CANCELLED),
    ("Iker Goikoetxea", "Bilbao Ekintza", RegistrationStatus.REGISTERED),
    ("Agnieszka Nowak", "City of Poznań", RegistrationStatus.REGISTERED),
]


def _conference_registrations(conference: Event) -> None:
    for number, (name, organisation, status) in enumerate(CONFERENCE_REGISTRATIONS, start=1):
        address = f"delegate{number}@example.org"
        Registration.objects.create(
            event=conference,
            name=name,
            email=address,
            email_index=blind_index(services.REGISTRATION_INDEX, address),
            organisation=organisation,
            status=status,
        )


def _publish(editor: User, reviewer: User, **fields: Any) -> Practice:
    if fields.get("results_programme") is None:
        fields["result_indicators"] = []
    practice = services.save_practice(actor=editor, **fields)
    if practice.status != PracticeStatus.PUBLISHED:
        services.submit_for_review(actor=editor, practice=practice)
        services.publish(actor=reviewer, practice=practice)
    return practice


# A third city adopts USE-IT!

ADOPTER_ADMIN_EMAIL = "admin.maribor@example.org"
ADOPTER_SLUG = "use-it-maribor"
ADOPTER_POPULATION = 96_000
RESEARCHERS = (
    ("Ana", "Kovač"),
    ("Luka", "Horvat"),
    ("Maja", "Novak"),
    ("Jure", "Krajnc"),
    ("Nika", "Zupančič"),
    ("Tilen", "Potočnik"),
    ("Eva", "Mlakar"),
    ("Matej", "Kos"),
    ("Sara", "Vidmar"),
    ("Rok", "Golob"),
    ("Lara", "Turk"),
    ("Žiga", "Božič"),
)


def build_demo_adoption(operator: User) -> None:
    """Maribor adopts USE-IT! from the catalogue and trains its first community researchers, so its first
    results stand beside Birmingham's (skipped once the programme exists)."""
    from assetlink.catalogue.transfer import add_group_member, adopt, complete_milestone, save_template
    from assetlink.journeys.models import SupportProgramme
    from assetlink.journeys.services import add_cohort, add_participant, advance_participant, record_session
    from assetlink.people.models import ConsentPurpose
    from assetlink.people.services import ConsentChoice, register_person
    from assetlink.programmes.services import appoint_first_admin, create_programme

    if Programme.objects.filter(slug=ADOPTER_SLUG).exists():
        return
    practice = Practice.objects.filter(slug="use-it-birmingham").first()
    birmingham = Programme.objects.filter(slug="birmingham-sandwell").first()
    reviewer = demo_user(REVIEWER_EMAIL, "Tomás Aguirre")
    if practice is None or birmingham is None:
        return
    save_template(actor=reviewer, practice=practice, programme=birmingham)
    programme = create_programme(
        actor=operator,
        slug=ADOPTER_SLUG,
        name="USE-IT! Maribor (demo)",
        city="Maribor",
        country="SI",
        languages=["sl", "en"],
        currency="EUR",
        starts_on=datetime.date(2026, 1, 5),
        publishes_results=True,
    )
    admin = demo_user(ADOPTER_ADMIN_EMAIL, "Nina Horvat")
    appoint_first_admin(actor=operator, programme=programme, user=admin)
    adoption = adopt(
        actor=admin,
        practice=practice,
        programme=programme,
        city_population=ADOPTER_POPULATION,
        lead_organisation="Mestna občina Maribor (demo)",
        language="sl",
        on=datetime.date(2026, 1, 5),
    )
    # The demo tells the adoption as it happened, at the start of the programme.
    Adoption.objects.filter(pk=adoption.pk).update(
        created_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    )
    for name, organisation, role in (
        ("Petra Kralj", "Univerza v Mariboru (demo)", "Research supervision"),
        ("Andrej Lesjak", "Univerzitetni klinični center Maribor (demo)", "Anchor institution"),
        ("Mojca Rozman", "Zavod za socialno podjetništvo (demo)", "Social enterprises"),
    ):
        add_group_member(actor=admin, adoption=adoption, name=name, organisation=organisation, role=role)
    first = adoption.milestones.order_by("due_on").first()
    if first is not None:
        complete_milestone(actor=admin, milestone=first, on=datetime.date(2026, 3, 12))
    support = SupportProgramme.objects.filter(programme=programme, kind="community_research").first()
    if support is None:
        return
    cohort = add_cohort(
        actor=admin, support=support, name="Skupnostni raziskovalci 2026", starts_on=datetime.date(2026, 4, 6)
    )
    participations = []
    for given, family in RESEARCHERS:
        person = register_person(
            actor=admin,
            programme=programme,
            consents=[
                ConsentChoice(ConsentPurpose.MATCHING, True),
                ConsentChoice(ConsentPurpose.RESEARCH, True),
            ],
            evidence="Signed registration form (demo)",
            given_name=given,
            family_name=family,
            occurred_on=datetime.date(2026, 3, 30),
        )
        participations.append(
            add_participant(actor=admin, cohort=cohort, person=person, joined_on=datetime.date(2026, 4, 6))
        )
    for week in range(4):
        record_session(
            actor=admin,
            cohort=cohort,
            held_on=datetime.date(2026, 4, 6) + datetime.timedelta(weeks=week),
            topic="Community research methods",
            present=participations,
        )
    trained = support.stages.filter(code="trained").first()
    if trained is None:
        return
    for participation in participations:
        advance_participant(
            actor=admin, participation=participation, stage=trained, reached_on=datetime.date(2026, 5, 4)
        )
