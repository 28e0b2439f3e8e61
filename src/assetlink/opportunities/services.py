"""Every write to investments and opportunities: create, change, requirements, and the lifecycle."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink import events
from assetlink.audit import services as audit
from assetlink.impact.models import OutcomeType
from assetlink.impact.services import append_outcome
from assetlink.opportunities.models import (
    FILLED_KINDS,
    CredentialRequirement,
    Investment,
    Lot,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Phase,
    SkillRequirement,
)
from assetlink.organisations.selectors import organisations_of
from assetlink.places.selectors import area_for_postcode
from assetlink.programmes.rules import require, roles_of
from assetlink.validation import reject_unknown_fields

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.organisations.models import Organisation
    from assetlink.programmes.models import Programme

INVESTMENT_FIELDS = (
    "name",
    "owner",
    "description",
    "budget",
    "area",
    "starts_on",
    "ends_on",
    "spend_categories",
)
OPPORTUNITY_FIELDS = (
    "investment",
    "owner",
    "kind",
    "reference",
    "title",
    "description",
    "area",
    "location",
    "postcode",
    "latitude",
    "longitude",
    "closes_on",
    "starts_on",
    "contact_email",
    "occupation",
    "positions",
    "hours_per_week",
    "employment_type",
    "salary_min",
    "salary_max",
    "pay_band",
    "minimum_language",
    "minimum_language_level",
    "minimum_eqf_level",
    "leads_to_kind",
    "leads_to_name",
    "value",
    "cpv_codes",
    "procedure",
    "social_value_clauses",
    "funder",
    "amount_min",
    "amount_max",
    "eligibility",
    "space",
)
PART_MODELS: dict[str, type[models.Model]] = {
    "lots": Lot,
    "skills": SkillRequirement,
    "credentials": CredentialRequirement,
}
# What an award is, in the outcome ledger.
AWARD_OUTCOMES: dict[str, OutcomeType] = {
    OpportunityKind.GRANT: OutcomeType.GRANT_WON,
    OpportunityKind.SPACE: OutcomeType.SPACE_LET,
}

# The lifecycle: draft → open → closed → awarded (organisations) or filled (people).
TRANSITIONS = {
    OpportunityStatus.DRAFT: {OpportunityStatus.OPEN},
    OpportunityStatus.OPEN: {OpportunityStatus.CLOSED, OpportunityStatus.DRAFT},
    OpportunityStatus.CLOSED: {OpportunityStatus.AWARDED, OpportunityStatus.FILLED, OpportunityStatus.OPEN},
    OpportunityStatus.AWARDED: set(),
    OpportunityStatus.FILLED: set(),
}
_CPV = re.compile(r"^\d{8}-\d$")


def _check_cpv(codes: Any, field: str) -> list[str]:
    cleaned = [str(code).strip() for code in codes or [] if str(code).strip()]
    bad = [code for code in cleaned if not _CPV.match(code)]
    if bad:
        raise ValidationError(
            {
                field: _("Not a CPV code (eight digits, hyphen, check digit): %(codes)s")
                % {"codes": ", ".join(bad)}
            }
        )
    return cleaned


def _in_programme(programme: Programme, **objects: Any) -> None:
    register = organisations_of(programme)
    for name, value in objects.items():
        if value is None:
            continue
        if name in {"owner", "funder"} and not register.filter(pk=value.pk).exists():
            raise ValidationError({name: _("The organisation is not in this programme's register.")})
        if name in {"area", "investment", "space"} and value.programme_id != programme.pk:
            raise ValidationError({name: _("This belongs to another programme.")})


def save_investment(
    *, actor: User, programme: Programme, investment: Investment | None = None, **fields: Any
) -> Investment:
    """Create or change an investment (a macro asset) of the programme."""
    require(actor, "opportunities.manage_investments", programme)
    reject_unknown_fields(fields, INVESTMENT_FIELDS)
    before = audit.snapshot(investment) if investment else None
    investment = investment or Investment(programme=programme)
    for name, value in fields.items():
        setattr(investment, name, value)
    investment.spend_categories = _check_cpv(investment.spend_categories, "spend_categories")
    _in_programme(programme, owner=investment.owner if investment.owner_id else None, area=investment.area)
    if investment.starts_on and investment.ends_on and investment.ends_on < investment.starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    investment.full_clean()
    with transaction.atomic():
        investment.save()
        audit.record(
            actor,
            "investment.updated" if before else "investment.created",
            investment,
            programme=programme,
            before=before,
            after=audit.snapshot(investment),
        )
    return investment


def add_phase(*, actor: User, investment: Investment, **fields: Any) -> Phase:
    """Add a phase (with its dates) to an investment."""
    require(actor, "opportunities.manage_investments", investment.programme)
    phase = Phase(investment=investment, **fields)
    if phase.ends_on and phase.starts_on and phase.ends_on < phase.starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    phase.full_clean()
    with transaction.atomic():
        phase.save()
        audit.record(
            actor,
            "investment.phase_added",
            phase,
            programme=investment.programme,
            after=audit.snapshot(phase),
        )
    return phase


def _validate(opportunity: Opportunity, programme: Programme) -> None:
    opportunity.cpv_codes = _check_cpv(opportunity.cpv_codes, "cpv_codes")
    opportunity.minimum_language = opportunity.minimum_language.strip().lower()
    if bool(opportunity.minimum_language) != bool(opportunity.minimum_language_level):
        raise ValidationError(
            {"minimum_language_level": _("Give both the language and its minimum level, or neither.")}
        )
    opportunity.leads_to_name = opportunity.leads_to_name.strip()
    if bool(opportunity.leads_to_kind) != bool(opportunity.leads_to_name):
        raise ValidationError(
            {"leads_to_name": _("Give both what the course leads to and its kind, or neither.")}
        )
    if opportunity.postcode:
        opportunity.postcode = " ".join(opportunity.postcode.upper().split())
        if opportunity.area_id is None:
            opportunity.area = area_for_postcode(programme, opportunity.postcode)
    if opportunity.area is not None and (opportunity.latitude is None or opportunity.longitude is None):
        opportunity.latitude, opportunity.longitude = opportunity.area.latitude, opportunity.area.longitude
    if opportunity.occupation is not None and opportunity.occupation.kind != "occupation":
        raise ValidationError({"occupation": _("Choose an ESCO occupation.")})
    if opportunity.kind == OpportunityKind.GRANT and opportunity.funder_id is None:
        opportunity.funder = opportunity.owner
    _in_programme(
        programme,
        owner=opportunity.owner,
        funder=opportunity.funder if opportunity.funder_id else None,
        area=opportunity.area,
        investment=opportunity.investment,
        space=opportunity.space,
    )
    opportunity.full_clean()


def create_opportunity(*, actor: User, programme: Programme, **fields: Any) -> Opportunity:
    """Create a draft opportunity; partner staff and enterprise members offer their own organisation's."""
    require(actor, "opportunities.create_opportunity", programme)
    reject_unknown_fields(fields, OPPORTUNITY_FIELDS)
    membership = roles_of(actor).get(programme.pk)
    owner = fields.get("owner")
    if (
        membership is not None
        and not actor.has_perm("opportunities.offer_for_any_organisation", programme)
        and (owner is None or owner.pk != membership.organisation_id)
    ):
        raise ValidationError({"owner": _("You can offer opportunities for your own organisation only.")})
    opportunity = Opportunity(programme=programme, status=OpportunityStatus.DRAFT, **fields)
    _validate(opportunity, programme)
    with transaction.atomic():
        opportunity.save()
        audit.record(
            actor, "opportunity.created", opportunity, programme=programme, after=audit.snapshot(opportunity)
        )
    return opportunity


