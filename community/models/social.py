"""Follows and notifications: what a member keeps an eye on and what they are told."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField

from .groups import Group


class Follow(models.Model):
    """A member follows something: another member, a group, a case study, a forum topic
    or category. Following is how members choose what they hear about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)
    muted = models.BooleanField(
        _("muted"),
        default=False,
        help_text=_("Still followed and listed, but its news is not sent to the member."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """Something a member should hear about, shown under the bell and in the digest.

    ``group`` records the group the subject belongs to, if any, so that a member who can
    no longer see that group's content (removed, group made secret) is never shown it.
    """

    class Verb(models.TextChoices):
        REPLY = "reply", _("reply")
        MENTION = "mention", _("mention")
        REACTION = "reaction", _("reaction")
        INVITATION = "invitation", _("invitation")
        JOIN_DECISION = "join_decision", _("join decision")
        NEW_CONTENT = "new_content", _("new content")
        MEMBERSHIP = "membership", _("membership change")
        FOLLOW_UP = "follow_up", _("follow-up questionnaire")

    class News(models.TextChoices):
        """Why the member hears of it: something addressed to them, or news from a kind
        of thing they follow (the keys of :mod:`community.follows`). Each kind has its
        own delivery preference (:mod:`community.delivery`)."""

        PERSONAL = "personal", _("Replies, mentions and news about you")
        MEMBER = "member", _("People you follow")
        GROUP = "group", _("Groups you follow")
        TOPIC = "topic", _("Forum topics you follow")
        CATEGORY = "category", _("Forum categories you follow")
        CASE_STUDY = "case-study", _("Case studies you follow")
        INVENTORY_ITEM = "inventory-item", _("Inventory items you follow")
        EVENT = "event", _("Events you follow")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    news = models.CharField(
        _("kind of news"), max_length=20, choices=News.choices, default=News.PERSONAL
    )
    title = CleanCharField(_("title"), max_length=300)
    url = models.CharField(max_length=500, blank=True)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "emailed_at"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
