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

**Full resume.** Every change a page shows is recorded with :func:`change_on_commit`
in the same transaction as the change: the topic's (or room's) ``live_seq`` goes up by
one under the row's lock and a ``LiveChange`` row names what it touched. Events about
content carry that number (``seq``); the page starts from the number it was rendered
at (``data-cursor``) and keeps the highest it received. A client that resumes with
``cursor`` gets, besides the new posts or messages after ``last_id``, the *current*
state of everything touched after its cursor (:func:`topic_replay`,
:func:`room_replay`): edited, hidden or restored posts with their reactions and
accepted-answer badge, posts that left the topic (``post.removed``), and the topic's
title, flags and category (``topic.changed`` with ``change="state"``). Replaying the
current state rather than the history makes frames idempotent and the result equal to
a fresh page load. The log keeps the last ``LIVE_CHANGES_KEPT`` changes per topic or
room; a cursor older than that is answered with ``reload``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string

from .conf import limit

logger = logging.getLogger(__name__)


REPLAYED_STATE = "the post's current state, if touched after the client's cursor"


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
            optional=("seq",),
            on_resume="replayed for every post after the client's last id",
        ),
        LiveEvent(
            "post.edited",
            ("post",),
            Receivers.READERS,
            optional=("seq",),
            on_resume=REPLAYED_STATE + " (edits, restores, reactions, accepted answer)",
        ),
        LiveEvent(
            "post.hidden",
            ("post",),
            Receivers.READERS,
            optional=("seq",),
            on_resume=REPLAYED_STATE + " (as post.edited)",
        ),
        LiveEvent(
            "post.removed",
            ("post_id",),
            Receivers.READERS,
            optional=("seq",),
            on_resume="replayed for a post touched after the cursor that left the topic",
        ),
        LiveEvent(
            "reaction.changed",
            ("post_id", "reactions"),
            Receivers.READERS,
            optional=("seq",),
            on_resume=REPLAYED_STATE + " (as post.edited, counts in its html)",
        ),
        LiveEvent(
            "topic.changed",
            ("change", "topic"),
            Receivers.READERS,
            optional=("seq", "value", "accepted_post_id", "new_topic_url", "post_ids"),
            on_resume='the topic\'s current state (change "state") if it changed after the cursor',
        ),
        LiveEvent(
            "room.message",
            ("message",),
            Receivers.READERS,
            optional=("seq",),
            on_resume="replayed after the client's last id (the recent history from 0)",
        ),
        LiveEvent(
            "room.message_hidden",
            ("message",),
            Receivers.READERS,
            optional=("seq",),
            on_resume="the message's current state, if touched after the client's cursor",
        ),
        LiveEvent(
            "room.message_removed",
            ("message_id",),
            Receivers.READERS,
            optional=("seq",),
            on_resume="replayed for a message touched after the cursor that is gone",
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


TEXT_KEY = "text"


def with_text(message: dict) -> dict:
    """The message with its client frame already serialised, so that it is encoded
    once per event rather than once per socket (issue 16)."""
    return {**message, TEXT_KEY: json.dumps(client_frame(message))}


def frame_text(message: dict) -> str:
    """The JSON text a socket sends for ``message``."""
    return message.get(TEXT_KEY) or json.dumps(client_frame(message))


async def group_send(layer, group: str, message: dict) -> None:
    """Send from async code (consumers), with the frame serialised once."""
    await layer.group_send(group, with_text(message))


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
        async_to_sync(layer.group_send)(group, with_text(message))
    except Exception:
        # The row is stored; clients that missed the event catch up on reconnect.
        logger.warning("could not broadcast %s to %s", message.get("type"), group, exc_info=True)


def broadcast_on_commit(group: str, build: Callable[[], dict]) -> None:
    transaction.on_commit(lambda: broadcast(group, build()))


def _target(*, topic_id: int | None, room_id: int | None):
    from .models import LiveRoom, Topic

    if (topic_id is None) == (room_id is None):
        raise ValueError("a live change belongs to one topic or one room")
    return (Topic, topic_id) if topic_id is not None else (LiveRoom, room_id)


def change_record(
    *,
    touches: Iterable[tuple[str, int | None]],
    topic_id: int | None = None,
    room_id: int | None = None,
) -> int:
    """Number the next change of a topic or room and log what it touched (``(kind,
    id)`` pairs, ``LiveChange.Kind``); returns its number. Call it inside the
    transaction of the change: the ``UPDATE`` holds the row's lock until commit, so
    numbers are handed out in commit order."""
    from .models import LiveChange

    model, pk = _target(topic_id=topic_id, room_id=room_id)
    model.objects.filter(pk=pk).update(live_seq=F("live_seq") + 1)
    seq = model.objects.values_list("live_seq", flat=True).get(pk=pk)
    LiveChange.objects.bulk_create(
        LiveChange(topic_id=topic_id, room_id=room_id, seq=seq, kind=kind, object_id=object_id)
        for kind, object_id in touches
    )
    kept = limit("LIVE_CHANGES_KEPT")
    if seq > kept and seq % limit("LIVE_CHANGES_PRUNE_EVERY") == 0:
        LiveChange.objects.filter(topic_id=topic_id, room_id=room_id, seq__lte=seq - kept).delete()
    return seq


def change_on_commit(
    *,
    touches: Iterable[tuple[str, int | None]],
    build: Callable[[], dict],
    topic_id: int | None = None,
    room_id: int | None = None,
) -> int:
    """Record a change (:func:`change_record`) and broadcast its event, numbered, once
    the transaction commits. Every service that changes what a topic or room page shows
    goes through here."""
    seq = change_record(touches=touches, topic_id=topic_id, room_id=room_id)
    group = topic_group(topic_id) if topic_id is not None else room_group(room_id)
    broadcast_on_commit(group, lambda: {**build(), "seq": seq})
    return seq


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


def topic_payload(topic) -> dict:
    """What a topic page shows about the topic itself, viewer-neutral."""
    from .models import Post

    return {
        "id": topic.pk,
        "title": topic.title,
        "pinned": topic.pinned,
        "locked": topic.locked,
        "closed": topic.closed,
        "category": topic.category.name,
        "category_url": topic.category.get_absolute_url(),
        "accepted_post_id": Post.objects.filter(topic_id=topic.pk, is_accepted=True)
        .values_list("pk", flat=True)
        .first(),
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
    """``topic.changed``: what changed, and the topic's whole state after it."""
    topic = _topic(topic_id)
    return event(
        "topic.changed",
        scope=topic_scope(topic),
        change=change,
        topic=topic_payload(topic),
        **details,
    )


def message_event(name: str, message_id: int) -> dict:
    """``room.message`` / ``room.message_hidden`` from the committed row."""
    from .models import RoomMessage

    message = RoomMessage.objects.select_related("author__profile", "room__group").get(
        pk=message_id
    )
    return event(name, scope=room_scope(message.room), message=message_payload(message))


# ---------------------------------------------------------------------------
# Resume
# ---------------------------------------------------------------------------
def _replay_items(name: str, key: str, items: list, removed: str, gone: set[int]) -> list[dict]:
    frames = [event(name, **{key: item}) for item in items]
    frames += [event(removed, **{f"{key}_id": pk}) for pk in sorted(gone)]
    return frames


def topic_replay(*, topic, last_id: int, touched: dict[str, set[int]]) -> list[dict]:
    """The frames that bring a client from its cursor to the topic's current state:
    the posts after ``last_id`` (``post.created``), then every post touched since the
    cursor as it is now (``post.edited``; ``post.removed`` when it left the topic), then
    the topic's state if it changed. ``touched`` comes from
    ``selectors.live_changes_after``."""
    from . import selectors

    new = selectors.posts_after(topic=topic, last_id=last_id)
    frames = [event("post.created", post=post_payload(p)) for p in new]
    new_ids = {p.pk for p in new}
    wanted = touched.get("post", set()) - new_ids
    posts = selectors.topic_posts(topic=topic)
    if "every post" in touched:
        changed = [p for p in posts if p.pk not in new_ids]
    else:
        changed = list(posts.filter(pk__in=wanted))
    gone = wanted - {p.pk for p in changed}
    frames += _replay_items(
        "post.edited", "post", [post_payload(p) for p in changed], "post.removed", gone
    )
    if "topic" in touched:
        frames.append(event("topic.changed", change="state", topic=topic_payload(topic)))
    return frames


def room_replay(*, room, last_id: int, touched: dict[str, set[int]]) -> list[dict]:
    """As :func:`topic_replay`, for a room: new messages (the recent history from 0),
    then every message touched since the cursor as it is now."""
    from . import selectors

    if last_id == 0:
        new = selectors.room_history(room=room)
    else:
        new = selectors.room_messages_after(room=room, last_id=last_id)
    frames = [event("room.message", message=message_payload(m)) for m in new]
    wanted = touched.get("message", set()) - {m.pk for m in new}
    changed = list(selectors.room_messages(room=room).filter(pk__in=wanted).order_by("pk"))
    gone = wanted - {m.pk for m in changed}
    frames += _replay_items(
        "room.message_hidden",
        "message",
        [message_payload(m) for m in changed],
        "room.message_removed",
        gone,
    )
    return frames
