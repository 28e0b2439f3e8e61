"""The API at /api/v1: every app's router, token or session authentication, errors as JSON."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI, Schema

from assetlink.accounts.api_auth import SessionWithSecondFactorAuth, TokenAuth
from assetlink.exchange.api import router as exchange_router
from assetlink.impact.api import router as impact_router
from assetlink.impact.indicators.api import router as indicators_router
from assetlink.journeys.api import router as journeys_router
from assetlink.matching.api import router as matching_router
from assetlink.opportunities.api import router as opportunities_router
from assetlink.organisations.api import router as organisations_router
from assetlink.people.api import router as people_router
from assetlink.places.api import router as places_router
from assetlink.programmes.api import router as programmes_router
from assetlink.programmes.rules import roles_of
from assetlink.spend.api import router as spend_router
from assetlink.taxonomy.api import router as taxonomy_router
from assetlink.timelines.api import router as timelines_router
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares

api = NinjaAPI(
    title="assetlink API",
    version="1",
    description="Programmes, partners and work packages; the asset register (areas, people under their "
    "consent, organisations, spaces), investments and opportunities; ESCO; imports and exports. "
    "Authenticate with a personal "
    "API token (Authorization: Bearer al_…), created and revoked under “API tokens” in the web app.",
    urls_namespace="api",
    docs_url="/docs",
    auth=[TokenAuth(), SessionWithSecondFactorAuth()],
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail: Any = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": gettext("Your role in this programme does not allow this.")}, status=403
    )


class MembershipOut(Schema):
    programme: str
    role: str
    organisation_id: int | None


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


@api.get("/me", response=MeOut, tags=["account"])
@declares(Access("signed_in"))
def me(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The caller's account and roles."""
    user = request.user
    return {
        "email": user.email,
        "full_name": user.full_name,
        "memberships": [
            {"programme": m.programme.slug, "role": m.role, "organisation_id": m.organisation_id}
            for m in roles_of(user).values()
        ],
    }


api.add_router("/", programmes_router)
api.add_router("/", organisations_router)
api.add_router("/", taxonomy_router)
api.add_router("/", places_router)
api.add_router("/", people_router)
api.add_router("/", opportunities_router)
api.add_router("/", matching_router)
api.add_router("/", exchange_router)
api.add_router("/", journeys_router)
api.add_router("/", timelines_router)
api.add_router("/", impact_router)
api.add_router("/", indicators_router)
api.add_router("/", spend_router)
