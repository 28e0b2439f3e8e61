"""Every write to a person: registration (by staff or by themself), profile, consent, what they bring."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assetlink import events
from assetlink.accounts.services import notify
from assetlink.accounts.tasks import send_email_later
from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.people.models import (
    ORGANISATION_PURPOSES,
    Aspiration,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    ConsentState,
    Credential,
    LanguageSkill,
    OccupationHeld,
    Person,
    PersonSkill,
    Qualification,
    RecordPart,
    RegisteredVia,
)
from assetlink.places.selectors import area_for_postcode
from assetlink.programmes.models import Membership, Programme, Role
from assetlink.programmes.rules import require, roles_of
from assetlink.programmes.selectors import lead_organisation
from assetlink.validation import reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation

PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "address",
    "postcode",
    "area",
    "right_to_work",
    "right_to_work_expires",
    "availability",
    "hours_per_week",
    "max_commute_km",
)

# The collections a person's profile is made of, by the name used in URLs, forms and the API.
ITEM_MODELS: dict[str, type[models.Model]] = {
    "languages": LanguageSkill,
    "skills": PersonSkill,
    "occupations": OccupationHeld,
    "qualifications": Qualification,
    "credentials": Credential,
    "aspirations": Aspiration,
}


@dataclass(frozen=True)
class ConsentChoice:
    """A decision to record: a purpose, given or not, and for sharing the organisation it names."""

    purpose: str
    given: bool
    organisation: Organisation | None = None
    # For referral: the parts of the record the named organisation may see (RecordPart values).
    parts: tuple[str, ...] = ()


def person_snapshot(person: Person) -> dict[str, Any]:
    """The person's state for the audit trail, with names and encrypted fields masked."""
    state = audit.snapshot(person, fields=[*PROFILE_FIELDS, "reference", "registered_via"])
    for name in Person.PERSONAL_FIELDS:
        state[name] = "•••" if state.get(name) else ""
    return state


def _next_reference(programme: Programme) -> str:
    count = Person.objects.filter(programme=programme).count()
    return f"P{count + 1:06d}"


def _clean_profile(person: Person) -> None:
    if person.postcode:
        person.postcode = " ".join(person.postcode.upper().split())
        if person.area_id is None:
            person.area = area_for_postcode(person.programme, person.postcode)
    if person.area is not None and person.area.programme_id != person.programme_id:
        raise ValidationError({"area": _("The area belongs to another programme.")})
    if person.right_to_work_expires:
        try:
            datetime.date.fromisoformat(person.right_to_work_expires)
        except ValueError as error:
            raise ValidationError({"right_to_work_expires": _("Enter a date as YYYY-MM-DD.")}) from error
    person.full_clean(exclude=["reference", "programme"])


def _check_consents(programme: Programme, consents: list[ConsentChoice]) -> None:
    for choice in consents:
        if choice.purpose not in ConsentPurpose.values:
            raise ValidationError(
                {"consents": _("Unknown consent purpose “%(purpose)s”.") % {"purpose": choice.purpose}}
            )
        if (choice.purpose in ORGANISATION_PURPOSES) != (choice.organisation is not None):
            raise ValidationError(
                {
                    "consents": _(
                        "Consent to sharing or referral must name one organisation; other purposes none."
                    )
                }
            )
        unknown = set(choice.parts) - set(RecordPart.values)
        if unknown:
            raise ValidationError(
                {"parts": _("Unknown parts of a record: %(parts)s.") % {"parts": ", ".join(sorted(unknown))}}
            )
        if choice.purpose == ConsentPurpose.REFERRAL and choice.given and not choice.parts:
            raise ValidationError(
                {
                    "parts": _(
                        "Say which parts of the record the organisation may see when the person is referred."
                    )
                }
            )
        if choice.parts and choice.purpose != ConsentPurpose.REFERRAL:
            raise ValidationError({"parts": _("Only a consent to referral lists parts of the record.")})
        if (
            choice.organisation is not None
            and not choice.organisation.partnerships.filter(programme=programme).exists()
        ):
            raise ValidationError(
                {"consents": _("Records can only be shared with partners of the programme.")}
            )


