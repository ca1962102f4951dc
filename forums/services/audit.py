"""The moderation audit log, written by every service that acts on someone else's
content (moderation, moderator edits of posts, live rooms). Its own module so that
``posts`` and ``moderation`` do not import each other."""

from __future__ import annotations

from community.models import User
from core.markdown import clean_text

from ..conf import limit
from ..models import Category, ModerationAction, Post, Topic


def _audit(
    *,
    actor: User,
    action: str,
    topic: Topic | None = None,
    post: Post | None = None,
    room=None,
    category: Category | None = None,
    reason: str = "",
    details: dict | None = None,
) -> ModerationAction:
    if category is None and topic is not None:
        category = topic.category
    if category is None and post is not None:
        category = post.topic.category
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        topic=topic or (post.topic if post is not None else None),
        post=post,
        room=room,
        category=category,
        reason=clean_text(reason)[: limit("REASON_MAX_CHARS")],
        details=details or {},
    )
