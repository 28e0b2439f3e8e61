"""Pages of matching: a person's matches, an opportunity's candidates, consortium and brokering
suggestions, an organisation's contract matches, the fairness report, and status changes."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assetlink.background.services import start_task
from assetlink.journeys.selectors import person_referrals
from assetlink.matching import selectors, services, wording
from assetlink.matching.models import Eligibility, Match, MatchStatus
from assetlink.matching.tasks import refresh_programme_task
from assetlink.opportunities.models import FILLED_KINDS, OpportunityKind
from assetlink.opportunities.selectors import opportunity_in
from assetlink.organisations.selectors import organisation_in
from assetlink.people.selectors import is_matchable, own_person, person_record
from assetlink.people.views import person_view
from assetlink.programmes.models import Programme
from assetlink.web.access import AuthenticatedHttpRequest, programme_view
from assetlink.web.forms import submit
from assetlink.web.pagination import page_context

candidates_page = programme_view(
    "matching.view_candidates",
    object_permission="matching.view_opportunity_candidates",
    load_object=opportunity_in,
)
supply_page = programme_view(
    "matching.view_supply_matches",
    object_permission="opportunities.view_opportunity",
    load_object=opportunity_in,
)
# Lazily translated: worded in each reader's language, not in the one in force at import.
STATUS_ACTIONS = {
    MatchStatus.SHORTLISTED: gettext_lazy("Shortlist"),
    MatchStatus.REFERRED: gettext_lazy("Refer"),
    MatchStatus.SUGGESTED: gettext_lazy("Back to suggestions"),
}


def present(match: Match, user: Any, *, anonymous: bool = False) -> dict[str, Any]:
    """What a page shows of a match, worded in the reader's language (without the person's particulars
    when the candidate is shown as a code)."""
    actions = [
        (status, STATUS_ACTIONS[MatchStatus(status)])
        for status in match.next_statuses
        if status != MatchStatus.DISMISSED
        and (status != MatchStatus.REFERRED or user.has_perm("matching.refer_match", match))
    ]
    # The person reading their own matches is spoken to: "You hold…", not "Holds…".
    own = match.person is not None and match.person.user_id is not None and match.person.user_id == user.pk
    words = {"anonymous": anonymous, "first_person": own and not anonymous}
    hard_gaps = [wording.say(wording.GAPS, gap, **words) for gap in match.gaps if gap.get("is_hard")]
    reasons = [wording.say(wording.REASONS, reason, **words) for reason in match.reasons]
    return {
        "match": match,
        # The one line a compact list shows; the rest is a click away.
        "headline": (hard_gaps or reasons or [""])[0],
        "reasons": reasons,
        "hard_gaps": hard_gaps,
        "soft_gaps": [
            wording.say(wording.GAPS, gap, **words) for gap in match.gaps if not gap.get("is_hard")
        ],
        "components": [
            (wording.COMPONENTS.get(name, name), round(100 * value))
            for name, value in match.components.items()
        ],
        "steps": wording.pathway_steps(match.pathway),
        "score": round(100 * match.score),
        "can_change": user.has_perm("matching.change_match", match),
        "actions": actions,
        "can_dismiss": MatchStatus.DISMISSED in match.next_statuses,
        "is_anonymous": anonymous,
    }


MATCHES_PER_PAGE = 12
CANDIDATES_PER_PAGE = 20
DISTANCES_KM = (5, 10, 20, 50)


def tie_key(match: Match, *, eligible_first: bool) -> tuple[str, int]:
    """What matches must share to be level: their points, and their eligibility where it ranks first."""
    return (match.eligibility if eligible_first else "", round(100 * match.score))


def with_tie_notes(
    items: list[dict[str, Any]], level: Counter[tuple[str, int]], *, eligible_first: bool
) -> list[dict[str, Any]]:
    """Add to each match that others are level with (over the whole list, not only this page) why it
    stands where it does among them."""
    for item in items:
        match = item["match"]
        others = level[tie_key(match, eligible_first=eligible_first)] - 1
        if others > 0:
            item["tie_note"] = wording.tie_note(
                points=item["score"],
                others=others,
                eligible_first=eligible_first,
                steps=match.steps_to_go,
                distance=None if item.get("is_anonymous") else match.distance_km,
            )
    return items


def _chosen_distance(request: HttpRequest) -> int | None:
    chosen = request.GET.get("within", "")
    return int(chosen) if chosen.isdigit() and int(chosen) in DISTANCES_KM else None


@person_view("people.view_person")
def person_matches(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = person_record(request.user, programme, person_id, path=request.path)
    eligible_first = request.GET.get("order") == "eligibility"
    matches = selectors.person_matches(person, eligible_first=eligible_first)
    kinds = [(value, label) for value, label in OpportunityKind.choices if value in FILLED_KINDS]
    chosen = request.GET.get("eligibility", "")
    if chosen in Eligibility.values:
        matches = matches.filter(eligibility=chosen)
    chosen_kind = request.GET.get("kind", "")
    if chosen_kind in FILLED_KINDS:
        matches = matches.filter(opportunity__kind=chosen_kind)
    occupations = sorted(
        {
            (match.opportunity.occupation.uri, match.opportunity.occupation.preferred_label)
            for match in matches
            if match.opportunity.occupation
        },
        key=lambda pair: pair[1],
    )
    chosen_occupation = request.GET.get("occupation", "")
    if chosen_occupation:
        matches = matches.filter(opportunity__occupation__uri=chosen_occupation)
    within = _chosen_distance(request)
    if within is not None:
        matches = matches.filter(distance_km__lte=within)
    # A page of matches at a time: a long list is read from the top, the rest is a click away.
    paged = page_context(request, matches, per_page=MATCHES_PER_PAGE)
    level = Counter(
        (eligibility if eligible_first else "", round(100 * score))
        for eligibility, score in matches.order_by().values_list("eligibility", "score")
    )
    return render(
        request,
        "matching/person.html",
        {
            "programme": programme,
            "person": person,
            "is_own": person.user_id is not None and person.user_id == request.user.pk,
            "consents": is_matchable(person),
            "matches": with_tie_notes(
                [present(match, request.user) for match in paged["page_obj"]],
                level,
                eligible_first=eligible_first,
            ),
            **paged,
            "eligibilities": Eligibility.choices,
            "chosen": chosen,
            "kinds": kinds,
            "chosen_kind": chosen_kind,
            "occupations": occupations,
            "chosen_occupation": chosen_occupation,
            "distances": DISTANCES_KM,
            "within": within,
            "eligible_first": eligible_first,
            # The person's caseworkers and the programme team, not the person: matches refresh by themselves.
            "can_recompute": request.user.has_perm("people.change_person", person)
            and request.user.has_perm("matching.view_candidates", programme),
        },
    )


@programme_view("people.view_own_profile")
def my_matches(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    person = own_person(request.user, programme)
    if person is None:
        return render(request, "people/no_profile.html", {"programme": programme}, status=404)
    return redirect("matching:person", slug=programme.slug, person_id=person.pk)


@require_POST
@person_view("people.change_person")
def person_recompute(request: AuthenticatedHttpRequest, programme: Programme, person_id: int) -> HttpResponse:
    person = person_record(request.user, programme, person_id, path=request.path)
    found = services.recompute_person(actor=request.user, person=person)
    messages.success(request, _("Matches recomputed: %(count)s found.") % {"count": len(found)})
    return redirect("matching:person", slug=programme.slug, person_id=person.pk)


@candidates_page
def opportunity_candidates(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = opportunity_in(programme, opportunity_id)
    filters: dict[str, Any] = {}
    chosen = request.GET.get("eligibility", "")
    if chosen in Eligibility.values:
        filters["eligibility"] = chosen
    experienced = request.GET.get("experienced") == "1"
    if experienced:
        # Worked in the post's occupation or one close to it.
        filters["components__occupation__gt"] = 0
    # The distance of a candidate is theirs: only a reader who sees every candidate named filters by it.
    may_filter_distance = request.user.has_perm("matching.name_every_candidate", programme)
    within = _chosen_distance(request) if may_filter_distance else None
    if within is not None:
        filters["distance_km__lte"] = within
    visible = selectors.visible_candidates(request.user, opportunity, **filters)
    paged = page_context(request, visible, per_page=CANDIDATES_PER_PAGE)
    level = Counter(tie_key(candidate.match, eligible_first=True) for candidate in visible)
    candidates = with_tie_notes(
        [
            {
                **present(candidate.match, request.user, anonymous=not candidate.is_named),
                "label": candidate.label,
                "is_named": candidate.is_named,
                "link": reverse(
                    "people:detail", kwargs={"slug": programme.slug, "person_id": candidate.match.person_id}
                )
                if candidate.is_named and request.user.has_perm("people.view_person", candidate.match.person)
                else "",
            }
            for candidate in paged["page_obj"]
        ],
        level,
        eligible_first=True,
    )
    return render(
        request,
        "matching/candidates.html",
        {
            "programme": programme,
            "opportunity": opportunity,
            "candidates": candidates,
            **paged,
            "total": len(visible),
            "eligibilities": Eligibility.choices,
            "chosen": chosen,
            "experienced": experienced,
            "may_filter_distance": may_filter_distance,
            "distances": DISTANCES_KM,
            "within": within,
            "for_people": opportunity.kind in FILLED_KINDS,
            "can_recompute": request.user.has_perm("opportunities.change_opportunity", opportunity),
        },
    )


@require_POST
@programme_view(
    "matching.view_candidates",
    object_permission="opportunities.change_opportunity",
    load_object=opportunity_in,
)
def opportunity_recompute(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = opportunity_in(programme, opportunity_id)
    found = services.recompute_opportunity(actor=request.user, opportunity=opportunity)
    messages.success(request, _("Matches recomputed: %(count)s found.") % {"count": len(found)})
    target = "matching:consortia" if opportunity.kind == OpportunityKind.CONTRACT else "matching:candidates"
    if opportunity.kind == OpportunityKind.CHALLENGE:
        target = "matching:providers"
    return redirect(target, slug=programme.slug, opportunity_id=opportunity.pk)


@supply_page
def contract_consortia(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = opportunity_in(programme, opportunity_id)
    advice = selectors.consortium_advice(opportunity)
    suppliers = [present(match, request.user) for match in selectors.supplier_matches(opportunity)]
    return render(
        request,
        "matching/consortia.html",
        {
            "programme": programme,
            "opportunity": opportunity,
            "is_contract": opportunity.kind == OpportunityKind.CONTRACT,
            "single": [(organisation, result.score) for organisation, result in advice.single[:10]],
            "consortia": [
                {
                    "members": members,
                    "reasons": wording.explain(c.reasons),
                    "cost": c.cost,
                }
                for c, members in advice.consortia
            ],
            "missing": wording.explain(advice.missing),
            "suppliers": suppliers,
        },
    )


@supply_page
def challenge_providers(
    request: AuthenticatedHttpRequest, programme: Programme, opportunity_id: int
) -> HttpResponse:
    opportunity = opportunity_in(programme, opportunity_id)
    advice = selectors.brokering_advice(opportunity)
    stored = {match.organisation_id: match for match in selectors.supplier_matches(opportunity)}
    return render(
        request,
        "matching/providers.html",
        {
            "programme": programme,
            "opportunity": opportunity,
            "is_challenge": opportunity.kind == OpportunityKind.CHALLENGE,
            "needs": advice.challenge.needs if advice.challenge else (),
            "ranks": [
                {
                    "organisation": organisation,
                    "score": round(100 * rank.score),
                    "fit": round(100 * rank.fit),
                    "degrees": [round(100 * d) for d in rank.degrees],
                    "match": stored.get(organisation.pk),
                    "can_connect": organisation.pk in stored
                    and stored[organisation.pk].status in (MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED)
                    and request.user.has_perm("matching.connect_provider", stored[organisation.pk]),
                }
                for organisation, rank in advice.ranks
            ],
            "pairs": [
                {
                    "first": first,
                    "second": second,
                    "coverage": round(100 * pair.coverage),
                    "gain": round(100 * pair.gain),
                    "reasons": wording.explain(pair.reasons),
                }
                for pair, first, second in advice.pairs
            ],
        },
    )


@programme_view("organisations.view_register")
def organisation_matches(
    request: AuthenticatedHttpRequest, programme: Programme, organisation_id: int
) -> HttpResponse:
    organisation = organisation_in(programme, organisation_id)
    matches = [present(match, request.user) for match in selectors.supply_matches(organisation, programme)]
    return render(
        request,
        "matching/organisation.html",
        {"programme": programme, "organisation": organisation, "matches": matches},
    )


@require_POST
@programme_view(
    "programmes.view_programme", object_permission="matching.change_match", load_object=selectors.match_in
)
def match_status(
    request: AuthenticatedHttpRequest, programme: Programme, match_handle: uuid.UUID
) -> HttpResponse:
    match = selectors.match_in(programme, match_handle)
    try:
        services.change_match_status(
            actor=request.user,
            match=match,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The match is now %(status)s.") % {"status": match.get_status_display()})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("programmes:home", kwargs={"slug": programme.slug})
    return redirect(target)


@programme_view("matching.view_fairness")
def overview(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "matching/overview.html",
        {
            "programme": programme,
            "summary": selectors.programme_summary(programme),
            "sections": [
                {
                    "title": wording.CHARACTERISTICS.get(section.characteristic, section.characteristic),
                    "rows": [
                        {
                            "group": wording.GROUPS.get(row.group, row.group),
                            "row": row,
                            "rate": None if row.match_rate is None else round(100 * row.match_rate),
                            "score": None
                            if row.mean_best_score is None
                            else round(100 * row.mean_best_score),
                        }
                        for row in section.rows
                    ],
                }
                for section in selectors.fairness_report(programme)
            ],
            "small_number": selectors.SMALL_NUMBER,
        },
    )


@require_POST
@programme_view("matching.recompute")
def recompute_programme(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    run = start_task(
        actor=request.user,
        task=refresh_programme_task,
        kind="matching.recompute",
        programme=programme,
        programme_id=programme.pk,
    )
    return redirect("background:task_run", task_run_id=run.pk)


def note_field(label: Any, help_text: Any) -> forms.CharField:
    """The optional note that goes with a referral or an introduction."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class ReferForm(forms.Form):
    note = note_field(
        gettext_lazy("A note for the employer (optional)"),
        gettext_lazy("What they should know: availability, support needed, why this fits"),
    )