def register_person(
    *,
    actor: User,
    programme: Programme,
    consents: list[ConsentChoice],
    method: str = ConsentMethod.WRITTEN,
    via: str = RegisteredVia.STAFF,
    occurred_on: datetime.date | None = None,
    evidence: str = "",
    **profile: Any,
) -> Person:
    """Register a participant with the consent they gave; partner staff must record sharing with their org.

    A consent that lets another organisation than the registering one see the record needs `evidence`
    (what records the person's agreement), as any consent staff record on someone's behalf.
    """
    require(actor, "people.register_person", programme)
    reject_unknown_fields(profile, PROFILE_FIELDS)
    _check_consents(programme, consents)
    membership = roles_of(actor).get(programme.pk)
    organisation = membership.organisation if membership is not None else None
    shared_with_others = sorted(
        str(c.organisation)
        for c in consents
        if c.given and c.purpose in ORGANISATION_PURPOSES and c.organisation != organisation
    )
    if shared_with_others and not evidence.strip():
        raise ValidationError(
            {
                "evidence": _(
                    "Say what records the person's agreement that %(organisations)s may see their record, "
                    "e.g. “signed registration form kept in the case file”."
                )
                % {"organisations": ", ".join(shared_with_others)}
            }
        )
    shares_with_own = any(
        c.given and c.purpose == ConsentPurpose.SHARING and c.organisation == organisation for c in consents
    )
    sees_only_shared = actor.has_perm("people.view_people", programme) and not actor.has_perm(
        "people.view_every_person", programme
    )
    if membership is not None and sees_only_shared and not shares_with_own:
        raise ValidationError(
            {
                "consents": _(
                    "Record the person's agreement that %(organisation)s holds their record; "
                    "without it you could not see the record you create."
                )
                % {"organisation": organisation}
            }
        )
    person = Person(
        programme=programme,
        registered_via=via,
        registered_by=actor,
        registering_organisation=organisation,
        **profile,
    )
    _clean_profile(person)
    return _save_new_person(actor, person, consents, method, occurred_on, evidence=evidence.strip())


def _save_new_person(
    actor: User,
    person: Person,
    consents: list[ConsentChoice],
    method: str,
    occurred_on: datetime.date | None,
    *,
    evidence: str = "",
) -> Person:
    for _attempt in range(5):
        person.reference = _next_reference(person.programme)
        try:
            with transaction.atomic():
                person.save()
                audit.record(
                    actor,
                    "person.registered",
                    person,
                    programme=person.programme,
                    after=person_snapshot(person),
                )
                for choice in consents:
                    _write_consent(actor, person, choice, method, evidence=evidence)
                append_outcome(
                    actor=actor,
                    programme=person.programme,
                    entry_type=OutcomeType.PERSON_ENGAGED,
                    subject=person,
                    occurred_on=occurred_on or timezone.localdate(),
                    data={"via": person.registered_via},
                )
            return person
        except IntegrityError:
            person.pk = None  # another registration took the reference: take the next one
    raise ValidationError(_("The person could not be registered; please try again."))