def update_opportunity(*, actor: User, opportunity: Opportunity, **changes: Any) -> Opportunity:
    """Change an opportunity's details (its kind stays what it was)."""
    require(actor, "opportunities.change_opportunity", opportunity)
    reject_unknown_fields(changes, OPPORTUNITY_FIELDS)
    if "kind" in changes and changes["kind"] != opportunity.kind:
        raise ValidationError({"kind": _("The kind of an opportunity cannot change; create a new one.")})
    if "owner" in changes and changes["owner"] != opportunity.owner:
        require(actor, "opportunities.manage_investments", opportunity.programme)
    before = audit.snapshot(opportunity)
    for name, value in changes.items():
        setattr(opportunity, name, value)
    if "postcode" in changes and "area" not in changes:
        opportunity.area = None
    _validate(opportunity, opportunity.programme)
    with transaction.atomic():
        opportunity.save()
        audit.record(
            actor,
            "opportunity.updated",
            opportunity,
            programme=opportunity.programme,
            before=before,
            after=audit.snapshot(opportunity),
        )
        events.publish(events.OpportunityChanged(opportunity.pk))
    return opportunity


def _publishable(opportunity: Opportunity) -> None:
    problems: dict[str, str] = {}
    today = timezone.localdate()
    if opportunity.closes_on is not None and opportunity.closes_on < today:
        problems["closes_on"] = _("The closing date has passed; set a later one before opening.")
    if opportunity.kind == OpportunityKind.JOB and opportunity.occupation_id is None:
        problems["occupation"] = _(
            "A job needs its ESCO occupation before it opens, so that people can be matched."
        )
    if (
        opportunity.kind == OpportunityKind.CONTRACT
        and opportunity.value is None
        and not opportunity.lots.exists()
    ):
        problems["value"] = _("A contract needs its value or its lots before it opens.")
    if opportunity.kind == OpportunityKind.GRANT and opportunity.amount_max is None:
        problems["amount_max"] = _("A grant needs the most it can award before it opens.")
    if problems:
        raise ValidationError(problems)