@programme_view(
    "programmes.view_programme", object_permission="matching.refer_match", load_object=selectors.match_in
)
def match_refer(
    request: AuthenticatedHttpRequest, programme: Programme, match_handle: uuid.UUID
) -> HttpResponse:
    """The one way to refer a matched person: confirm, add a note, and land on the referral it sent."""
    match = selectors.match_in(programme, match_handle)
    if match.person is None or MatchStatus.REFERRED not in match.next_statuses:
        messages.error(request, _("This match cannot be referred now."))
        return (
            redirect("matching:person", slug=programme.slug, person_id=match.person_id)
            if match.person_id
            else redirect("programmes:home", slug=programme.slug)
        )
    form = ReferForm(request.POST or None)
    if request.method == "POST":

        def refer(data: dict[str, Any]) -> Any:
            services.change_match_status(
                actor=request.user, match=match, status=MatchStatus.REFERRED, reason=data["note"]
            )
            return match.referrals.order_by("-pk").first()

        done = submit(
            request,
            form,
            refer,
            message=lambda referral: (
                _("The referral %(reference)s is sent to %(organisation)s.")
                % {"reference": referral.reference, "organisation": referral.to_organisation.name}
            ),
            then=lambda referral: reverse(
                "journeys:referral", kwargs={"slug": programme.slug, "referral_id": referral.pk}
            ),
        )
        if done:
            return done
    earlier = [
        referral
        for referral in person_referrals(match.person).order_by("-pk")[:10]
        if request.user.has_perm("journeys.view_referral", referral)
    ]
    context = {"programme": programme, "match": match, "form": form, "earlier": earlier}
    return render(request, "matching/refer.html", context, status=422 if form.is_bound else 200)


