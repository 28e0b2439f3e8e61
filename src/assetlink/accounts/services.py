"""API tokens: create, revoke and authenticate; user language preference; notifications."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assetlink.accounts.models import ApiToken, EmailChoice, Notification, NotificationSetting, User
from assetlink.accounts.tasks import send_email_later
from assetlink.accounts.tokens import hash_token
from assetlink.audit import services as audit
from assetlink.programmes.models import Programme

TOKEN_PREFIX = "al_"


def create_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor's own use; the secret is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you can recognise it later.")})
    if ApiToken.objects.filter(user=actor, name=name, revoked_at__isnull=True).exists():
        raise ValidationError({"name": _("You already have an active token with this name.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=secret[:10], key_hash=hash_token(secret)
        )
        audit.record(actor, "api_token.created", token, after={"name": name, "prefix": token.prefix})
    return token, secret


def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens (platform operators may revoke anyone's)."""
    if token.user_id != actor.pk and not actor.is_superuser:
        raise ValidationError(_("This is not your token."))
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(actor, "api_token.revoked", token, after={"prefix": token.prefix})
    return token


def user_for_token(secret: str) -> User | None:
    """The active user a live token belongs to, or None; refuses revoked tokens and deactivated users."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(secret)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def set_preferred_language(*, actor: User, language: str) -> User:
    """Remember the language a signed-in user chose (one the interface ships in)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Not a language code: %(codes)s") % {"codes": language}})
    before = audit.snapshot(actor, ["preferred_language"])
    actor.preferred_language = language
    actor.save(update_fields=["preferred_language"])
    audit.record(
        actor,
        "user.language_changed",
        actor,
        before=before,
        after=audit.snapshot(actor, ["preferred_language"]),
    )
    return actor


def notify(
    *,
    user: User,
    kind: str,
    params: dict[str, str],
    url: str = "",
    programme: Programme | None = None,
    event: str = "",
) -> Notification | None:
    """Put a message in a user's inbox (system action: callers are services that decided it is due), once
    per event; e-mail it at once when the user chose so (by the worker)."""
    if event and Notification.objects.filter(user=user, event=event).exists():
        return None
    notification = Notification.objects.create(
        user=user, programme=programme, kind=kind, params=params, url=url, event=event[:120]
    )
    choice = NotificationSetting.objects.filter(user=user).values_list("email", flat=True).first()
    if choice == EmailChoice.IMMEDIATE:
        send_notification_email(user, [notification])
    return notification


def send_notification_email(user: User, notifications: list[Notification]) -> None:
    """One e-mail with these notifications, in the user's language, through the worker."""
    from assetlink.accounts.notifications import notification_text

    if not notifications or not user.email:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        lines = [f"- {notification_text(user, item)}" for item in notifications]
        subject = (
            notification_text(user, notifications[0])[:120]
            if len(notifications) == 1
            else _("%(count)s new notifications") % {"count": len(notifications)}
        )
        body = "\n".join(
            [*lines, "", _("Read them and choose how you hear of them under Notifications in assetlink.")]
        )
    send_email_later(to=user.email, subject=str(subject), body=body, about=f"notifications of user {user.pk}")


def save_notification_setting(*, actor: User, email: str) -> NotificationSetting:
    if email not in EmailChoice.values:
        raise ValidationError({"email": _("Choose how to hear of your notifications.")})
    setting, _created = NotificationSetting.objects.update_or_create(user=actor, defaults={"email": email})
    return setting


def send_digests(now: datetime.datetime | None = None) -> int:
    """The daily e-mail of new notifications to each user who chose it; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for setting in NotificationSetting.objects.filter(email=EmailChoice.DAILY).select_related("user"):
        since = setting.last_digest_at or now - datetime.timedelta(days=1)
        new = list(
            Notification.objects.filter(
                user=setting.user, read_at__isnull=True, created_at__gt=since, created_at__lte=now
            ).order_by("created_at", "pk")[:200]
        )
        if new and setting.user.is_active:
            send_notification_email(setting.user, new)
            sent += 1
        NotificationSetting.objects.filter(pk=setting.pk).update(last_digest_at=now)
    return sent


def mark_notifications_read(*, actor: User) -> int:
    """Mark all of the actor's unread notifications as read; returns how many."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
