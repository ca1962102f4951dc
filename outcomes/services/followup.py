"""Scheduling, sending and answering follow-up questionnaires."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.models import Group, Membership, Notification, User
from community.services import notification_create
from core.markdown import clean_text
from outcomes.credentials import absolute
from outcomes.links import make_token
from outcomes.models import (
    FollowUpAnswer,
    FollowUpInvitation,
    FollowUpResponse,
    FollowUpSchedule,
    Indicator,
    Questionnaire,
    QuestionnaireVersion,
    ResultsFramework,
)
from outcomes.selectors.access import can_manage_follow_up

logger = logging.getLogger(__name__)

# Labels are stored untranslated and translated when shown (gettext_noop marks them).
DEFAULT_OPEN_QUESTIONS = [
    ("applied", gettext_noop("What have you applied from the course in your work?")),
    ("org_change", gettext_noop("What has changed in your organisation as a result?")),
]
QUIET_PERIOD = datetime.timedelta(days=7)
MAX_MONTHS = 60


def questions_from_framework(
    *, framework: ResultsFramework | None, open_questions: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Numeric questions for each indicator of the framework, then open questions."""
    questions: list[dict[str, Any]] = []
    if framework is not None:
        indicators = Indicator.objects.filter(outcome__framework=framework).select_related(
            "outcome"
        )
        for indicator in indicators.order_by(
            F("outcome__sort_order").asc(nulls_first=True),
            "outcome_id",
            F("sort_order").asc(nulls_first=True),
            "pk",
        ):
            questions.append(
                {
                    "key": f"ind-{indicator.pk}",
                    "kind": "number",
                    "label": indicator.name,
                    "unit": indicator.unit,
                    "min": indicator.min_value,
                    "max": indicator.max_value,
                    "indicator": indicator.pk,
                    "level": indicator.outcome.level,
                    "required": True,
                }
            )
    if open_questions is None:
        questions += [
            {"key": key, "kind": "text", "label": label, "required": False}
            for key, label in DEFAULT_OPEN_QUESTIONS
        ]
    else:
        for n, label in enumerate(q.strip() for q in open_questions):
            if label:
                questions.append(
                    {"key": f"open-{n + 1}", "kind": "text", "label": label, "required": False}
                )
    return questions


def _check_questions(questions: list[dict[str, Any]]) -> None:
    keys = [q.get("key") for q in questions]
    if not questions:
        raise ValidationError({"questions": _("A questionnaire needs at least one question.")})
    if len(set(keys)) != len(keys) or not all(keys):
        raise ValidationError({"questions": _("Each question needs its own key.")})
    for q in questions:
        if q.get("kind") not in ("number", "text") or not str(q.get("label", "")).strip():
            raise ValidationError({"questions": _("Each question needs a kind and a label.")})


@transaction.atomic
def follow_up_schedule_create(
    *,
    group: Group,
    by: User,
    months: Iterable[int],
    course_end: datetime.date | None = None,
    framework: ResultsFramework | None = None,
    open_questions: Iterable[str] | None = None,
) -> FollowUpSchedule:
    """Plan questionnaires ``months`` after the course ends (adds missing time points to
    an existing plan; time points already planned are left as they are)."""
    if not can_manage_follow_up(viewer=by, group=group):
        raise PermissionDenied
    if group.kind != Group.Kind.ALUMNI_NETWORK:
        raise ValidationError(_("Follow-up is planned for the alumni network of a course."))
    course = group.course
    planned = FollowUpSchedule.objects.filter(group=group).first()
    # Adding time points to a plan keeps the end date it already has (and shows).
    course_end = (
        course_end
        or (planned.course_end if planned else None)
        or (course.end_date if course else None)
    )
    if course_end is None:
        raise ValidationError({"course_end": _("Say when the course ended.")})
    months = sorted(set(months))
    if not months or any(m < 1 or m > MAX_MONTHS for m in months):
        raise ValidationError(
            {"months": _("Choose between 1 and %(max)s months.") % {"max": MAX_MONTHS}}
        )
    if framework is None and course is not None:
        framework = course.results_frameworks.first()
    schedule, created = FollowUpSchedule.objects.get_or_create(
        group=group,
        defaults={"course_end": course_end, "framework": framework, "created_by": by},
    )
    if not created:
        schedule.course_end = course_end
        schedule.framework = framework or schedule.framework
        schedule.save(update_fields=["course_end", "framework"])
    questions = questions_from_framework(
        framework=schedule.framework, open_questions=open_questions
    )
    _check_questions(questions)
    existing = set(schedule.questionnaires.values_list("months_after", flat=True))
    for m in months:
        if m in existing:
            continue
        questionnaire = Questionnaire.objects.create(
            schedule=schedule,
            months_after=m,
            title=_("%(name)s: %(months)s months on") % {"name": group.name, "months": m},
            due_on=course_end + relativedelta(months=m),
        )
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire, number=1, questions=questions, created_by=by
        )
    logger.info("follow-up scheduled for group %s at %s months", group.pk, months)
    return schedule


