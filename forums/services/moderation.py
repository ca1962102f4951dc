"""Moderation: hiding posts, pinning, locking, closing, moving and splitting topics,
and the flag queue. Every action is written to the audit log (``ModerationAction``)
in the same transaction as the change itself."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import User
from core.markdown import clean_text

from .. import live, selectors
from ..conf import limit
from ..models import Category, Flag, ModerationAction, Post, Topic
from .audit import _audit
from .posts import _post_changed, clean_title


def _require_moderator(actor: User, category: Category) -> None:
    if not selectors.can_moderate_category(actor, category):
        raise PermissionDenied


def _clean_reason(reason: str, *, required: bool = True) -> str:
    text = " ".join(clean_text(reason or "").split())
    if required and not text:
        raise ValidationError({"reason": _("Give a reason: the author will see it.")})
    if len(text) > limit("REASON_MAX_CHARS"):
        raise ValidationError(
            {
                "reason": _("Reasons may be up to %(max)d characters.")
                % {"max": limit("REASON_MAX_CHARS")}
            }
        )
    return text


def _topic_changed(
    topic_id: int,
    change: str,
    *,
    post_ids: Sequence[int] = (),
    every_post: bool = False,
    **extra,
) -> None:
    """Log a change of the topic (and of the posts it moved out, or of every post when
    their rendering depends on the change) and send ``topic.changed`` once committed."""
    if post_ids:
        extra["post_ids"] = list(post_ids)
    touches = [("topic", None), *(("post", pk) for pk in post_ids)]
    if every_post:
        touches.append(("post", None))
    live.change_on_commit(
        topic_id=topic_id,
        touches=touches,
        build=lambda: live.topic_event(topic_id, change, **extra),
    )


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------
@transaction.atomic
def post_hide(*, post: Post, actor: User, reason: str) -> Post:
    """Hide a post from members, with a reason shown in its place. Moderators still
    read it; its body is never sent over the topic's sockets again."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category__group")
        .get(pk=post.pk)
    )
    _require_moderator(actor, post.topic.category)
    cleaned = _clean_reason(reason)
    post.hidden, post.hidden_reason = True, cleaned
    post.hidden_by, post.hidden_at = actor, timezone.now()
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
    _audit(actor=actor, action=ModerationAction.Action.HIDE_POST, post=post, reason=cleaned)
    _post_changed(post, "post.hidden")
    return post


@transaction.atomic
def post_unhide(*, post: Post, actor: User, reason: str = "") -> Post:
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category__group")
        .get(pk=post.pk)
    )
    _require_moderator(actor, post.topic.category)
    post.hidden, post.hidden_reason, post.hidden_by, post.hidden_at = False, "", None, None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
    _audit(
        actor=actor,
        action=ModerationAction.Action.UNHIDE_POST,
        post=post,
        reason=_clean_reason(reason, required=False),
    )
    _post_changed(post, "post.edited")
    return post


# ---------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------
def _topic_flag(
    *, topic: Topic, actor: User, field: str, value: bool, on: str, off: str, reason: str
):
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category__group")
        .get(pk=topic.pk)
    )
    _require_moderator(actor, topic.category)
    cleaned = _clean_reason(reason, required=False)
    if getattr(topic, field) != value:
        setattr(topic, field, value)
        topic.save(update_fields=[field])
        _audit(actor=actor, action=on if value else off, topic=topic, reason=cleaned)
        _topic_changed(topic.pk, field, value=value)
    return topic


@transaction.atomic
def topic_pin(*, topic: Topic, actor: User, pinned: bool = True, reason: str = "") -> Topic:
    return _topic_flag(
        topic=topic, actor=actor, field="pinned", value=pinned, on="pin", off="unpin", reason=reason
    )


@transaction.atomic
def topic_lock(*, topic: Topic, actor: User, locked: bool = True, reason: str = "") -> Topic:
    return _topic_flag(
        topic=topic,
        actor=actor,
        field="locked",
        value=locked,
        on="lock",
        off="unlock",
        reason=reason,
    )


@transaction.atomic
def topic_close(*, topic: Topic, actor: User, closed: bool = True, reason: str = "") -> Topic:
    return _topic_flag(
        topic=topic,
        actor=actor,
        field="closed",
        value=closed,
        on="close",
        off="reopen",
        reason=reason,
    )


@transaction.atomic
def topic_move(*, topic: Topic, actor: User, category: Category, reason: str = "") -> Topic:
    """Move a topic to another category. The actor must moderate both; sockets on the
    topic re-check their right to see it (the new category may be a private group's)."""
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category__group")
        .get(pk=topic.pk)
    )
    _require_moderator(actor, topic.category)
    _require_moderator(actor, category)
    if category.pk == topic.category_id:
        return topic
    source = topic.category
    topic.category = category
    topic.save(update_fields=["category"])
    _audit(
        actor=actor,
        action=ModerationAction.Action.MOVE,
        topic=topic,
        category=source,
        reason=_clean_reason(reason, required=False),
        details={"from": source.slug, "to": category.slug},
    )
    # The event carries the topic's new scope: every socket on it reloads, follows the
    # new category and group, and decides again whether it may stay.
    # A Q&A category renders posts with answer controls: a resuming page gets them anew.
    _topic_changed(topic.pk, "category", value=category.name, every_post=True)
    return topic


