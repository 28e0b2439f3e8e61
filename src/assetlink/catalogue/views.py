"""Public pages of the catalogue: search with filters, a practice with schema.org data and plain share
links, networks, events with registration, subscriptions by theme and the Atom feed, all working without
JavaScript. The editors' pages are in editor_views."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assetlink.catalogue import selectors, services
from assetlink.catalogue.forms import (
    CITY_SIZE_LABELS,
    RegistrationForm,
    SearchForm,
    SubscriptionForm,
)
from assetlink.catalogue.models import Event, Network, Practice, RegistrationStatus, Theme
from assetlink.web.access import public
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context

PRACTICES_PER_PAGE = 20


def reader_language() -> str:
    return (get_language() or "en").split("-")[0]


@public
def catalogue(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    form = SearchForm(request.GET or None, facets=selectors.facets(), language=language)
    filters = selectors.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            words=data["q"],
            theme=data["theme"],
            country=data["country"],
            size=data["size"],
            year=data["year"],
            network=data["network"],
        )
    paged = page_context(request, selectors.search(filters), per_page=PRACTICES_PER_PAGE)
    practices = [(practice, selectors.text_of(practice, language)) for practice in paged["page_obj"]]
    context = {
        **paged,
        "form": form,
        "practices": practices,
        "searched": bool(request.GET),
        "language": language,
        "networks": Network.objects.all(),
        "events": [
            (item, selectors.in_language(item.titles, language))
            for item in Event.objects.filter(is_published=True)
        ],
    }
    return render(
        request,
        "catalogue/catalogue.html",
        context,
        status=200 if form.is_valid() or not form.is_bound else 422,
    )


def _schema(practice: Practice, text: Any, url: str) -> str:
    """The practice as schema.org data: a creative work about a city's practice, in its languages."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": text.title if text else practice.slug,
        "alternativeHeadline": text.subtitle if text else "",
        "abstract": text.summary if text else "",
        "url": url,
        "inLanguage": [item.language for item in practice.texts.all()],
        "keywords": [theme.names.get("en") or theme.code for theme in practice.themes.all()],
        "spatialCoverage": {
            "@type": "City",
            "name": practice.city,
            "address": {"@type": "PostalAddress", "addressCountry": practice.country},
        },
    }
    if practice.label_date:
        data["datePublished"] = practice.label_date.isoformat()
    if practice.website:
        data["sameAs"] = practice.website
    # Kept from closing the script element, whatever the texts hold.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


