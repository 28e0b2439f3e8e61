"""Pages of journeys, one module per subject: partners' services, referrals, pathways, support
programmes and "my work"."""

from assetlink.journeys.views.my_work import (
    my_work,
)
from assetlink.journeys.views.partner_services import (
    service_edit,
    service_list,
    service_new,
)
from assetlink.journeys.views.pathways import (
    enrolment_leave,
    enrolment_page,
    enrolment_step,
    pathway_detail,
    pathway_edit,
    pathway_install,
    pathway_list,
    pathway_new,
    pathway_step_add,
    pathway_step_remove,
    person_pathways,
)
from assetlink.journeys.views.referrals import (
    answer_page,
    person_refer,
    referral_answer,
    referral_complete,
    referral_detail,
    referral_list,
    referral_page,
    referral_withdraw,
    withdraw_page,
)
from assetlink.journeys.views.support import (
    cohort_advance,
    cohort_detail,
    cohort_page,
    cohort_participant_add,
    cohort_session_add,
    run_support_page,
    support_detail,
    support_edit,
    support_list,
    support_new,
)

__all__ = [
    "answer_page",
    "cohort_advance",
    "cohort_detail",
    "cohort_page",
    "cohort_participant_add",
    "cohort_session_add",
    "enrolment_leave",
    "enrolment_page",
    "enrolment_step",
    "my_work",
    "pathway_detail",
    "pathway_edit",
    "pathway_install",
    "pathway_list",
    "pathway_new",
    "pathway_step_add",
    "pathway_step_remove",
    "person_pathways",
    "person_refer",
    "referral_answer",
    "referral_complete",
    "referral_detail",
    "referral_list",
    "referral_page",
    "referral_withdraw",
    "run_support_page",
    "service_edit",
    "service_list",
    "service_new",
    "support_detail",
    "support_edit",
    "support_list",
    "support_new",
    "withdraw_page",
]
