"""The catalogue editors' pages: practices written, sent for review and published, their templates and
packages; networks and events, with who registered; the managed list of themes."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assetlink.catalogue import packages, selectors, services, transfer
from assetlink.catalogue.forms import (
    EventForm,
    NetworkForm,
    PracticeForm,
    ThemeForm,
    initial_by_language,
    languages_of,
    practice_initial,
)
from assetlink.catalogue.models import Event, Network, Practice, PracticeStatus, RegistrationStatus, Theme
from assetlink.catalogue.views import reader_language
from assetlink.exchange.exports import csv_file
from assetlink.web.access import AuthenticatedHttpRequest, platform_view
from assetlink.web.forms import submit


@platform_view("catalogue.edit", scope="catalogue")
def editing(request: AuthenticatedHttpRequest) -> HttpResponse:
    language = reader_language()
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

    heading = selectors.in_language(found.titles, reader_language()) if found else _("A new event")
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
        "title": selectors.in_language(found.titles, reader_language()),
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
    language = reader_language()
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
        "title": selectors.in_language(found.names, reader_language()),
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
