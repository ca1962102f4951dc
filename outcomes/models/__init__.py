"""Results frameworks, longitudinal follow-up of alumni, the needs board and
verifiable certificates (issue #9)."""

from .certificates import Certificate
from .followup import (
    FollowUpAnswer,
    FollowUpInvitation,
    FollowUpResponse,
    FollowUpSchedule,
    Questionnaire,
    QuestionnaireVersion,
)
from .frameworks import Indicator, Outcome, ResultsFramework
from .needs import Need, NeedEndorsement

__all__ = [
    "Certificate",
    "FollowUpAnswer",
    "FollowUpInvitation",
    "FollowUpResponse",
    "FollowUpSchedule",
    "Indicator",
    "Need",
    "NeedEndorsement",
    "Outcome",
    "Questionnaire",
    "QuestionnaireVersion",
    "ResultsFramework",
]
