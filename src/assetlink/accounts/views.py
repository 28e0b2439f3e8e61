"""The signed-in user's own API tokens and notifications."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assetlink.accounts import services
from assetlink.accounts.forms import ApiTokenForm
from assetlink.accounts.models import ApiToken, Notification
from assetlink.web.access import AuthenticatedHttpRequest, signed_in
from assetlink.web.forms import show_service_errors


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


# What each kind of notification says; `params` fill it in, in the reader's language.
NOTIFICATION_TEXTS = {
    "strong_match": gettext_lazy("A strong new match for %(person)s: %(opportunity)s."),
    "referral_received": gettext_lazy("New referral %(reference)s of %(person)s to %(target)s."),
    "referral_accepted": gettext_lazy("%(organisation)s accepted referral %(reference)s of %(person)s."),
    "referral_declined": gettext_lazy("%(organisation)s declined referral %(reference)s of %(person)s."),
    "referral_completed": gettext_lazy("%(organisation)s completed referral %(reference)s of %(person)s."),
    "referral_withdrawn": gettext_lazy("Referral %(reference)s of %(person)s to %(target)s was withdrawn."),
    "referral_overdue": gettext_lazy("Referral %(reference)s of %(person)s to %(target)s is overdue."),
    "task_assigned": gettext_lazy("A task for you on the timeline of %(subject)s."),
    "mentioned": gettext_lazy("%(organisation)s was mentioned on the timeline of %(subject)s."),
    "consent_recorded": gettext_lazy(
        "%(by)s recorded that your consent for %(purpose)s (%(organisation)s) was %(decision)s. "
        "If this is not right, change it on your profile."
    ),
    "report_ready": gettext_lazy("The funder report of %(programme)s for %(period)s is ready."),
    "link_requested": gettext_lazy("%(programme)s asks to list %(organisation)s in its register."),
    "operator_access": gettext_lazy(
        "The platform operator %(operator)s opened a read-only access to this programme until %(until)s. "
        "Reason given: %(reason)s"
    ),
}
# Parameters stored as the English text of a translatable label, worded in the reader's language.
TRANSLATED_PARAMS = frozenset({"purpose", "decision"})


@signed_in
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user).select_related("programme")[:100]
    items = []
    for notification in notifications:
        template = NOTIFICATION_TEXTS.get(notification.kind)
        try:
            params = {
                name: _(value) if name in TRANSLATED_PARAMS and isinstance(value, str) else value
                for name, value in notification.params.items()
            }
            text = str(template) % params if template else notification.kind
        except (KeyError, TypeError):
            text = str(template)
        items.append({"notification": notification, "text": text})
    return render(request, "accounts/notifications.html", {"items": items})


@signed_in
@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_notifications_read(actor=request.user)
    return redirect("accounts:notifications")
