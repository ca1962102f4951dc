"""Forums: categories, topics, posts and their moderation, and live rooms.

Counters (``reply_count``, ``last_post``, ``last_activity_at``) are denormalised on the
topic so that lists stay one query; ``forums.services`` is the only code that writes
them. ``Post.body_html`` caches the sanitised render of the Markdown in ``body``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fields import CleanCharField, CleanTextField


class Category(models.Model):
    """A place for topics: site-wide, or owned by a community group (then its content
    is visible only as ``community.selectors`` allows)."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QA = "qa", _("Questions and answers")

    name = CleanCharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = CleanTextField(_("description"), blank=True, max_length=2000)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_categories",
        verbose_name=_("group"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:category_detail", kwargs={"slug": self.slug})

    @property
    def is_qa(self) -> bool:
        return self.kind == self.Kind.QA


class Topic(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="topics", verbose_name=_("category")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
        verbose_name=_("author"),
    )
    title = CleanCharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Frozen by a moderator: no replies, edits.")
    )
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("The discussion is over: no new replies.")
    )
    live_seq = models.PositiveBigIntegerField(
        default=0, editable=False, help_text=_("The number of the topic's latest live change.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the first post; blank for topics older than the field."),
    )
    case_study = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
        verbose_name=_("case study"),
    )
    inventory_item = models.ForeignKey(
        "inventory.InventoryItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
        verbose_name=_("inventory item"),
    )
    recommendation = models.ForeignKey(
        "inventory.Recommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
        verbose_name=_("recommendation"),
    )

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "-pinned", "-last_activity_at"]),
            models.Index(fields=["category", "language"], name="topic_category_language"),
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:200] or "topic"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forums:topic_detail", kwargs={"pk": self.pk, "slug": self.slug or "t"})

    @property
    def accepts_replies(self) -> bool:
        return not (self.locked or self.closed)


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("topic")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    body = CleanTextField(_("body"))
    body_html = models.TextField(editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the post is written in; blank for posts older than the field."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = CleanCharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    is_accepted = models.BooleanField(_("accepted answer"), default=False)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["topic", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["topic"], condition=Q(is_accepted=True), name="post_one_accepted_per_topic"
            )
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"#{self.pk} in {self.topic_id}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post_permalink", kwargs={"pk": self.pk})


class PostRevision(models.Model):
    """The text of a post before an edit; moderators read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = CleanTextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = CleanCharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self) -> str:
        return f"revision of post {self.post_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        THANKS = "thanks", _("Thanks")
        AGREE = "agree", _("Agree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique")
        ]
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.post_id}"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the member: a fresh token plus the extension of
    # the type detected from the content.
    return f"forums/attachments/{timezone.now():%Y/%m}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=255)
    original_name = CleanCharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("forums:attachment", kwargs={"pk": self.pk})


class TopicReadState(models.Model):
    """How far a member has read a topic: drives the unread markers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="topic_read_state_unique")
        ]
        verbose_name = _("topic read state")
        verbose_name_plural = _("topic read states")

    def __str__(self) -> str:
        return f"{self.user_id} read {self.topic_id} to {self.last_read_post_id}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or disrespectful")
        OFF_TOPIC = "off_topic", _("Off topic")
        PRIVACY = "privacy", _("Shares private information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_flags"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    details = CleanTextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = CleanCharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="flag_one_open_per_reporter",
            )
        ]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return f"flag {self.pk} on post {self.post_id} ({self.status})"


class LiveRoom(models.Model):
    """A chat-like back-channel attached to a group or to an event (a workshop, a
    webinar). Messages persist; a room of a group follows the group's privacy."""

    name = CleanCharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = CleanTextField(_("description"), blank=True, max_length=2000)
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="live_rooms",
        verbose_name=_("group"),
    )
    event_name = CleanCharField(_("event"), max_length=200, blank=True)
    event_slug = models.SlugField(_("event slug"), max_length=120, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    live_seq = models.PositiveBigIntegerField(
        default=0, editable=False, help_text=_("The number of the room's latest live change.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("live room")
        verbose_name_plural = _("live rooms")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:room_detail", kwargs={"slug": self.slug})


class RoomMessage(models.Model):
    room = models.ForeignKey(LiveRoom, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = CleanTextField(_("message"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    hidden = models.BooleanField(default=False)
    hidden_reason = CleanCharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["room", "id"])]
        verbose_name = _("room message")
        verbose_name_plural = _("room messages")

    def __str__(self) -> str:
        return f"message {self.pk} in {self.room_id}"


class ModerationAction(models.Model):
    """The audit log: every moderator action, who took it, on what, and why."""

    class Action(models.TextChoices):
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")
        LOCK = "lock", _("locked")
        UNLOCK = "unlock", _("unlocked")
        CLOSE = "close", _("closed")
        REOPEN = "reopen", _("reopened")
        MOVE = "move", _("moved")
        RENAME = "rename", _("renamed")
        SPLIT = "split", _("split")
        HIDE_POST = "hide_post", _("hid a post")
        UNHIDE_POST = "unhide_post", _("restored a post")
        EDIT_POST = "edit_post", _("edited a member's post")
        RESOLVE_FLAG = "resolve_flag", _("resolved a flag")
        HIDE_MESSAGE = "hide_message", _("hid a room message")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_actions"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    room = models.ForeignKey(
        LiveRoom, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = CleanCharField(_("reason"), max_length=500, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} at {self.created_at:%Y-%m-%d %H:%M}"


class LiveChange(models.Model):
    """One entry of a topic's or a room's change log, what a resuming client is sent
    again (``forums.live``). Each topic and room numbers its changes ``1, 2, 3, …``
    (``live_seq``, incremented under the row's lock, so numbers follow commit order);
    one change may touch several objects (a split, an accepted answer), then it has one
    row per object. Old entries are pruned: a cursor older than the log gets "reload"."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        TOPIC = "topic", _("topic")
        MESSAGE = "message", _("room message")

    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="live_changes"
    )
    room = models.ForeignKey(
        LiveRoom, null=True, blank=True, on_delete=models.CASCADE, related_name="live_changes"
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seq", "pk"]
        indexes = [
            models.Index(fields=["topic", "seq"], name="live_change_topic_seq"),
            models.Index(fields=["room", "seq"], name="live_change_room_seq"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, room__isnull=True)
                | Q(topic__isnull=True, room__isnull=False),
                name="live_change_one_target",
            )
        ]
        verbose_name = _("live change")
        verbose_name_plural = _("live changes")

    def __str__(self) -> str:
        target = f"topic {self.topic_id}" if self.topic_id else f"room {self.room_id}"
        return f"{target} #{self.seq} {self.kind} {self.object_id}"
