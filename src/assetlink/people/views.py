"""People pages: the list a caseworker works from, registration with consent, a person's record and
its parts, consent, the person's own data download, and erasure."""

from __future__ import annotations

import json
from typing import Any

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.organisations.models import Organisation
from assetlink.people import erasure, selectors, services
from assetlink.people.finder import PeopleFinderForm
from assetlink.people.forms import (
    ITEM_FORMS,
    ITEM_TITLES,
    ConsentCaptureForm,
    ConsentForm,
    ProfileForm,
    SelfRegistrationForm,
)
from assetlink.people.models import ORGANISATION_PURPOSES, ConsentMethod, ConsentPurpose, Person, SavedSearch
from assetlink.people.services import ConsentChoice
from assetlink.programmes.models import Programme
from assetlink.programmes.rules import roles_of
from assetlink.programmes.selectors import lead_organisation
from assetlink.web.access import AuthenticatedHttpRequest, programme_view, public
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context
from assetlink.web.panels import record_panels
from assetlink.web.parts import add_part, part_section, remove_part


def person_view(object_permission: str) -> Any:
    """A page about one person: the person's own programme, then the permission on that person."""
    return programme_view(
        "programmes.view_programme", object_permission=object_permission, load_object=selectors.person_of_url
    )


@programme_view("people.view_people")
def people_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """The people the reader may see, found by name or by what they can do (filters combine)."""
    people = selectors.people_visible_to(request.user, programme)
    finder = PeopleFinderForm(request.GET or None, programme=programme)
    filtered = finder.is_bound and finder.is_valid()
    people = finder.narrow(people) if filtered else people.filter(erased_at__isnull=True)
    context = {
        "programme": programme,
        "finder": finder,
        "filtered": filtered and any(value for value in finder.cleaned_data.values()),
        "query_string": request.GET.urlencode(),
        "saved_searches": SavedSearch.objects.filter(user=request.user, programme=programme),
        "can_register": request.user.has_perm("people.register_person", programme),
        "can_see_erasure_requests": request.user.has_perm("people.view_erasure_requests", programme),
        **page_context(request, people.order_by("family_name", "given_name", "reference")),
    }
    template = "people/list.html#results" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


@programme_view("people.view_people")
@require_POST
def save_search(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """Keep the current filters under a name, for the reader only."""
    name = request.POST.get("name", "").strip()[:100]
    query = request.POST.get("query", "")[:2000]
    if not name:
        messages.error(request, _("Give the search a name to save it."))
    else:
        SavedSearch.objects.update_or_create(
            user=request.user, programme=programme, name=name, defaults={"query": query}
        )
        messages.success(request, _("The search is saved."))
    return redirect(reverse("people:list", kwargs={"slug": programme.slug}) + (f"?{query}" if query else ""))


def _own_organisation(user: Any, programme: Programme) -> Organisation | None:
    membership = roles_of(user).get(programme.pk)
    return membership.organisation if membership is not None else None


def _consent_choices(data: dict[str, Any]) -> list[ConsentChoice]:
    choices = [
        ConsentChoice(ConsentPurpose.SHARING, True, organisation)
        for organisation in data.get("share_with", [])
    ]
    for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.CONTACT, ConsentPurpose.RESEARCH):
        if data.get(purpose.value):
            choices.append(ConsentChoice(purpose, True))
    return choices


