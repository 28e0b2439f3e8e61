"""What journeys puts on a programme's home: referrals waiting for an answer, overdue referrals and
pathway steps, the reader's tasks, and for a participant their next step on each pathway."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.journeys.models import (
    Enrolment,
    EnrolmentStatus,
    Participation,
    ParticipationStatus,
    Referral,
    ReferralStatus,
    StepStatus,
)
from assetlink.journeys.selectors import overdue, overdue_steps, referrals_for, sees_whole_record
from assetlink.people.models import Person
from assetlink.programmes.models import Role
from assetlink.programmes.rules import roles_of
from assetlink.timelines.selectors import note_url, open_tasks
from assetlink.web.panels import HomeItem, HomeSection, add_home_section

SHOWN = 5


def _day(day: Any) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def _who(user: Any, referral: Referral) -> str:
    """The person's name where the reader may see the whole record, otherwise their reference."""
    person = referral.person
    return person.display_name if sees_whole_record(user, referral) else person.reference


def _referral_item(user: Any, programme: Any, referral: Referral, detail: str, urgent: bool) -> HomeItem:
    """A referral by whom it refers and what to: the service, else the job, else the organisation."""
    if referral.service is not None:
        target = referral.service.name
    elif referral.opportunity is not None:
        target = referral.opportunity.title
    else:
        target = referral.to_organisation.name
    return HomeItem(
        label=_("%(person)s to %(service)s") % {"person": _who(user, referral), "service": target},
        url=reverse("journeys:referral", kwargs={"slug": programme.slug, "referral_id": referral.pk}),
        detail=detail,
        urgent=urgent,
    )


