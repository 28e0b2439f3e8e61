"""Background recomputation of matches, queued by the services that change profiles and opportunities."""

from __future__ import annotations

from django_tasks import task

from assetlink.background.services import finish_task, report_progress
from assetlink.matching import services
from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import Organisation
from assetlink.people.models import Person
from assetlink.programmes.models import Programme


@task()
def refresh_person_task(*, person_id: int) -> int:
    """Recompute one person's matches; the person may have gone since the task was queued."""
    person = Person.objects.filter(pk=person_id).select_related("programme").first()
    return len(services.refresh_person_matches(person)) if person else 0


@task()
def refresh_opportunity_task(*, opportunity_id: int) -> int:
    """Recompute one opportunity's candidates."""
    opportunity = Opportunity.objects.filter(pk=opportunity_id).select_related("programme", "owner").first()
    return len(services.refresh_opportunity_matches(opportunity)) if opportunity else 0


@task()
def refresh_organisation_task(*, organisation_id: int) -> int:
    """Rematch the open contracts and challenges of the programmes whose register lists the organisation."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return services.refresh_supply_for(organisation) if organisation else 0


@task()
def refresh_programme_task(*, task_run_id: int, programme_id: int) -> int:
    """Recompute every match of a programme, reporting progress on its task run."""
    try:
        programme = Programme.objects.get(pk=programme_id)
        total = services.refresh_programme_matches(
            programme, progress=lambda done, count: report_progress(task_run_id, done=done, total=count)
        )
    except Exception as error:
        finish_task(task_run_id, succeeded=False, message=str(error))
        raise
    finish_task(task_run_id, succeeded=True, message=str(total))
    return total
