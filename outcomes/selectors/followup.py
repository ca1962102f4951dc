"""Reads for alumni and organisers: my follow-ups, a cohort's plan, one response."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from community.models import Group
from outcomes.models import (
    FollowUpAnswer,
    FollowUpInvitation,
    FollowUpResponse,
    FollowUpSchedule,
    Questionnaire,
)


def my_follow_ups(*, viewer) -> list[dict[str, Any]]:
    """Every questionnaire the member was invited to, newest first, with her answers."""
    invitations = (
        FollowUpInvitation.objects.filter(respondent=viewer)
        .select_related("questionnaire__schedule__group")
        .order_by("-questionnaire__due_on", "-pk")
    )
    responses = {
        r.questionnaire_id: r
        for r in FollowUpResponse.objects.filter(respondent=viewer)
        .select_related("version")
        .prefetch_related("answers")
    }
    return [
        {
            "invitation": inv,
            "questionnaire": inv.questionnaire,
            "response": responses.get(inv.questionnaire_id),
            "answers": answer_rows(responses.get(inv.questionnaire_id)),
        }
        for inv in invitations
    ]


def answer_rows(response: FollowUpResponse | None) -> list[dict[str, Any]]:
    """The questions of the response's own version beside the answers given."""
    if response is None:
        return []
    answers = {a.key: a for a in response.answers.all()}
    return [{"question": q, "answer": answers.get(q["key"])} for q in response.version.questions]


def schedule_for(*, group: Group) -> FollowUpSchedule | None:
    return (
        FollowUpSchedule.objects.filter(group=group)
        .select_related("framework", "group__course")
        .prefetch_related(
            Prefetch(
                "questionnaires",
                queryset=Questionnaire.objects.prefetch_related("versions").order_by(
                    "months_after"
                ),
            )
        )
        .first()
    )


def individual_responses(*, group: Group) -> QuerySet[FollowUpResponse]:
    """For the organiser only (see ``access.can_view_individual_answers``)."""
    return (
        FollowUpResponse.objects.filter(questionnaire__schedule__group=group)
        .select_related("respondent__profile", "questionnaire", "version", "country", "sector")
        .prefetch_related(Prefetch("answers", queryset=FollowUpAnswer.objects.order_by("pk")))
        .order_by("questionnaire__months_after", "respondent__email")
    )


def follow_ups_due(*, viewer, today: datetime.date) -> list[FollowUpInvitation]:
    """The questionnaires the member still has to answer: open today and not sent (one
    query), soonest to close first."""
    sent = FollowUpResponse.objects.filter(respondent=viewer, submitted_at__isnull=False)
    invitations = (
        FollowUpInvitation.objects.filter(respondent=viewer, questionnaire__due_on__lte=today)
        .exclude(questionnaire_id__in=sent.values("questionnaire_id"))
        .select_related("questionnaire__schedule__group")
    )
    due = [inv for inv in invitations if inv.questionnaire.is_open(today)]
    return sorted(due, key=lambda inv: (inv.questionnaire.closes_on, inv.pk))
