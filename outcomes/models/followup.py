"""Longitudinal follow-up of a course cohort.

A ``FollowUpSchedule`` belongs to one alumni network (a cohort). It holds one
``Questionnaire`` per time point (3, 6, 12 months after the course ends…). The questions
live in numbered ``QuestionnaireVersion`` rows: once someone has answered a version it
is frozen, and editing the questionnaire creates the next version, so old answers stay
tied to the questions that were actually asked.

Each alumna gets one ``FollowUpInvitation`` per questionnaire (it records when she was
invited and reminded, which is how nobody is nagged) and at most one
``FollowUpResponse``, whose ``FollowUpAnswer`` rows are saved as she goes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField


class FollowUpSchedule(models.Model):
    group = models.OneToOneField(
        "community.Group",
        on_delete=models.CASCADE,
        related_name="follow_up_schedule",
        verbose_name=_("alumni network"),
    )
    framework = models.ForeignKey(
        "outcomes.ResultsFramework",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedules",
        verbose_name=_("results framework"),
    )
    course_end = models.DateField(_("course end date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up schedule")
        verbose_name_plural = _("follow-up schedules")

    def __str__(self) -> str:
        return str(self.group)


class Questionnaire(models.Model):
    schedule = models.ForeignKey(
        FollowUpSchedule, on_delete=models.CASCADE, related_name="questionnaires"
    )
    months_after = models.PositiveSmallIntegerField(_("months after the course"))
    title = CleanCharField(_("title"), max_length=255)
    due_on = models.DateField(_("sent on"))
    open_days = models.PositiveSmallIntegerField(
        _("days open for answers"),
        default=60,
        help_text=_("Links expire, and the questionnaire closes, this many days after it is sent."),
    )
    reminder_after_days = models.PositiveSmallIntegerField(_("remind after (days)"), default=14)

    class Meta:
        ordering = ["schedule", "months_after"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "months_after"], name="questionnaire_unique_time_point"
            )
        ]
        verbose_name = _("follow-up questionnaire")
        verbose_name_plural = _("follow-up questionnaires")

    def __str__(self) -> str:
        return self.title

    @property
    def closes_on(self) -> datetime.date:
        return self.due_on + datetime.timedelta(days=self.open_days)

    def is_open(self, today: datetime.date) -> bool:
        return self.due_on <= today <= self.closes_on


class QuestionnaireVersion(models.Model):
    """The questions of one version, as a list of dicts::

    {"key": "ind-12", "kind": "number", "label": "...", "unit": "%",
     "min": 0, "max": 100, "indicator": 12, "required": true}
    {"key": "applied", "kind": "text", "label": "What have you applied?"}
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    questions = models.JSONField(_("questions"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_unique"
            )
        ]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"


class FollowUpInvitation(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_up_invitations"
    )
    sent_at = models.DateTimeField(_("sent"))
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    last_message_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "respondent"], name="invitation_unique"
            )
        ]
        indexes = [models.Index(fields=["respondent", "questionnaire"])]
        verbose_name = _("follow-up invitation")
        verbose_name_plural = _("follow-up invitations")

    def __str__(self) -> str:
        return f"{self.respondent_id} → {self.questionnaire_id}"


class FollowUpResponse(models.Model):
    """One alumna's answers to one questionnaire. Country, sector and role are copied
    at the time of answering so that the dashboard's breakdowns do not shift when a
    profile changes later."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_up_responses"
    )
    country = models.ForeignKey(
        "taxonomy.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sector = models.ForeignKey(
        "taxonomy.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = CleanCharField(_("role"), max_length=120, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "respondent"], name="response_unique")
        ]
        indexes = [models.Index(fields=["questionnaire", "submitted_at"])]
        verbose_name = _("follow-up response")
        verbose_name_plural = _("follow-up responses")

    def __str__(self) -> str:
        return f"{self.respondent_id} → {self.questionnaire_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class FollowUpAnswer(models.Model):
    response = models.ForeignKey(FollowUpResponse, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=40)
    indicator = models.ForeignKey(
        "outcomes.Indicator", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.FloatField(null=True, blank=True)
    text = CleanTextField(blank=True, max_length=5000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "key"], name="answer_unique_key")
        ]
        indexes = [models.Index(fields=["indicator", "response"])]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.key

    @property
    def value(self):
        return self.number if self.number is not None else self.text
