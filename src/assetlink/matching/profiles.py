"""Models → engine inputs: the profiles of people, opportunities, organisations and challenges as the
engine sees them (no protected characteristic among them)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from assetlink.engine import Taxonomy
from assetlink.engine.brokering import ChallengeProfile, Need, ProviderProfile
from assetlink.engine.scoring import (
    CredentialNeed,
    HeldCredential,
    HeldOccupation,
    OpportunityProfile,
    PersonProfile,
)
from assetlink.engine.supply import ContractProfile, EnterpriseProfile, LotNeed
from assetlink.opportunities.models import EmploymentType, Opportunity, OpportunityKind
from assetlink.organisations.models import CertificateKind, Organisation, OrganisationKind
from assetlink.organisations.selectors import organisations_of
from assetlink.people.models import (
    Aspiration,
    Credential,
    OccupationHeld,
    Person,
    PersonSkill,
    RecognitionStatus,
)
from assetlink.places.selectors import areas_of

SOCIAL_KINDS = frozenset(
    {OrganisationKind.SOCIAL_ENTERPRISE, OrganisationKind.COOPERATIVE, OrganisationKind.COMMUNITY_GROUP}
)


def people_with_profiles(people: QuerySet[Person]) -> QuerySet[Person]:
    """People with everything matching reads fetched in a handful of queries."""
    return people.select_related("area").prefetch_related(
        Prefetch("skills", queryset=PersonSkill.objects.select_related("skill")),
        Prefetch("occupations", queryset=OccupationHeld.objects.select_related("occupation")),
        Prefetch("aspirations", queryset=Aspiration.objects.select_related("occupation")),
        "languages",
        Prefetch("credentials", queryset=Credential.objects.all()),
        "qualifications",
    )


def _place(
    area: object | None, latitude: float | None = None, longitude: float | None = None
) -> tuple[float, float] | None:
    if latitude is not None and longitude is not None:
        return (latitude, longitude)
    if (
        area is not None
        and getattr(area, "latitude", None) is not None
        and getattr(area, "longitude", None) is not None
    ):
        return (area.latitude, area.longitude)  # type: ignore[attr-defined]
    return None


def person_profile(person: Person) -> PersonProfile:
    qualifications = list(person.qualifications.all())
    levels = [q.eqf_level for q in qualifications if q.eqf_level]
    return PersonProfile(
        key=str(person.pk),
        skills=tuple(item.skill.uri for item in person.skills.all()),
        occupations=tuple(
            HeldOccupation(
                item.occupation.uri, item.occupation.preferred_label, float(item.years), item.country
            )
            for item in person.occupations.all()
        ),
        aspirations=tuple(item.occupation.uri for item in person.aspirations.all()),
        aspiration_labels=tuple(item.occupation.preferred_label for item in person.aspirations.all()),
        languages={item.language: item.level for item in person.languages.all()},
        credentials=tuple(
            HeldCredential(item.kind, item.name, item.status, item.expires_on)
            for item in person.credentials.all()
        ),
        right_to_work=_right_to_work(person),
        qualification_level=max(levels) if levels else None,
        qualification_recognised=any(
            q.recognition_status == RecognitionStatus.RECOGNISED for q in qualifications
        ),
        hours_per_week=float(person.hours_per_week) if person.hours_per_week else None,
        max_commute_km=float(person.max_commute_km) if person.max_commute_km is not None else None,
        location=_place(person.area),
    )


def _right_to_work(person: Person) -> str:
    """The status in force: a time-limited right that has ended counts as pending a new decision."""
    status = person.right_to_work or ""
    if status and person.right_to_work_expires:
        try:
            ends = datetime.date.fromisoformat(person.right_to_work_expires)
        except ValueError:
            return status
        if ends < timezone.localdate() and status in {"work_visa", "refugee"}:
            return "pending"
    return status


def opportunities_with_requirements(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return opportunities.select_related("occupation", "area", "programme").prefetch_related(
        "skill_requirements__skill", "credential_requirements", "lots"
    )


def opportunity_profile(opportunity: Opportunity) -> OpportunityProfile:
    requirements = list(opportunity.skill_requirements.all())
    return OpportunityProfile(
        key=str(opportunity.pk),
        kind=opportunity.kind,
        country=opportunity.programme.country,
        occupation=opportunity.occupation.uri if opportunity.occupation else "",
        occupation_label=opportunity.occupation.preferred_label if opportunity.occupation else "",
        essential_skills=tuple(r.skill.uri for r in requirements if r.is_essential),
        optional_skills=tuple(r.skill.uri for r in requirements if not r.is_essential),
        credentials=tuple(
            CredentialNeed(r.kind, r.name, r.is_required) for r in opportunity.credential_requirements.all()
        ),
        language=opportunity.minimum_language,
        language_level=opportunity.minimum_language_level,
        qualification_level=opportunity.minimum_eqf_level,
        hours_per_week=float(opportunity.hours_per_week) if opportunity.hours_per_week else None,
        is_flexible_hours=opportunity.employment_type == EmploymentType.BANK,
        location=_place(opportunity.area, opportunity.latitude, opportunity.longitude),
        needs_right_to_work=opportunity.kind == OpportunityKind.JOB,
        leads_to=(CredentialNeed(opportunity.leads_to_kind, opportunity.leads_to_name),)
        if opportunity.leads_to_name
        else (),
    )


def organisations_with_capabilities(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return organisations.select_related("area").prefetch_related("capabilities", "certificates")


def enterprise_profile(organisation: Organisation, *, local_area_ids: set[int]) -> EnterpriseProfile:
    today = timezone.localdate()
    in_force = [c for c in organisation.certificates.all() if c.expires_on is None or c.expires_on >= today]
    social_value = []
    if organisation.pays_real_living_wage:
        social_value.append("real Living Wage employer")
    if (organisation.local_employee_share or 0) >= 50:
        social_value.append("most employees live locally")
    return EnterpriseProfile(
        key=str(organisation.pk),
        name=organisation.name,
        cpv_codes=tuple(c.cpv_code for c in organisation.capabilities.all() if c.cpv_code),
        capability_texts=tuple(c.description for c in organisation.capabilities.all()),
        capacity=float(organisation.max_contract_value or 0),
        certificates=tuple(c.name for c in in_force if c.kind == CertificateKind.CERTIFICATION),
        insurance={
            c.name: float(c.cover or Decimal(0)) for c in in_force if c.kind == CertificateKind.INSURANCE
        },
        is_local=organisation.area_id in local_area_ids,
        is_social=organisation.kind in SOCIAL_KINDS,
        social_value=tuple(social_value),
    )


def contract_profile(opportunity: Opportunity) -> ContractProfile:
    lots = tuple(
        LotNeed(str(lot.pk), lot.title, float(lot.value or 0), lot.cpv_code, lot.description)
        for lot in opportunity.lots.all()
    )
    if not lots:
        codes = opportunity.cpv_codes or [""]
        share = float(opportunity.value or 0) / len(codes)
        lots = tuple(
            LotNeed(f"{opportunity.pk}-{index}", opportunity.title, share, code, opportunity.description)
            for index, code in enumerate(codes)
        )
    return ContractProfile(
        key=str(opportunity.pk),
        title=opportunity.title,
        value=float(opportunity.value or sum(lot.value for lot in lots)),
        lots=lots,
    )


def supplier_register(opportunity: Opportunity) -> tuple[dict[str, Organisation], set[int]]:
    """The register's organisations that could serve an opportunity (all but its owner), by engine key,
    with their capabilities fetched; and the programme's area ids (what counts as local)."""
    programme = opportunity.programme
    organisations = organisations_with_capabilities(
        organisations_of(programme).exclude(pk=opportunity.owner_id)
    )
    local = set(areas_of(programme).values_list("pk", flat=True))
    return {str(organisation.pk): organisation for organisation in organisations}, local


