"""WebSockets of the forums: an open topic page and a live room.

Both consumers authenticate from the session (``scope["user"]``), check the member's
right to see the topic or room on connect and again whenever a membership or a group
changes, and refuse bad frames with an error frame instead of closing:

    {"type": "error", "code": "<code>", "message": "<human text>"}

Client frames: ``typing``, ``presence`` (heartbeat), ``resume`` with ``last_id`` (send
every post or message after it, oldest first, no duplicates) and ``cursor`` (the last
change number the page applied: also send the current state of everything changed
since, or ``reload`` when the log no longer reaches back that far) and, in rooms,
``message`` with ``body``. Writes go through ``forums.services``; the services broadcast on commit.

Close codes: 4401 not signed in, 4404 no such topic/room *or* not allowed to see it
(indistinguishable on purpose), 4403 access revoked while connected.

**A socket follows what it shows.** It listens to the groups that announce every change
of the inputs of the visibility rule: its topic (moves, via the event's scope), the
topic's category, the category's community group (privacy), and the viewer (membership).
When the topic moves it leaves the old category's and group's channels and joins the new
ones, then reads again (subscribe first, then read: a change committed in between is
still heard). Every event is checked when it is about to be sent: its scope (the rule's
inputs when it was built, ``forums.live``) must be the one the socket decided on, else
the socket reloads and decides again; the decision itself is the visibility selector of
``community`` on cached state, so a message costs no query. ``resume`` always reloads
first. Which events exist, who may receive them and what resume replays is catalogued
in ``forums.live``.
"""

from __future__ import annotations

import json
import logging
import time
from abc import ABC, abstractmethod

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from community import selectors as community_selectors
from core import ratelimit
from core.exceptions import NotFound

from . import live, selectors, services
from .conf import limit
from .models import LiveRoom, Topic

logger = logging.getLogger(__name__)

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_REVOKED = 4403
IDENTITY_KEYS = ("author", "author_id", "user", "user_id", "sender", "handle")


