"""The catalogue of live events, the channel-layer groups they travel in, and how they
are sent.

**Every event that crosses the channel layer is declared in** ``CATALOGUE``: its name
(the frame's ``type``; Channels calls the consumer method named after it, dots as
underscores), the fields a client receives, who may receive it, and what a resuming
client gets instead of it. Producers build events only with :func:`event` (or the
builders below, which call it), which refuses undeclared names and fields; services send
them with :func:`broadcast_on_commit`, so no client ever hears of a row the database
does not hold.

Events about content carry a ``scope``: the topic's category, group and the group's
privacy *as committed when the event was built*. Consumers compare it with what they
know before forwarding anything (``forums.consumers``): a mismatch — the topic moved,
the group changed its privacy, even without any announcement — makes the socket reload
and decide again with the visibility selector, so a client never receives an event it
may no longer see. The scope is stripped before the frame leaves the server.

Events are viewer-neutral: everyone on a topic may see them, hidden bodies are never
sent, and controls that depend on the viewer (edit, moderate) are revealed by the page's
script from data attributes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


# Resume replays new posts and messages only; edits, hides, reactions and topic changes
# made while a client was away reach it on its next page load (issue 20.3, not done yet).
NOT_REPLAYED = "not replayed: the next page load shows it"


class Receivers(StrEnum):
    """Who may receive an event."""

    READERS = "sockets whose viewer may see the topic or room now (visibility selector)"
    OTHER_READERS = "the same readers, except the socket that sent it"
    SERVER = "nobody: a signal to the consumers, never forwarded"


@dataclass(frozen=True)
class LiveEvent:
    name: str
    fields: tuple[str, ...]
    receivers: Receivers
    optional: tuple[str, ...] = ()
    on_resume: str = ""

    @property
    def handler(self) -> str:
        """The consumer method Channels calls for it."""
        return self.name.replace(".", "_")


CATALOGUE: dict[str, LiveEvent] = {
    e.name: e
    for e in (
        LiveEvent(
            "post.created",
            ("post",),
            Receivers.READERS,
            on_resume="replayed for every post after the client's last id",
        ),
        LiveEvent(
            "post.edited",
            ("post",),
            Receivers.READERS,
            on_resume=NOT_REPLAYED,
        ),
        LiveEvent(
            "post.hidden",
            ("post",),
            Receivers.READERS,
            on_resume=NOT_REPLAYED,
        ),
        LiveEvent(
            "reaction.changed",
            ("post_id", "reactions"),
            Receivers.READERS,
            on_resume=NOT_REPLAYED,
        ),
        LiveEvent(
            "topic.changed",
            ("change",),
            Receivers.READERS,
            optional=("value", "accepted_post_id", "new_topic_url", "post_ids"),
            on_resume=NOT_REPLAYED,
        ),
        LiveEvent(
            "room.message",
            ("message",),
            Receivers.READERS,
            on_resume="replayed after the client's last id (the recent history from 0)",
        ),
        LiveEvent(
            "room.message_hidden",
            ("message",),
            Receivers.READERS,
            on_resume=NOT_REPLAYED,
        ),
        LiveEvent("typing", ("user_id", "name", "sender"), Receivers.OTHER_READERS),
        LiveEvent("presence.changed", ("readers", "count"), Receivers.READERS),
        LiveEvent("access.recheck", (), Receivers.SERVER),
    )
}

SCOPE_KEY = "scope"


def event(name: str, /, *, scope: dict | None = None, **payload) -> dict:
    """A channel-layer message for the catalogued event ``name``."""
    spec = CATALOGUE[name]
    missing = set(spec.fields) - payload.keys()
    unknown = payload.keys() - set(spec.fields) - set(spec.optional)
    if missing or unknown:
        raise ValueError(f"{name}: missing {sorted(missing)}, undeclared {sorted(unknown)}")
    message = {"type": name, **payload}
    if scope is not None:
        message[SCOPE_KEY] = scope
    return message


def client_frame(message: dict) -> dict:
    """What the browser receives: the declared fields, without the server-side scope."""
    spec = CATALOGUE[message["type"]]
    keep = {"type", *spec.fields, *spec.optional} - {"sender"}
    return {k: v for k, v in message.items() if k in keep}


# ---------------------------------------------------------------------------
# Channel-layer groups
# ---------------------------------------------------------------------------
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


def category_group(category_id: int) -> str:
    """Sockets on a category's topics: re-check when the category changes hands."""
    return f"forums.category.{category_id}"


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------
def broadcast(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        # The row is stored; clients that missed the event catch up on reconnect.
        logger.warning("could not broadcast %s to %s", message.get("type"), group, exc_info=True)


def broadcast_on_commit(group: str, build: Callable[[], dict]) -> None:
    transaction.on_commit(lambda: broadcast(group, build()))


def recheck_on_commit(group: str) -> None:
    """Ask the sockets in ``group`` to reload and decide again whether they may stay."""
    broadcast_on_commit(group, lambda: event("access.recheck"))


# ---------------------------------------------------------------------------
# Scopes and payloads
# ---------------------------------------------------------------------------
def topic_scope(topic) -> dict:
    """The inputs of the visibility rule for a topic (its category, group, privacy)."""
    group = topic.category.group
    return {
        "category_id": topic.category_id,
        "group_id": group.pk if group else None,
        "privacy": group.privacy if group else None,
    }


def room_scope(room) -> dict:
    group = room.group
    return {"group_id": group.pk if group else None, "privacy": group.privacy if group else None}


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


# ---------------------------------------------------------------------------
# Builders (run on commit, from the committed rows)
# ---------------------------------------------------------------------------
def _topic(topic_id: int):
    from .models import Topic

    return Topic.objects.select_related("category__group").get(pk=topic_id)


def post_event(name: str, post_id: int) -> dict:
    """``post.created`` / ``post.edited`` / ``post.hidden`` from the committed row."""
    from . import selectors

    post = selectors.post_queryset().select_related("topic__category__group").get(pk=post_id)
    return event(name, scope=topic_scope(post.topic), post=post_payload(post))


def reaction_event(post_id: int) -> dict:
    from . import selectors
    from .models import Post

    topic_id = Post.objects.values_list("topic_id", flat=True).get(pk=post_id)
    return event(
        "reaction.changed",
        scope=topic_scope(_topic(topic_id)),
        post_id=post_id,
        reactions=selectors.reaction_counts(post_id=post_id),
    )


def topic_event(topic_id: int, change: str, **details) -> dict:
    return event("topic.changed", scope=topic_scope(_topic(topic_id)), change=change, **details)


def message_event(name: str, message_id: int) -> dict:
    """``room.message`` / ``room.message_hidden`` from the committed row."""
    from .models import RoomMessage

    message = RoomMessage.objects.select_related("author__profile", "room__group").get(
        pk=message_id
    )
    return event(name, scope=room_scope(message.room), message=message_payload(message))
