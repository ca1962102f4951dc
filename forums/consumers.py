"""WebSockets of the forums: an open topic page and a live room.

Both consumers authenticate from the session (``scope["user"]``), check the member's
right to see the topic or room on connect and again whenever a membership or a group
changes, and refuse bad frames with an error frame instead of closing:

    {"type": "error", "code": "<code>", "message": "<human text>"}

Client frames: ``typing``, ``presence`` (heartbeat), ``resume`` with ``last_id`` (send
everything after it, oldest first, no duplicates) and, in rooms, ``message`` with
``body``. Writes go through ``forums.services``; the services broadcast on commit.

Close codes: 4401 not signed in, 4404 no such topic/room *or* not allowed to see it
(indistinguishable on purpose), 4403 access revoked while connected.
"""

from __future__ import annotations

import json
import logging
import time

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core import ratelimit

from . import live, selectors, services
from .conf import limit
from .models import LiveRoom, Topic

logger = logging.getLogger(__name__)

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_REVOKED = 4403
IDENTITY_KEYS = ("author", "author_id", "user", "user_id", "sender", "handle")


class _LiveConsumer(AsyncWebsocketConsumer):
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
        if self.user is None or not self.user.is_authenticated or not self.user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        target = await database_sync_to_async(self.load_target)()
        if target is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.target = target
        await self.accept()
        for group in self.channel_groups():
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self.presence_update(joined=True)

    async def disconnect(self, code) -> None:
        # Leave the groups first: nothing more reaches this socket, not even its own
        # "left" presence event.
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []
        if getattr(self, "target", None) is not None:
            await self.presence_update(joined=False)

    def channel_groups(self) -> list[str]:
        groups = [self.live_group, live.user_group(self.user.pk)]
        if self.community_group_id:
            groups.append(live.community_group(self.community_group_id))
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
        await self.channel_layer.group_send(
            self.live_group,
            {
                "type": "typing",
                "user_id": self.user.pk,
                "name": self.user.display_name,
                "sender": self.channel_name,
            },
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
        last_id = frame.get("last_id")
        if isinstance(last_id, bool) or not isinstance(last_id, int) or last_id < 0:
            await self.send_error("invalid_frame", _("“last_id” must be a whole number ≥ 0."))
            return
        items = await database_sync_to_async(self.items_after)(last_id)
        for item in items:
            if self.mark_sent(item["id"]):
                await self.send_json({"type": self.item_event, self.item_key: item, "replay": True})
        self.last_sent_id = max(self.last_sent_id, last_id)
        await self.send_json({"type": "resume.done", "last_id": self.last_sent_id})

    # -- events from the channel layer ---------------------------------------
    async def typing(self, event: dict) -> None:
        if event.get("sender") != self.channel_name:
            await self.send_json(
                {"type": "typing", "user_id": event["user_id"], "name": event["name"]}
            )

    async def presence_changed(self, event: dict) -> None:
        await self.send_json(
            {"type": "presence", "readers": event["readers"], "count": event.get("count")}
        )

    async def access_recheck(self, event: dict) -> None:
        """A membership, a group or the topic's category changed: may this member still
        see what they are connected to? If not, say so and close."""
        allowed = await database_sync_to_async(self.still_allowed)()
        if not allowed:
            await self.send_json(
                {"type": "revoked", "message": _("You no longer have access to this page.")}
            )
            await self.disconnect(CLOSE_REVOKED)
            self.target = None
            self.revoked = True
            await self.close(code=CLOSE_REVOKED)

    async def send_item(self, event: dict) -> None:
        """Forward a new post or message once, even if a catch-up already sent it."""
        item = event[self.item_key]
        if self.mark_sent(item["id"]):
            await self.send_json({"type": self.item_event, self.item_key: item})

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
        # Events already queued for this channel when access was revoked are dropped.
        if getattr(self, "revoked", False):
            return
        await self.send(text_data=json.dumps(content))

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
                {
                    "type": "presence.changed",
                    "readers": readers[: limit("PRESENCE_NAMES")],
                    "count": len(readers),
                },
            )
        return readers

    def _may_announce(self, count: int) -> bool:
        """Every join and leave is announced on a small topic; on a crowded one (a
        join storm is N² frames) at most one announcement per interval goes out and
        the 30-second heartbeats carry the rest."""
        if count < limit("PRESENCE_CROWD"):
            return True
        return cache.add(f"{self.presence_key()}:announced", 1, timeout=limit("PRESENCE_INTERVAL"))

    def load_target(self):
        raise NotImplementedError

    def still_allowed(self) -> bool:
        raise NotImplementedError

    def items_after(self, last_id: int) -> list[dict]:
        raise NotImplementedError


class TopicConsumer(_LiveConsumer):
    """``ws/forums/topics/<id>/``: new posts, edits, hides, reactions, presence, typing."""

    item_event = "post.created"
    item_key = "post"

    def load_target(self) -> Topic | None:
        try:
            topic = selectors.topic_get(
                viewer=self.user, pk=self.scope["url_route"]["kwargs"]["pk"]
            )
        except Exception:  # Http404: does not exist or not visible, same answer
            return None
        self.live_group = live.topic_group(topic.pk)
        self.community_group_id = topic.category.group_id
        return topic

    def still_allowed(self) -> bool:
        selectors.forget_rights(self.user)
        try:
            topic = selectors.topic_get(viewer=self.user, pk=self.target.pk)
        except Exception:
            return False
        self.target = topic
        return True

    def items_after(self, last_id: int) -> list[dict]:
        return [
            live.post_payload(p) for p in selectors.posts_after(topic=self.target, last_id=last_id)
        ]

    async def post_created(self, event: dict) -> None:
        await self.send_item(event)

    async def post_edited(self, event: dict) -> None:
        await self.send_json({"type": "post.edited", "post": event["post"]})

    async def post_hidden(self, event: dict) -> None:
        await self.send_json({"type": "post.hidden", "post": event["post"]})

    async def reaction_changed(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "reaction.changed",
                "post_id": event["post_id"],
                "reactions": event["reactions"],
            }
        )

    async def topic_changed(self, event: dict) -> None:
        await self.send_json(dict(event))


class RoomConsumer(_LiveConsumer):
    """``ws/rooms/<slug>/``: a live room's messages, presence and typing."""

    item_event = "room.message"
    item_key = "message"
    frame_types = (*_LiveConsumer.frame_types, "message")

    def load_target(self) -> LiveRoom | None:
        try:
            room = selectors.room_get(
                viewer=self.user, slug=self.scope["url_route"]["kwargs"]["slug"]
            )
        except Exception:
            return None
        self.live_group = live.room_group(room.pk)
        self.community_group_id = room.group_id
        return room

    def still_allowed(self) -> bool:
        selectors.forget_rights(self.user)
        try:
            self.target = selectors.room_get(viewer=self.user, slug=self.target.slug)
        except Exception:
            return False
        return True

    def items_after(self, last_id: int) -> list[dict]:
        if last_id == 0:
            messages = selectors.room_history(room=self.target)
        else:
            messages = selectors.room_messages_after(room=self.target, last_id=last_id)
        return [live.message_payload(m) for m in messages]

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

    async def room_message(self, event: dict) -> None:
        await self.send_item(event)

    async def room_message_hidden(self, event: dict) -> None:
        await self.send_json({"type": "room.message_hidden", "message": event["message"]})


def _client_id(frame: dict) -> str | None:
    """The client's own label for a message, echoed so it can match the ack."""
    value = frame.get("client_id")
    return value[:64] if isinstance(value, str) else None
