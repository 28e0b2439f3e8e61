"""API for participants: scoped by role and consent exactly as the web pages, every read access-logged."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from assetlink.audit.models import AccessLogEntry
from assetlink.organisations.selectors import organisation_in
from assetlink.people import erasure, selectors, services
from assetlink.people.models import (
    Availability,
    ConsentMethod,
    ConsentPurpose,
    CredentialKind,
    CredentialStatus,
    Evidence,
    Person,
    RecognitionStatus,
    RecordPart,
    RightToWork,
    SkillLevel,
)
from assetlink.people.services import ConsentChoice
from assetlink.taxonomy.models import CefrLevel, ConceptKind
from assetlink.taxonomy.selectors import concept_by_uri
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares, programme_for

router = Router(tags=["people"])

VIEW_PEOPLE = Access("programme", "people.view_people")
REGISTER = Access("programme", "people.register_person")


def on_person(permission: str) -> Access:
    return Access(
        "programme",
        "programmes.view_programme",
        object_permission=permission,
        load_object=selectors.person_of_url,
    )


VIEW_PERSON = on_person("people.view_person")
CHANGE_PERSON = on_person("people.change_person")
CHANGE_CONSENT = on_person("people.change_consent")
EXPORT_PERSON = on_person("people.export_person")
REQUEST_ERASURE = on_person("people.request_erasure")


class PersonSummaryOut(Schema):
    id: int
    reference: str
    display_name: str
    area_id: int | None
    availability: str
    created_at: datetime.datetime


class ConsentStateOut(Schema):
    purpose: str
    organisation_id: int | None
    parts: list[str]
    given: bool
    decided_at: datetime.datetime


class PersonOut(PersonSummaryOut):
    given_name: str
    family_name: str
    email: str
    phone: str
    address: str
    postcode: str
    right_to_work: str
    right_to_work_expires: str
    hours_per_week: int | None
    max_commute_km: int | None
    registered_via: str
    erasure_requested_at: datetime.datetime | None
    erased_at: datetime.datetime | None
    consents: list[ConsentStateOut] = Field(..., alias="consent_states")

    @staticmethod
    def resolve_consent_states(obj: Person) -> list[Any]:
        return list(obj.consent_states.all())


class ConsentIn(Schema):
    purpose: ConsentPurpose
    given: bool = True
    organisation_id: int | None = Field(
        None, description="For sharing or referral: the partner organisation it names"
    )
    parts: list[RecordPart] = Field(
        default_factory=list, description="For referral: the parts of the record the organisation may see"
    )


class ConsentDecisionIn(ConsentIn):
    method: ConsentMethod | None = Field(
        None, description="How the person gave it; required when staff record it for them"
    )
    evidence: str = Field(
        "", max_length=300, description="What records it (signed form, recorded call…); required from staff"
    )


class ProfileFields(Schema):
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    right_to_work: RightToWork | None = None
    right_to_work_expires: str | None = None
    availability: Availability | None = None
    hours_per_week: int | None = None
    max_commute_km: int | None = None


class PersonIn(ProfileFields):
    given_name: str
    consents: list[ConsentIn] = []
    consent_method: ConsentMethod = ConsentMethod.WRITTEN
    consent_evidence: str = Field(
        "", max_length=300, description="What records the consents; required when other partners may see"
    )


class ItemIn(Schema):
    """One entry of a profile part; which fields apply depends on the part."""

    skill_uri: str | None = None
    occupation_uri: str | None = None
    level: str | None = Field(
        None, description=f"Skills: {', '.join(SkillLevel.values)}; languages: {', '.join(CefrLevel.values)}"
    )
    evidence: Evidence | None = None
    language: str | None = None
    years: Decimal | None = None
    country: str | None = None
    title: str | None = None
    subject: str | None = None
    awarding_country: str | None = None
    eqf_level: int | None = None
    year_awarded: int | None = None
    recognition_status: RecognitionStatus | None = None
    recognition_reference: str | None = None
    kind: CredentialKind | None = None
    name: str | None = None
    issuer: str | None = None
    status: CredentialStatus | None = None
    number: str | None = None
    score: str | None = None
    obtained_on: datetime.date | None = None
    expires_on: datetime.date | None = None


class ItemOut(Schema):
    id: int
    part: str


def _profile(payload: Schema, *, partial: bool) -> dict[str, Any]:
    data = payload.model_dump(
        exclude_unset=partial, exclude={"consents", "consent_method", "consent_evidence"}
    )
    return {
        name: ("" if value is None and name not in {"hours_per_week", "max_commute_km"} else value)
        for name, value in data.items()
    }


def _consents(programme: Any, items: list[ConsentIn]) -> list[ConsentChoice]:
    return [
        ConsentChoice(
            item.purpose,
            item.given,
            organisation_in(programme, item.organisation_id) if item.organisation_id else None,
            tuple(item.parts),
        )
        for item in items
    ]


@router.get("/programmes/{slug}/people", response=list[PersonSummaryOut])
@declares(VIEW_PEOPLE)
@paginate(LimitOffsetPagination)
def list_people(request: AuthenticatedHttpRequest, slug: str, q: str = "") -> Any:
    """People the caller may see (their consent decides for partner staff)."""
    people = selectors.people_visible_to(request.user, programme_for(request, slug, VIEW_PEOPLE))
    return selectors.search_people(people, q).filter(erased_at__isnull=True).order_by("reference")


@router.get("/programmes/{slug}/people/{person_id}", response=PersonOut)
@declares(VIEW_PERSON)
def get_person(request: AuthenticatedHttpRequest, slug: str, person_id: int) -> Person:
    programme = programme_for(request, slug, VIEW_PERSON, person_id=person_id)
    return selectors.person_record(
        request.user, programme, person_id, path=request.path, channel=AccessLogEntry.Channel.API
    )


@router.post("/programmes/{slug}/people", response={201: PersonOut})
@declares(REGISTER)
def register_person(request: AuthenticatedHttpRequest, slug: str, payload: PersonIn) -> Any:
    programme = programme_for(request, slug, REGISTER)
    person = services.register_person(
        actor=request.user,
        programme=programme,
        consents=_consents(programme, payload.consents),
        method=payload.consent_method,
        evidence=payload.consent_evidence,
        **_profile(payload, partial=False),
    )
    return 201, person


@router.patch("/programmes/{slug}/people/{person_id}", response=PersonOut)
@declares(CHANGE_PERSON)
def update_person(
    request: AuthenticatedHttpRequest, slug: str, person_id: int, payload: ProfileFields
) -> Person:
    programme = programme_for(request, slug, CHANGE_PERSON, person_id=person_id)
    person = selectors.person_in(programme, person_id)
    return services.update_person(actor=request.user, person=person, **_profile(payload, partial=True))


@router.post("/programmes/{slug}/people/{person_id}/consents", response={201: ConsentStateOut})
@declares(CHANGE_CONSENT)
def record_consent(
    request: AuthenticatedHttpRequest, slug: str, person_id: int, payload: ConsentDecisionIn
) -> Any:
    """Record a consent decision: the person's own, or one staff record for them with how and evidence."""
    programme = programme_for(request, slug, CHANGE_CONSENT, person_id=person_id)
    person = selectors.person_in(programme, person_id)
    is_self = person.user_id == request.user.pk
    choice = _consents(programme, [payload])[0]
    services.record_consent(
        actor=request.user,
        person=person,
        purpose=choice.purpose,
        given=choice.given,
        organisation=choice.organisation,
        parts=tuple(choice.parts),
        method=ConsentMethod.SELF_SERVICE if is_self else (payload.method or ""),
        evidence=payload.evidence,
    )
    return 201, person.consent_states.get(purpose=choice.purpose, organisation=choice.organisation)


