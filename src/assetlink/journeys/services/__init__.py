"""Every write of journeys, one module per subject (the way Zulip's zerver/actions is split). Each step
that is evidence of a result (a referral sent or completed, a pathway step passed) appends its entry to
the outcome ledger in the same transaction."""

from assetlink.journeys.services.common import (
    OPPORTUNITY_COMPLETE_DAYS,
    OPPORTUNITY_RESPOND_DAYS,
    STEP_OUTCOME_TYPES,
    STEP_OUTCOMES,
)
from assetlink.journeys.services.partner_services import (
    save_service,
)
from assetlink.journeys.services.pathways import (
    complete_step,
    enrol_person,
    install_standard_pathways,
    leave_pathway,
    remove_step,
    save_pathway,
    save_step,
)
from assetlink.journeys.services.referrals import (
    answer_referral,
    complete_referral,
    remind_overdue_referrals,
    send_referral,
    withdraw_referral,
)
from assetlink.journeys.services.support import (
    DEFAULT_STAGES,
    SUPPORT_FIELDS,
    add_cohort,
    add_participant,
    advance_participant,
    attendance,
    leave_cohort,
    record_session,
    save_support_programme,
)

__all__ = [
    "DEFAULT_STAGES",
    "OPPORTUNITY_COMPLETE_DAYS",
    "OPPORTUNITY_RESPOND_DAYS",
    "STEP_OUTCOMES",
    "STEP_OUTCOME_TYPES",
    "SUPPORT_FIELDS",
    "add_cohort",
    "add_participant",
    "advance_participant",
    "answer_referral",
    "attendance",
    "complete_referral",
    "complete_step",
    "enrol_person",
    "install_standard_pathways",
    "leave_cohort",
    "leave_pathway",
    "record_session",
    "remind_overdue_referrals",
    "remove_step",
    "save_pathway",
    "save_service",
    "save_step",
    "save_support_programme",
    "send_referral",
    "withdraw_referral",
]
