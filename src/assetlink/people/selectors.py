"""Every read of a person goes through here: programme scope, role and consent decide who sees whom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.people.models import ConsentPurpose, Person, RecordPart
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation


def people_visible_to(user: User, programme: Programme) -> QuerySet[Person]:
    """People of a programme this user may see: all for admins, those sharing with their organisation for
    partner staff, themself for a participant."""
    people = Person.objects.filter(programme=programme).select_related("area")
    membership = roles_of(user).get(programme.pk)
    if membership is None:
        return people.none()
    if user.has_perm("people.view_every_person", programme):
        return people
    if user.has_perm("people.view_people", programme) and membership.organisation_id:
        return consenting(people, ConsentPurpose.SHARING, membership.organisation_id)
    return people.filter(user=user)


def consenting(
    people: QuerySet[Person], purpose: str, organisation_id: int | None = None
) -> QuerySet[Person]:
    """Those of these people whose decision in force for the purpose (and organisation) is to consent."""
    same_organisation = (
        Q(consent_states__organisation__isnull=True)
        if organisation_id is None
        else Q(consent_states__organisation_id=organisation_id)
    )
    return people.filter(same_organisation, consent_states__purpose=purpose, consent_states__given=True)


def matchable_people(programme: Programme) -> QuerySet[Person]:
    """People of a programme whom matching may read: not erased, and consenting to matching."""
    return consenting(
        Person.objects.filter(programme=programme, erased_at__isnull=True), ConsentPurpose.MATCHING
    )


def is_matchable(person: Person) -> bool:
    """Whether matching may read this person now."""
    return person.erased_at is None and has_consent(person, ConsentPurpose.MATCHING)


def search_people(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Narrow a visible set by name or reference (contact details are encrypted and not searchable)."""
    for word in query.split():
        people = people.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(reference__iexact=word)
        )
    return people


def person_in(programme: Programme, person_id: int) -> Person:
    """One person of the programme, or 404; the caller's permission on the person decides the rest."""
    return get_object_or_404(
        Person.objects.select_related("area", "user", "programme"), programme=programme, pk=person_id
    )


def person_of_url(programme: Programme, person_id: int, **_other_url_parts: object) -> Person:
    """The person a URL names (for the access check of pages under a person's address)."""
    return person_in(programme, person_id)


def person_record(
    user: User, programme: Programme, person_id: int, *, path: str = "", channel: str = "web"
) -> Person:
    """A person's full record for someone allowed to see it; each read is written to the access log."""
    person = person_in(programme, person_id)
    audit.record_access(user, person, programme=programme, channel=channel, path=path)
    return person


def own_person(user: User, programme: Programme) -> Person | None:
    """The signed-in user's own participant record in this programme, if they have one."""
    return Person.objects.filter(programme=programme, user=user).first()


def has_consent(person: Person, purpose: str, organisation: Organisation | None = None) -> bool:
    """Whether the person's decision in force for this purpose (and organisation) is to consent."""
    return person.consent_states.filter(purpose=purpose, organisation=organisation, given=True).exists()


def erasure_requests(programme: Programme) -> QuerySet[Person]:
    return Person.objects.filter(
        programme=programme, erasure_requested_at__isnull=False, erased_at__isnull=True
    )


def parts_shared_with(person: Person, organisation: Organisation) -> list[str]:
    """The parts of the person's record this organisation may see: all of it with a sharing consent in
    force, the parts a referral consent names, or none."""
    states = {
        state.purpose: state for state in person.consent_states.filter(organisation=organisation, given=True)
    }
    if ConsentPurpose.SHARING in states:
        return list(RecordPart.values)
    referral = states.get(ConsentPurpose.REFERRAL)
    return [part for part in RecordPart.values if referral is not None and part in referral.parts]


def shared_record(
    user: User, person: Person, parts: list[str], *, path: str = "", channel: str = "web"
) -> list[tuple[str, str, str]]:
    """(part, label, value) of the named parts of a person's record, for a partner who may see only those;
    the read is written to the access log."""
    if person.erased_at is not None or not parts:
        return []
    audit.record_access(user, person, programme=person.programme, channel=channel, path=path)
    values = {
        RecordPart.NAME: lambda: person.display_name,
        RecordPart.CONTACT: lambda: " · ".join(v for v in (person.email, person.phone) if v),
        RecordPart.AREA: lambda: person.area.name if person.area else "",
        RecordPart.LANGUAGES: lambda: ", ".join(
            f"{item.language} ({item.get_level_display()})" for item in person.languages.all()
        ),
        RecordPart.SKILLS: lambda: "; ".join(
            [str(item.occupation) for item in person.occupations.select_related("occupation")]
            + [str(item.skill) for item in person.skills.select_related("skill")]
        ),
        RecordPart.QUALIFICATIONS: lambda: "; ".join(
            [
                f"{item.title} ({item.get_recognition_status_display()})"
                for item in person.qualifications.all()
            ]
            + [f"{item.name}: {item.get_status_display()}" for item in person.credentials.all()]
        ),
        RecordPart.RIGHT_TO_WORK: lambda: person.get_right_to_work_display() if person.right_to_work else "",
        RecordPart.AVAILABILITY: lambda: " · ".join(
            str(v)
            for v in (
                person.get_availability_display(),
                _("%(hours)s hours a week") % {"hours": person.hours_per_week}
                if person.hours_per_week
                else "",
                _("up to %(km)s km") % {"km": person.max_commute_km} if person.max_commute_km else "",
            )
            if v
        ),
        RecordPart.GOALS: lambda: "; ".join(str(item.occupation) for item in person.aspirations.all()),
    }
    return [
        (part, str(RecordPart(part).label), values[RecordPart(part)]() or "—")
        for part in RecordPart.values
        if part in parts
    ]


def person_named_for(reader: Any, notification: Any, reference: str) -> str:
    """A notification's person by name for a reader who may see the person's record, else by reference."""
    if notification.programme_id is None:
        return reference
    person = Person.objects.filter(programme_id=notification.programme_id, reference=reference).first()
    if person is None or not reader.has_perm("people.view_person", person):
        return reference
    return person.display_name
