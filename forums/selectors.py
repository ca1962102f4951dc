"""Reads shared by the forum views, the consumers and other apps' pages.

Visibility is never decided here: every query goes through ``community.selectors``
(``group_content_q`` / ``can_view_group_content``) with the category's (or room's) group.
Query counts are kept flat with ``select_related``/``prefetch_related``. A look-up that
finds nothing the viewer may see raises ``NotFound`` (``core.exceptions``); views answer
it with 404 (``core.middleware``), consumers with their "not found" close code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from community import follows as community_follows
from community import rules
from community import selectors as community_selectors
from community.models import User
from core.exceptions import NotFound
from core.i18n import supported_language

from .models import (
    Attachment,
    Category,
    Flag,
    LiveChange,
    LiveRoom,
    ModerationAction,
    Post,
    Reaction,
    RoomMessage,
    Topic,
    TopicReadState,
)

POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 30
ROOM_HISTORY = 50


def _signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated and viewer.is_active


# ---------------------------------------------------------------------------
# Moderation rights
# ---------------------------------------------------------------------------
# Who moderates what is decided in ``community.rules``; these names stay for the forum's
# callers.
is_site_moderator = rules.is_site_moderator
moderated_group_ids = rules.managed_group_ids
can_moderate_group = rules.can_moderate_group
is_any_moderator = rules.is_any_moderator


def can_moderate_category(viewer, category: Category) -> bool:
    return can_moderate_group(viewer, category.group_id)


def forget_rights(viewer) -> None:
    """Drop per-request caches after a membership change (consumers re-check)."""
    rules.forget_rights(viewer)
    community_selectors.forget_memberships(viewer)


# ---------------------------------------------------------------------------
# Categories and topics
# ---------------------------------------------------------------------------
def category_list(*, viewer) -> QuerySet[Category]:
    """Categories the viewer may read, with their topic count and last activity."""
    return (
        Category.objects.filter(community_selectors.group_content_q(viewer=viewer))
        .select_related("group")
        .annotate(topic_count=Count("topics"), last_activity_at=Max("topics__last_activity_at"))
        .order_by("group__name", "position", "name")
    )


def category_get(*, viewer, slug: str) -> Category:
    """The category, or ``NotFound`` when it does not exist or the viewer may not see it."""
    try:
        return (
            Category.objects.filter(community_selectors.group_content_q(viewer=viewer))
            .select_related("group")
            .get(slug=slug)
        )
    except Category.DoesNotExist as exc:
        raise NotFound from exc


def visible_topics(*, viewer) -> QuerySet[Topic]:
    return Topic.objects.filter(
        community_selectors.group_content_q(viewer=viewer, prefix="category__group")
    )


def topic_list(
    *, viewer, category: Category | None = None, language: str | None = None
) -> QuerySet[Topic]:
    """Topics, pinned first then most recent activity, with what the list shows: the
    author, the last post's author, and for a signed-in viewer the id of the last post
    they read (``last_read_post_id``, ``None`` for never opened). ``language`` keeps the
    topics started in that language; an unsupported code is ignored (all topics)."""
    topics = visible_topics(viewer=viewer).select_related(
        "category", "category__group", "author__profile", "last_post__author__profile"
    )
    if category is not None:
        topics = topics.filter(category=category)
    if language := supported_language(language):
        topics = topics.filter(language=language)
    if _signed_in(viewer):
        topics = topics.annotate(
            last_read_post_id=Subquery(
                TopicReadState.objects.filter(topic=OuterRef("pk"), user=viewer).values(
                    "last_read_post_id"
                )[:1]
            )
        )
    return topics.order_by("-pinned", "-last_activity_at", "-pk")


def topic_language_counts(
    *, viewer, category: Category | None = None, group_id: int | None = None
) -> dict[str, int]:
    """How many of the topics the viewer may see (in a category, or a group's
    categories) were started in each language, in one query, for the counts beside the
    language filter. Topics older than the field count under ``""``."""
    topics = visible_topics(viewer=viewer)
    if category is not None:
        topics = topics.filter(category=category)
    if group_id is not None:
        topics = topics.filter(category__group_id=group_id)
    rows = topics.order_by().values("language").annotate(n=Count("pk"))
    return {row["language"]: row["n"] for row in rows}


def topic_get(*, viewer, pk: int) -> Topic:
    """The topic, or ``NotFound`` when it does not exist *or* the viewer may not see
    it: a secret group's topic must not be revealed by a 403."""
    try:
        return (
            visible_topics(viewer=viewer)
            .select_related("category", "category__group", "author__profile")
            .get(pk=pk)
        )
    except Topic.DoesNotExist as exc:
        raise NotFound from exc


