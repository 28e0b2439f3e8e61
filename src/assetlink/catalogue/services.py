"""Writes of the catalogue: practices written by editors and published after another's review (their
subscribers told), networks and events, registrations with a waiting list, subscriptions by theme
confirmed by e-mail, and the appointment of editors."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assetlink.accounts.tasks import send_email_later
from assetlink.audit import services as audit
from assetlink.catalogue.models import (
    SEARCH_CONFIGS,
    TEXT_FIELDS,
    CatalogueEditor,
    EditorRole,
    Event,
    Network,
    NetworkPartner,
    Practice,
    PracticeStatus,
    PracticeText,
    Registration,
    RegistrationStatus,
    Subscription,
    Theme,
    TypedResult,
)
from assetlink.catalogue.selectors import registrations_of
from assetlink.encryption import blind_index
from assetlink.impact.models import Indicator
from assetlink.programmes.rules import require
from assetlink.validation import without_control_characters

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# Addresses under /practices/ (and /practices/edit/) that are pages of their own, which an entry's address
# would hide.
RESERVED_SLUGS = frozenset(
    {"edit", "new", "import", "themes", "subscribe", "unsubscribe", "networks", "events", "registrations"}
)
TEXT_LIMITS = {
    field.name: field.max_length for field in PracticeText._meta.fields if field.name in TEXT_FIELDS
}
CANCEL_SALT = "catalogue.registration.cancel"
REGISTRATION_INDEX = "catalogue-registration"
CONFIRM_SALT = "catalogue.subscription.confirm"
UNSUBSCRIBE_SALT = "catalogue.subscription.unsubscribe"
CONFIRM_WITHIN = datetime.timedelta(days=7)


def _text(value: Any) -> str:
    return without_control_characters(str(value or "")).strip()


def _country(value: str) -> str:
    country = _text(value).upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValidationError({"country": _("Give the country as its two-letter ISO code, e.g. GB.")})
    return country


def _slug(value: str, model: Any, instance: Any) -> str:
    slug = _text(value).lower()
    if not SLUG.match(slug) or len(slug) > 80:
        raise ValidationError(
            {"slug": _("Use lower-case letters, digits and hyphens, e.g. use-it-birmingham.")}
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("“%(slug)s” names a page of the catalogue: choose another.") % {"slug": slug}}
        )
    if model.objects.filter(slug=slug).exclude(pk=getattr(instance, "pk", None) or 0).exists():
        raise ValidationError({"slug": _("Another entry of the catalogue has this address name.")})
    return slug


def appoint_editor(*, actor: User, user: User, role: str = EditorRole.EDITOR) -> CatalogueEditor:
    """Make someone a catalogue editor (or a reviewer who also publishes)."""
    require(actor, "catalogue.appoint_editors")
    if role not in EditorRole.values:
        raise ValidationError({"role": _("Choose editor or reviewer.")})
    with transaction.atomic():
        editor, _created = CatalogueEditor.objects.update_or_create(user=user, defaults={"role": role})
        audit.record(actor, "catalogue_editor.appointed", editor, after={"role": role})
    return editor


# Practices


def save_theme(*, actor: User, theme: Theme | None = None, code: str, names: dict[str, str]) -> Theme:
    """Add a theme to the managed list, or rename one; its code (in feed and filter addresses) is kept
    once practices are filed under it, so that links people keep still work."""
    require(actor, "catalogue.edit")
    theme = theme or Theme()
    code = _text(code).lower()
    if theme.pk and code != theme.code and theme.practices.exists():
        raise ValidationError({"code": _("Practices are filed under this theme: its code stays as it is.")})
    if not SLUG.match(code) or len(code) > 40:
        raise ValidationError({"code": _("Use lower-case letters, digits and hyphens, e.g. local-economy.")})
    if Theme.objects.filter(code=code).exclude(pk=theme.pk or 0).exists():
        raise ValidationError({"code": _("Another theme has this code.")})
    cleaned = {language: _text(name)[:100] for language, name in names.items() if _text(name)}
    if "en" not in cleaned:
        raise ValidationError({"name_en": _("Give the theme its name in English, the catalogue's fallback.")})
    created = theme.pk is None
    before = {"code": theme.code, "names": theme.names}
    theme.code, theme.names = code, cleaned
    with transaction.atomic():
        theme.save()
        audit.record(
            actor,
            "theme.created" if created else "theme.changed",
            theme,
            before=None if created else before,
            after={"code": code, "names": cleaned},
        )
    return theme


def remove_theme(*, actor: User, theme: Theme) -> None:
    """Take a theme off the list, once no practice or network is filed under it; subscriptions to it end."""
    require(actor, "catalogue.edit")
    practices, networks = theme.practices.count(), theme.networks.count()
    if practices or networks:
        raise ValidationError(
            _(
                "%(practices)s practices and %(networks)s networks are filed under this theme: move them "
                "to another theme first."
            )
            % {"practices": practices, "networks": networks}
        )
    with transaction.atomic():
        audit.record(actor, "theme.removed", theme, before={"code": theme.code, "names": theme.names})
        theme.delete()


def _texts(texts: dict[str, dict[str, str]], original_language: str) -> dict[str, dict[str, str]]:
    cleaned: dict[str, dict[str, str]] = {}
    for language, fields in texts.items():
        if not LANGUAGE.match(language):
            raise ValidationError({"texts": _("“%(code)s” is not a language code.") % {"code": language}})
        values = {name: _text(fields.get(name, "")) for name in TEXT_FIELDS}
        if not any(values.values()):
            continue
        if not values["title"]:
            raise ValidationError(
                {f"title_{language}": _("Give the practice a title in this language, or leave it all empty.")}
            )
        for name, value in values.items():
            limit = TEXT_LIMITS.get(name) or 0
            if limit and len(value) > limit:
                raise ValidationError(
                    {f"{name}_{language}": _("Keep this under %(limit)s characters.") % {"limit": limit}}
                )
        cleaned[language] = values
    if original_language not in cleaned:
        raise ValidationError(
            {"original_language": _("Write the practice at least in its original language, title first.")}
        )
    return cleaned


def save_practice(
    *,
    actor: User,
    practice: Practice | None = None,
    slug: str,
    city: str,
    country: str,
    texts: dict[str, dict[str, str]],
    original_language: str = "en",
    city_population: int | None = None,
    themes: Sequence[Theme] = (),
    label_date: datetime.date | None = None,
    contact_name: str = "",
    contact_email: str = "",
    website: str = "",
    in_partnership_with: str = "",
    results_programme: Programme | None = None,
    result_indicators: Sequence[str] = (),
    typed_results: Sequence[tuple[str, dict[str, str]]] = (),
) -> Practice:
    """Write (or change) a practice with its texts in each language and its results; a new one is a draft."""
    require(actor, "catalogue.change_practice", practice)
    cleaned = _texts(texts, original_language)
    if not _text(city):
        raise ValidationError({"city": _("Say which city runs the practice.")})
    codes = [code for code in dict.fromkeys(_text(code) for code in result_indicators) if code]
    if codes:
        if results_programme is None:
            raise ValidationError(
                {"results_programme": _("Say which programme's indicators give the results.")}
            )
        if not results_programme.publishes_results:
            raise ValidationError(
                {"results_programme": _("This programme does not publish its results; type the results in.")}
            )
        known = set(
            Indicator.objects.filter(programme=results_programme, code__in=codes).values_list(
                "code", flat=True
            )
        )
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValidationError(
                {
                    "result_indicators": _("The programme has no indicator %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                }
            )
    if contact_email:
        validate_email(contact_email)
    practice = practice or Practice(author=actor)
    practice.slug = _slug(slug, Practice, practice)
    practice.city = _text(city)
    practice.country = _country(country)
    practice.city_population = city_population
    practice.label_date = label_date
    practice.original_language = original_language
    practice.contact_name = _text(contact_name)
    practice.contact_email = _text(contact_email)
    practice.website = _text(website)
    practice.in_partnership_with = _text(in_partnership_with)
    practice.results_programme = results_programme if codes else None
    practice.result_indicators = codes
    with transaction.atomic():
        created = practice.pk is None
        practice.save()
        practice.themes.set(themes)
        practice.texts.exclude(language__in=list(cleaned)).delete()
        for language, values in cleaned.items():
            PracticeText.objects.update_or_create(
                practice=practice,
                language=language,
                defaults={**values, "search_config": SEARCH_CONFIGS.get(language, "simple")},
            )
        practice.typed_results.all().delete()
        TypedResult.objects.bulk_create(
            TypedResult(practice=practice, value=_text(value)[:40], labels=labels, position=position)
            for position, (value, labels) in enumerate(typed_results)
            if _text(value)
        )
        audit.record(actor, "practice.created" if created else "practice.changed", practice)
    return practice


def submit_for_review(*, actor: User, practice: Practice) -> Practice:
    """A draft goes to a reviewer."""
    require(actor, "catalogue.change_practice", practice)
    if practice.status != PracticeStatus.DRAFT:
        raise ValidationError(_("Only a draft goes to review."))
    with transaction.atomic():
        practice.status = PracticeStatus.IN_REVIEW
        practice.save(update_fields=["status", "updated_at"])
        audit.record(actor, "practice.submitted", practice)
    return practice


def send_back(*, actor: User, practice: Practice, note: str) -> Practice:
    """A reviewer returns a practice to its author as a draft, saying what to change."""
    require(actor, "catalogue.review")
    note = _text(note)
    if not note:
        raise ValidationError({"note": _("Say what the author should change.")})
    with transaction.atomic():
        practice.status = PracticeStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
        audit.record(actor, "practice.sent_back", practice, after={"note": note[:500]})
    return practice


def publish(*, actor: User, practice: Practice, base_url: str = "") -> Practice:
    """A reviewer other than its author publishes a practice awaiting review; subscribers to its themes
    are told by e-mail."""
    require(actor, "catalogue.review")
    if practice.status != PracticeStatus.IN_REVIEW:
        raise ValidationError(_("Only a practice awaiting review is published."))
    if practice.author_id == actor.pk:
        raise ValidationError(_("Another reviewer publishes what you wrote."))
    with transaction.atomic():
        practice.status = PracticeStatus.PUBLISHED
        practice.reviewed_by = actor
        practice.published_at = timezone.now()
        practice.save(update_fields=["status", "reviewed_by", "published_at", "updated_at"])
        audit.record(actor, "practice.published", practice)
        _tell_subscribers(practice, base_url)
    return practice


def _tell_subscribers(practice: Practice, base_url: str) -> None:
    subscribers = Subscription.objects.filter(
        confirmed_at__isnull=False, themes__in=practice.themes.all()
    ).distinct()
    for subscription in subscribers:
        with translation.override(subscription.language):
            text = (
                practice.texts.filter(language=subscription.language).first()
                or practice.texts.filter(language=practice.original_language).first()
            )
            page = base_url + reverse("catalogue:practice", kwargs={"slug": practice.slug})
            leave = base_url + reverse(
                "catalogue:unsubscribe",
                kwargs={"token": signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)},
            )
            send_email_later(
                to=subscription.email,
                subject=_("A new practice in the catalogue: %(title)s")
                % {"title": text.title if text else ""},
                body=_(
                    "%(title)s (%(city)s) is now in the good-practice catalogue:\n%(page)s\n\n"
                    "You hear of it because you asked for practices under its themes. "
                    "To hear no more:\n%(leave)s"
                )
                % {"title": text.title if text else "", "city": practice.city, "page": page, "leave": leave},
                about=f"catalogue subscription {subscription.pk}",
            )


# Networks and events


def save_network(
    *,
    actor: User,
    network: Network | None = None,
    slug: str,
    name: str,
    kind: str,
    status: str,
    theme: Theme | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    descriptions: dict[str, str] | None = None,
    outputs: dict[str, str] | None = None,
    partners: Sequence[tuple[str, str, str, Practice | None]] = (),
) -> Network:
    """Write (or change) a network with its partner cities (city, country, role, practice they bring)."""
    require(actor, "catalogue.edit")
    network = network or Network()
    network.slug = _slug(slug, Network, network)
    network.name = _text(name)
    if not network.name:
        raise ValidationError({"name": _("Give the network its name.")})
    network.kind, network.status, network.theme = kind, status, theme
    network.starts_on, network.ends_on = starts_on, ends_on
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The network cannot end before it starts.")})
    network.descriptions = {code: _text(text) for code, text in (descriptions or {}).items() if _text(text)}
    network.outputs = {code: _text(text) for code, text in (outputs or {}).items() if _text(text)}
    network.full_clean(exclude=["slug"])
    with transaction.atomic():
        network.save()
        network.partners.all().delete()
        NetworkPartner.objects.bulk_create(
            NetworkPartner(
                network=network, city=_text(city), country=_country(country), role=role, practice=practice
            )
            for city, country, role, practice in partners
        )
        audit.record(actor, "network.saved", network)
    return network


def save_event(*, actor: User, event: Event | None = None, **fields: Any) -> Event:
    """Write (or change) an event; its sessions are added with `add_session`."""
    require(actor, "catalogue.edit")
    event = event or Event()
    for name, value in fields.items():
        setattr(event, name, value)
    event.slug = _slug(event.slug, Event, event)
    event.country = _country(event.country)
    if event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": _("The event cannot end before it starts.")})
    event.full_clean(exclude=["slug"])
    with transaction.atomic():
        event.save()
        audit.record(actor, "event.saved", event)
    return event


def add_session(
    *,
    actor: User,
    event: Event,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    titles: dict[str, str],
    room: str = "",
) -> Any:
    require(actor, "catalogue.edit")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")})
    if not (event.starts_on <= starts_at.date() <= event.ends_on):
        raise ValidationError({"starts_at": _("A session takes place during its event.")})
    return event.sessions.create(starts_at=starts_at, ends_at=ends_at, titles=titles, room=_text(room))


def _address(email: str) -> str:
    email = _text(email).lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Give an e-mail address we can write to.")}) from error
    return email


def register(
    *, event: Event, name: str, email: str, organisation: str = "", base_url: str = ""
) -> tuple[Registration, str]:
    """A place at the event, or on its waiting list once the places are taken; returns the registration and
    the token of its cancel link (also sent by e-mail)."""
    if not event.is_published or not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
    name = _text(name)
    if not name:
        raise ValidationError({"name": _("Give your name.")})
    address = _address(email)
    index = blind_index(REGISTRATION_INDEX, address)
    with transaction.atomic():
        # One registration at a time per event, so the last place is given once.
        Event.objects.select_for_update().get(pk=event.pk)
        if (
            event.registrations.filter(email_index=index)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise ValidationError({"email": _("This address is registered for the event already.")})
        taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        status = RegistrationStatus.REGISTERED if taken < event.capacity else RegistrationStatus.WAITING
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=address,
            email_index=index,
            organisation=_text(organisation)[:200],
            status=status,
        )
        token = signing.dumps(registration.pk, salt=CANCEL_SALT)
        _write_about_registration(registration, token, base_url)
    return registration, token


def _write_about_registration(registration: Registration, token: str, base_url: str) -> None:
    event = registration.event
    title = event.titles.get(translation.get_language() or "en") or event.titles.get("en", "")
    cancel = base_url + reverse("catalogue:cancel_registration", kwargs={"token": token})
    if registration.status == RegistrationStatus.REGISTERED:
        subject = _("Your place at %(event)s") % {"event": title}
        body = _("You have a place at %(event)s, %(place)s, from %(starts)s.") % {
            "event": title,
            "place": event.place,
            "starts": event.starts_on.isoformat(),
        }
    else:
        subject = _("On the waiting list for %(event)s") % {"event": title}
        body = _(
            "The places at %(event)s are taken: you are on the waiting list and hear from us if one frees."
        ) % {"event": title}
    send_email_later(
        to=registration.email,
        subject=subject,
        body=body + "\n\n" + _("To cancel: %(link)s") % {"link": cancel},
        about=f"event registration {registration.pk}",
    )


def cancel_registration(*, token: str, base_url: str = "") -> Registration:
    """Cancel by the link sent at registration; a freed place goes to the first on the waiting list."""
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This cancel link is not valid.")) from error
    with transaction.atomic():
        cancelled, _promoted = _cancel(pk, base_url)
    return cancelled


def cancel_registration_for(
    *, actor: User, registration: Registration, base_url: str = ""
) -> tuple[Registration, Registration | None]:
    """An editor cancels a registration (the person wrote to the organisers); a freed place goes to the first
    on the waiting list, as when the person cancels by their link. Returns the cancelled registration and
    the one that got its place, if any."""
    require(actor, "catalogue.edit")
    with transaction.atomic():
        cancelled, promoted = _cancel(registration.pk, base_url)
        audit.record(actor, "event_registration.cancelled", cancelled, after={"event": cancelled.event.slug})
    return cancelled, promoted


def _cancel(pk: int, base_url: str) -> tuple[Registration, Registration | None]:
    # Locking the event, as registering does, so that a freed place goes to one person only.
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is not None:
        Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db(fields=["status"])
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled already."))
    freed = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if not freed:
        return registration, None
    following = (
        registration.event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if following is not None:
        following.status = RegistrationStatus.REGISTERED
        following.save(update_fields=["status"])
        _write_about_registration(following, signing.dumps(following.pk, salt=CANCEL_SALT), base_url)
    return registration, following


def registrations_exported(*, actor: User, event: Event) -> list[Registration]:
    """The event's registrations for its organisers' list (names and addresses): recorded in the audit
    trail, since it takes personal data out of the platform."""
    require(actor, "catalogue.edit")
    audit.record(actor, "event_registrations.exported", event)
    return registrations_of(event)


# Subscriptions


def subscribe(
    *, email: str, themes: Sequence[Theme], language: str = "en", base_url: str = ""
) -> Subscription:
    """Ask to hear of new practices under some themes; nothing is sent before the address confirms."""
    address = _address(email)
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    if language not in dict(settings.LANGUAGES):
        language = "en"
    index = blind_index("catalogue-subscription", address)
    with transaction.atomic():
        subscription = Subscription.objects.filter(email_index=index).first() or Subscription(
            email=address, email_index=index
        )
        subscription.language = language
        subscription.save()
        subscription.themes.set(themes)
        confirm = base_url + reverse(
            "catalogue:confirm_subscription",
            kwargs={"token": signing.dumps(subscription.pk, salt=CONFIRM_SALT)},
        )
        with translation.override(language):
            send_email_later(
                to=address,
                subject=_("Confirm your subscription to the good-practice catalogue"),
                body=_(
                    "Someone, we hope you, asked to hear of new practices in the catalogue at this address. "
                    "To confirm, open this link within a week:\n%(link)s\n\nIf it was not you, do nothing: "
                    "nothing more will be sent."
                )
                % {"link": confirm},
                about=f"catalogue subscription {subscription.pk}",
            )
    return subscription


def confirm_subscription(*, token: str) -> Subscription:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN)
    except signing.BadSignature as error:
        raise ValidationError(_("This confirmation link is not valid or has expired.")) from error
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        raise ValidationError(_("This subscription was cancelled."))
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(*, token: str) -> None:
    """Hear no more: the subscription and its address are deleted."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid.")) from error
    Subscription.objects.filter(pk=pk).delete()


def set_sessions(
    *,
    actor: User,
    event: Event,
    sessions: Sequence[tuple[datetime.datetime, datetime.datetime, dict[str, str], str]],
) -> None:
    """Replace the event's programme with these sessions (start, end, title by language, room)."""
    require(actor, "catalogue.edit")
    with transaction.atomic():
        event.sessions.all().delete()
        for starts_at, ends_at, titles, room in sessions:
            add_session(
                actor=actor, event=event, starts_at=starts_at, ends_at=ends_at, titles=titles, room=room
            )