class ConnectForm(forms.Form):
    note = note_field(
        gettext_lazy("A note to both organisations (optional)"),
        gettext_lazy("Why they should talk, and who should call whom"),
    )


def provider_match_in(programme: Programme, provider_match_handle: uuid.UUID, **_other: object) -> Match:
    return selectors.match_in(programme, provider_match_handle)


@programme_view(
    "matching.broker_challenges", object_permission="matching.connect_provider", load_object=provider_match_in
)
def provider_connect(
    request: AuthenticatedHttpRequest, programme: Programme, provider_match_handle: uuid.UUID
) -> HttpResponse:
    """Introduce a provider to a challenge: confirm, add a note, and both organisations are told."""
    match = provider_match_in(programme, provider_match_handle)
    providers_page = reverse(
        "matching:providers", kwargs={"slug": programme.slug, "opportunity_id": match.opportunity_id}
    )
    form = ConnectForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.connect_provider(actor=request.user, match=match, note=data["note"]),
            message=lambda connected: (
                _("%(provider)s is introduced to %(challenge)s; both organisations were told.")
                % {"provider": connected.organisation.name, "challenge": connected.opportunity.title}
            ),
            then=lambda _connected: providers_page,
        )
        if done:
            return done
    connected = selectors.supplier_matches(match.opportunity).filter(status=MatchStatus.REFERRED)
    context = {
        "programme": programme,
        "match": match,
        "form": form,
        "providers_page": providers_page,
        "reasons": [wording.say(wording.REASONS, reason) for reason in match.reasons],
        "connected": connected,
    }
    return render(request, "matching/connect.html", context, status=422 if form.is_bound else 200)
