"""Programme pages: overview, partners, work packages, people and roles, settings, invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assetlink.audit import services as audit
from assetlink.programmes import selectors, services
from assetlink.programmes.forms import (
    AcceptInvitationForm,
    EndPartnershipForm,
    InvitationForm,
    OperatorAccessForm,
    PartnerForm,
    PartnerRoleForm,
    ProgrammeSettingsForm,
    RoleForm,
    WorkPackageForm,
)
from assetlink.programmes.models import PartnerRole, Programme, Role, WorkPackage
from assetlink.programmes.rules import roles_of
from assetlink.web.access import AuthenticatedHttpRequest, platform_view, programme_view, public
from assetlink.web.forms import show_service_errors, submit
from assetlink.web.pagination import page_context
from assetlink.web.panels import home_sections, programme_figures


@programme_view("programmes.view_programme")
def programme_home(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    membership = roles_of(request.user).get(programme.pk)
    sections = home_sections(request.user, programme)
    context = {
        "programme": programme,
        "membership": membership,
        "sections": sections,
        # What needs the reader comes first; the sections with nothing in them, in one short list.
        "quiet": [part for part in sections if not part["items"]],
        "partner_count": selectors.partners_of(programme, current_only=True).count(),
        "work_package_count": selectors.work_packages_of(programme).count(),
        "figures": programme_figures(programme),
    }
    return render(request, "programmes/home.html", context)


@programme_view("programmes.view_partners")
def partner_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    role = request.GET.get("role", "")
    search = request.GET.get("q", "").strip()
    partners = selectors.partners_of(
        programme, role=role if role in PartnerRole.values else "", search=search
    )
    context = {
        "programme": programme,
        "roles": PartnerRole.choices,
        "role": role,
        "q": search,
        "can_manage": request.user.has_perm("programmes.manage_partners", programme),
        **page_context(request, partners),
    }
    template = (
        "programmes/partners.html#results"
        if request.headers.get("HX-Request")
        else "programmes/partners.html"
    )
    return render(request, template, context)


@programme_view("programmes.manage_partners")
def partner_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.register_partner(actor=request.user, programme=programme, **data),
            message=lambda partner: _("%(name)s is now a partner.") % {"name": partner.organisation.name},
            then=reverse("programmes:partners", kwargs={"slug": programme.slug}),
        )
    ):
        return done
    return render(request, "programmes/partner_form.html", {"programme": programme, "form": form})


@programme_view("programmes.manage_partners")
def partner_edit(request: AuthenticatedHttpRequest, programme: Programme, partner_id: int) -> HttpResponse:
    partner = selectors.partner_in(programme, partner_id)
    role_form = PartnerRoleForm(
        request.POST if "change_role" in request.POST else None, initial={"role": partner.role}
    )
    end_form = EndPartnershipForm(request.POST if "end_partnership" in request.POST else None)
    if request.method == "POST":
        form, action = (role_form, "role") if "change_role" in request.POST else (end_form, "end")
        if form.is_valid():
            try:
                if action == "role":
                    services.change_partner_role(
                        actor=request.user, partner=partner, role=form.cleaned_data["role"]
                    )
                else:
                    services.end_partnership(
                        actor=request.user, partner=partner, left_on=form.cleaned_data["left_on"]
                    )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("The partner has been updated."))
                return redirect("programmes:partners", slug=programme.slug)
    return render(
        request,
        "programmes/partner_edit.html",
        {"programme": programme, "partner": partner, "role_form": role_form, "end_form": end_form},
    )


@programme_view("programmes.view_work_packages")
def work_package_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    context = {
        "programme": programme,
        "q": search,
        "work_packages": selectors.work_packages_of(programme, search=search),
    }
    return render(request, "programmes/work_packages.html", context)


@programme_view("programmes.view_work_packages")
def work_package_detail(
    request: AuthenticatedHttpRequest, programme: Programme, work_package_id: int
) -> HttpResponse:
    work_package = selectors.work_package_in(programme, work_package_id)
    return render(
        request, "programmes/work_package_detail.html", {"programme": programme, "work_package": work_package}
    )


def _work_package_form(
    request: AuthenticatedHttpRequest, programme: Programme, work_package_id: int | None
) -> HttpResponse:
    work_package = selectors.work_package_in(programme, work_package_id) if work_package_id else None
    initial = {}
    if work_package:
        initial = {
            "code": work_package.code,
            "title": work_package.title,
            "objectives": work_package.objectives,
            "lead_partner": work_package.lead_partner,
            "delivery_partners": work_package.delivery_partners.all(),
        }
    form = WorkPackageForm(request.POST or None, programme=programme, initial=initial)

    def save(data: dict[str, Any]) -> WorkPackage:
        data = {**data, "delivery_partners": list(data["delivery_partners"])}
        if work_package:
            return services.update_work_package(actor=request.user, work_package=work_package, **data)
        return services.create_work_package(actor=request.user, programme=programme, **data)

    if request.method == "POST" and (
        done := submit(
            request,
            form,
            save,
            message=_("The work package has been saved."),
            then=lambda saved: reverse(
                "programmes:work_package", kwargs={"slug": programme.slug, "work_package_id": saved.pk}
            ),
        )
    ):
        return done
    return render(
        request,
        "programmes/work_package_form.html",
        {"programme": programme, "form": form, "work_package": work_package},
    )


@programme_view("programmes.manage_work_packages")
def work_package_new(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return _work_package_form(request, programme, None)


@programme_view("programmes.manage_work_packages")
def work_package_edit(
    request: AuthenticatedHttpRequest, programme: Programme, work_package_id: int
) -> HttpResponse:
    return _work_package_form(request, programme, work_package_id)


@programme_view("programmes.view_members")
def member_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    role = request.GET.get("role", "")
    search = request.GET.get("q", "").strip()
    members = selectors.members_of(programme, role=role if role in Role.values else "", search=search)
    context = {
        "programme": programme,
        "roles": Role.choices,
        "role": role,
        "q": search,
        "invitations": selectors.invitations_of(programme),
        **page_context(request, members),
    }
    return render(request, "programmes/members.html", context)


@programme_view("programmes.view_member_record")
def member_detail(
    request: AuthenticatedHttpRequest, programme: Programme, membership_id: int
) -> HttpResponse:
    membership = selectors.member_in(programme, membership_id)
    audit.record_access(request.user, membership.user, programme=programme, path=request.path)
    form = RoleForm(
        programme=programme, initial={"role": membership.role, "organisation": membership.organisation}
    )
    return render(
        request,
        "programmes/member_detail.html",
        {"programme": programme, "membership": membership, "form": form},
    )


@programme_view("programmes.manage_members")
@require_POST
def member_change_role(
    request: AuthenticatedHttpRequest, programme: Programme, membership_id: int
) -> HttpResponse:
    membership = selectors.member_in(programme, membership_id)
    form = RoleForm(request.POST, programme=programme)
    done = submit(
        request,
        form,
        lambda data: services.change_role(actor=request.user, membership=membership, **data),
        message=_("The role has been changed."),
        then=reverse("programmes:member", kwargs={"slug": programme.slug, "membership_id": membership.pk}),
    )
    if done:
        return done
    return render(
        request,
        "programmes/member_detail.html",
        {"programme": programme, "membership": membership, "form": form},
        status=422,
    )


@programme_view("programmes.manage_members")
@require_POST
def member_set_active(
    request: AuthenticatedHttpRequest, programme: Programme, membership_id: int
) -> HttpResponse:
    membership = selectors.member_in(programme, membership_id)
    try:
        services.set_membership_active(
            actor=request.user, membership=membership, is_active=request.POST.get("is_active") == "1"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Access has been updated."))
    return redirect("programmes:member", slug=programme.slug, membership_id=membership.pk)


@programme_view("programmes.manage_members")
def member_invite(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    form = InvitationForm(request.POST or None, programme=programme)
    accept_url = request.build_absolute_uri(reverse("accept_invitation", kwargs={"token": "TOKEN"}))
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.invite_member(
                actor=request.user,
                programme=programme,
                accept_url_template=accept_url.replace("TOKEN", "{token}"),
                **data,
            ),
            message=lambda sent: _("An invitation has been sent to %(email)s.") % {"email": sent[0].email},
            then=reverse("programmes:members", kwargs={"slug": programme.slug}),
        )
    ):
        return done
    return render(request, "programmes/invite.html", {"programme": programme, "form": form})


@programme_view("programmes.manage_members")
@require_POST
def invitation_revoke(
    request: AuthenticatedHttpRequest, programme: Programme, invitation_id: int
) -> HttpResponse:
    invitation = selectors.invitation_in(programme, invitation_id)
    services.revoke_invitation(actor=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("programmes:members", slug=programme.slug)


@programme_view("programmes.change_programme")
def programme_settings(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    initial = {
        "name": programme.name,
        "city": programme.city,
        "country": programme.country,
        "languages": ", ".join(programme.languages),
        "currency": programme.currency,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "description": programme.description,
        "allows_self_registration": programme.allows_self_registration,
        "financial_year_starts": programme.financial_year_starts,
        "counts_hidden_up_to": programme.counts_hidden_up_to,
        "counts_rounded_to": programme.counts_rounded_to,
        "publishes_results": programme.publishes_results,
    }
    form = ProgrammeSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and (
        done := submit(
            request,
            form,
            lambda data: services.update_programme(actor=request.user, programme=programme, **data),
            message=_("The programme settings have been saved."),
            then=reverse("programmes:home", kwargs={"slug": programme.slug}),
        )
    ):
        return done
    return render(request, "programmes/settings.html", {"programme": programme, "form": form})


@public
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.open_invitation(token)
    if invitation is None:
        return render(request, "programmes/invitation_closed.html", status=404)
    signed_in = request.user.is_authenticated
    form = None if signed_in else AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.accept_invitation(
                invitation=invitation,
                user=request.user if request.user.is_authenticated else None,
                **(form.cleaned_data if form is not None else {}),
            )
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
            else:
                show_service_errors(form, error)
        else:
            if not signed_in:
                login(request, membership.user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(
                request, _("Welcome to %(programme)s.") % {"programme": invitation.programme.name}
            )
            return redirect("programmes:home", slug=invitation.programme.slug)
    return render(request, "programmes/accept_invitation.html", {"invitation": invitation, "form": form})


@platform_view("programmes.open_operator_access")
def operator_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The platform operator's page: programmes by name only, and operator access to one of them."""
    form = OperatorAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.open_operator_access(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.warning(
                request,
                _("Operator access to %(programme)s is open until %(until)s; its admins have been told.")
                % {
                    "programme": access.programme.name,
                    "until": time_format(timezone.localtime(access.expires_at), "TIME_FORMAT"),
                },
            )
            return redirect("programmes:home", slug=access.programme.slug)
    context = {
        "form": form,
        "programmes": Programme.objects.order_by("name"),
        "accesses": selectors.operator_accesses_by(request.user)[:50],
        "now": timezone.now(),
        "health": selectors.platform_health(),
    }
    return render(request, "programmes/operator.html", context)


@platform_view("programmes.open_operator_access")
@require_POST
def operator_access_close(request: AuthenticatedHttpRequest, access_id: int) -> HttpResponse:
    access = get_object_or_404(selectors.operator_accesses_by(request.user), pk=access_id)
    services.end_operator_access(actor=request.user, access=access)
    messages.success(
        request, _("Operator access to %(programme)s has ended.") % {"programme": access.programme}
    )
    return redirect("operator:home")


@programme_view("programmes.view_members")
def operator_access_list(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    context = {
        "programme": programme,
        "now": timezone.now(),
        **page_context(request, selectors.operator_accesses_of(programme)),
    }
    return render(request, "programmes/operator_accesses.html", context)


@programme_view("programmes.manage_members")
@require_POST
def operator_access_end(
    request: AuthenticatedHttpRequest, programme: Programme, access_id: int
) -> HttpResponse:
    access = selectors.operator_access_in(programme, access_id)
    services.end_operator_access(actor=request.user, access=access)
    messages.success(request, _("The operator access has ended."))
    return redirect("programmes:operator_accesses", slug=programme.slug)