def current_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    return questionnaire.versions.order_by("-number").first()


@transaction.atomic
def questionnaire_update(
    *,
    questionnaire: Questionnaire,
    by: User,
    questions: list[dict[str, Any]],
    title: str | None = None,
) -> QuestionnaireVersion:
    """Change the questions. A version that anyone has started answering is frozen:
    the change becomes a new version, and earlier answers keep theirs."""
    if not can_manage_follow_up(viewer=by, group=questionnaire.schedule.group):
        raise PermissionDenied
    _check_questions(questions)
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    if title:
        questionnaire.title = title
        questionnaire.save(update_fields=["title"])
    version = current_version(questionnaire)
    if version.questions == questions:
        return version
    if version.responses.exists():
        return QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=version.number + 1,
            questions=questions,
            created_by=by,
        )
    version.questions = questions
    version.created_by = by
    version.save(update_fields=["questions", "created_by"])
    return version


def _alumni(group: Group):
    return User.objects.filter(
        is_active=True, memberships__group=group, memberships__role=Membership.Role.MEMBER
    ).select_related("profile")


def _send_message(invitation: FollowUpInvitation, *, reminder: bool) -> None:
    questionnaire = invitation.questionnaire
    group = questionnaire.schedule.group
    user = invitation.respondent
    link = absolute(reverse("outcomes:answer", kwargs={"token": make_token(invitation)}))
    context = {
        "user": user,
        "questionnaire": questionnaire,
        "group": group,
        "link": link,
        "reminder": reminder,
        "closes_on": questionnaire.closes_on,
        "history_url": absolute(reverse("outcomes:my_follow_ups")),
    }
    with translation.override(translation.get_language() or "en"):
        subject = render_to_string("outcomes/email/follow_up_subject.txt", context).strip()
        body = render_to_string("outcomes/email/follow_up.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email], fail_silently=False))
    notification_create(
        recipient=user,
        verb=Notification.Verb.FOLLOW_UP,
        title=subject,
        url=reverse("outcomes:my_follow_ups"),
        target=questionnaire,
        group=group,
    )


@transaction.atomic
def _invite(questionnaire: Questionnaire, user: User, now: datetime.datetime) -> bool:
    invitation, created = FollowUpInvitation.objects.get_or_create(
        questionnaire=questionnaire,
        respondent=user,
        defaults={"sent_at": now, "last_message_at": now},
    )
    if created:
        invitation.questionnaire = questionnaire
        invitation.respondent = user
        _send_message(invitation, reminder=False)
    return created


@transaction.atomic
def _remind(invitation: FollowUpInvitation, now: datetime.datetime) -> bool:
    locked = FollowUpInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.reminded_at is not None or now - locked.last_message_at < QUIET_PERIOD:
        return False
    locked.reminded_at = now
    locked.last_message_at = now
    locked.save(update_fields=["reminded_at", "last_message_at"])
    invitation.reminded_at = now
    _send_message(invitation, reminder=True)
    return True


def follow_ups_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what is due: the questionnaire to alumni not yet invited, and a single
    reminder to those who have not submitted ``reminder_after_days`` after it came.

    Never more than one message per respondent and questionnaire within seven days,
    and never a second reminder. Each message is its own transaction, so a failure
    for one alumna does not hold back the others, and a rerun sends nothing twice.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"invited": 0, "reminded": 0}
    due = Questionnaire.objects.filter(due_on__lte=today).select_related("schedule__group__course")
    for questionnaire in due:
        if not questionnaire.is_open(today):
            continue
        group = questionnaire.schedule.group
        invitations = {
            inv.respondent_id: inv for inv in questionnaire.invitations.select_related("respondent")
        }
        submitted = set(
            questionnaire.responses.filter(submitted_at__isnull=False).values_list(
                "respondent_id", flat=True
            )
        )
        remind_after = datetime.timedelta(days=questionnaire.reminder_after_days)
        for user in _alumni(group):
            invitation = invitations.get(user.pk)
            if invitation is None:
                counts["invited"] += _invite(questionnaire, user, now)
            elif (
                user.pk not in submitted
                and invitation.reminded_at is None
                and now - invitation.sent_at >= remind_after
                and now - invitation.last_message_at >= QUIET_PERIOD
            ):
                invitation.questionnaire = questionnaire
                counts["reminded"] += _remind(invitation, now)
    logger.info("follow-ups sent: %s", counts)
    return counts


