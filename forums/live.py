"""Channel-layer groups and the events sent to them.

Services call ``broadcast_on_commit``: the event is built and sent only after the
transaction commits, so no client ever sees a post that the database does not hold, and
every event carries the id a reconnecting client resumes from.

Events are viewer-neutral: everyone on a topic may see it, hidden bodies are never sent,
and controls that depend on the viewer (edit, moderate) are revealed by the page's
script from data attributes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def topic_group(topic_id: int) -> str:
    return f"forums.topic.{topic_id}"


def room_group(room_id: int) -> str:
    return f"forums.room.{room_id}"


def user_group(user_id: int) -> str:
    """Every socket of a member listens here: access re-checks after membership changes."""
    return f"forums.user.{user_id}"


def community_group(group_id: int) -> str:
    """Sockets on a community group's topics and rooms: re-check when the group changes."""
    return f"forums.cgroup.{group_id}"


def broadcast(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        # The row is stored; clients that missed the event catch up on reconnect.
        logger.warning("could not broadcast %s to %s", event.get("type"), group, exc_info=True)


def broadcast_on_commit(group: str, build: Callable[[], dict]) -> None:
    transaction.on_commit(lambda: broadcast(group, build()))


def post_payload(post) -> dict:
    """What a topic's sockets receive about one post (hidden bodies are not sent)."""
    from . import selectors

    return {
        "id": post.pk,
        "topic_id": post.topic_id,
        "author_id": post.author_id,
        "author": post.author.display_name if post.author else "",
        "created_at": post.created_at.isoformat(),
        "edited_at": post.edited_at.isoformat() if post.edited_at else None,
        "language": post.language,
        "hidden": post.hidden,
        "is_accepted": post.is_accepted,
        "reactions": {r.kind: r.count for r in selectors.reaction_summary(post)},
        "html": render_to_string(
            "forums/includes/post.html",
            {
                "post": post,
                "live": True,
                "reactions": selectors.reaction_summary(post),
                "topic": post.topic,
            },
        ),
    }


def post_event(event_type: str, post_id: int) -> dict:
    """Build a post event from the committed row (fresh reactions and attachments)."""
    from . import selectors

    post = selectors.post_queryset().select_related("topic__category").get(pk=post_id)
    return {"type": event_type, "post": post_payload(post)}


def message_payload(message) -> dict:
    return {
        "id": message.pk,
        "room_id": message.room_id,
        "author_id": message.author_id,
        "author": message.author.display_name if message.author else "",
        "created_at": message.created_at.isoformat(),
        "hidden": message.hidden,
        "html": render_to_string("forums/includes/room_message.html", {"message": message}),
    }
