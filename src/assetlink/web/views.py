"""Site-wide pages: the programme chooser, language choice and a health check."""

import contextlib

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from assetlink.accounts.services import set_preferred_language
from assetlink.programmes.selectors import programmes_for
from assetlink.web.access import AuthenticatedHttpRequest, public, signed_in


@signed_in
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    programmes = list(programmes_for(request.user))
    if len(programmes) == 1:
        return redirect("programmes:home", slug=programmes[0].slug)
    return render(request, "web/home.html", {"programmes": programmes})


@public
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and response.status_code in {302, 204} and language:
        with contextlib.suppress(ValidationError):  # Django's view has already ignored an unknown language
            set_preferred_language(actor=request.user, language=language)
    return response


@public
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
