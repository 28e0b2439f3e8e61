"""Demo community research in Birmingham: researchers from the residents the programme trained, 24
projects reported in 2024–26 and three under way, their XLSForm questionnaires in English with Urdu,
Arabic or Somali, and the responses their teams collected, reviewed; then what the teams made of them:
answers and group discussions coded by two coders, findings citing excerpts and tables, the micro assets
they proposed for the register, and a community economic development plan for every area."""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.db.models import F

from assetlink.impact.models import Indicator
from assetlink.organisations.selectors import organisations_of
from assetlink.research import collection, services
from assetlink.research.models import (
    Code,
    Document,
    Excerpt,
    Finding,
    Project,
    ProjectStatus,
    Researcher,
    Source,
    Submission,
    SubmissionStatus,
    Survey,
    TeamRole,
)
from assetlink.research.xlsform_writer import Choice, Question, workbook
from assetlink.taxonomy.models import EscoConcept

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.places.models import Area
    from assetlink.programmes.models import Programme

RESEARCH_PROJECTS = 24
FULL_DEMO_PEOPLE = 2000
RESPONSES_PER_PROJECT = 120
EN = "English (en)"
NEEDS = {
    "work": ("Paid work", "تنخواہ والا کام", "عمل مدفوع الأجر", "Shaqo lacag leh"),
    "training": ("Training", "تربیت", "تدريب", "Tababar"),
    "english": ("English classes", "انگریزی کی کلاسیں", "دروس اللغة الإنجليزية", "Fasallo Ingiriis"),
    "childcare": ("Childcare", "بچوں کی دیکھ بھال", "رعاية الأطفال", "Daryeelka carruurta"),
    "space": ("A place to meet or work", "ملنے یا کام کی جگہ", "مكان للقاء أو العمل", "Meel lagu kulmo"),
}
YES_NO = {
    "yes": ("Yes", "ہاں", "نعم", "Haa"),
    "no": ("No", "نہیں", "لا", "Maya"),
}
IDEAS = (
    "A repair café in the community centre",
    "Cooking for the hospital canteen",
    "A sewing cooperative for school uniforms",
    "Homework club run by parents",
    "Translation help at the GP surgery",
    "A market stall for home bakers",
    "Bike repairs for hospital staff",
    "Evening English conversation group",
)
UNUSED_SKILLS = (
    "I was a nurse in Pakistan",
    "Accounting, twenty years",
    "Tailoring",
    "Electrician, qualified in Somalia",
    "Teaching maths",
    "Pharmacy technician",
    "Driving buses",
    "Catering for weddings",
)


@dataclass(frozen=True)
class Questionnaire:
    base_id: str
    title: str
    language: str  # the XLSForm column name, "Urdu (ur)"
    column: int  # which translation of NEEDS and YES_NO
    labels: dict[str, str]  # question name -> its label in the other language


QUESTIONNAIRES = (
    Questionnaire(
        "household_skills",
        "Skills on our streets",
        "Urdu (ur)",
        1,
        {
            "consent": "میں حصہ لینے پر راضی ہوں",
            "assetlink_identify": "کیا ہم آپ کا نام جوابات کے ساتھ رکھ سکتے ہیں؟",
            "respondent_name": "آپ کا نام",
            "area": "آپ کہاں رہتے ہیں؟",
            "age": "آپ کی عمر کیا ہے؟",
            "need": "آپ کو سب سے زیادہ کس چیز کی ضرورت ہے؟",
            "unused": "کیا آپ کے پاس کوئی ہنر ہے جو آپ یہاں استعمال نہیں کرتے؟",
            "skill": "کون سا ہنر؟",
            "idea": "محلے کے لیے آپ کا ایک خیال",
        },
    ),
    Questionnaire(
        "community_spaces",
        "Spaces we could use",
        "Arabic (ar)",
        2,
        {
            "consent": "أوافق على المشاركة",
            "assetlink_identify": "هل يمكننا الاحتفاظ باسمك مع إجاباتك؟",
            "respondent_name": "اسمك",
            "area": "أين تسكن؟",
            "age": "كم عمرك؟",
            "need": "ما الذي تحتاجه أكثر؟",
            "unused": "هل لديك مهارة لا تستخدمها هنا؟",
            "skill": "ما هي المهارة؟",
            "idea": "فكرة واحدة للحي",
        },
    ),
    Questionnaire(
        "enterprise_ideas",
        "Ideas for local enterprise",
        "Somali (so)",
        3,
        {
            "consent": "Waan ogolahay inaan ka qayb qaato",
            "assetlink_identify": "Ma hayn karnaa magacaaga iyo jawaabahaaga?",
            "respondent_name": "Magacaaga",
            "area": "Xaggee ku nooshahay?",
            "age": "Imisa jir baad tahay?",
            "need": "Maxaad ugu baahan tahay?",
            "unused": "Ma leedahay xirfad aadan halkan ka isticmaalin?",
            "skill": "Xirfaddee?",
            "idea": "Hal fikrad oo xaafadda ah",
        },
    ),
)
ENGLISH_LABELS = {
    "consent": "I agree to take part",
    "assetlink_identify": "May we keep your name with your answers?",
    "respondent_name": "Your name",
    "area": "Where do you live?",
    "age": "How old are you?",
    "need": "What do you need most?",
    "unused": "Do you have a skill you do not use here?",
    "skill": "Which skill?",
    "idea": "One idea for the neighbourhood",
}