@public
def practice(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.practice_at(slug)
    if found is None:
        raise Http404
    language = reader_language()
    text = selectors.text_of(found, language)
    url = request.build_absolute_uri(reverse("catalogue:practice", kwargs={"slug": found.slug}))
    title = text.title if text else found.slug
    context = {
        "practice": found,
        "text": text,
        "in_other_language": text is not None and text.language != language,
        "themes": [theme.names.get(language) or str(theme) for theme in found.themes.all()],
        "typed_results": [
            (result.value, selectors.in_language(result.labels, language, found.original_language))
            for result in found.typed_results.all()
        ],
        "live_results": selectors.live_results(found, language),
        "networks": found.networks.select_related("network"),
        "adaptations": [
            (item, selectors.text_of(item, language)) for item in selectors.adaptations_of(found)
        ],
        "adoptions": selectors.adoptions_of(found),
        "adapted_from": found.adapted_from
        if found.adapted_from and found.adapted_from.status == "published"
        else None,
        "schema": _schema(found, text, url),
        "share_mail": f"mailto:?subject={quote(title)}&body={quote(url)}",
        "url": url,
        "city_size": _city_size(found.city_population),
    }
    return render(request, "catalogue/practice.html", context)


def _city_size(population: int | None) -> str:
    if population is None:
        return ""
    for key, (low, high) in selectors.CITY_SIZES.items():
        if population >= low and (high is None or population < high):
            return str(CITY_SIZE_LABELS[key])
    return ""


@public
def network(request: HttpRequest, slug: str) -> HttpResponse:
    found = Network.objects.filter(slug=slug).select_related("theme").first()
    if found is None:
        raise Http404
    language = reader_language()
    context = {
        "network": found,
        "description": selectors.in_language(found.descriptions, language),
        "outputs": selectors.in_language(found.outputs, language),
        "theme": (found.theme.names.get(language) or str(found.theme)) if found.theme else "",
        "partners": found.partners.select_related("practice"),
        "events": found.events.filter(is_published=True),
    }
    return render(request, "catalogue/network.html", context)


@public
def event(request: HttpRequest, slug: str) -> HttpResponse:
    found = Event.objects.filter(slug=slug, is_published=True).first()
    if found is None:
        raise Http404
    language = reader_language()
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration, _token = services.register(
                event=found, base_url=request.build_absolute_uri("/")[:-1], **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            if registration.status == RegistrationStatus.REGISTERED:
                messages.success(
                    request, _("You have a place. We sent the details and a cancel link by e-mail.")
                )
            else:
                messages.info(
                    request,
                    _("The places are taken: you are on the waiting list, and we write if one frees."),
                )
            return redirect("catalogue:event", slug=found.slug)
    taken = found.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    context = {
        "event": found,
        "title": selectors.in_language(found.titles, language),
        "description": selectors.in_language(found.descriptions, language),
        "sessions": [
            (session, selectors.in_language(session.titles, language)) for session in found.sessions.all()
        ],
        "places_left": max(found.capacity - taken, 0),
        "form": form if found.registration_open else None,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "catalogue/event.html", context, status=status)


def _token_page(
    request: HttpRequest, token: str, action: Any, *, heading: str, explanation: str, button: str, done: str
) -> HttpResponse:
    """A link sent by e-mail opens a page whose button does the thing, so a mail scanner that opens links
    changes nothing."""
    if request.method == "POST":
        try:
            action(token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("catalogue:catalogue")
    context = {"heading": heading, "explanation": explanation, "button": button}
    return render(request, "catalogue/token.html", context)


@public
def cancel_registration(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(
        request,
        token,
        lambda value: services.cancel_registration(
            token=value, base_url=request.build_absolute_uri("/")[:-1]
        ),
        heading=_("Cancel your registration"),
        explanation=_("Your place goes to the first person on the waiting list."),
        button=_("Cancel my registration"),
        done=_("Your registration is cancelled."),
    )


@public
def subscribe(request: HttpRequest) -> HttpResponse:
    language = reader_language()
    form = SubscriptionForm(request.POST or None, language=language)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.subscribe(
                email=data["email"],
                themes=list(data["themes"]),
                language=language,
                base_url=request.build_absolute_uri("/")[:-1],
            ),
            message=_("We sent a link to confirm your address; nothing more is sent until you open it."),
            then=reverse("catalogue:catalogue"),
        )
        if done:
            return done
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "catalogue/subscribe.html", {"form": form}, status=status)


@public
def confirm_subscription(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(
        request,
        token,
        lambda value: services.confirm_subscription(token=value),
        heading=_("Confirm your subscription"),
        explanation=_("You will hear by e-mail when a practice is published under the themes you chose."),
        button=_("Confirm"),
        done=_("Your subscription is confirmed."),
    )


@public
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(
        request,
        token,
        lambda value: services.unsubscribe(token=value),
        heading=_("Stop hearing from the catalogue"),
        explanation=_("Your address and your choice of themes are deleted."),
        button=_("Unsubscribe"),
        done=_("You are unsubscribed; your address is deleted."),
    )


class PracticeFeed(Feed):
    """New practices as an Atom feed; `?theme=` narrows it to one theme."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Theme | None:
        code = request.GET.get("theme", "")
        return Theme.objects.filter(code=code).first() if code else None

    def title(self, theme: Theme | None) -> str:
        name = (theme.names.get(reader_language()) or str(theme)) if theme else ""
        return (
            _("Good-practice catalogue: %(theme)s") % {"theme": name}
            if theme
            else _("Good-practice catalogue")
        )

    def link(self, theme: Theme | None) -> str:
        return reverse("catalogue:catalogue") + (f"?theme={theme.code}" if theme else "")

    def subtitle(self, theme: Theme | None) -> str:
        return _("Practices that cities run and others can adopt, newest first.")

    def items(self, theme: Theme | None) -> list[Practice]:
        practices = selectors.published().order_by("-published_at")
        if theme is not None:
            practices = practices.filter(themes=theme)
        return list(practices[:50])

    def item_title(self, item: Practice) -> str:
        text = selectors.text_of(item, reader_language())
        return f"{text.title if text else item.slug} ({item.city})"

    def item_description(self, item: Practice) -> str:
        text = selectors.text_of(item, reader_language())
        return text.summary if text else ""

    def item_link(self, item: Practice) -> str:
        return reverse("catalogue:practice", kwargs={"slug": item.slug})

    def item_updateddate(self, item: Practice) -> Any:
        return item.updated_at

    def item_pubdate(self, item: Practice) -> Any:
        return item.published_at


feed = public(PracticeFeed())
