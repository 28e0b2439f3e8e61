"""Transfer of a practice, following Understand → Adapt → Re-use: the template captured from the programme
that runs it, the side-by-side plan an adopting city reviews (targets scaled to its population, pathways
to its country), the adoption that builds the city's programme from it with a transfer plan, and results
compared on the same indicator definitions."""

from __future__ import annotations

import base64
import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.catalogue.models import (
    Adoption,
    AdoptionChange,
    LocalGroupMember,
    Practice,
    PracticeStatus,
    PracticeTemplate,
    TransferMilestone,
    TransferStage,
)
from assetlink.engine.periods import Period, PeriodKind
from assetlink.impact.indicators.dashboards import indicator_row
from assetlink.impact.indicators.query import WHOLE
from assetlink.impact.indicators.services import define_indicator, set_target
from assetlink.impact.indicators.values import programme_span
from assetlink.impact.models import Indicator, Target
from assetlink.journeys.models import PathwayTemplate, SupportProgramme
from assetlink.journeys.services import save_pathway, save_step, save_support_programme
from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import OrganisationKind
from assetlink.programmes.disclosure import published_rule
from assetlink.programmes.models import Membership, PartnerRole, Programme, Role
from assetlink.programmes.rules import require
from assetlink.programmes.services import create_work_package, register_partner
from assetlink.research.models import Survey
from assetlink.research.services import create_survey, save_project

if TYPE_CHECKING:
    from assetlink.accounts.models import User

INDICATOR_KEYS = (
    "name",
    "source",
    "names",
    "description",
    "measure",
    "entry_types",
    "filters",
    "subject_has",
    "subject_lacks",
    "denominator",
    "higher_is_better",
    "accumulation",
    "is_headline",
    "position",
)
# Measures of the ledger whose targets are counts or sums of money, scaled with the population; rates,
# shares and figures from other sources (spend, LM3) stay as they are.
SCALED_MEASURES = {"subjects", "entries", "quantity", "related", "value"}
CORE_PARTNER_ROLES = frozenset({PartnerRole.LEAD, PartnerRole.ANCHOR})
CORE_MEMBER_ROLES = frozenset({Role.COMMUNITY_RESEARCHER})


# Understand: the template


def capture_template(programme: Programme) -> dict[str, Any]:
    """Everything a city would take over from this programme, each element marked core or adaptable."""
    indicators = []
    for indicator in Indicator.objects.filter(programme=programme).select_related(
        "plus", "denominator_indicator"
    ):
        target = Target.objects.filter(
            indicator=indicator, period_kind=PeriodKind.PROGRAMME, work_package=None, area=None
        ).first()
        indicators.append(
            {
                "code": indicator.code,
                **{key: getattr(indicator, key) for key in INDICATOR_KEYS},
                "plus": indicator.plus.code if indicator.plus else "",
                "denominator_indicator": indicator.denominator_indicator.code
                if indicator.denominator_indicator
                else "",
                "factor": str(indicator.factor) if indicator.factor is not None else None,
                "target": _plain(target.value) if target else None,
                "core": indicator.is_headline,
            }
        )
    pathways = [
        {
            "code": pathway.code,
            "name": pathway.name,
            "country": pathway.country,
            "description": pathway.description,
            "steps": [
                {
                    "code": step.code,
                    "name": step.name,
                    "expected_days": step.expected_days,
                    "expected_cost": str(step.expected_cost),
                    "evidence_required": step.evidence_required,
                    "outcome_type": step.outcome_type,
                }
                for step in pathway.steps.order_by("position")
            ],
            "core": False,
        }
        for pathway in PathwayTemplate.objects.filter(programme=programme, is_active=True).order_by("code")
    ]
    supports = [
        {
            "kind": support.kind,
            "name": support.name,
            "description": support.description,
            "participants": support.participants,
            "min_attendance": support.min_attendance,
            "core": True,
        }
        for support in SupportProgramme.objects.filter(programme=programme, is_active=True).order_by("pk")
    ]
    surveys = []
    for survey in Survey.objects.filter(programme=programme).order_by("pk")[:5]:
        version = survey.versions.order_by("-created_at", "-pk").first()
        if version is not None:
            surveys.append(
                {
                    "form_id": survey.form_id.rsplit("_", 1)[0]
                    if survey.form_id[-3:-2] == "_"
                    else survey.form_id,
                    "title": survey.title,
                    "xlsform": base64.b64encode(bytes(version.xlsform)).decode(),
                    "core": False,
                }
            )
    return {
        "source": {"programme": programme.name, "city": programme.city, "country": programme.country},
        "roles": _roles(programme),
        "work_packages": [
            {"code": wp.code, "title": wp.title, "objectives": wp.objectives, "core": True}
            for wp in programme.work_packages.order_by("code")
        ],
        "indicators": indicators,
        "pathways": pathways,
        "support_programmes": supports,
        "opportunity_kinds": sorted(
            set(Opportunity.objects.filter(programme=programme).values_list("kind", flat=True))
        ),
        "surveys": _unique_surveys(surveys),
    }