def waiting_referrals(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """Referrals sent to the reader's organisation that wait for its answer, the latest reply date first."""
    waiting = (
        referrals_for(user, programme, "received")
        .filter(status=ReferralStatus.SENT)
        .select_related("person", "service", "opportunity", "to_organisation")
        .order_by("respond_by", "pk")
    )
    if user.has_perm("journeys.view_all_referrals", programme):
        return None  # the programme team sees them as overdue referrals instead
    today = timezone.localdate()
    items = [
        _referral_item(
            user,
            programme,
            referral,
            _("answer by %(day)s") % {"day": _day(referral.respond_by)},
            bool(referral.respond_by and referral.respond_by < today),
        )
        for referral in waiting[:SHOWN]
    ]
    return items, waiting.count()


def overdue_referrals(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """Referrals past their reply or completion date: every one for the programme team, the ones the
    reader's organisation sent otherwise."""
    box = "received" if user.has_perm("journeys.view_all_referrals", programme) else "sent"
    late = (
        overdue(referrals_for(user, programme, box))
        .select_related("person", "service", "opportunity", "to_organisation")
        .order_by("pk")
    )
    items = []
    for referral in late[:SHOWN]:
        due = referral.respond_by if referral.status == ReferralStatus.SENT else referral.complete_by
        items.append(_referral_item(user, programme, referral, _("due %(day)s") % {"day": _day(due)}, True))
    return items, late.count()


def late_steps(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    steps = overdue_steps(user, programme).order_by("due_on", "pk")
    items = [
        HomeItem(
            label=_("%(person)s: %(step)s")
            % {"person": step.enrolment.person.display_name, "step": step.step.name},
            url=reverse(
                "journeys:person_pathways",
                kwargs={"slug": programme.slug, "person_id": step.enrolment.person_id},
            ),
            detail=_("due %(day)s") % {"day": _day(step.due_on)},
            urgent=True,
        )
        for step in steps[:SHOWN]
    ]
    return items, steps.count()


def my_tasks(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    tasks = open_tasks(user, programme)
    today = timezone.localdate()
    items = [
        HomeItem(
            label=task.body[:120],
            url=note_url(programme, task),
            detail=_("due %(day)s") % {"day": _day(task.due_on)} if task.due_on else "",
            urgent=bool(task.due_on and task.due_on < today),
        )
        for task in tasks[:SHOWN]
    ]
    return items, tasks.count()


def next_steps(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """A participant's pathways: the step to do next on each, and how far along they are."""
    person = Person.objects.filter(programme=programme, user=user, erased_at__isnull=True).first()
    if person is None:
        return [], 0
    enrolments = (
        Enrolment.objects.filter(person=person, status=EnrolmentStatus.ACTIVE)
        .select_related("template")
        .annotate(
            steps=Count("progress"),
            done=Count("progress", filter=Q(progress__status__in=[StepStatus.DONE, StepStatus.SKIPPED])),
        )
    )
    url = reverse("journeys:person_pathways", kwargs={"slug": programme.slug, "person_id": person.pk})
    items = []
    for enrolment in enrolments:
        step = (
            enrolment.progress.filter(status__in=[StepStatus.IN_PROGRESS, StepStatus.PENDING])
            .select_related("step")
            .order_by("step__position")
            .first()
        )
        label = (
            _("Your next step: %(step)s") % {"step": step.step.name}
            if step
            else _("Every step of %(pathway)s is done") % {"pathway": enrolment.template.name}
        )
        detail = _("%(pathway)s: %(done)s of %(steps)s steps done") % {
            "pathway": enrolment.template.name,
            "done": enrolment.done,
            "steps": enrolment.steps,
        }
        if step is not None and step.due_on:
            detail += " · " + _("due %(day)s") % {"day": _day(step.due_on)}
        items.append(HomeItem(label=label, url=url, detail=detail))
    return items, len(items)


def our_support(user: Any, programme: Any) -> tuple[list[HomeItem], int] | None:
    """The support programmes the reader's organisation takes part in, at the stage it has reached
    (enterprise members and partner staff whose organisation is a participant)."""
    membership = roles_of(user).get(programme.pk)
    if membership is None or membership.organisation_id is None or membership.role == Role.PROGRAMME_ADMIN:
        return None
    taking_part = Participation.objects.filter(
        organisation_id=membership.organisation_id, cohort__support__programme=programme
    )
    if not taking_part.exists():
        return None
    active = (
        taking_part.filter(status=ParticipationStatus.ACTIVE)
        .select_related("cohort__support", "stage")
        .order_by("-joined_on", "pk")
    )
    items = [
        HomeItem(
            label=_("%(support)s: %(cohort)s") % {"support": p.cohort.support.name, "cohort": p.cohort.name},
            url=reverse(
                "journeys:support", kwargs={"slug": programme.slug, "support_id": p.cohort.support_id}
            ),
            detail=(
                _("Stage reached: %(stage)s (%(day)s)")
                % {"stage": p.stage.name, "day": _day(p.stage_reached_on or p.joined_on)}
                if p.stage is not None
                else _("Joined %(day)s") % {"day": _day(p.joined_on)}
            ),
        )
        for p in active[:SHOWN]
    ]
    return items, active.count()


def register() -> None:
    add_home_section(
        HomeSection(
            "our_support",
            gettext_lazy("Your organisation's support programmes"),
            "journeys.view_support",
            our_support,
            gettext_lazy("Your organisation takes part in no support programme now."),
            more=lambda programme: reverse("journeys:support_list", kwargs={"slug": programme.slug}),
            order=32,
        )
    )
    add_home_section(
        HomeSection(
            "next_steps",
            gettext_lazy("Your next step"),
            "people.view_own_profile",
            next_steps,
            gettext_lazy("You are not on a pathway yet; your caseworker can suggest one."),
            order=10,
        )
    )
    add_home_section(
        HomeSection(
            "waiting_referrals",
            gettext_lazy("Referrals waiting for your answer"),
            "journeys.view_my_work",
            waiting_referrals,
            gettext_lazy("No referral waits for your organisation's answer."),
            more=lambda programme: reverse("journeys:my_work", kwargs={"slug": programme.slug}),
            order=20,
        )
    )
    add_home_section(
        HomeSection(
            "overdue_referrals",
            gettext_lazy("Overdue referrals"),
            "journeys.view_my_work",
            overdue_referrals,
            gettext_lazy("No referral is overdue."),
            more=lambda programme: reverse("journeys:referrals", kwargs={"slug": programme.slug}),
            order=21,
        )
    )
    add_home_section(
        HomeSection(
            "late_steps",
            gettext_lazy("Overdue pathway steps"),
            "journeys.view_my_work",
            late_steps,
            gettext_lazy("No pathway step of your people is overdue."),
            more=lambda programme: reverse("journeys:my_work", kwargs={"slug": programme.slug}),
            order=22,
        )
    )
    add_home_section(
        HomeSection(
            "tasks",
            gettext_lazy("Your tasks"),
            "journeys.view_my_work",
            my_tasks,
            gettext_lazy("No open task is given to you."),
            more=lambda programme: reverse("journeys:my_work", kwargs={"slug": programme.slug}),
            order=23,
        )
    )