@transaction.atomic
def topic_rename(*, topic: Topic, actor: User, title: str, reason: str = "") -> Topic:
    """Give a topic a clearer title (moderators of its category)."""
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category__group")
        .get(pk=topic.pk)
    )
    _require_moderator(actor, topic.category)
    cleaned = clean_title(title)
    if cleaned == topic.title:
        return topic
    before, topic.title = topic.title, cleaned
    topic.save(update_fields=["title"])
    _audit(
        actor=actor,
        action=ModerationAction.Action.RENAME,
        topic=topic,
        reason=_clean_reason(reason, required=False),
        details={"from": before, "to": cleaned},
    )
    _topic_changed(topic.pk, "title", value=cleaned)
    return topic


def _refresh_counters(topic: Topic) -> None:
    posts = Post.objects.filter(topic=topic)
    last = posts.order_by("-pk").first()
    topic.reply_count = max(posts.count() - 1, 0)
    topic.last_post = last
    topic.last_activity_at = last.created_at if last else topic.created_at
    topic.save(update_fields=["reply_count", "last_post", "last_activity_at"])


@transaction.atomic
def topic_split(
    *,
    topic: Topic,
    actor: User,
    posts: Sequence[Post],
    title: str,
    category: Category | None = None,
    reason: str = "",
) -> Topic:
    """Move some replies into a new topic (a side discussion that deserves its own)."""
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category__group")
        .get(pk=topic.pk)
    )
    _require_moderator(actor, topic.category)
    category = category or topic.category
    _require_moderator(actor, category)
    cleaned_title = clean_title(title)
    ids = sorted({p.pk for p in posts})
    first_id = Post.objects.filter(topic=topic).order_by("pk").values_list("pk", flat=True).first()
    if not ids:
        raise ValidationError({"posts": _("Choose the replies to move.")})
    if first_id in ids:
        raise ValidationError({"posts": _("The first post stays with its topic.")})
    moving = list(Post.objects.filter(topic=topic, pk__in=ids).select_related("author"))
    if len(moving) != len(ids):
        raise ValidationError({"posts": _("Some of those posts are not in this topic.")})
    first = moving[0]
    new_topic = Topic.objects.create(
        category=category,
        author=first.author,
        title=cleaned_title,
        created_at=first.created_at,
        language=first.language,
    )
    Post.objects.filter(pk__in=ids).update(topic=new_topic, is_accepted=False)
    _refresh_counters(topic)
    _refresh_counters(new_topic)
    _audit(
        actor=actor,
        action=ModerationAction.Action.SPLIT,
        topic=topic,
        reason=_clean_reason(reason, required=False),
        details={"new_topic": new_topic.pk, "posts": ids},
    )
    _topic_changed(topic.pk, "split", new_topic_url=new_topic.get_absolute_url(), post_ids=ids)
    return new_topic


# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------
@transaction.atomic
def flag_create(*, post: Post, reporter: User, reason: str, details: str = "") -> Flag:
    """A member asks moderators to look at a post. One open flag per member and post."""
    post = Post.objects.select_related("topic__category__group").get(pk=post.pk)
    if not selectors.can_view_topic(viewer=reporter, topic=post.topic):
        raise Post.DoesNotExist
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if post.author_id == reporter.pk:
        raise ValidationError({"reason": _("You cannot flag your own post.")})
    if post.hidden:
        raise ValidationError({"reason": _("A moderator has already hidden this post.")})
    text = clean_text(details or "").strip()
    if len(text) > 1000:
        raise ValidationError({"details": _("Details may be up to 1000 characters.")})
    if reason == Flag.Reason.OTHER and not text:
        raise ValidationError({"details": _("Tell the moderators what is wrong.")})
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, reporter=reporter, reason=reason, details=text)
    except IntegrityError as exc:
        raise ValidationError(
            {"reason": _("You have already flagged this post; moderators will look at it.")}
        ) from exc


@transaction.atomic
def flag_resolve(*, flag: Flag, actor: User, upheld: bool, note: str = "") -> Flag:
    """Uphold a flag (the post is hidden with the note as reason) or dismiss it. Other
    open flags on the same post are resolved the same way."""
    flag = (
        Flag.objects.select_for_update(of=("self",))
        .select_related("post__topic__category__group")
        .get(pk=flag.pk)
    )
    _require_moderator(actor, flag.post.topic.category)
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(_("This flag has already been resolved."))
    cleaned = _clean_reason(note, required=upheld)
    status = Flag.Status.UPHELD if upheld else Flag.Status.DISMISSED
    now = timezone.now()
    Flag.objects.filter(post=flag.post, status=Flag.Status.OPEN).update(
        status=status, resolved_by=actor, resolved_at=now, resolution_note=cleaned
    )
    if upheld and not flag.post.hidden:
        post_hide(post=flag.post, actor=actor, reason=cleaned)
    _audit(
        actor=actor,
        action=ModerationAction.Action.RESOLVE_FLAG,
        post=flag.post,
        reason=cleaned,
        details={"flag": flag.pk, "decision": status},
    )
    flag.refresh_from_db()
    return flag


def last_post_id(topic: Topic) -> int:
    return Post.objects.filter(topic=topic).aggregate(m=Max("pk"))["m"] or 0