def self_register(
    *,
    programme: Programme,
    email: str,
    password: str,
    purposes: list[str],
    sign_in_url: str = "",
    **profile: Any,
) -> Person | None:
    """A resident creates their own account and profile, where the programme allows self-registration.

    The record is held by the programme's lead partner, which the resident agrees to by registering;
    `purposes` are the other purposes they consent to (matching, contact, research). Whether the address
    already has an account is told only to that address, by e-mail (None is returned, nothing created):
    the page answers alike, so that it cannot be used to learn who has an account.
    """
    if not programme.allows_self_registration:
        raise PermissionDenied("people.self_register")
    email = email.strip().lower()
    user_model = get_user_model()
    validate_password(password)
    sign_in = sign_in_url or reverse("account_login")
    if user_model.objects.filter(email__iexact=email).exists():
        send_email_later(
            to=email,
            subject=_("Your assetlink account"),
            body=_(
                "Someone, probably you, tried to register for %(programme)s with this address, which "
                "already has an account. Sign in instead: %(url)s\nIf this was not you, you need do nothing."
            )
            % {"programme": programme.name, "url": sign_in},
            about="self-registration with a known address",
        )
        return None
    lead = lead_organisation(programme)
    consents = [ConsentChoice(ConsentPurpose.SHARING, True, lead)] if lead is not None else []
    consents += [ConsentChoice(purpose, True) for purpose in purposes if purpose != ConsentPurpose.SHARING]
    _check_consents(programme, consents)
    reject_unknown_fields(profile, PROFILE_FIELDS)
    with transaction.atomic():
        user = user_model.objects.create_user(
            email,
            password,
            full_name=" ".join(
                part for part in (profile.get("given_name", ""), profile.get("family_name", "")) if part
            ),
        )
        Membership.objects.create(user=user, programme=programme, role=Role.PARTICIPANT)
        person = Person(
            programme=programme, user=user, registered_via=RegisteredVia.SELF, email=email, **profile
        )
        _clean_profile(person)
        person = _save_new_person(user, person, consents, ConsentMethod.SELF_SERVICE, None)
        send_email_later(
            to=email,
            subject=_("Welcome to %(programme)s") % {"programme": programme.name},
            body=_("Your profile in %(programme)s has been created. Sign in to add your skills: %(url)s")
            % {"programme": programme.name, "url": sign_in},
            about=f"self-registration of person {person.pk}",
        )
    return person


def _english(label: Any) -> str:
    with translation.override("en"):
        return str(label)


def update_person(*, actor: User, person: Person, **changes: Any) -> Person:
    """Change a person's profile."""
    require(actor, "people.change_person", person)
    reject_unknown_fields(changes, PROFILE_FIELDS)
    before = person_snapshot(person)
    if "postcode" in changes and "area" not in changes:
        person.area = None  # found again from the new postcode
    for name, value in changes.items():
        setattr(person, name, value)
    _clean_profile(person)
    with transaction.atomic():
        person.save()
        audit.record(
            actor,
            "person.updated",
            person,
            programme=person.programme,
            before=before,
            after=person_snapshot(person),
        )
        events.publish(events.PersonChanged(person.pk))
    return person


def _write_consent(
    actor: User | None, person: Person, choice: ConsentChoice, method: str, *, evidence: str = ""
) -> Consent:
    consent = Consent.objects.create(
        person=person,
        purpose=choice.purpose,
        organisation=choice.organisation,
        parts=list(choice.parts) if choice.given else [],
        given=choice.given,
        method=method,
        evidence=evidence[:300],
        recorded_by=actor,
    )
    ConsentState.objects.update_or_create(
        person=person,
        purpose=choice.purpose,
        organisation=choice.organisation,
        defaults={"given": choice.given, "decided_at": consent.recorded_at, "parts": consent.parts},
    )
    audit.record(
        actor,
        "consent.given" if choice.given else "consent.withdrawn",
        consent,
        programme=person.programme,
        after={
            "person": person.reference,
            "purpose": choice.purpose,
            "organisation": choice.organisation.pk if choice.organisation else None,
            "parts": consent.parts,
            "method": method,
            "evidence": consent.evidence,
        },
    )
    append_outcome(
        actor=actor,
        programme=person.programme,
        entry_type=OutcomeType.CONSENT_GIVEN if choice.given else OutcomeType.CONSENT_WITHDRAWN,
        subject=person,
        occurred_on=timezone.localdate(),
        data={
            "purpose": choice.purpose,
            "organisation": choice.organisation.pk if choice.organisation else None,
        },
    )
    return consent