class _LiveConsumer(AsyncWebsocketConsumer, ABC):
    """What topics and rooms share: authentication, frame checks, rate limits,
    presence, typing and catch-up."""

    kind = ""
    frame_types: tuple[str, ...] = ("typing", "presence", "resume", "ping")

    # -- lifecycle -----------------------------------------------------------
    async def connect(self) -> None:
        self.user = self.scope.get("user")
        self.groups_joined: list[str] = []
        self.last_sent_id = 0
        self.sent_ids: set[int] = set()
        self.revoked = False
        if self.user is None or not self.user.is_authenticated or not self.user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        target = await database_sync_to_async(self.reload)()
        if target is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.target = target
        await self.accept()
        if await self.follow():
            await self.presence_update(joined=True)

    async def disconnect(self, code) -> None:
        # Leave the groups first: nothing more reaches this socket, not even its own
        # "left" presence event.
        await self.leave(getattr(self, "groups_joined", []))
        if getattr(self, "target", None) is not None:
            await self.presence_update(joined=False)

    async def leave(self, groups) -> None:
        for group in list(groups):
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.remove(group)

    async def follow(self) -> bool:
        """Listen to the groups that announce changes of the current target, leave the
        others; read again after joining new ones (a change committed before the join
        was not heard). Returns whether the viewer may still see the target."""
        for _attempt in range(3):
            wanted = self.channel_groups()
            new = [g for g in wanted if g not in self.groups_joined]
            for group in new:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
            await self.leave([g for g in self.groups_joined if g not in wanted])
            if not new:
                break
            target = await database_sync_to_async(self.reload)()
            if target is None:
                return await self.revoke()
            self.target = target
            if self.channel_groups() == wanted:
                break
        return True

    async def refresh(self) -> bool:
        """Reload the target and the viewer's memberships from the database, follow its
        groups, and decide again. Closes the socket (4403) when access is gone."""
        if self.revoked:
            return False
        target = await database_sync_to_async(self.reload)()
        if target is None:
            return await self.revoke()
        self.target = target
        return await self.follow()

    async def revoke(self) -> bool:
        await self.send_json(
            {"type": "revoked", "message": _("You no longer have access to this page.")}
        )
        await self.leave(self.groups_joined)
        await self.presence_update(joined=False)
        self.target = None
        self.revoked = True
        await self.close(code=CLOSE_REVOKED)
        return False

    async def may_receive(self, message: dict) -> bool:
        """Decide at send time whether this event may go to this viewer: if it was built
        under other inputs of the visibility rule than the socket knows (a move, a
        privacy change), reload first; then ask the visibility selector, with the
        memberships cached by the last reload (no query)."""
        if self.revoked or getattr(self, "target", None) is None:
            return False
        scope = message.get(live.SCOPE_KEY)
        if scope is not None and scope != self.target_scope():
            return await self.refresh()
        if not community_selectors.can_view_group_content(
            viewer=self.user, group=self.target_group()
        ):
            return await self.revoke()
        return True

    def channel_groups(self) -> list[str]:
        groups = [self.live_group, live.user_group(self.user.pk)]
        group = self.target_group()
        if group is not None:
            groups.append(live.community_group(group.pk))
        return groups

    # -- frames from the client ---------------------------------------------
    async def receive(self, text_data=None, bytes_data=None) -> None:
        if bytes_data is not None:
            await self.send_error("binary_not_supported", _("Send JSON text frames."))
            return
        if len((text_data or "").encode()) > limit("WS_FRAME_MAX_BYTES"):
            await self.send_error(
                "too_large",
                _("That message is too large (the limit is %(max)d bytes).")
                % {"max": limit("WS_FRAME_MAX_BYTES")},
            )
            return
        try:
            frame = json.loads(text_data or "")
        except ValueError:
            await self.send_error("invalid_json", _("That frame is not valid JSON."))
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send_error("invalid_frame", _("A frame is a JSON object with a “type”."))
            return
        frame_type = frame["type"]
        if frame_type not in self.frame_types:
            await self.send_error("unknown_type", _("Unknown frame type."))
            return
        if self.claims_other_identity(frame):
            await self.send_error(
                "identity_mismatch",
                _("Frames cannot speak for another member; nothing was stored."),
            )
            return
        rate, window = limit("WS_FRAME_RATE")
        if not await sync_to_async(ratelimit.allow)(
            f"forums:ws:{self.user.pk}", limit=rate, window=window
        ):
            await self.send_error("rate_limited", _("Too many messages; slow down a little."))
            return
        await getattr(self, f"frame_{frame_type}")(frame)

    def claims_other_identity(self, frame: dict) -> bool:
        for key in IDENTITY_KEYS:
            if key in frame:
                value = frame[key]
                if isinstance(value, dict):
                    value = value.get("id", value.get("handle"))
                if str(value) not in {str(self.user.pk), self.user.handle}:
                    return True
        return False

    async def frame_ping(self, frame: dict) -> None:
        await self.send_json({"type": "pong"})

    async def frame_typing(self, frame: dict) -> None:
        await live.group_send(
            self.channel_layer,
            self.live_group,
            live.event(
                "typing",
                user_id=self.user.pk,
                name=self.user.display_name,
                sender=self.channel_name,
            ),
        )

    async def frame_presence(self, frame: dict) -> None:
        readers = await self.presence_update(joined=True, announce=False)
        await self.send_json(
            {
                "type": "presence",
                "readers": readers[: limit("PRESENCE_NAMES")],
                "count": len(readers),
            }
        )

    async def frame_resume(self, frame: dict) -> None:
        """Catch up: the posts (messages) after ``last_id`` and, given the ``cursor``
        of the last change the page applied, the current state of everything changed
        since (``forums.live``). Ends with ``resume.done`` carrying the new cursor, or
        answers ``reload`` when the cursor is older than the change log."""
        last_id, cursor = frame.get("last_id"), frame.get("cursor")
        if not _whole(last_id):
            await self.send_error("invalid_frame", _("“last_id” must be a whole number ≥ 0."))
            return
        if cursor is not None and not _whole(cursor):
            await self.send_error("invalid_frame", _("“cursor” must be a whole number ≥ 0."))
            return
        if not await self.refresh():
            return
        try:
            frames, cursor = await database_sync_to_async(self.catch_up)(last_id, cursor)
        except selectors.CursorExpired:
            await self.send_json(
                {
                    "type": "reload",
                    "message": _("This page missed too many changes; reload it to catch up."),
                }
            )
            return
        for message in frames:
            if message["type"] == self.item_event and not self.mark_sent(
                message[self.item_key]["id"]
            ):
                continue
            await self.send_json({**live.client_frame(message), "replay": True})
        self.last_sent_id = max(self.last_sent_id, last_id)
        await self.send_json(
            {"type": "resume.done", "last_id": self.last_sent_id, "cursor": cursor}
        )

    def catch_up(self, last_id: int, cursor: int | None) -> tuple[list[dict], int | None]:
        """The replay frames and the cursor they bring the client to. Without a cursor
        (an older page) only the new posts or messages."""
        touched: dict[str, set[int]] = {}
        if cursor is not None:
            cursor, touched = selectors.live_changes_after(cursor=cursor, **self.log_owner())
        return self.replay(last_id, touched), cursor

    # -- events from the channel layer ---------------------------------------
    # One handler per catalogued event (``forums.live.CATALOGUE``); each asks
    # ``may_receive`` before anything leaves the server.
    async def forward(self, message: dict) -> None:
        if await self.may_receive(message):
            await self.send_text(live.frame_text(message))

    async def typing(self, message: dict) -> None:
        if message.get("sender") != self.channel_name:
            await self.forward(message)

    async def presence_changed(self, message: dict) -> None:
        if await self.may_receive(message):
            await self.send_json(
                {"type": "presence", "readers": message["readers"], "count": message["count"]}
            )

    async def layer_reconnected(self, message: dict) -> None:
        """Not an event of the catalogue: the worker's channel-layer subscription was
        lost and is back (``forums.layers.RECONNECTED``), so events sent in between
        never reached this socket, which stayed open. The page is asked to ``resume``
        from what it last saw and its cursor, as after a reconnect."""
        await self.send_json({"type": "resync"})

    async def access_recheck(self, message: dict) -> None:
        """A membership, a group or the target's category changed: reload and decide
        again; close when access is gone."""
        await self.refresh()

    async def send_item(self, message: dict) -> None:
        """Forward a new post or message once, even if a catch-up already sent it."""
        if not await self.may_receive(message):
            return
        if self.mark_sent(message[self.item_key]["id"]):
            await self.send_text(live.frame_text(message))

    def mark_sent(self, item_id: int) -> bool:
        """Remember what this socket was sent; ``False`` if it already was. A live
        event may overtake a catch-up (they come from different queues), so the check
        is by id, not by "greater than the last one"."""
        if item_id in self.sent_ids:
            return False
        self.sent_ids.add(item_id)
        self.last_sent_id = max(self.last_sent_id, item_id)
        if len(self.sent_ids) > 4000:
            self.sent_ids = set(sorted(self.sent_ids)[-2000:])
        return True

    # -- helpers -------------------------------------------------------------
    async def send_json(self, content: dict) -> None:
        await self.send_text(json.dumps(content))

    async def send_text(self, text: str) -> None:
        # Events already queued for this channel when access was revoked are dropped.
        if self.revoked:
            return
        await self.send(text_data=text)

    async def dispatch(self, message: dict) -> None:
        """Channels closes stale database connections (a hand-off to a worker thread)
        before every message; for channel-layer events on a crowded topic that was a
        fifth of the server's time (issue 16). Their handlers reach the database only
        through ``database_sync_to_async``, which closes stale connections itself, so
        only the socket's own messages keep Channels' path."""
        if message["type"].startswith("websocket."):
            await super().dispatch(message)
            return
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": str(message)})

    def presence_key(self) -> str:
        return f"forums:presence:{self.live_group}"

    def _presence_write(self, joined: bool) -> list[dict]:
        # A small dict per topic in the shared cache; a lost concurrent update heals at
        # the next heartbeat (every 30 s from the page's script).
        now = time.time()
        ttl = limit("PRESENCE_TTL")
        entries = {
            channel: entry
            for channel, entry in (cache.get(self.presence_key()) or {}).items()
            if entry["seen"] > now - ttl
        }
        if joined:
            entries[self.channel_name] = {
                "id": self.user.pk,
                "name": self.user.display_name,
                "seen": now,
            }
        else:
            entries.pop(self.channel_name, None)
        cache.set(self.presence_key(), entries, timeout=ttl)
        readers = {e["id"]: e["name"] for e in entries.values()}
        return [{"id": pk, "name": name} for pk, name in sorted(readers.items())]

    async def presence_update(self, *, joined: bool, announce: bool = True) -> list[dict]:
        readers = await sync_to_async(self._presence_write)(joined)
        if announce and await sync_to_async(self._may_announce)(len(readers)):
            await self.channel_layer.group_send(
                self.live_group,
                live.event(
                    "presence.changed",
                    readers=readers[: limit("PRESENCE_NAMES")],
                    count=len(readers),
                ),
            )
        return readers

    def _may_announce(self, count: int) -> bool:
        """Every join and leave is announced on a small topic; on a crowded one (a
        join storm is N² frames) at most one announcement per interval goes out and
        the 30-second heartbeats carry the rest."""
        if count < limit("PRESENCE_CROWD"):
            return True
        return cache.add(f"{self.presence_key()}:announced", 1, timeout=limit("PRESENCE_INTERVAL"))

    # What a topic socket and a room socket each define; the base class is never routed.

    @abstractmethod
    def reload(self):
        """The target as the viewer may see it now (fresh memberships), or ``None``."""

    @abstractmethod
    def target_group(self):
        """The community group the target belongs to now, or ``None`` (site-wide)."""

    @abstractmethod
    def target_scope(self) -> dict:
        """The target's category, group and privacy, as events carry them."""

    @abstractmethod
    def log_owner(self) -> dict:
        """``topic=`` or ``room=``: whose change log the socket follows."""

    @abstractmethod
    def replay(self, last_id: int, touched: dict[str, set[int]]) -> list[dict]:
        """The frames that bring a resuming client up to date."""


