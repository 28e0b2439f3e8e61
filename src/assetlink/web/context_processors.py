"""Template context for the base layout: the user's programmes and the current programme's navigation."""

from typing import Any

from django.http import HttpRequest

from assetlink.accounts.models import Notification
from assetlink.programmes.models import Role
from assetlink.programmes.rules import operator_access_in, roles_of
from assetlink.programmes.selectors import programmes_for
from assetlink.web.navigation import programme_navigation


def navigation(request: HttpRequest) -> dict[str, Any]:
    programme = getattr(request, "programme", None)
    user = request.user
    if not user.is_authenticated:
        return {"current_programme": None, "navigation": [], "my_programmes": [], "unread_notifications": 0}
    is_operator = user.has_perm("programmes.open_operator_access")
    return {
        "is_platform_operator": is_operator,
        # API tokens serve the organisations' systems; a participant has nothing to connect.
        "uses_api_tokens": is_operator
        or any(membership.role != Role.PARTICIPANT for membership in roles_of(user).values()),
        "operator_access": operator_access_in(user, programme),
        "current_programme": programme,
        "navigation": programme_navigation(user, programme, request.path) if programme else [],
        "my_programmes": list(programmes_for(user).only("slug", "name")),
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
