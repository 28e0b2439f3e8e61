"""Plain-language, translatable wording of the engine's explanation codes, gaps and pathway steps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from assetlink.people.models import RightToWork
from assetlink.taxonomy.cpv import cpv_label

CPV_CODE = re.compile(r"\d{8}(-\d)?")

REASONS: dict[str, Promise] = {
    "occupation_same": _("Has worked as %(occupation)s for %(years)s years (%(country)s)."),
    "occupation_related": _("Has worked as %(held)s, an occupation close to %(occupation)s."),
    "occupation_new": _("No experience yet as %(occupation)s."),
    "aspiration": _("Wants to work as %(occupation)s."),
    "skill_held": _("Has the skill “%(skill)s”."),
    "skill_related": _("Has “%(via)s”, a skill related to “%(skill)s”."),
    "right_to_work_held": _("Has the right to work."),
    "language_met": _("Speaks %(language)s at %(own)s (asked: %(level)s)."),
    "credential_held": _("Holds %(name)s."),
    "credential_desirable_missing": _("Does not hold %(name)s (desirable, not required)."),
    "qualification_met": _("Qualification at level %(own)s (asked: %(level)s)."),
    "commute_met": _("%(distance)s km away, within the %(max)s km they will travel."),
    "lot_covered": _("Can deliver the lot “%(lot)s”."),
    "lot_not_covered": _("Does not cover the lot “%(lot)s”."),
    "capacity": _("Can deliver contracts of up to %(capacity)s; this one is worth %(value)s."),
    "compliance_met": _("Holds %(name)s."),
    "compliance_missing": _("Does not hold %(name)s."),
    "local": _("Based in one of the programme's areas."),
    "social_enterprise": _("A social enterprise, co-operative or community organisation."),
    "social_value": _("Social value: %(name)s."),
    "lot_lead": _("%(member)s is best placed to deliver the lot “%(lot)s”."),
    "combined_capacity": _("Together they can deliver %(capacity)s for a value of %(value)s."),
    "members_profile": _("%(members)s members, of which %(local)s local and %(social)s social enterprises."),
    "nobody_covers": _("No organisation of the register covers “%(requirement)s”."),
    "capacity_short": _(
        "Even the %(members)s largest organisations together can deliver only %(capacity)s of %(value)s."
    ),
    "need_met": _("Meets “%(need)s”."),
    "need_partly_met": _("Partly meets “%(need)s”."),
    "need_not_met": _("Does not meet “%(need)s”."),
    "brings": _("%(provider)s brings “%(need)s”."),
    "describes_challenge": _("Its capabilities describe the challenge closely (%(fit)s/100)."),
}

GAPS: dict[str, Promise] = {
    "skill_missing": _("Missing the essential skill “%(skill)s”."),
    "right_to_work": _("The right to work is not confirmed (%(status)s)."),
    "language": _("Needs %(language)s at level %(level)s (has: %(own)s)."),
    "credential": _("Needs %(name)s."),
    "credential_needs_profession": _("Needs %(name)s, which takes a qualification in this profession."),
    "qualification_level": _("Needs a qualification at level %(level)s (has: %(own)s)."),
    "qualification_recognition": _("The qualification must be recognised as level %(level)s."),
    "hours": _("The post is %(hours)s hours a week; %(own)s are wanted."),
    "commute": _("%(distance)s km away, further than the %(max)s km they will travel."),
    "already_holds": _("Already holds %(name)s, which this leads to."),
}

STEPS: dict[str, tuple[Promise, Promise]] = {
    "english_test": (_("English language test (IELTS Academic or OET)"), _("Test report form")),
    "plab1": (_("PLAB 1 exam (GMC)"), _("GMC result")),
    "plab2": (_("PLAB 2 exam (GMC)"), _("GMC result")),
    "gmc_registration": (_("GMC registration with a licence to practise"), _("GMC number")),
    "clinical_attachment": (_("Clinical attachment in an NHS hospital"), _("Supervisor's report")),
    "nmc_cbt": (_("NMC test of competence part 1 (CBT)"), _("Test result")),
    "nmc_osce": (_("NMC test of competence part 2 (OSCE)"), _("Test result")),
    "nmc_registration": (_("NMC registration"), _("NMC PIN")),
    "clinical_placement": (_("Supervised clinical placement"), _("Supervisor's sign-off")),
    "ospap": (_("Overseas pharmacists' assessment programme (OSPAP)"), _("Course certificate")),
    "gphc_assessment": (_("GPhC registration assessment"), _("GPhC result")),
    "gphc_registration": (_("GPhC registration"), _("GPhC number")),
    "foundation_placement": (_("Foundation training placement"), _("Tutor's sign-off")),
    "hcpc_registration": (_("HCPC registration (international application)"), _("HCPC number")),
    "spanish_test": (_("Spanish language test (DELE B2)"), _("Diploma")),
    "homologacion": (_("Recognition of the degree (homologación)"), _("Ministry resolution")),
    "colegiacion": (_("Membership of the professional college (colegiación)"), _("College number")),
    "background_check": (_("Enhanced DBS check"), _("DBS certificate")),
    "right_to_work_check": (
        _("Right to work decision or share code check"),
        _("Share code or decision letter"),
    ),
    "language_course": (_("Language course to the level asked"), _("Course certificate")),
    "qualification_recognition": (
        _("Statement of comparability of the qualification (ENIC)"),
        _("ENIC statement"),
    ),
    "short_course": (_("Short course in the missing skill"), _("Certificate")),
    "driving_licence": (_("Driving licence (exchange or test)"), _("Licence")),
}

COMPONENTS: dict[str, Promise] = {
    "essential": _("Essential skills"),
    "optional": _("Optional skills"),
    "occupation": _("Occupation"),
    "experience": _("Experience"),
    "aspiration": _("Aspiration"),
    "coverage": _("Capabilities"),
    "capacity": _("Capacity"),
    "compliance": _("Certificates and insurance"),
    "locality": _("Local"),
    "social_value": _("Social value"),
}

# A participant reads their own matches in the first person.
FIRST_PERSON_REASONS: dict[str, Promise] = {
    **REASONS,
    "occupation_same": _("You have worked as %(occupation)s for %(years)s years (%(country)s)."),
    "occupation_related": _("You have worked as %(held)s, an occupation close to %(occupation)s."),
    "occupation_new": _("You have no experience yet as %(occupation)s."),
    "aspiration": _("You want to work as %(occupation)s."),
    "skill_held": _("You have the skill “%(skill)s”."),
    "skill_related": _("You have “%(via)s”, a skill related to “%(skill)s”."),
    "right_to_work_held": _("You have the right to work."),
    "language_met": _("You speak %(language)s at %(own)s (asked: %(level)s)."),
    "credential_held": _("You hold %(name)s."),
    "credential_desirable_missing": _("You do not hold %(name)s (desirable, not required)."),
    "qualification_met": _("Your qualification is at level %(own)s (asked: %(level)s)."),
    "commute_met": _("%(distance)s km away, within the %(max)s km you will travel."),
}
FIRST_PERSON_GAPS: dict[str, Promise] = {
    **GAPS,
    "skill_missing": _("You are missing the essential skill “%(skill)s”."),
    "right_to_work": _("Your right to work is not confirmed yet (%(status)s)."),
    "language": _("You need %(language)s at level %(level)s (you have: %(own)s)."),
    "credential": _("You need %(name)s."),
    "credential_needs_profession": _(
        "You would need %(name)s, which takes a qualification in this profession."
    ),
    "qualification_level": _("You need a qualification at level %(level)s (you have: %(own)s)."),
    "qualification_recognition": _("Your qualification must be recognised as level %(level)s."),
    "hours": _("The post is %(hours)s hours a week; you want %(own)s."),
    "commute": _("%(distance)s km away, further than the %(max)s km you will travel."),
    "already_holds": _("You already hold %(name)s, which this leads to."),
}

# An anonymised candidate is explained in the opportunity's own terms only: none of the person's
# particulars (years, countries, levels held, distances, status, related skills) that would let the
# same person be recognised across opportunities or named through other pages.
PERSONAL_PARAMS = frozenset({"years", "country", "held", "own", "distance", "status", "via", "max"})
ANONYMOUS_REASONS: dict[str, Promise] = {
    **REASONS,
    "occupation_same": _("Has experience as %(occupation)s."),
    "occupation_related": _("Has worked in an occupation close to %(occupation)s."),
    "skill_related": _("Has a skill related to “%(skill)s”."),
    "language_met": _("Meets the %(language)s requirement (%(level)s)."),
    "qualification_met": _("Meets the qualification level asked (%(level)s)."),
    "commute_met": _("Within the distance they will travel."),
}
ANONYMOUS_GAPS: dict[str, Promise] = {
    **GAPS,
    "right_to_work": _("The right to work is not confirmed."),
    "language": _("Needs %(language)s at level %(level)s."),
    "qualification_level": _("Needs a qualification at level %(level)s."),
    "hours": _("The post is %(hours)s hours a week, not the hours they want."),
    "commute": _("Further away than they will travel."),
}

CHARACTERISTICS: dict[str, Promise] = {
    "deprivation_decile": _("Deprivation decile of the person's area"),
    "right_to_work": _("Right to work status"),
    "experience_abroad": _("Work experience"),
}
GROUPS: dict[str, Promise] = {
    "abroad": _("Includes work abroad"),
    "home": _("Only in this country"),
    "?": _("Not known"),
    **{value: label for value, label in RightToWork.choices},
}


def _value(name: str, value: Any) -> str:
    if name == "language" and isinstance(value, str) and value:
        try:
            return str(get_language_info(value)["name_translated"])
        except KeyError:
            return value
    if name == "status" and isinstance(value, str):
        return str(GROUPS.get(value, value))
    if isinstance(value, str) and CPV_CODE.fullmatch(value):
        return cpv_label(value)
    if isinstance(value, float):
        # In the reader's own digits: 12.500 in Spanish, 12,500 in English.
        whole = value >= 1000 or value.is_integer()
        return number_format(value, 0 if whole else None, force_grouping=value >= 1000)
    if value in ("", None):
        return "—"
    return str(value)


def say(
    templates: Mapping[str, Promise],
    item: Mapping[str, Any],
    *,
    anonymous: bool = False,
    first_person: bool = False,
) -> str:
    """One explanation item ({"code", "params"}) in the reader's language; `anonymous` words it without
    the person's particulars (for a candidate shown as a code), `first_person` to the person themself."""
    if anonymous:
        templates = ANONYMOUS_GAPS if templates is GAPS else ANONYMOUS_REASONS
    elif first_person:
        templates = FIRST_PERSON_GAPS if templates is GAPS else FIRST_PERSON_REASONS
    template = templates.get(item.get("code", ""))
    if template is None:
        return str(item.get("code", ""))
    params = {
        name: _value(name, value)
        for name, value in dict(item.get("params") or {}).items()
        if not (anonymous and name in PERSONAL_PARAMS)
    }
    try:
        return str(template) % params
    except (KeyError, ValueError):
        return str(template)


