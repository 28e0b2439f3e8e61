"""Pages of the catalogue: the public catalogue (search with filters, a practice with schema.org data and
plain share links, networks, events with registration, subscriptions by theme, the Atom feed), which work
without JavaScript; and the editors' pages, where a practice is written, sent for review and published."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.catalogue import packages, selectors, services, transfer
from assetlink.catalogue.forms import (
    CITY_SIZE_LABELS,
    EventForm,
    NetworkForm,
    PracticeForm,
    RegistrationForm,
    SearchForm,
    SubscriptionForm,
    ThemeForm,
    initial_by_language,
    languages_of,
    practice_initial,
)
from assetlink.catalogue.models import Event, Network, Practice, PracticeStatus, RegistrationStatus, Theme
from assetlink.exchange.exports import csv_file
from assetlink.web.access import AuthenticatedHttpRequest, platform_view, public
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context

PRACTICES_PER_PAGE = 20


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@public
def catalogue(request: HttpRequest) -> HttpResponse:
    language = _language()
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
    language = _language()
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
    language = _language()
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
    language = _language()
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
    language = _language()
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
        name = (theme.names.get(_language()) or str(theme)) if theme else ""
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
        text = selectors.text_of(item, _language())
        return f"{text.title if text else item.slug} ({item.city})"

    def item_description(self, item: Practice) -> str:
        text = selectors.text_of(item, _language())
        return text.summary if text else ""

    def item_link(self, item: Practice) -> str:
        return reverse("catalogue:practice", kwargs={"slug": item.slug})

    def item_updateddate(self, item: Practice) -> Any:
        return item.updated_at

    def item_pubdate(self, item: Practice) -> Any:
        return item.published_at


feed = public(PracticeFeed())


# Editors


@platform_view("catalogue.edit", scope="catalogue")
def editing(request: AuthenticatedHttpRequest) -> HttpResponse:
    language = _language()
    practices = Practice.objects.prefetch_related("texts").order_by("status", "slug")
    context = {
        "drafts": [
            (p, selectors.text_of(p, language)) for p in practices if p.status == PracticeStatus.DRAFT
        ],
        "in_review": [
            (p, selectors.text_of(p, language)) for p in practices if p.status == PracticeStatus.IN_REVIEW
        ],
        "published": [
            (p, selectors.text_of(p, language)) for p in practices if p.status == PracticeStatus.PUBLISHED
        ],
        "can_review": request.user.has_perm("catalogue.review"),
        "networks": Network.objects.order_by("name"),
        "events": [
            (item, selectors.in_language(item.titles, language))
            for item in Event.objects.annotate(
                registered=Count(
                    "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
                ),
                waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            )
        ],
    }
    return render(request, "catalogue/editing.html", context)


def _editable(slug: str) -> Practice:
    found = selectors.practice_at(slug, drafts=True)
    if found is None:
        raise Http404
    return found


@platform_view("catalogue.edit", scope="catalogue")
def practice_edit(request: AuthenticatedHttpRequest, slug: str = "") -> HttpResponse:
    found = _editable(slug) if slug else None
    if found is not None and not request.user.has_perm("catalogue.change_practice", found):
        return render(request, "catalogue/locked.html", {"practice": found}, status=403)
    form = PracticeForm(request.POST or None, initial=practice_initial(found) if found else None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda _data: services.save_practice(
                actor=request.user, practice=found, **form.service_arguments()
            ),
            message=_("The practice is saved."),
            then=lambda saved: reverse("catalogue:practice_edit", kwargs={"slug": saved.slug}),
        )
        if done:
            return done
    context = {"form": form, "practice": found, "can_review": request.user.has_perm("catalogue.review")}
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "catalogue/practice_edit.html", context, status=status)


def _capture(user: Any, practice: Practice) -> Any:
    if practice.results_programme is None:
        raise ValidationError(_("Name the programme that runs the practice (its live results) first."))
    return transfer.save_template(actor=user, practice=practice, programme=practice.results_programme)


@require_POST
@platform_view("catalogue.edit", scope="catalogue")
def practice_step(request: AuthenticatedHttpRequest, slug: str, step: str) -> HttpResponse:
    """Send a draft for review; a reviewer publishes it or sends it back with a note."""
    found = _editable(slug)
    base_url = request.build_absolute_uri("/")[:-1]
    steps = {
        "submit": (
            lambda: services.submit_for_review(actor=request.user, practice=found),
            _("Sent for review."),
        ),
        "publish": (
            lambda: services.publish(actor=request.user, practice=found, base_url=base_url),
            _("Published."),
        ),
        "template": (
            lambda: _capture(request.user, found),
            _("The template is captured from the programme that runs the practice."),
        ),
        "send-back": (
            lambda: services.send_back(actor=request.user, practice=found, note=request.POST.get("note", "")),
            _("Sent back to its author."),
        ),
    }
    if step not in steps:
        raise Http404
    action, message = steps[step]
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect("catalogue:practice_edit", slug=found.slug)


@platform_view("catalogue.edit", scope="catalogue")
def package_export(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The practice with its template as a portable package for another assetlink installation."""
    found = _editable(slug)
    content = json.dumps(packages.export_package(found), ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.practice.json"'
    return response


class PackageForm(forms.Form):
    package = forms.FileField(label=gettext_lazy("Practice package (.json)"))


@platform_view("catalogue.edit", scope="catalogue")
def package_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: packages.import_package(actor=request.user, data=data["package"].read()),
            message=_("The practice is imported as a draft; send it for review to publish it."),
            then=lambda practice: reverse("catalogue:practice_edit", kwargs={"slug": practice.slug}),
        )
        if done:
            return done
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "catalogue/package_import.html", {"form": form}, status=status)


