"""The participants filters find the demo's overseas nurses who are past the CBT and still need the
OSCE: as many as a count made directly from their pathway records."""

import re

from django.test import Client

from assetlink.journeys.models import EnrolmentStatus, StepProgress, StepStatus
from assetlink.journeys.services import complete_step
from assetlink.programmes.models import Membership, Role


def _counted(programme):
    """People on an active pathway with the CBT passed and the OSCE still to do, from their records."""
    passed = set(
        StepProgress.objects.filter(
            enrolment__programme=programme,
            enrolment__status=EnrolmentStatus.ACTIVE,
            enrolment__person__erased_at__isnull=True,
            step__code="nmc_cbt",
            status__in=[StepStatus.DONE, StepStatus.SKIPPED],
        ).values_list("enrolment__person_id", flat=True)
    )
    to_do = set(
        StepProgress.objects.filter(
            enrolment__programme=programme,
            enrolment__status=EnrolmentStatus.ACTIVE,
            step__code="nmc_osce",
            status__in=[StepStatus.PENDING, StepStatus.IN_PROGRESS],
        ).values_list("enrolment__person_id", flat=True)
    )
    return len(passed & to_do)


def test_the_filters_find_the_nurses_past_the_cbt_who_need_the_osce(demo):
    programme = demo.birmingham
    admin = Membership.objects.get(programme=programme, role=Role.PROGRAMME_ADMIN).user
    # The small test demo may have no one at that stage yet: a nurse sitting the CBT passes it.
    at_cbt = StepProgress.objects.filter(
        enrolment__programme=programme,
        enrolment__status=EnrolmentStatus.ACTIVE,
        step__code="nmc_cbt",
        status=StepStatus.IN_PROGRESS,
    ).first()
    if at_cbt is not None:
        complete_step(actor=admin, enrolment=at_cbt.enrolment, evidence="CBT pass letter")
    expected = _counted(programme)
    assert expected > 0
    client = Client()
    client.force_login(admin)
    page = client.get(f"/p/{programme.slug}/people/?step_passed=nmc_cbt&step_to_do=nmc_osce").content.decode()
    found = int(re.search(r"(\d[\d,]*) participants? you may see", page).group(1).replace(",", ""))
    assert found == expected
