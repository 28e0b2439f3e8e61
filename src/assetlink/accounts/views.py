"""The signed-in user's own API tokens and notifications."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.accounts import services
from assetlink.accounts.forms import ApiTokenForm, NotificationSettingForm
from assetlink.accounts.models import ApiToken, EmailChoice, Notification, NotificationSetting
from assetlink.accounts.notifications import kind_title, notification_text
from assetlink.web.access import AuthenticatedHttpRequest, signed_in
from assetlink.web.forms import show_service_errors, submit


@signed_in
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.create_api_token(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_secret": new_secret})


@signed_in
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@signed_in
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reader's notifications grouped by what they are about, newest first, and how to hear of them."""
    current = NotificationSetting.objects.filter(user=request.user).first()
    form = NotificationSettingForm(
        request.POST or None, initial={"email": current.email if current else EmailChoice.NONE}
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.save_notification_setting(actor=request.user, email=data["email"]),
            message=_("Your choice is saved."),
            then=reverse("accounts:notifications"),
        )
        if done:
            return done
    notifications = Notification.objects.filter(user=request.user).select_related("programme")[:200]
    groups: dict[str, list[dict[str, Any]]] = {}
    for notification in notifications:
        groups.setdefault(kind_title(notification.kind), []).append(
            {"notification": notification, "text": notification_text(request.user, notification)}
        )
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    context = {"groups": groups, "form": form, "unread": unread}
    return render(request, "accounts/notifications.html", context, status=422 if form.is_bound else 200)


@signed_in
@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_notifications_read(actor=request.user)
    return redirect("accounts:notifications")