def can_view_topic(*, viewer, topic: Topic) -> bool:
    return community_selectors.can_view_group_content(viewer=viewer, group=topic.category.group)


def topics_linked_to(*, viewer, obj) -> QuerySet[Topic]:
    """Discussions about a case study page, an inventory item or a recommendation, for
    the "Discussions" panel of their pages."""
    from inventory.models import InventoryItem, Recommendation

    if isinstance(obj, InventoryItem):
        q = Q(inventory_item=obj)
    elif isinstance(obj, Recommendation):
        q = Q(recommendation=obj)
    else:
        q = Q(case_study_id=obj.pk)
    return (
        visible_topics(viewer=viewer)
        .filter(q)
        .select_related("category", "author__profile")
        .order_by("-last_activity_at")
    )


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
def post_queryset() -> QuerySet[Post]:
    """Posts with everything their rendering needs, in a fixed number of queries:
    the author and profile joined, reactions (with their users' ids) and attachments
    prefetched."""
    return Post.objects.select_related("author__profile", "hidden_by").prefetch_related(
        Prefetch("reactions", queryset=Reaction.objects.only("id", "post_id", "user_id", "kind")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
    )


def topic_posts(*, topic: Topic) -> QuerySet[Post]:
    return post_queryset().filter(topic=topic).order_by("pk")


def posts_after(*, topic: Topic, last_id: int, limit: int = 500) -> list[Post]:
    """The posts a reconnecting client missed, oldest first."""
    return list(topic_posts(topic=topic).filter(pk__gt=last_id)[:limit])


def post_get(*, viewer, pk: int) -> Post:
    try:
        return (
            post_queryset()
            .select_related("topic__category__group")
            .filter(
                community_selectors.group_content_q(viewer=viewer, prefix="topic__category__group")
            )
            .get(pk=pk)
        )
    except Post.DoesNotExist as exc:
        raise NotFound from exc


def can_read_post_body(*, viewer, post: Post) -> bool:
    """Whether the viewer may read the post's text and attachments (the post itself
    being visible): a hidden post's only to those who moderate its category, as on the
    topic page; everyone else sees the moderator's note."""
    return not post.hidden or can_moderate_category(viewer, post.topic.category)


def post_page_number(*, post: Post) -> int:
    before = Post.objects.filter(topic_id=post.topic_id, pk__lt=post.pk).count()
    return before // POSTS_PER_PAGE + 1


@dataclass(frozen=True)
class ReactionSummary:
    kind: str
    label: str
    count: int
    mine: bool


def reaction_summary(post: Post, viewer=None) -> list[ReactionSummary]:
    """Counts per kind from the prefetched reactions (no query)."""
    counts = Counter(r.kind for r in post.reactions.all())
    mine = (
        {r.kind for r in post.reactions.all() if r.user_id == viewer.pk}
        if _signed_in(viewer)
        else set()
    )
    return [
        ReactionSummary(
            kind=value, label=str(label), count=counts.get(value, 0), mine=value in mine
        )
        for value, label in Reaction.Kind.choices
    ]


def reaction_counts(*, post_id: int) -> dict[str, int]:
    rows = Reaction.objects.filter(post_id=post_id).values_list("kind").annotate(n=Count("pk"))
    counts = dict.fromkeys(Reaction.Kind.values, 0)
    counts.update(dict(rows))
    return counts


def read_state_get(*, viewer, topic: Topic) -> int:
    if not _signed_in(viewer):
        return 0
    return (
        TopicReadState.objects.filter(user=viewer, topic=topic)
        .values_list("last_read_post_id", flat=True)
        .first()
        or 0
    )


def is_watching(*, viewer, target) -> bool:
    """Watching a topic or category is following it (:mod:`community.follows`)."""
    return community_follows.is_following(user=viewer, obj=target)


def mentioned_users(handles: set[str]) -> list[User]:
    if not handles:
        return []
    return list(User.objects.filter(handle__in=handles, is_active=True))


# ---------------------------------------------------------------------------
# Moderation
# ---------------------------------------------------------------------------
def _moderated_q(viewer, prefix: str) -> Q:
    if is_site_moderator(viewer):
        return Q()
    return Q(**{f"{prefix}__in": moderated_group_ids(viewer)})


def moderatable_categories(viewer) -> QuerySet[Category]:
    """Where a moderator may move topics."""
    categories = Category.objects.select_related("group").order_by("group__name", "position")
    if is_site_moderator(viewer):
        return categories
    return categories.filter(group__in=moderated_group_ids(viewer))


def flag_queue(*, viewer, status: str = Flag.Status.OPEN) -> QuerySet[Flag]:
    """Flags the viewer may handle: all of them for site moderators, their groups'
    for group moderators."""
    if not is_any_moderator(viewer):
        return Flag.objects.none()
    return (
        Flag.objects.filter(_moderated_q(viewer, "post__topic__category__group"), status=status)
        .select_related(
            "post__author__profile",
            "post__topic__category",
            "reporter__profile",
            "resolved_by__profile",
        )
        .order_by("created_at", "pk")
    )


def moderation_log(*, viewer) -> QuerySet[ModerationAction]:
    if not is_any_moderator(viewer):
        return ModerationAction.objects.none()
    q = Q()
    if not is_site_moderator(viewer):
        ids = moderated_group_ids(viewer)
        q = Q(category__group__in=ids) | Q(room__group__in=ids)
    return ModerationAction.objects.filter(q).select_related(
        "actor__profile", "topic", "post", "room", "category"
    )


def post_revisions(*, post: Post):
    return post.revisions.select_related("editor__profile")


# ---------------------------------------------------------------------------
# Live rooms
# ---------------------------------------------------------------------------
def room_list(*, viewer) -> QuerySet[LiveRoom]:
    return (
        LiveRoom.objects.filter(community_selectors.group_content_q(viewer=viewer))
        .select_related("group")
        .annotate(message_count=Coalesce(Count("messages"), 0))
    )


def room_get(*, viewer, slug: str) -> LiveRoom:
    try:
        return (
            LiveRoom.objects.filter(community_selectors.group_content_q(viewer=viewer))
            .select_related("group")
            .get(slug=slug)
        )
    except LiveRoom.DoesNotExist as exc:
        raise NotFound from exc


def can_view_room(*, viewer, room: LiveRoom) -> bool:
    return community_selectors.can_view_group_content(viewer=viewer, group=room.group)


def room_messages(*, room: LiveRoom) -> QuerySet[RoomMessage]:
    return RoomMessage.objects.filter(room=room).select_related("author__profile")


def room_history(*, room: LiveRoom, limit: int = ROOM_HISTORY) -> list[RoomMessage]:
    latest = list(room_messages(room=room).order_by("-pk")[:limit])
    latest.reverse()
    return latest


def room_messages_after(*, room: LiveRoom, last_id: int, limit: int = 500) -> list[RoomMessage]:
    return list(room_messages(room=room).filter(pk__gt=last_id).order_by("pk")[:limit])


# ---------------------------------------------------------------------------
# Resume
# ---------------------------------------------------------------------------
class CursorExpired(Exception):  # noqa: N818
    """The client's cursor is older than the change log keeps (or not one of ours)."""


def live_changes_after(
    *, cursor: int, topic: Topic | None = None, room: LiveRoom | None = None
) -> tuple[int, dict[str, set[int]]]:
    """What changed in a topic or room after ``cursor``: the latest change number and
    the ids touched per kind (``{"post": {…}, "topic": set()}``; ``"every post"`` when
    a change touched all of them). Raises
    ``CursorExpired`` when changes after the cursor were pruned from the log (or the
    cursor is ahead of the log): the client must reload."""
    target = topic if topic is not None else room
    current = type(target).objects.values_list("live_seq", flat=True).get(pk=target.pk)
    rows = list(
        LiveChange.objects.filter(topic=topic, room=room, seq__gt=cursor)
        .order_by("seq")
        .values_list("seq", "kind", "object_id")
    )
    if cursor > current or (current > cursor and (not rows or rows[0][0] != cursor + 1)):
        raise CursorExpired
    touched: dict[str, set[int]] = {}
    for _seq, kind, object_id in rows:
        if object_id is None and kind != LiveChange.Kind.TOPIC:
            touched.setdefault(f"every {kind}", set())  # e.g. a move re-renders every post
            continue
        ids = touched.setdefault(kind, set())
        if object_id is not None:
            ids.add(object_id)
    return (rows[-1][0] if rows else cursor), touched