class TopicConsumer(_LiveConsumer):
    """``ws/forums/topics/<id>/``: new posts, edits, hides, reactions, presence, typing."""

    item_event = "post.created"
    item_key = "post"

    def reload(self) -> Topic | None:
        selectors.forget_rights(self.user)
        try:
            topic = selectors.topic_get(viewer=self.user, pk=self.topic_id)
        except NotFound:  # does not exist or not visible: the same answer
            return None
        self.live_group = live.topic_group(topic.pk)
        return topic

    @property
    def topic_id(self) -> int:
        return self.scope["url_route"]["kwargs"]["pk"]

    def target_group(self):
        return self.target.category.group

    def target_scope(self) -> dict:
        return live.topic_scope(self.target)

    def channel_groups(self) -> list[str]:
        return [*super().channel_groups(), live.category_group(self.target.category_id)]

    def log_owner(self) -> dict:
        return {"topic": self.target}

    def replay(self, last_id: int, touched: dict[str, set[int]]) -> list[dict]:
        return live.topic_replay(topic=self.target, last_id=last_id, touched=touched)

    async def post_created(self, message: dict) -> None:
        await self.send_item(message)

    async def post_edited(self, message: dict) -> None:
        await self.forward(message)

    async def post_hidden(self, message: dict) -> None:
        await self.forward(message)

    async def post_removed(self, message: dict) -> None:
        await self.forward(message)

    async def reaction_changed(self, message: dict) -> None:
        await self.forward(message)

    async def topic_changed(self, message: dict) -> None:
        await self.forward(message)