def change_status(
    *,
    actor: User,
    opportunity: Opportunity,
    status: str,
    awarded_to: Organisation | None = None,
    awarded_value: Decimal | None = None,
    awarded_on: datetime.date | None = None,
) -> Opportunity:
    """Move an opportunity along its lifecycle; only the allowed steps are possible.

    An award names the organisation it went to (and, where known, the value and date).
    """
    require(actor, "opportunities.change_opportunity", opportunity)
    current = OpportunityStatus(opportunity.status)
    if status not in {s.value for s in TRANSITIONS[current]}:
        raise ValidationError(
            _("An opportunity that is %(current)s cannot become %(next)s.")
            % {
                "current": current.label,
                "next": OpportunityStatus(status).label if status in OpportunityStatus.values else status,
            }
        )
    if status == OpportunityStatus.FILLED and opportunity.kind not in FILLED_KINDS:
        raise ValidationError(_("Contracts, grants, spaces and challenges are awarded, not filled."))
    if status == OpportunityStatus.AWARDED and opportunity.kind in FILLED_KINDS:
        raise ValidationError(_("Jobs, training and volunteering places are filled, not awarded."))
    if status == OpportunityStatus.OPEN:
        _publishable(opportunity)
        opportunity.published_on = opportunity.published_on or timezone.localdate()
    if status == OpportunityStatus.AWARDED:
        if awarded_to is None:
            raise ValidationError({"awarded_to": _("Say which organisation the award went to.")})
        _in_programme(opportunity.programme, owner=awarded_to)
        opportunity.awarded_to = awarded_to
        opportunity.awarded_value = awarded_value
        opportunity.awarded_on = awarded_on or timezone.localdate()
    before = {"status": opportunity.status}
    opportunity.status = status
    with transaction.atomic():
        opportunity.save(
            update_fields=[
                "status",
                "published_on",
                "awarded_to",
                "awarded_value",
                "awarded_on",
                "updated_at",
            ]
        )
        audit.record(
            actor,
            f"opportunity.{status}",
            opportunity,
            programme=opportunity.programme,
            before=before,
            after={
                "status": status,
                "awarded_to": awarded_to.pk if awarded_to else None,
                "awarded_value": str(awarded_value) if awarded_value is not None else None,
            },
        )
        if status == OpportunityStatus.AWARDED and awarded_to is not None:
            append_outcome(
                actor=actor,
                programme=opportunity.programme,
                entry_type=AWARD_OUTCOMES.get(opportunity.kind, OutcomeType.CONTRACT_WON),
                subject=awarded_to,
                occurred_on=opportunity.awarded_on or timezone.localdate(),
                value=awarded_value,
                related=opportunity,
                data={"kind": opportunity.kind, "reference": opportunity.reference},
            )
        events.publish(events.OpportunityChanged(opportunity.pk))
    return opportunity


def add_part(*, actor: User, opportunity: Opportunity, part: str, **fields: Any) -> models.Model:
    """Add a lot, a skill requirement or a credential requirement."""
    require(actor, "opportunities.change_opportunity", opportunity)
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of an opportunity: %(kind)s") % {"kind": part})
    if part == "lots" and opportunity.kind != OpportunityKind.CONTRACT:
        raise ValidationError(_("Only contracts have lots."))
    item = model(opportunity=opportunity, **fields)
    skill = getattr(item, "skill", None) if part == "skills" else None
    if skill is not None and skill.kind != "skill":
        raise ValidationError({"skill": _("Choose an ESCO skill.")})
    item.full_clean()
    with transaction.atomic():
        item.save()
        audit.record(
            actor,
            f"opportunity.{part}.added",
            item,
            programme=opportunity.programme,
            after=audit.snapshot(item),
        )
        events.publish(events.OpportunityChanged(opportunity.pk))
    return item


def remove_part(*, actor: User, opportunity: Opportunity, part: str, item_id: int) -> None:
    """Remove a lot or a requirement."""
    require(actor, "opportunities.change_opportunity", opportunity)
    model = PART_MODELS.get(part)
    if model is None:
        raise ValidationError(_("Unknown part of an opportunity: %(kind)s") % {"kind": part})
    item = model._default_manager.filter(opportunity=opportunity, pk=item_id).first()
    if item is None:
        raise ValidationError(_("This entry does not exist any more."))
    with transaction.atomic():
        before = audit.snapshot(item)
        item.delete()
        audit.record(
            actor, f"opportunity.{part}.removed", opportunity, programme=opportunity.programme, before=before
        )
        events.publish(events.OpportunityChanged(opportunity.pk))