def _roles(programme: Programme) -> list[dict[str, Any]]:
    """The roles the practice is run with: its partners by role, and the people of its team by role (its
    participants are who it serves, not a role to fill). The lead, anchor institutions and community
    researchers are what the practice is; the rest a city may do without."""
    partners = Counter(programme.partners.filter(left_on__isnull=True).values_list("role", flat=True))
    members = Counter(
        Membership.objects.filter(programme=programme, is_active=True)
        .exclude(role=Role.PARTICIPANT)
        .values_list("role", flat=True)
    )
    return [
        {"kind": "partner", "role": role, "count": partners[role], "core": role in CORE_PARTNER_ROLES}
        for role in PartnerRole.values
        if partners[role]
    ] + [
        {"kind": "member", "role": role, "count": members[role], "core": role in CORE_MEMBER_ROLES}
        for role in Role.values
        if members[role]
    ]


def _plain(value: Decimal) -> str:
    """A decimal as people write it: 250, 23.5."""
    text = format(value.normalize(), "f")
    return text


def _unique_surveys(surveys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    kept = []
    for survey in surveys:
        if survey["form_id"] not in seen:
            seen.add(survey["form_id"])
            kept.append(survey)
    return kept


def save_template(*, actor: User, practice: Practice, programme: Programme) -> PracticeTemplate:
    """Capture a new version of the practice's template from the programme that runs it (a reviewer)."""
    require(actor, "catalogue.review")
    content = capture_template(programme)
    last = practice.templates.order_by("-version").first()
    with transaction.atomic():
        template = PracticeTemplate.objects.create(
            practice=practice,
            version=(last.version + 1) if last else 1,
            content=content,
            captured_from=programme,
        )
        audit.record(actor, "practice_template.captured", template)
    return template


# Adapt: the side-by-side plan


@dataclass(frozen=True)
class Element:
    """One element of the template beside the adopting city's version of it."""

    section: str
    key: str
    label: str
    original: str
    adapted: str
    core: bool

    @property
    def changed(self) -> bool:
        return self.original != self.adapted


def scaled(
    target: str | None,
    source_population: int | None,
    population: int,
    measure: str,
    *,
    per_person: bool = False,
) -> str:
    """A target scaled to the adopting city's population (counts and money of the ledger; rates, shares and
    other sources' figures are kept)."""
    if target is None:
        return ""
    if measure not in SCALED_MEASURES or per_person or not source_population:
        return target
    value = Decimal(target) * Decimal(population) / Decimal(source_population)
    return _plain(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _role_elements(
    roles: list[dict[str, Any]], source_population: int | None, population: int
) -> list[Element]:
    """Partners are counted as the original has them (a city needs its own anchor institution whatever its
    size); the people of a team scale with the population, as the ledger's counts do."""
    elements = []
    for role in roles:
        count = str(role["count"])
        if role["kind"] == "partner":
            label = _("Partners: %(role)s") % {"role": PartnerRole(role["role"]).label}
            adapted = count
        else:
            label = _("Team: %(role)s") % {"role": Role(role["role"]).label}
            adapted = str(max(1, int(scaled(count, source_population, population, "subjects"))))
        elements.append(
            Element("roles", f"role:{role['kind']}:{role['role']}", label, count, adapted, role["core"])
        )
    return elements


def _not_a_count(indicator: dict[str, Any]) -> bool:
    """A rate (a count over a denominator) or a figure from outside the ledger keeps its target."""
    return bool(indicator.get("denominator")) or indicator.get("source", "ledger") not in {"", "ledger"}


def plan(template: PracticeTemplate, *, country: str, population: int, language: str = "en") -> list[Element]:
    """Every element of the template, as the original has it and as the adopting city would."""
    content = template.content
    source_population = template.practice.city_population
    elements = [
        Element(
            "work_packages",
            f"wp:{wp['code']}",
            f"{wp['code']} {wp['title']}",
            wp["title"],
            wp["title"],
            wp["core"],
        )
        for wp in content["work_packages"]
    ]
    elements.extend(_role_elements(content.get("roles", []), source_population, population))
    for indicator in content["indicators"]:
        name = indicator["names"].get(language) or indicator["name"]
        elements.append(
            Element(
                "indicators",
                f"indicator:{indicator['code']}",
                name,
                indicator["target"] or "—",
                scaled(
                    indicator["target"],
                    source_population,
                    population,
                    indicator["measure"],
                    per_person=_not_a_count(indicator),
                )
                or "—",
                indicator["core"],
            )
        )
    for pathway in content["pathways"]:
        elements.append(
            Element(
                "pathways",
                f"pathway:{pathway['code']}",
                pathway["name"],
                pathway["country"],
                country.upper(),
                pathway["core"],
            )
        )
    for support in content["support_programmes"]:
        elements.append(
            Element(
                "support_programmes",
                f"support:{support['kind']}",
                support["name"],
                support["kind"],
                support["kind"],
                support["core"],
            )
        )
    kinds = ", ".join(content["opportunity_kinds"])
    elements.append(
        Element("opportunity_kinds", "opportunity_kinds", _("Kinds of opportunity"), kinds, kinds, True)
    )
    for survey in content["surveys"]:
        elements.append(
            Element(
                "surveys",
                f"survey:{survey['form_id']}",
                survey["title"],
                survey["form_id"],
                survey["form_id"],
                survey["core"],
            )
        )
    return elements


# Re-use: the adoption


DEFAULT_MILESTONES = (
    (TransferStage.UNDERSTAND, "Study visit to the original city and its local group", 60),
    (TransferStage.UNDERSTAND, "Local group set up with the city's stakeholders", 90),
    (TransferStage.ADAPT, "Changes from the original agreed and recorded", 180),
    (TransferStage.ADAPT, "First cohort of community researchers trained", 270),
    (TransferStage.REUSE, "First results compared with the original city's", 365),
)


def adopt(
    *,
    actor: User,
    practice: Practice,
    programme: Programme,
    city_population: int,
    lead_organisation: str,
    left_out: set[str] | frozenset[str] = frozenset(),
    language: str = "en",
    on: datetime.date | None = None,
) -> Adoption:
    """Build the (empty) programme of the adopting city from the practice's latest template: its lead
    partner, work packages, indicators with targets scaled to its population, pathways for its country,
    support programmes and surveys; adaptable elements may be left out, core ones never. Everything is
    written or nothing, with the transfer plan and the practice then showing the city under "adapted by"."""
    require(actor, "programmes.change_programme", programme)
    if practice.status != PracticeStatus.PUBLISHED:
        raise ValidationError(_("Only a published practice can be adopted."))
    template = practice.templates.order_by("-version").first()
    if template is None:
        raise ValidationError(_("This practice has no template to adopt yet."))
    if hasattr(programme, "adoption"):
        raise ValidationError({"programme": _("This programme has adopted a practice already.")})
    if programme.work_packages.exists() or Indicator.objects.filter(programme=programme).exists():
        raise ValidationError(
            {"programme": _("Adopt into a new, empty programme: this one is set up already.")}
        )
    if city_population < 1:
        raise ValidationError({"city_population": _("Give the city's population.")})
    if not lead_organisation.strip():
        raise ValidationError({"lead_organisation": _("Name the organisation that leads the programme.")})
    elements = plan(template, country=programme.country, population=city_population, language=language)
    core_left_out = [element.label for element in elements if element.core and element.key in left_out]
    if core_left_out:
        raise ValidationError(
            _("Core elements of the practice cannot be left out: %(elements)s.")
            % {"elements": ", ".join(core_left_out)}
        )
    content = template.content
    with transaction.atomic():
        lead = register_partner(
            actor=actor,
            programme=programme,
            organisation_name=lead_organisation.strip(),
            kind=OrganisationKind.PUBLIC_BODY,
            country=programme.country,
            role=PartnerRole.LEAD,
        )
        for wp in content["work_packages"]:
            if f"wp:{wp['code']}" not in left_out:
                create_work_package(
                    actor=actor,
                    programme=programme,
                    code=wp["code"],
                    title=wp["title"],
                    objectives=wp["objectives"],
                    lead_partner=lead,
                )
        _indicators(
            actor,
            programme,
            content["indicators"],
            left_out,
            template.practice.city_population,
            city_population,
        )
        for pathway in content["pathways"]:
            if f"pathway:{pathway['code']}" in left_out:
                continue
            saved = save_pathway(
                actor=actor,
                programme=programme,
                code=pathway["code"],
                name=pathway["name"],
                country=programme.country,
                description=pathway["description"],
            )
            for step in pathway["steps"]:
                save_step(
                    actor=actor,
                    template=saved,
                    code=step["code"],
                    name=step["name"],
                    expected_days=step["expected_days"],
                    expected_cost=Decimal(step["expected_cost"]),
                    evidence_required=step["evidence_required"],
                    outcome_type=step["outcome_type"],
                )
        for support in content["support_programmes"]:
            if f"support:{support['kind']}" not in left_out:
                save_support_programme(
                    actor=actor,
                    programme=programme,
                    kind=support["kind"],
                    organisation=lead.organisation,
                    participants=support["participants"],
                    name=support["name"],
                    description=support["description"],
                    min_attendance=support["min_attendance"],
                )
        surveys = [s for s in content["surveys"] if f"survey:{s['form_id']}" not in left_out]
        if surveys:
            project = save_project(
                actor=actor,
                programme=programme,
                title=_("Community research: first project"),
                question=_("What do residents already have that the investment could use?"),
                lead_organisation=lead.organisation,
            )
            for survey in surveys:
                create_survey(
                    actor=actor,
                    project=project,
                    file_name=f"{survey['form_id']}.xlsx",
                    data=base64.b64decode(survey["xlsform"]),
                )
        adoption = Adoption.objects.create(
            practice=practice,
            template=template,
            programme=programme,
            city=programme.city,
            country=programme.country,
            city_population=city_population,
            created_by=actor,
        )
        AdoptionChange.objects.bulk_create(
            AdoptionChange(
                adoption=adoption,
                section=element.section,
                key=element.key,
                label=element.label[:300],
                original=element.original[:300],
                adapted="" if element.key in left_out else element.adapted[:300],
                core=element.core,
                left_out=element.key in left_out,
            )
            for element in elements
            if element.changed or element.key in left_out
        )
        start = on or timezone.localdate()
        TransferMilestone.objects.bulk_create(
            TransferMilestone(
                adoption=adoption, stage=stage, title=title, due_on=start + datetime.timedelta(days=days)
            )
            for stage, title, days in [*DEFAULT_MILESTONES, *_role_milestones(elements, left_out)]
        )
        audit.record(
            actor, "practice.adopted", adoption, programme=programme, after={"practice": practice.slug}
        )
    return adoption


def _role_milestones(
    elements: list[Element], left_out: set[str] | frozenset[str]
) -> list[tuple[str, str, int]]:
    """A milestone for each role the city takes over (the lead partner is made at adoption): partners to
    find while understanding the practice, the team to bring together while adapting it."""
    milestones: list[tuple[str, str, int]] = []
    for element in elements:
        if element.section != "roles" or element.key in left_out or element.key == "role:partner:lead":
            continue
        if element.key.startswith("role:partner:"):
            title = _("Find partners for “%(role)s”: %(count)s in the original city") % {
                "role": element.label,
                "count": element.original,
            }
            milestones.append((TransferStage.UNDERSTAND, title[:200], 120))
        else:
            title = _("Bring the team together for “%(role)s”: %(count)s for this city") % {
                "role": element.label,
                "count": element.adapted,
            }
            milestones.append((TransferStage.ADAPT, title[:200], 240))
    return milestones


def _indicators(
    actor: User,
    programme: Programme,
    indicators: list[dict[str, Any]],
    left_out: set[str] | frozenset[str],
    source_population: int | None,
    population: int,
) -> None:
    wanted = [item for item in indicators if f"indicator:{item['code']}" not in left_out or item["core"]]
    defined: dict[str, Indicator] = {}
    pending = list(wanted)
    # An indicator that adds another or divides by it is defined after it.
    while pending:
        ready = [
            item
            for item in pending
            if (not item["plus"] or item["plus"] in defined)
            and (not item["denominator_indicator"] or item["denominator_indicator"] in defined)
        ]
        if not ready:
            missing = ", ".join(item["code"] for item in pending)
            raise ValidationError(
                _("These indicators rest on ones left out: %(codes)s.") % {"codes": missing}
            )
        for item in ready:
            fields = {key: item[key] for key in INDICATOR_KEYS}
            if item["plus"]:
                fields["plus"] = defined[item["plus"]]
            if item["denominator_indicator"]:
                fields["denominator_indicator"] = defined[item["denominator_indicator"]]
            if item["factor"] is not None:
                fields["factor"] = Decimal(item["factor"])
            indicator = define_indicator(actor=actor, programme=programme, code=item["code"], **fields)
            defined[item["code"]] = indicator
            target = scaled(
                item["target"], source_population, population, item["measure"], per_person=_not_a_count(item)
            )
            if target:
                set_target(
                    actor=actor,
                    indicator=indicator,
                    period_kind=PeriodKind.PROGRAMME,
                    period_start=programme.starts_on,
                    value=Decimal(target),
                    baseline=Decimal(0),
                    source=_("Scaled from the original practice's target to this city's population"),
                )
            pending.remove(item)


def explain_change(*, actor: User, change: AdoptionChange, reason: str) -> AdoptionChange:
    """Say why the city changed (or left out) an element of the original."""
    require(actor, "programmes.change_programme", change.adoption.programme)
    change.reason = reason.strip()[:2000]
    change.save(update_fields=["reason"])
    return change


def add_milestone(
    *, actor: User, adoption: Adoption, stage: str, title: str, due_on: datetime.date | None = None
) -> TransferMilestone:
    require(actor, "programmes.change_programme", adoption.programme)
    if stage not in TransferStage.values:
        raise ValidationError({"stage": _("Choose understand, adapt or re-use.")})
    if not title.strip():
        raise ValidationError({"title": _("Say what the milestone is.")})
    return TransferMilestone.objects.create(
        adoption=adoption, stage=stage, title=title.strip()[:200], due_on=due_on
    )


def complete_milestone(
    *, actor: User, milestone: TransferMilestone, on: datetime.date | None = None
) -> TransferMilestone:
    require(actor, "programmes.change_programme", milestone.adoption.programme)
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


def add_group_member(
    *, actor: User, adoption: Adoption, name: str, organisation: str = "", role: str = ""
) -> LocalGroupMember:
    require(actor, "programmes.change_programme", adoption.programme)
    if not name.strip():
        raise ValidationError({"name": _("Give the member's name.")})
    return LocalGroupMember.objects.create(
        adoption=adoption,
        name=name.strip()[:200],
        organisation=organisation.strip()[:200],
        role=role.strip()[:200],
    )


# Comparable results


@dataclass(frozen=True)
class Comparison:
    label: str
    original: Any
    adopted: Any
    original_per_10000: Decimal | None
    adopted_per_10000: Decimal | None


def _released(programme: Programme, code: str, today: datetime.date) -> Any:
    indicator = (
        Indicator.objects.filter(programme=programme, code=code)
        .select_related("programme", "plus", "denominator_indicator")
        .first()
    )
    if indicator is None:
        return None
    start, end = programme_span(programme, today)
    return indicator_row(
        indicator, [Period(start, end, PeriodKind.PROGRAMME)], WHOLE, published_rule(programme), today
    ).to_date


def _per_10000(cell: Any, population: int | None) -> Decimal | None:
    if cell is None or cell.is_hidden or cell.value is None or not population:
        return None
    return (Decimal(cell.value) * 10_000 / Decimal(population)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def compare(adoption: Adoption, language: str = "en", today: datetime.date | None = None) -> list[Comparison]:
    """The adopting city's results beside the original's on the same indicator definitions, each released
    under its own programme's disclosure rule, and per 10,000 residents so that cities of any size compare."""
    today = today or timezone.localdate()
    original = adoption.template.captured_from
    rows = []
    for item in adoption.template.content["indicators"]:
        if not item["is_headline"]:
            continue
        theirs = _released(original, item["code"], today) if original is not None else None
        ours = _released(adoption.programme, item["code"], today)
        if ours is None:
            continue
        rows.append(
            Comparison(
                label=item["names"].get(language) or item["name"],
                original=theirs,
                adopted=ours,
                original_per_10000=(
                    None if _not_a_count(item) else _per_10000(theirs, adoption.practice.city_population)
                ),
                adopted_per_10000=None if _not_a_count(item) else _per_10000(ours, adoption.city_population),
            )
        )
    return rows
