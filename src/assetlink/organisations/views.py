"""Organisation profile pages, reached through a programme the organisation is partner of."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assetlink.organisations import selectors, services
from assetlink.organisations.forms import OrganisationForm
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import show_service_errors


@programme_view("programmes.view_partners")
def organisation_detail(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int
) -> HttpResponse:
    organisation = selectors.organisation_in(programme, organisation_id)
    partnership = organisation.partnerships.get(programme=programme)
    context = {
        "programme": programme,
        "organisation": organisation,
        "partnership": partnership,
        "led_work_packages": partnership.led_work_packages.all(),
        "work_packages": partnership.work_packages.all(),
        "can_edit": request.user.has_perm("organisations.change_organisation", organisation),
    }
    return render(request, "organisations/detail.html", context)


@programme_view(
    "programmes.view_partners",
    object_permission="organisations.change_organisation",
    load_object=selectors.organisation_in,
)
def organisation_edit(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int
) -> HttpResponse:
    organisation = selectors.organisation_in(programme, organisation_id)
    initial = {name: getattr(organisation, name) for name in services.EDITABLE_FIELDS}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                actor=request.user, organisation=organisation, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("organisations:detail", slug=programme.slug, organisation_id=organisation.pk)
    return render(
        request,
        "organisations/form.html",
        {"programme": programme, "organisation": organisation, "form": form},
    )