def questionnaire_xlsform(questionnaire: Questionnaire, form_id: str, version: str) -> bytes:
    """The questionnaire as the XLSForm its team uploaded."""
    other = questionnaire.language

    def labels(name: str) -> dict[str, str]:
        return {EN: ENGLISH_LABELS[name], other: questionnaire.labels[name]}

    questions = [
        Question("acknowledge", "consent", labels("consent"), required=True),
        Question(
            "select_one yes_no",
            "assetlink_identify",
            labels("assetlink_identify"),
            relevant="${consent} = 'OK'",
        ),
        Question(
            "text", "respondent_name", labels("respondent_name"), relevant="${assetlink_identify} = 'yes'"
        ),
        Question("select_one area", "area", labels("area"), required=True),
        Question(
            "integer",
            "age",
            labels("age"),
            required=True,
            constraint=". >= 16 and . < 110",
            constraint_messages={EN: "From 16 to 109", other: "16 – 109"},
        ),
        Question("select_one need", "need", labels("need")),
        Question("select_one yes_no", "unused", labels("unused")),
        Question("text", "skill", labels("skill"), relevant="${unused} = 'yes'"),
        Question("text", "idea", labels("idea")),
    ]
    choices = [
        Choice("need", code, {EN: names[0], other: names[questionnaire.column]})
        for code, names in NEEDS.items()
    ] + [
        Choice("yes_no", code, {EN: names[0], other: names[questionnaire.column]})
        for code, names in YES_NO.items()
    ]
    return workbook(
        form_id=form_id,
        title=questionnaire.title,
        version=version,
        questions=questions,
        choices=choices,
        languages=(EN, other),
        default_language=EN,
    )


def _response(rng: random.Random, form_id: str, version: str, area: str) -> bytes:
    identify = "yes" if rng.random() < 0.15 else "no"
    unused = "yes" if rng.random() < 0.4 else "no"
    name = (
        rng.choice(("Farah Iqbal", "Hodan Ali", "Omar Haddad", "Nasreen Akhtar")) if identify == "yes" else ""
    )
    instance = uuid.UUID(int=rng.getrandbits(128), version=4)
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{form_id}" version="{version}">'
        f"<consent>OK</consent><assetlink_identify>{identify}</assetlink_identify>"
        f"<respondent_name>{escape(name)}</respondent_name><area>{escape(area)}</area>"
        f"<age>{rng.randrange(17, 80)}</age><need>{rng.choice(list(NEEDS))}</need><unused>{unused}</unused>"
        f"<skill>{escape(rng.choice(UNUSED_SKILLS)) if unused == 'yes' else ''}</skill>"
        f"<idea>{escape(rng.choice(IDEAS))}</idea>"
        f"<meta><instanceID>uuid:{instance}</instanceID></meta></data>"
    ).encode()


