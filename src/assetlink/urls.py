"""Root URL configuration."""

from django.urls import include, path

from assetlink.api import api
from assetlink.people import views as people_views
from assetlink.programmes import views as programme_views

urlpatterns = [
    path("", include("assetlink.web.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("assetlink.accounts.urls")),
    path("tasks/", include("assetlink.background.urls")),
    path("taxonomy/", include("assetlink.taxonomy.urls")),
    path("operator/", include("assetlink.programmes.operator_urls")),
    path("invitations/<str:token>/", programme_views.accept_invitation, name="accept_invitation"),
    path("p/<slug:slug>/", include("assetlink.programmes.urls")),
    path("p/<slug:slug>/organisations/", include("assetlink.organisations.urls")),
    path("p/<slug:slug>/audit/", include("assetlink.audit.urls")),
    path("p/<slug:slug>/areas/", include("assetlink.places.urls")),
    path("p/<slug:slug>/people/", include("assetlink.people.urls")),
    path("p/<slug:slug>/opportunities/", include("assetlink.opportunities.urls")),
    path("p/<slug:slug>/matching/", include("assetlink.matching.urls")),
    path("p/<slug:slug>/journeys/", include("assetlink.journeys.urls")),
    path("p/<slug:slug>/timeline/", include("assetlink.timelines.urls")),
    path("p/<slug:slug>/ledger/", include("assetlink.impact.urls")),
    path("p/<slug:slug>/results/", include("assetlink.impact.indicators.urls")),
    path("p/<slug:slug>/spend/", include("assetlink.spend.urls")),
    path("p/<slug:slug>/research/", include("assetlink.research.urls")),
    path("p/<slug:slug>/transfer/", include("assetlink.catalogue.transfer_urls")),
    # ODK Collect's server address: a researcher's key, then the OpenRosa endpoints.
    path("collect/", include("assetlink.research.openrosa_urls")),
    path("practices/", include("assetlink.catalogue.urls")),
    path("open/<slug:slug>/", include("assetlink.opportunities.public_urls")),
    path("open/<slug:slug>/results/", include("assetlink.impact.indicators.public_urls")),
    path("p/<slug:slug>/join/", people_views.self_register, name="self_register"),
    path("p/<slug:slug>/imports/", include("assetlink.exchange.urls")),
    path("p/<slug:slug>/exports/", include("assetlink.exchange.export_urls")),
    path("api/v1/", api.urls),
]