def record_consent(
    *,
    actor: User,
    person: Person,
    purpose: str,
    given: bool,
    organisation: Organisation | None = None,
    method: str = ConsentMethod.SELF_SERVICE,
    parts: tuple[str, ...] = (),
    evidence: str = "",
) -> Consent:
    """Record that a person gave or withdrew consent for one purpose (and, for sharing or referral, one
    organisation; for referral, the parts of the record it may see).

    Staff who record a consent given on the person's behalf say how it was given and what records it;
    the person is told in their inbox when they have an account.
    """
    require(actor, "people.change_consent", person)
    choice = ConsentChoice(purpose, given, organisation, tuple(parts))
    _check_consents(person.programme, [choice])
    if method not in ConsentMethod.values:
        raise ValidationError({"method": _("Say how the consent was given.")})
    is_own = person.user_id is not None and person.user_id == actor.pk
    evidence = evidence.strip()
    if not is_own and method == ConsentMethod.SELF_SERVICE:
        raise ValidationError(
            {"method": _("Only the person can give consent in assetlink; say how they gave it to you.")}
        )
    if not is_own and given and not evidence:
        raise ValidationError(
            {
                "evidence": _(
                    "Say what records this consent, e.g. “signed form kept in the case file” or "
                    "“call of 3 March, recorded”."
                )
            }
        )
    with transaction.atomic():
        consent = _write_consent(actor, person, choice, method, evidence=evidence)
        events.publish(events.ConsentChanged(person.pk, purpose))
        if not is_own and person.user is not None:
            notify(
                user=person.user,
                kind="consent_recorded",
                # Labels are kept as their English text (the catalogues' msgids) and worded in the
                # reader's language when the inbox is shown.
                params={
                    "purpose": _english(ConsentPurpose(purpose).label),
                    "organisation": organisation.name if organisation else "—",
                    "decision": "given" if given else "withdrawn",
                    "by": actor.get_full_name(),
                },
                url=reverse("people:me", kwargs={"slug": person.programme.slug}),
                programme=person.programme,
            )
    return consent


def add_item(*, actor: User, person: Person, part: str, **fields: Any) -> models.Model:
    """Add a language, skill, occupation held, qualification, credential or aspiration to a profile."""
    require(actor, "people.change_person", person)
    model = ITEM_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model(person=person, **fields)
    if hasattr(item, "country"):
        item.country = item.country.upper()
    if hasattr(item, "awarding_country"):
        item.awarding_country = item.awarding_country.upper()
    if hasattr(item, "language"):
        item.language = item.language.strip().lower()
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(
            actor, f"person.{part}.added", item, programme=person.programme, after=audit.snapshot(item)
        )
        events.publish(events.PersonChanged(person.pk))
    return item


def remove_item(*, actor: User, person: Person, part: str, item_id: int) -> None:
    """Remove one entry of a profile's collection."""
    require(actor, "people.change_person", person)
    model = ITEM_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of a profile: %(kind)s") % {"kind": part})
    item = model._default_manager.filter(person=person, pk=item_id).first()
    if item is None:
        raise ValidationError(_("This entry does not exist any more."))
    with transaction.atomic():
        before = audit.snapshot(item)
        item.delete()
        audit.record(actor, f"person.{part}.removed", person, programme=person.programme, before=before)
        events.publish(events.PersonChanged(person.pk))


def request_erasure(*, actor: User, person: Person) -> Person:
    """The person asks for their data to be erased; a programme admin carries it out."""
    require(actor, "people.request_erasure", person)
    if person.erasure_requested_at is None:
        person.erasure_requested_at = timezone.now()
        with transaction.atomic():
            person.save(update_fields=["erasure_requested_at"])
            audit.record(actor, "person.erasure_requested", person, programme=person.programme)
    return person