def challenge_profile(taxonomy: Taxonomy, opportunity: Opportunity) -> ChallengeProfile:
    """A challenge's needs: its ESCO skills, its CPV codes and the skills its description names."""
    needs: list[Need] = [
        Need(r.skill.preferred_label, skill=r.skill.uri)
        for r in opportunity.skill_requirements.select_related("skill")
    ]
    needs += [Need(code, cpv_code=code) for code in opportunity.cpv_codes]
    known = {need.skill for need in needs}
    for mention in taxonomy.extract_skills(f"{opportunity.title}. {opportunity.description}"):
        if mention.uri not in known:
            needs.append(Need(mention.label, skill=mention.uri))
            known.add(mention.uri)
    if not needs:
        needs.append(Need(opportunity.title))
    return ChallengeProfile(str(opportunity.pk), opportunity.title, tuple(needs), opportunity.description)


def provider_profiles(
    taxonomy: Taxonomy, organisations: list[Organisation], local_area_ids: set[int]
) -> list[ProviderProfile]:
    """Knowledge-intensive providers (and universities, research centres) with the skills their
    capability descriptions name."""
    providers = []
    kinds = {
        OrganisationKind.KIBS_FIRM,
        OrganisationKind.UNIVERSITY,
        OrganisationKind.RESEARCH_CENTRE,
        OrganisationKind.SME,
    }
    for organisation in organisations:
        if organisation.kind not in kinds:
            continue
        texts = tuple(c.description for c in organisation.capabilities.all())
        skills = tuple({m.uri for text in texts for m in taxonomy.extract_skills(text)})
        providers.append(
            ProviderProfile(
                str(organisation.pk),
                organisation.name,
                skills=skills,
                cpv_codes=tuple(c.cpv_code for c in organisation.capabilities.all() if c.cpv_code),
                capability_texts=texts,
                is_local=organisation.area_id in local_area_ids,
            )
        )
    return providers