def _entry_page(
    request: AuthenticatedHttpRequest,
    form: Any,
    save: Any,
    heading: str,
    public_url: str,
    registrations_url: str = "",
) -> HttpResponse:
    if request.method == "POST":
        done = submit(
            request,
            form,
            save,
            message=_("Saved."),
            then=lambda _saved: reverse("catalogue:editing"),
        )
        if done:
            return done
    status = 422 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "heading": heading,
        "public_url": public_url,
        "registrations_url": registrations_url,
    }
    return render(request, "catalogue/entry_edit.html", context, status=status)


@platform_view("catalogue.edit", scope="catalogue")
def network_edit(request: AuthenticatedHttpRequest, slug: str = "") -> HttpResponse:
    found = Network.objects.filter(slug=slug).first() if slug else None
    if slug and found is None:
        raise Http404
    initial = None
    if found is not None:
        initial = {
            "slug": found.slug,
            "name": found.name,
            "kind": found.kind,
            "status": found.status,
            "theme": found.theme,
            "starts_on": found.starts_on,
            "ends_on": found.ends_on,
            "partners": "\n".join(
                " | ".join([p.city, p.country, p.role, p.practice.slug if p.practice else ""]).rstrip(" |")
                for p in found.partners.select_related("practice")
            ),
            **initial_by_language(found.descriptions, "description"),
            **initial_by_language(found.outputs, "outputs"),
        }
    form = NetworkForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Network:
        return services.save_network(
            actor=request.user,
            network=found,
            slug=data["slug"],
            name=data["name"],
            kind=data["kind"],
            status=data["status"],
            theme=data["theme"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            descriptions=languages_of(data, "description"),
            outputs=languages_of(data, "outputs"),
            partners=data["partners"],
        )

    heading = found.name if found else _("A new network")
    public = reverse("catalogue:network", kwargs={"slug": found.slug}) if found else ""
    return _entry_page(request, form, save, heading, public)


@platform_view("catalogue.edit", scope="catalogue")
def event_edit(request: AuthenticatedHttpRequest, slug: str = "") -> HttpResponse:
    found = Event.objects.filter(slug=slug).first() if slug else None
    if slug and found is None:
        raise Http404
    initial = None
    if found is not None:
        zone = timezone.get_current_timezone()
        initial = {
            **{
                name: getattr(found, name)
                for name in (
                    "slug",
                    "starts_on",
                    "ends_on",
                    "place",
                    "city",
                    "country",
                    "network",
                    "capacity",
                    "registration_open",
                    "is_published",
                )
            },
            "sessions": "\n".join(
                " | ".join(
                    [
                        session.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                        session.ends_at.astimezone(zone).strftime("%H:%M"),
                        session.titles.get("en") or next(iter(session.titles.values()), ""),
                        session.room,
                    ]
                ).rstrip(" |")
                for session in found.sessions.all()
            ),
            **initial_by_language(found.titles, "title"),
            **initial_by_language(found.descriptions, "description"),
        }
    form = EventForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Event:
        with transaction.atomic():
            saved = services.save_event(
                actor=request.user,
                event=found,
                slug=data["slug"],
                titles=languages_of(data, "title"),
                descriptions=languages_of(data, "description"),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                place=data["place"],
                city=data["city"],
                country=data["country"],
                network=data["network"],
                capacity=data["capacity"],
                registration_open=data["registration_open"],
                is_published=data["is_published"],
            )
            services.set_sessions(
                actor=request.user,
                event=saved,
                sessions=[
                    (starts, ends, {"en": title}, room) for starts, ends, title, room in data["sessions"]
                ],
            )
        return saved

    heading = selectors.in_language(found.titles, _language()) if found else _("A new event")
    public = reverse("catalogue:event", kwargs={"slug": found.slug}) if found else ""
    registrations = reverse("catalogue:event_registrations", kwargs={"slug": found.slug}) if found else ""
    return _entry_page(request, form, save, heading, public, registrations)


def _event_for_editors(slug: str) -> Event:
    found = Event.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


@platform_view("catalogue.edit", scope="catalogue")
def event_registrations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    found = _event_for_editors(slug)
    registrations = selectors.registrations_of(found)
    context = {
        "event": found,
        "title": selectors.in_language(found.titles, _language()),
        "registered": [r for r in registrations if r.status == RegistrationStatus.REGISTERED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
    }
    return render(request, "catalogue/event_registrations.html", context)


@platform_view("catalogue.edit", scope="catalogue")
def event_registrations_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    found = _event_for_editors(slug)
    headers = [_("Name"), _("Organisation"), _("E-mail"), _("Status"), _("Registered")]
    rows: list[list[Any]] = [
        [r.name, r.organisation, r.email, r.get_status_display(), r.created_at.date().isoformat()]
        for r in services.registrations_exported(actor=request.user, event=found)
    ]
    response = HttpResponse(csv_file(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-registrations.csv"'
    return response


@require_POST
@platform_view("catalogue.edit", scope="catalogue")
def registration_cancel(request: AuthenticatedHttpRequest, slug: str, registration_id: int) -> HttpResponse:
    found = _event_for_editors(slug)
    registration = found.registrations.filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    try:
        _cancelled, promoted = services.cancel_registration_for(
            actor=request.user, registration=registration, base_url=request.build_absolute_uri("/")[:-1]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        message = _("%(name)s's registration is cancelled.") % {"name": registration.name}
        if promoted is not None:
            message += " " + _(
                "%(name)s, first on the waiting list, has the place and is told by e-mail."
            ) % {"name": promoted.name}
        messages.success(request, message)
    return redirect("catalogue:event_registrations", slug=found.slug)


@platform_view("catalogue.edit", scope="catalogue")
def themes(request: AuthenticatedHttpRequest) -> HttpResponse:
    language = _language()
    form = ThemeForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.save_theme(
                actor=request.user, code=data["code"], names=languages_of(data, "name")
            ),
            message=_("The theme is on the list."),
            then=reverse("catalogue:themes"),
        )
        if done:
            return done
    listed = Theme.objects.annotate(
        practice_count=Count("practices", distinct=True),
        network_count=Count("networks", distinct=True),
        subscriber_count=Count(
            "subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False), distinct=True
        ),
    )
    context = {
        "themes": [(theme, selectors.in_language(theme.names, language)) for theme in listed],
        "form": form,
    }
    return render(request, "catalogue/themes.html", context, status=422 if form.errors else 200)


@platform_view("catalogue.edit", scope="catalogue")
def theme_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    found = Theme.objects.filter(code=code).first()
    if found is None:
        raise Http404
    form = ThemeForm(
        request.POST or None, initial={"code": found.code, **initial_by_language(found.names, "name")}
    )
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.save_theme(
                actor=request.user, theme=found, code=data["code"], names=languages_of(data, "name")
            ),
            message=_("The theme is saved."),
            then=reverse("catalogue:themes"),
        )
        if done:
            return done
    context = {
        "theme": found,
        "title": selectors.in_language(found.names, _language()),
        "form": form,
        "in_use": found.practices.exists() or found.networks.exists(),
    }
    return render(request, "catalogue/theme_edit.html", context, status=422 if form.errors else 200)


@require_POST
@platform_view("catalogue.edit", scope="catalogue")
def theme_remove(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    found = Theme.objects.filter(code=code).first()
    if found is None:
        raise Http404
    try:
        services.remove_theme(actor=request.user, theme=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("catalogue:theme_edit", code=found.code)
    messages.success(request, _("The theme is off the list."))
    return redirect("catalogue:themes")
