"""Writes of the outcomes app. Side effects (email, in-app notices) run on commit."""

from .certificates import (
    badge_issue,
    certificate_revoke,
    certificates_issue_for_cohort,
)
from .followup import (
    follow_up_answers_save,
    follow_up_response_submit,
    follow_up_schedule_create,
    follow_ups_send,
    questionnaire_update,
    questions_from_framework,
)
from .needs import need_create, need_endorse, need_unendorse

__all__ = [
    "badge_issue",
    "certificate_revoke",
    "certificates_issue_for_cohort",
    "follow_up_answers_save",
    "follow_up_response_submit",
    "follow_up_schedule_create",
    "follow_ups_send",
    "need_create",
    "need_endorse",
    "need_unendorse",
    "questionnaire_update",
    "questions_from_framework",
]