def explain(reasons: Iterable[Any], templates: Mapping[str, Promise] = REASONS) -> list[str]:
    """Engine reasons (objects with `code` and `params`) in the reader's language."""
    return [say(templates, {"code": reason.code, "params": reason.params}) for reason in reasons]


def pathway_steps(steps: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Stored pathway steps with their name (`label`) and evidence (`evidence_label`) in the reader's
    language; steps of a code not known here keep the engine's English."""
    worded = []
    for step in steps:
        name, evidence = STEPS.get(step.get("code", ""), (step.get("name", ""), step.get("evidence", "")))
        worded.append({**step, "label": str(name), "evidence_label": str(evidence)})
    return worded


def tie_note(*, points: int, others: int, eligible_first: bool, steps: int, distance: float | None) -> str:
    """Why a match stands where it does among others of the same points (the distance only where the
    reader may know it)."""
    order = (
        gettext("fewer pathway steps to go first (here %(steps)s), then the nearer (here %(distance)s km)")
        if distance is not None
        else gettext("fewer pathway steps to go first (here %(steps)s), then the nearer")
    ) % {"steps": steps, "distance": distance}
    if eligible_first:
        said = ngettext(
            "Level with %(others)s other at %(points)s/100 and as eligible; among them, %(order)s.",
            "Level with %(others)s others at %(points)s/100 and as eligible; among them, %(order)s.",
            others,
        )
    else:
        said = ngettext(
            "Level with %(others)s other at %(points)s/100; eligible before reachable, then %(order)s.",
            "Level with %(others)s others at %(points)s/100; eligible before reachable, then %(order)s.",
            others,
        )
    return said % {"others": others, "points": points, "order": order}