def _researchers(admin: User, programme: Programme) -> tuple[Researcher, list[Researcher]]:
    """The supervisor and the resident researchers: everyone the training took to "trained", and the
    demo's community researcher account."""
    from assetlink.accounts.models import User as UserModel
    from assetlink.journeys.models import Participation

    university = programme.partners.get(organisation__name="University of Westmere").organisation
    supervisor = services.save_researcher(
        actor=admin,
        programme=programme,
        name="Dr Helen Marsh",
        organisation=university,
        accredited_on=datetime.date(2019, 6, 1),
    )
    trained = (
        Participation.objects.filter(
            cohort__support__programme=programme,
            cohort__support__kind="community_research",
            stage__position__gte=F("cohort__support__stages__position"),
            cohort__support__stages__code="trained",
        )
        .select_related("person", "cohort")
        .order_by("cohort__starts_on", "pk")
    )
    team: list[Researcher] = []
    for participation in trained:
        person = participation.person
        if person is None:
            continue
        accredited = participation.cohort.starts_on + datetime.timedelta(days=70)
        team.append(
            services.save_researcher(
                actor=admin,
                programme=programme,
                name=f"{person.given_name} {person.family_name[:1]}.".strip(),
                person=person,
                supervisor=supervisor,
                accredited_on=accredited,
                accreditation_expires_on=accredited + datetime.timedelta(days=3 * 365),
            )
        )
    account = UserModel.objects.filter(email="researcher.birmingham@example.org").first()
    if account is not None:
        team.insert(
            0,
            services.save_researcher(
                actor=admin,
                programme=programme,
                name="Grace Okafor",
                user=account,
                supervisor=supervisor,
                accredited_on=datetime.date(2024, 3, 25),
                accreditation_expires_on=datetime.date(2027, 3, 25),
            ),
        )
    return supervisor, team


def build_demo_research(
    *, admin: User, programme: Programme, areas: list[Area], people: int, seed: int
) -> None:
    """Researchers, projects, surveys and responses (skipped when the programme already has projects).
    Responses scale with the demo's size: about 120 a project in the full demo."""
    if Project.objects.filter(programme=programme).exists() or not areas:
        return
    rng = random.Random(f"{seed}-{programme.slug}-research")  # noqa: S311 - demo data
    supervisor, team = _researchers(admin, programme)
    if not team:
        return
    lead = programme.partners.get(organisation__name="University of Westmere").organisation
    responses = max(4, round(RESPONSES_PER_PROJECT * min(1.0, people / FULL_DEMO_PEOPLE)))
    start = datetime.date(2024, 3, 4)
    plans = [
        (ProjectStatus.REPORTED, start + datetime.timedelta(days=31 * n)) for n in range(RESEARCH_PROJECTS)
    ]
    plans += [
        (ProjectStatus.ANALYSIS, datetime.date(2026, 7, 6)),
        (ProjectStatus.FIELDWORK, datetime.date(2026, 10, 5)),
        (ProjectStatus.DESIGN, datetime.date(2026, 11, 16)),
    ]
    for number, (status, starts_on) in enumerate(plans, start=1):
        questionnaire = QUESTIONNAIRES[number % len(QUESTIONNAIRES)]
        place = areas[number % len(areas)]
        current = status != ProjectStatus.REPORTED
        # Grace leads the projects under way and, an experienced hand, every third reported one.
        members = [team[0]] if current or number % 3 == 0 else []
        members += [r for r in rng.sample(team, k=min(len(team), 3)) if r not in members]
        project = services.save_project(
            actor=admin,
            programme=programme,
            title=f"{questionnaire.title}: {place.name}, {starts_on:%B %Y}",
            question=f"What do residents of {place.name} bring, and what would let them use it near the new "
            "hospital?",
            lead_organisation=lead,
            areas=[place],
            supervisor=supervisor,
            ethics_statement={"en": "Approved by the University of Westmere research ethics committee."},
            consent_statement={
                "en": "Taking part is your choice. Your answers stay anonymous unless you agree otherwise, "
                "and you can withdraw them at any time.",
            },
            budget=Decimal(2400),
            outputs="" if current else "A short report and a community presentation.",
            starts_on=starts_on,
            ends_on=None if current else starts_on + datetime.timedelta(days=120),
        )
        for index, researcher in enumerate(members):
            services.set_team_member(
                actor=admin,
                project=project,
                researcher=researcher,
                role=TeamRole.LEAD if index == 0 else TeamRole.FIELDWORKER,
            )
        form_id = f"{questionnaire.base_id}_{number:02d}"
        version = f"{starts_on:%Y%m%d}01"
        survey = services.create_survey(
            actor=admin,
            project=project,
            file_name=f"{form_id}.xlsx",
            data=questionnaire_xlsform(questionnaire, form_id, version),
        )
        if status == ProjectStatus.DESIGN:
            continue
        services.change_project_status(
            actor=admin, project=project, status=ProjectStatus.FIELDWORK, on=starts_on
        )
        _collect(rng, admin, survey, members, form_id, version, place, responses, starts_on)
        if status == ProjectStatus.FIELDWORK:
            continue
        services.change_project_status(
            actor=admin,
            project=project,
            status=ProjectStatus.ANALYSIS,
            on=starts_on + datetime.timedelta(days=60),
        )
        if status == ProjectStatus.REPORTED:
            services.change_project_status(
                actor=admin,
                project=project,
                status=ProjectStatus.REPORTED,
                on=starts_on + datetime.timedelta(days=120),
            )
            for researcher in members:
                services.record_payment(
                    actor=admin,
                    project=project,
                    researcher=researcher,
                    amount=Decimal(150),
                    paid_on=starts_on + datetime.timedelta(days=125),
                    kind="voucher",
                    evidence="Voucher receipt signed",
                )
    services.issue_key(actor=admin, researcher=team[0], label="Phone of the fieldwork team")