@router.post("/programmes/{slug}/people/{person_id}/parts/{part}", response={201: ItemOut})
@declares(CHANGE_PERSON)
def add_part(request: AuthenticatedHttpRequest, slug: str, person_id: int, part: str, payload: ItemIn) -> Any:
    """Add a language, skill, occupation, qualification, credential or aspiration (ESCO by URI)."""
    from django.core.exceptions import ValidationError

    programme = programme_for(request, slug, CHANGE_PERSON, person_id=person_id)
    person = selectors.person_in(programme, person_id)
    fields = payload.model_dump(exclude_none=True)
    for key, kind, target in (
        ("skill_uri", ConceptKind.SKILL, "skill"),
        ("occupation_uri", ConceptKind.OCCUPATION, "occupation"),
    ):
        if key in fields:
            concept = concept_by_uri(fields.pop(key), kind=kind)
            if concept is None:
                raise ValidationError({key: f"No ESCO {kind} has this URI."})
            fields[target] = concept
    item = services.add_item(actor=request.user, person=person, part=part, **fields)
    return 201, {"id": item.pk, "part": part}


@router.get("/programmes/{slug}/people/{person_id}/export")
@declares(EXPORT_PERSON)
def export_person(request: AuthenticatedHttpRequest, slug: str, person_id: int) -> Any:
    """Everything held about the person, as JSON (right of access)."""
    programme = programme_for(request, slug, EXPORT_PERSON, person_id=person_id)
    return erasure.export_person_data(actor=request.user, person=selectors.person_in(programme, person_id))


@router.post("/programmes/{slug}/people/{person_id}/erasure-request", response={202: None})
@declares(REQUEST_ERASURE)
def request_erasure(request: AuthenticatedHttpRequest, slug: str, person_id: int) -> Any:
    programme = programme_for(request, slug, REQUEST_ERASURE, person_id=person_id)
    services.request_erasure(actor=request.user, person=selectors.person_in(programme, person_id))
    return 202, None
