"""Every read of a person goes through here: programme scope, role and consent decide who sees whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assetlink.audit import services as audit
from assetlink.people.models import ConsentPurpose, Person
from assetlink.programmes.models import Programme, Role
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
    if membership.role == Role.PROGRAMME_ADMIN:
        return people
    if membership.role == Role.PARTNER_STAFF and membership.organisation_id:
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