def _collect(
    rng: random.Random,
    admin: User,
    survey: Survey,
    members: list[Researcher],
    form_id: str,
    version: str,
    place: Area,
    count: int,
    starts_on: datetime.date,
) -> None:
    """The team's responses, received as ODK Collect sends them, then reviewed by the project's lead."""
    for _number in range(count):
        collector = rng.choice(members)
        received = collection.receive(
            researcher=collector,
            xml=_response(rng, form_id, version, place.code),
            files={},
            source=Source.COLLECT if rng.random() < 0.8 else Source.BROWSER,
        )
        day = starts_on + datetime.timedelta(days=rng.randrange(0, 56))
        moment = datetime.datetime.combine(day, datetime.time(10 + rng.randrange(0, 8)), tzinfo=datetime.UTC)
        Submission.objects.filter(pk=received.submission.pk).update(received_at=moment)
        roll = rng.random()
        if roll < 0.85:
            services.review_submission(
                actor=admin, submission=received.submission, status=SubmissionStatus.APPROVED
            )
        elif roll < 0.93:
            services.review_submission(
                actor=admin,
                submission=received.submission,
                status=SubmissionStatus.HAS_ISSUES,
                comment="The age looks mistyped; please check with the respondent.",
            )


# What the teams made of their responses: coding, findings, proposed assets and the areas' plans.

CODEBOOK = {
    "Skills": (
        "Care and health",
        "Trades and repair",
        "Food and catering",
        "Teaching and languages",
        "Business",
    ),
    "Needs": ("Work", "Childcare", "Space"),
    "Enterprise ideas": (),
}
# Words in an answer or a transcript, and the code a coder tags them with.
CODED_WORDS = {
    "nurse": "Care and health",
    "Pharmacy": "Care and health",
    "Electrician": "Trades and repair",
    "repair": "Trades and repair",
    "Tailoring": "Trades and repair",
    "sewing": "Trades and repair",
    "Cooking": "Food and catering",
    "Catering": "Food and catering",
    "bakers": "Food and catering",
    "cooks for weddings": "Food and catering",
    "Teaching": "Teaching and languages",
    "Translation": "Teaching and languages",
    "translate for their parents": "Teaching and languages",
    "English conversation": "Teaching and languages",
    "Accounting": "Business",
    "Driving buses": "Business",
    "market stall": "Enterprise ideas",
    "cooperative": "Enterprise ideas",
    "no room to meet": "Space",
    "kitchen we can hire by the hour": "Space",
    "Childcare in the evenings": "Childcare",
    "cleans offices at night": "Work",
}
TRANSCRIPT = (
    "Group discussion at the community centre, {area}.\n"
    "Facilitator: What do people here know how to do that nobody asks them about?\n"
    "Participant 1: My neighbour was a nurse back home; here she cleans offices at night.\n"
    "Participant 2: Half the street cooks for weddings. We could feed the hospital canteen if someone let "
    "us in.\n"
    "Participant 3: There is no room to meet. The church hall is always booked and the library shuts at "
    "five.\n"
    "Participant 1: The young ones translate for their parents at the GP all the time. That is a skill too.\n"
    "Facilitator: What would help?\n"
    "Participant 2: A kitchen we can hire by the hour, and help with the food hygiene certificate.\n"
    "Participant 3: Childcare in the evenings, so that mothers can go to the English classes."
)
CODED_DOCUMENTS = 10