class RoomConsumer(_LiveConsumer):
    """``ws/rooms/<slug>/``: a live room's messages, presence and typing."""

    item_event = "room.message"
    item_key = "message"
    frame_types = (*_LiveConsumer.frame_types, "message")

    def reload(self) -> LiveRoom | None:
        selectors.forget_rights(self.user)
        try:
            room = selectors.room_get(
                viewer=self.user, slug=self.scope["url_route"]["kwargs"]["slug"]
            )
        except NotFound:
            return None
        self.live_group = live.room_group(room.pk)
        return room

    def target_group(self):
        return self.target.group

    def target_scope(self) -> dict:
        return live.room_scope(self.target)

    def log_owner(self) -> dict:
        return {"room": self.target}

    def replay(self, last_id: int, touched: dict[str, set[int]]) -> list[dict]:
        return live.room_replay(room=self.target, last_id=last_id, touched=touched)

    async def frame_message(self, frame: dict) -> None:
        body = frame.get("body")
        if not isinstance(body, str):
            await self.send_error("invalid_frame", _("A message needs a text “body”."))
            return
        rate, window = limit("WS_MESSAGE_RATE")
        if not await sync_to_async(ratelimit.allow)(
            f"forums:room:{self.user.pk}", limit=rate, window=window
        ):
            await self.send_error(
                "rate_limited", _("You are sending messages too quickly; wait a few seconds.")
            )
            return
        try:
            message = await database_sync_to_async(services.room_message_create)(
                room=self.target, author=self.user, body=body
            )
        except ValidationError as exc:
            await self.send_error("invalid_message", " ".join(exc.messages))
            return
        except (PermissionDenied, LiveRoom.DoesNotExist):
            await self.send_error("forbidden", _("You cannot post in this room."))
            return
        await self.send_json(
            {"type": "message.ack", "id": message.pk, "client_id": _client_id(frame)}
        )

    async def room_message(self, message: dict) -> None:
        await self.send_item(message)

    async def room_message_hidden(self, message: dict) -> None:
        await self.forward(message)

    async def room_message_removed(self, message: dict) -> None:
        await self.forward(message)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _client_id(frame: dict) -> str | None:
    """The client's own label for a message, echoed so it can match the ack."""
    value = frame.get("client_id")
    return value[:64] if isinstance(value, str) else None