@programme_view("people.register_person")
def person_register(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    own = _own_organisation(request.user, programme)
    profile_form = ProfileForm(request.POST or None, prefix="profile")
    consent_form = ConsentCaptureForm(
        request.POST or None, prefix="consent", programme=programme, own_organisation=own
    )
    if request.method == "POST" and profile_form.is_valid() and consent_form.is_valid():
        try:
            person = services.register_person(
                actor=request.user,
                programme=programme,
                consents=_consent_choices(consent_form.cleaned_data),
                method=consent_form.cleaned_data["method"],
                evidence=consent_form.cleaned_data["evidence"],
                **profile_form.cleaned_data,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "consents" in error.error_dict:
                consent_form.add_error("share_with", error.error_dict.pop("consents"))
            if hasattr(error, "error_dict") and "evidence" in error.error_dict:
                consent_form.add_error("evidence", error.error_dict.pop("evidence"))
            show_service_errors(profile_form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered as %(reference)s.")
                % {"name": person.display_name, "reference": person.reference},
            )
            return redirect("people:detail", slug=programme.slug, person_id=person.pk)
    return render(
        request,
        "people/register.html",
        {"programme": programme, "profile_form": profile_form, "consent_form": consent_form},
    )


def _detail_context(
    request: AuthenticatedHttpRequest, programme: Programme, person: Person, **forms: Any
) -> dict[str, Any]:
    user = request.user
    is_self = person.user_id == user.pk
    can_change = user.has_perm("people.change_person", person)
    keys = {"slug": programme.slug, "person_id": person.pk}
    sections = [
        part_section(
            kind=kind,
            title=ITEM_TITLES[kind],
            items=model._default_manager.filter(person=person),
            form=forms.get(kind) or (ITEM_FORMS[kind](prefix=kind) if can_change else None),
            add_url=reverse("people:item_add", kwargs={**keys, "kind": kind}),
            remove_route=("people:item_remove", {**keys, "kind": kind}) if can_change else None,
        )
        for kind, model in services.ITEM_MODELS.items()
    ]
    states = person.consent_states.select_related("organisation").order_by("purpose", "organisation__name")
    return {
        **record_panels(request, programme, person),
        "programme": programme,
        "person": person,
        "is_self": is_self,
        "sections": sections,
        "consent_states": states,
        "consent_history": person.consents.select_related("organisation", "recorded_by")[:50],
        "consent_form": forms.get("consent")
        or ConsentForm(prefix="consent", programme=programme, is_self=is_self),
        "can_change": can_change,
        "can_change_consent": user.has_perm("people.change_consent", person),
        "can_refer": user.has_perm("journeys.refer_person", person) and person.erased_at is None,
        "can_export": user.has_perm("people.export_person", person),
        "can_request_erasure": user.has_perm("people.request_erasure", person),
        "can_erase": user.has_perm("people.erase_person", person),
    }


@person_view("people.view_person")
def person_detail(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = selectors.person_record(request.user, programme, person_id, path=request.path)
    return render(request, "people/detail.html", _detail_context(request, programme, person))


@programme_view("people.view_own_profile")
def my_profile(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    person = selectors.own_person(request.user, programme)
    if person is None:
        return render(request, "people/no_profile.html", {"programme": programme}, status=404)
    return redirect("people:detail", slug=programme.slug, person_id=person.pk)


@person_view("people.change_person")
def person_edit(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = selectors.person_record(request.user, programme, person_id, path=request.path)
    form = ProfileForm(request.POST or None, instance=Person.objects.get(pk=person.pk))
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.update_person(actor=request.user, person=person, **data),
            message=_("The profile has been saved."),
            then=reverse("people:detail", kwargs={"slug": programme.slug, "person_id": person.pk}),
        )
    ):
        return done
    return render(request, "people/edit.html", {"programme": programme, "person": person, "form": form})


@person_view("people.change_person")
@require_POST
def person_item_add(
    request: AuthenticatedHttpRequest, programme: Programme, person_id: int, kind: str
) -> HttpResponse:
    if kind not in ITEM_FORMS:
        raise Http404
    person = selectors.person_in(programme, person_id)
    return add_part(
        request,
        form=ITEM_FORMS[kind](request.POST, prefix=kind),
        save=lambda data: services.add_item(actor=request.user, person=person, part=kind, **data),
        title=ITEM_TITLES[kind],
        done_url=f"{person_url(programme, person)}#{kind}",
        show_again=lambda form: render(
            request,
            "people/detail.html",
            _detail_context(request, programme, person, **{kind: form}),
            status=422,
        ),
    )


def person_url(programme: Programme, person: Person) -> str:
    return reverse("people:detail", kwargs={"slug": programme.slug, "person_id": person.pk})


@person_view("people.change_person")
@require_POST
def person_item_remove(
    request: AuthenticatedHttpRequest, programme: Programme, person_id: int, kind: str, item_id: int
) -> HttpResponse:
    if kind not in ITEM_FORMS:
        raise Http404
    person = selectors.person_in(programme, person_id)
    return remove_part(
        request,
        remove=lambda: services.remove_item(actor=request.user, person=person, part=kind, item_id=item_id),
        title=ITEM_TITLES[kind],
        done_url=f"{person_url(programme, person)}#{kind}",
    )


@person_view("people.change_consent")
@require_POST
def person_consent(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = selectors.person_in(programme, person_id)
    is_self = person.user_id == request.user.pk
    form = ConsentForm(request.POST, prefix="consent", programme=programme, is_self=is_self)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(
                actor=request.user,
                person=person,
                purpose=data["purpose"],
                given=data["decision"] == "give",
                organisation=data["organisation"] if data["purpose"] in ORGANISATION_PURPOSES else None,
                method=ConsentMethod.SELF_SERVICE if is_self else data["method"],
                parts=tuple(data["parts"]) if data["purpose"] == ConsentPurpose.REFERRAL else (),
                evidence=data.get("evidence", ""),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The consent decision has been recorded."))
            if not request.user.has_perm("people.view_person", person):
                # Withdrawing sharing with one's own organisation ends one's access to the record.
                return redirect("people:list", slug=programme.slug)
            return redirect(f"{person_url(programme, person)}#consent")
    context = _detail_context(request, programme, person, consent=form)
    return render(request, "people/detail.html", context, status=422)


@person_view("people.export_person")
def person_export(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = selectors.person_in(programme, person_id)
    data = erasure.export_person_data(actor=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="assetlink-{person.reference}.json"'
    return response


@person_view("people.request_erasure")
@require_POST
def person_request_erasure(
    request: AuthenticatedHttpRequest, programme: Programme, person_id: int
) -> HttpResponse:
    person = selectors.person_in(programme, person_id)
    services.request_erasure(actor=request.user, person=person)
    messages.success(
        request,
        _(
            "Your request has been sent. The programme team will erase your data and tell you when it is done."  # noqa: E501
        ),
    )
    return redirect(person_url(programme, person))


@person_view("people.erase_person")
def person_erase(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = selectors.person_in(programme, person_id)
    if request.method == "POST":
        if request.POST.get("confirm") != person.reference:
            messages.error(
                request, _("Type the reference %(reference)s to confirm.") % {"reference": person.reference}
            )
        else:
            erasure.erase_person(actor=request.user, person=person)
            messages.success(request, _("%(reference)s has been erased.") % {"reference": person.reference})
            return redirect("people:list", slug=programme.slug)
    return render(request, "people/erase.html", {"programme": programme, "person": person})


@programme_view("people.view_erasure_requests")
def erasure_request_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    context = {"programme": programme, **page_context(request, selectors.erasure_requests(programme))}
    return render(request, "people/erasure_requests.html", context)


@public
def self_register(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug, allows_self_registration=True)
    form = SelfRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and not ratelimit.consume(request, action="signup"):
        form.add_error(None, _("Too many registrations from your connection: try again in an hour."))
        status = 429
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.self_register(
                programme=programme,
                email=data["email"],
                password=data["password"],
                purposes=[
                    p
                    for p in (ConsentPurpose.MATCHING, ConsentPurpose.CONTACT, ConsentPurpose.RESEARCH)
                    if data[p.value]
                ],
                sign_in_url=request.build_absolute_uri(reverse("account_login")),
                given_name=data["given_name"],
                family_name=data["family_name"],
                postcode=data["postcode"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            # The same answer whether or not the address had an account: only its owner learns which.
            return render(
                request, "people/self_registered.html", {"programme": programme, "email": data["email"]}
            )
    return render(
        request,
        "people/self_register.html",
        {"programme": programme, "form": form, "lead": lead_organisation(programme)},
        status=status,
    )