@dataclass(frozen=True)
class FindingPlan:
    title: str
    summary: str
    kind: str
    asset_kinds: tuple[str, ...]
    codes: tuple[str, ...]
    proposal_kind: str
    proposal_name: str
    space_kind: str = ""
    skill_words: str = ""


FINDINGS = {
    "household_skills": FindingPlan(
        "Overseas qualifications go unused in {area}",
        "Many respondents hold qualifications from abroad, in nursing, pharmacy and teaching above all, and "
        "work below them or not at all. With re-accreditation they could fill posts the new hospital "
        "advertises.",
        "asset",
        ("qualifications", "skills"),
        ("Care and health", "Teaching and languages"),
        "skill_pool",
        "Overseas-trained health workers, {area}",
        skill_words="nursing",
    ),
    "community_spaces": FindingPlan(
        "{area} lacks a place to meet and to cook",
        "Residents name a room to meet and a kitchen to hire as what keeps their groups and small food "
        "businesses from growing; the halls that exist are booked or close early.",
        "need",
        ("space", "community_group"),
        ("Space", "Food and catering"),
        "space",
        "Community kitchen for hire, {area}",
        space_kind="kitchen",
    ),
    "enterprise_ideas": FindingPlan(
        "Home caterers in {area} could supply the hospital",
        "Residents already cook for weddings and festivals and would sell to the hospital's canteen and "
        "events if they could share a registered kitchen and get food hygiene training.",
        "opportunity",
        ("social_enterprise", "skills"),
        ("Food and catering", "Enterprise ideas"),
        "community_group",
        "{area} Home Caterers",
    ),
}
ACCEPTED_PROPOSALS = 6


