"""Models of journeys, one module per subject."""

from assetlink.journeys.models.partner_services import (
    Service,
)
from assetlink.journeys.models.pathways import (
    Enrolment,
    EnrolmentStatus,
    PathwayStep,
    PathwayTemplate,
    StepProgress,
    StepStatus,
)
from assetlink.journeys.models.referrals import (
    OPEN_REFERRAL_STATUSES,
    Referral,
    ReferralResult,
    ReferralStatus,
)
from assetlink.journeys.models.support import (
    Cohort,
    CohortSession,
    ParticipantKind,
    Participation,
    ParticipationStatus,
    SupportKind,
    SupportProgramme,
    SupportStage,
)

__all__ = [
    "OPEN_REFERRAL_STATUSES",
    "Cohort",
    "CohortSession",
    "Enrolment",
    "EnrolmentStatus",
    "ParticipantKind",
    "Participation",
    "ParticipationStatus",
    "PathwayStep",
    "PathwayTemplate",
    "Referral",
    "ReferralResult",
    "ReferralStatus",
    "Service",
    "StepProgress",
    "StepStatus",
    "SupportKind",
    "SupportProgramme",
    "SupportStage",
]