@transaction.atomic
def follow_up_answers_save(
    *,
    invitation: FollowUpInvitation,
    values: Mapping[str, Any],
    country=None,
    sector=None,
    role: str | None = None,
) -> FollowUpResponse:
    """Save what the alumna has answered so far: partial answers are kept, and she can
    come back to them. ``values`` are already-cleaned answers keyed by question; a value
    out of an indicator's range is refused here as well. Sending is a separate step
    (``follow_up_response_submit``) so that a refused submission loses nothing."""
    questionnaire = invitation.questionnaire
    response = (
        FollowUpResponse.objects.select_for_update()
        .select_related("version")
        .filter(questionnaire=questionnaire, respondent=invitation.respondent)
        .first()
    )
    if response is None:
        profile = invitation.respondent.profile
        response = FollowUpResponse.objects.create(
            questionnaire=questionnaire,
            version=current_version(questionnaire),
            respondent=invitation.respondent,
            country=country or profile.country,
            sector=sector,
            role=clean_text(role if role is not None else profile.role)[:120],
        )
    if response.is_submitted:
        raise ValidationError(_("These answers were already sent and can no longer change."))
    if country is not None:
        response.country = country
    if sector is not None:
        response.sector = sector
    if role is not None:
        response.role = clean_text(role)[:120]
    questions = {q["key"]: q for q in response.version.questions}
    for key, value in values.items():
        question = questions.get(key)
        if question is None:
            continue
        if value in (None, ""):
            FollowUpAnswer.objects.filter(response=response, key=key).delete()
            continue
        defaults: dict[str, Any] = {"indicator_id": question.get("indicator")}
        if question["kind"] == "number":
            number = float(value)
            low, high = question.get("min"), question.get("max")
            if (low is not None and number < low) or (high is not None and number > high):
                raise ValidationError({key: _("This answer is out of range.")})
            defaults.update(number=number, text="")
        else:
            # Normalised, without bidirectional controls: the organiser reads it as typed.
            defaults.update(number=None, text=clean_text(str(value))[:5000])
        FollowUpAnswer.objects.update_or_create(response=response, key=key, defaults=defaults)
    response.save()
    return response


@transaction.atomic
def follow_up_response_submit(*, invitation: FollowUpInvitation) -> FollowUpResponse:
    """Send the answers: every required question must have one."""
    response = (
        FollowUpResponse.objects.select_for_update()
        .select_related("version")
        .filter(questionnaire=invitation.questionnaire, respondent=invitation.respondent)
        .first()
    )
    if response is None:
        raise ValidationError(_("Answer the questions before sending."))
    if response.is_submitted:
        return response
    answered = set(response.answers.values_list("key", flat=True))
    missing = [
        q["key"]
        for q in response.version.questions
        if q.get("required") and q["key"] not in answered
    ]
    if missing:
        raise ValidationError({k: _("Please answer this question.") for k in missing})
    response.submitted_at = timezone.now()
    response.save(update_fields=["submitted_at", "updated_at"])
    return response