def build_demo_evidence(*, admin: User, programme: Programme, areas: list[Area]) -> None:
    """Coding, findings and proposed assets for the projects past fieldwork, and one plan per area."""
    if Code.objects.filter(project__programme=programme).exists():
        return
    grace = Researcher.objects.filter(programme=programme, user__isnull=False).first()
    projects = Project.objects.filter(
        programme=programme, status__in=[ProjectStatus.ANALYSIS, ProjectStatus.REPORTED]
    ).order_by("starts_on", "pk")
    accepted = 0
    for number, project in enumerate(projects):
        survey = project.surveys.first()
        area = project.areas.first()
        if survey is None or area is None:
            continue
        codes = _codebook(admin, project)
        # Two coders where the team has someone with an account (their agreement is then shown), else the
        # programme admin alone.
        on_team = (
            grace is not None and grace.user is not None and project.team.filter(researcher=grace).exists()
        )
        coders = [grace.user, admin] if on_team and grace is not None and grace.user else [admin]
        for path, _label in services.text_questions(survey, "en"):
            services.documents_from_answers(actor=admin, survey=survey, question_path=path)
        services.add_transcript(
            actor=admin,
            project=project,
            title=f"Group discussion, {area.name}",
            text=TRANSCRIPT.format(area=area.name),
        )
        documents = list(Document.objects.filter(project=project).order_by("-kind", "pk")[:CODED_DOCUMENTS])
        for index, document in enumerate(documents):
            for coder_number, coder in enumerate(coders):
                _code(coder, document, codes, narrow=coder_number == 1 and index % 5 == 0)
        base_id = survey.form_id.rsplit("_", 1)[0]
        finding_plan = FINDINGS.get(base_id)
        if finding_plan is None:
            continue
        table = services.keep_table(
            actor=coders[0],
            survey=survey,
            title=f"Needs by unused skills, {area.name}",
            rows=_path_of(survey, "need"),
            columns=_path_of(survey, "unused"),
        )
        relevant = [
            excerpt
            for excerpt in _excerpts_of(project)
            if any(code.name in finding_plan.codes for code in excerpt.codes.all())
        ]
        # What the group said and what single respondents answered, a few of each.
        cited = [e for e in relevant if e.document.submission_id is None][:3]
        cited += [e for e in relevant if e.document.submission_id is not None][:3]
        finding = services.save_finding(
            actor=coders[0],
            project=project,
            title=finding_plan.title.format(area=area.name) + f" ({project.starts_on:%b %Y})",
            summary=finding_plan.summary,
            kind=finding_plan.kind,
            areas=[area],
            asset_kinds=list(finding_plan.asset_kinds),
            excerpts=cited,
            tables=[table],
        )
        skill = (
            EscoConcept.objects.filter(kind="skill", preferred_label__icontains=finding_plan.skill_words)
            .order_by("uri")
            .first()
            if finding_plan.skill_words
            else None
        )
        if finding_plan.proposal_kind == "skill_pool" and skill is None:
            continue
        proposal = services.propose_asset(
            actor=coders[0],
            finding=finding,
            kind=finding_plan.proposal_kind,
            name=finding_plan.proposal_name.format(area=area.name) + f" ({project.starts_on:%b %Y})",
            description=finding_plan.summary,
            area=area,
            skill=skill,
            members=8 + number % 7 if finding_plan.proposal_kind == "skill_pool" else None,
            space_kind=finding_plan.space_kind,
        )
        if project.status == ProjectStatus.REPORTED and accepted < ACCEPTED_PROPOSALS:
            services.decide_proposal(actor=admin, proposal=proposal, accept=True)
            accepted += 1
        elif project.status == ProjectStatus.REPORTED and number % 5 == 0:
            services.decide_proposal(
                actor=admin, proposal=proposal, accept=False, note="The register holds this already."
            )
    indicators = list(Indicator.objects.filter(programme=programme).order_by("pk")[:2])
    owners = list(organisations_of(programme).order_by("name")[:4])
    opportunity = programme.opportunities.order_by("pk").first()
    for index, area in enumerate(areas):
        findings = list(Finding.objects.filter(project__programme=programme, areas=area).order_by("pk"))
        plan = services.save_plan(
            actor=admin,
            programme=programme,
            area=area,
            title=f"{area.name} community economic development plan 2025–27",
            vision=f"Residents of {area.name} use their skills and spaces in the jobs, contracts and "
            "services the new hospital brings, and own more of the local economy.",
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
        )
        goals = [
            services.add_goal(actor=admin, plan=plan, title=title, indicator=indicator)
            for title, indicator in zip(
                ("More residents in work at the hospital", "More local suppliers win contracts"),
                indicators + [None] * (2 - len(indicators)),
                strict=True,
            )
        ]
        steps = (
            ("Re-accreditation clinic for overseas-trained nurses", "done", 0),
            ("Open a community kitchen for hire", "under_way", 1),
            ("Food hygiene training for home caterers", "planned", 1),
            ("Evening childcare during English classes", "planned", 0),
        )
        for step, (title, status, goal_index) in enumerate(steps):
            services.save_action(
                actor=admin,
                plan=plan,
                title=title,
                goal=goals[goal_index],
                owner=owners[(index + step) % len(owners)] if owners else None,
                due_on=datetime.date(2025, 9, 30) + datetime.timedelta(days=120 * step),
                status=status,
                findings=findings[step::4][:2],
                opportunities=[opportunity] if opportunity and step == 0 else [],
            )


def _path_of(survey: Survey, name: str) -> str:
    version = survey.versions.first()
    questions = version.questions if version else []
    return next((question["path"] for question in questions if question["name"] == name), name)


def _codebook(admin: User, project: Project) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for parent_name, children in CODEBOOK.items():
        parent = services.save_code(actor=admin, project=project, name=parent_name)
        codes[parent_name] = parent
        for name in children:
            codes[name] = services.save_code(actor=admin, project=project, name=name, parent=parent)
    return codes


def _code(coder: User, document: Document, codes: dict[str, Code], *, narrow: bool) -> None:
    """Tag each known phrase of a document; the second coder sometimes marks only the key words."""
    text = document.text
    for words, code_name in CODED_WORDS.items():
        at = text.find(words)
        if at < 0:
            continue
        # The first coder marks the whole line the words are on; a narrow reading marks the words alone.
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        quote, start = (words, at) if narrow else (text[line_start:line_end], line_start)
        services.code_excerpt(
            actor=coder, document=document, quote=quote, codes=[codes[code_name]], start=start
        )


def _excerpts_of(project: Project) -> list[Excerpt]:
    return list(
        Excerpt.objects.filter(document__project=project)
        .select_related("document")
        .prefetch_related("codes")
        .order_by("pk")
    )
